"""Turning input bytes into text: BOMs, UTF-8, mixed and legacy encodings, and binary detection."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from frontlines.errors import IngestError

# How many leading bytes are inspected to decide that a file is binary (NUL bytes).
BINARY_SNIFF_BYTES = 8192
# Share of control characters (other than tab/newline/carriage return/form feed) above which
# decoded "text" is really binary; plain and HTML news pages have ~0, images/zips have > 10%.
MAX_CONTROL_CHAR_RATIO = 0.05
# Single-byte legacy encodings that charset_normalizer confuses with each other on short English
# texts (it says cp1250 for cp1252 smart quotes); for English news cp1252 is the right reading.
WESTERN_ENCODINGS = frozenset(
    {"cp1250", "cp1252", "iso8859-1", "iso8859-2", "iso8859-15", "mac-roman", "ascii"}
)
FALLBACK_ERRORS = "frontlines-cp1252"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# One well-formed multi-byte UTF-8 sequence: if a file has some, invalid bytes elsewhere are
# pieces in another encoding (mixed file), not a whole file in a legacy encoding.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xC2-\xDF][\x80-\xBF]|\xE0[\xA0-\xBF][\x80-\xBF]|[\xE1-\xEC\xEE\xEF][\x80-\xBF]{2}"
    rb"|\xED[\x80-\x9F][\x80-\xBF]|\xF0[\x90-\xBF][\x80-\xBF]{2}|[\xF1-\xF3][\x80-\xBF]{3}"
    rb"|\xF4[\x80-\x8F][\x80-\xBF]{2}"
)
# C0 and C1 control characters except tab, newline, vertical tab, form feed, carriage return.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _decode_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """codecs error handler: read bytes that are not UTF-8 as cp1252 (latin-1 for its 5 holes)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    text = "".join(_cp1252_char(byte) for byte in bad)
    return text, error.end


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


codecs.register_error(FALLBACK_ERRORS, _decode_as_cp1252)


def is_binary(head: bytes) -> bool:
    """True when these leading bytes are not text: NUL bytes without a UTF-16/32 byte-order mark."""
    if any(head.startswith(bom) for bom, name in _BOMS if name != "utf-8"):
        return False
    return b"\x00" in head


def decode_bytes(data: bytes, *, origin: str, declared: str | None = None) -> str:
    """Decode input bytes into text, keeping the text whenever it really is text.

    Tried in order: a byte-order mark; strict UTF-8; the `declared` encoding (HTML meta or HTTP
    charset) when valid; UTF-8 with cp1252 for the bytes that are not UTF-8 when the file mixes
    both; charset_normalizer's guess for a whole file in one legacy encoding.

    Raises:
        IngestError: the bytes are binary (NUL bytes, control characters) rather than text.
    """
    if is_binary(data[:BINARY_SNIFF_BYTES]):
        raise IngestError(origin, _binary_problem())
    text = _decode(data, declared)
    if _control_char_ratio(text) > MAX_CONTROL_CHAR_RATIO:
        raise IngestError(origin, _binary_problem())
    return text.replace("\x00", "")  # stray NULs past the sniffed head: noise, not text


def _decode(data: bytes, declared: str | None) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared_codec = normalise_encoding(declared)
    if declared_codec in ("ascii", "iso8859-1"):
        # Browsers (WHATWG Encoding standard) read these labels as cp1252; so do we.
        return data.decode("cp1252", errors=FALLBACK_ERRORS)
    if declared_codec and not declared_codec.startswith("utf"):
        try:
            return data.decode(declared_codec)
        except UnicodeDecodeError:
            pass
    if _UTF8_MULTIBYTE.search(data):
        return data.decode("utf-8", errors=FALLBACK_ERRORS)
    return data.decode(_guess_legacy_encoding(data), errors=FALLBACK_ERRORS)


def _guess_legacy_encoding(data: bytes) -> str:
    best = charset_normalizer.from_bytes(data).best()
    encoding = normalise_encoding(best.encoding if best else None)
    if encoding is None or encoding in WESTERN_ENCODINGS or encoding.startswith("utf"):
        return "cp1252"
    return encoding


def normalise_encoding(name: str | None) -> str | None:
    """The Python codec name for an encoding label ("windows-1252" -> "cp1252"), or None."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _control_char_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL_CHARS.findall(text)) / len(text)


def _binary_problem() -> str:
    return (
        "the file is binary, not text (it has NUL bytes or control characters); "
        "give a UTF-8 text, HTML, JSONL, feed or WARC file."
    )
