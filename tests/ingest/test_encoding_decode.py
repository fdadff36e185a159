"""Bad bytes: empty, binary, too large, invalid UTF-8, mixed and legacy encodings, BOMs."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.errors import IngestError
from frontlines.ingest import read_documents
from frontlines.ingest.encoding import decode_bytes, is_binary
from frontlines.models import Document, Failure

SMART_QUOTES = (
    "The spokesman said \u201cthe district has fallen\u201d \u2014 a claim denied by Kabul."
)


def _read_one(path: Path, **options: object) -> Document | Failure:
    (item,) = list(read_documents([str(path)], **options))
    return item


def test_empty_file_fails(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    failure = _read_one(path)
    assert isinstance(failure, Failure)
    assert failure.origin == str(path)
    assert "empty" in failure.problem


@pytest.mark.parametrize("name", ["photo.txt", "photo.html", "photo.jsonl"])
def test_binary_file_fails(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    failure = _read_one(path)
    assert isinstance(failure, Failure)
    assert failure.origin == str(path)
    assert "binary" in failure.problem


def test_control_characters_without_nul_are_binary() -> None:
    data = bytes(range(1, 32)) * 20 + b"some text"
    with pytest.raises(IngestError, match="binary"):
        decode_bytes(data, origin="blob.txt")


def test_text_larger_than_max_chars_fails(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("Shelling continued in Lashkar Gah. " * 100)
    failure = _read_one(path, max_chars=1000)
    assert isinstance(failure, Failure)
    assert "too large" in failure.problem and "1,000" in failure.problem


def test_file_far_larger_than_max_chars_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    with path.open("wb") as stream:
        stream.truncate(10_000)  # a sparse file: its size alone rules it out
    failure = _read_one(path, max_chars=100)
    assert isinstance(failure, Failure)
    assert "10,000 bytes" in failure.problem


def test_multibyte_text_under_max_chars_is_kept(tmp_path: Path) -> None:
    text = "کابل " * 50  # 250 characters, 500 bytes in UTF-8
    path = tmp_path / "dari.txt"
    path.write_text(text, encoding="utf-8")
    document = _read_one(path, max_chars=300)
    assert isinstance(document, Document)
    assert document.text == text


def test_cp1252_file_is_read_as_cp1252(tmp_path: Path) -> None:
    text = "Caf\u00e9 owner H\u00e9l\u00e8ne said Kunduz market was shelled \u201cagain\u201d.\n"
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    document = _read_one(path)
    assert isinstance(document, Document)
    assert document.text == text


def test_mixed_utf8_and_cp1252_lines_keep_both(tmp_path: Path) -> None:
    utf8_line = "Pul\u2011i\u2011Khumri \u2014 heavy fighting on Monday.\n"
    cp1252_line = SMART_QUOTES + "\n"
    path = tmp_path / "mixed.txt"
    path.write_bytes(utf8_line.encode("utf-8") + cp1252_line.encode("cp1252"))
    document = _read_one(path)
    assert isinstance(document, Document)
    assert document.text == utf8_line + cp1252_line


def test_cyrillic_legacy_file_is_detected(tmp_path: Path) -> None:
    text = "Талибы заявили о захвате уездного центра в провинции Бадахшан.\n" * 3
    path = tmp_path / "russian.txt"
    path.write_bytes(text.encode("cp1251"))
    document = _read_one(path)
    assert isinstance(document, Document)
    assert document.text == text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_mark_decides_the_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(SMART_QUOTES.encode(encoding))
    document = _read_one(path)
    assert isinstance(document, Document)
    assert document.text == SMART_QUOTES


def test_utf16_with_bom_is_not_binary() -> None:
    assert not is_binary("Kabul".encode("utf-16"))
    assert is_binary(b"Kabul\x00\x00")


def test_stray_invalid_byte_keeps_the_text() -> None:
    data = "Jalalabad \u2014 a blast".encode() + b" near the \xff gate"
    assert decode_bytes(data, origin="x.txt") == "Jalalabad \u2014 a blast near the \u00ff gate"


def test_stray_nul_after_the_sniffed_head_is_dropped() -> None:
    text = "Fighting continued in Kunduz. " * 400  # 12,000 characters, past the binary sniff
    data = text.encode() + b"\x00" + b"Officials said two were killed."
    assert decode_bytes(data, origin="scrape.txt") == text + "Officials said two were killed."
