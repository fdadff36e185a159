"""Plain-text documents: an optional `key: value` header closed by `---`, then the text."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from frontlines.ingest.encoding import decode_bytes
from frontlines.ingest.fields import METADATA_KEYS, ReadOptions, build_document
from frontlines.ingest.limits import read_file_bytes
from frontlines.models import Document

logger = logging.getLogger(__name__)

# A header is short; a text whose first `---` comes later than this is not using one.
MAX_HEADER_LINES = 30

_HEADER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z_-]{0,30})\s*:\s?(.*?)\s*$")
_HEADER_END = re.compile(r"^\s*---+\s*$")
_LINE_BREAKS = re.compile(r"\r\n?")


def read_text_file(path: Path, *, origin: str, options: ReadOptions) -> Iterator[Document]:
    """The one document in a `.txt` file.

    Raises:
        IngestError: unreadable, empty, binary, too long, or a bad header value.
    """
    data = read_file_bytes(path, origin=origin, max_chars=options.max_chars)
    yield parse_text(decode_bytes(data, origin=origin), origin=origin, options=options)


def parse_text(text: str, *, origin: str, options: ReadOptions) -> Document:
    """A Document from text with an optional header block (SCHEMA.md §1).

    The header is read only when every line before the first `---` line is `key: value` and at
    least one key is a SCHEMA key; otherwise the whole input is text.
    """
    text = _LINE_BREAKS.sub("\n", text).lstrip("\ufeff")
    header, body = split_header(text)
    fields: dict[str, object] = {
        key: value for key, value in header.items() if key in METADATA_KEYS
    }
    ignored = sorted(set(header) - set(fields))
    if ignored:
        logger.debug("%s: header keys ignored: %s", origin, ", ".join(ignored))
    fields["text"] = body
    return build_document(fields, origin=origin, options=options)


def split_header(text: str) -> tuple[dict[str, str], str]:
    """(header fields with lower-case keys, the rest) — an empty header when there is none."""
    lines = text.split("\n", MAX_HEADER_LINES + 1)
    fields: dict[str, str] = {}
    for number, line in enumerate(lines[: MAX_HEADER_LINES + 1]):
        if _HEADER_END.match(line) and fields:
            has_schema_key = any(key in METADATA_KEYS for key in fields)
            return (fields, "\n".join(lines[number + 1 :])) if has_schema_key else ({}, text)
        if not line.strip():
            continue
        match = _HEADER_LINE.match(line)
        if match is None:
            return {}, text
        fields[match.group(1).lower()] = match.group(2)
    return {}, text
