"""The plain-text reader: the optional `key: value` header closed by `---`, and the text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontlines.ingest import read_documents
from frontlines.ingest.text import split_header
from frontlines.models import Document, Failure


def _read_one(path: Path, **options: object) -> Document | Failure:
    (item,) = list(read_documents([str(path)], **options))
    return item


def test_text_header_fields_and_body(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ingest" / "badakhshan_report.txt"
    document = _read_one(path)

    assert isinstance(document, Document)
    assert document.id == "rfa-badakhshan-0705"
    assert document.title == "Fighting reaches the outskirts of Fayzabad"
    assert document.outlet == "Radio Free Asia Desk"
    assert document.url == "https://rfa-desk.example/badakhshan/0705"
    assert document.published == date(2021, 7, 5)
    assert document.kind == "article"
    assert document.language == "en"
    assert document.text is not None
    assert document.text.startswith("FAYZABAD — Taliban fighters reached")
    assert "---" not in document.text
    assert "title:" not in document.text
    assert document.origin == str(path)


def test_text_without_header_is_all_text(tmp_path: Path) -> None:
    transcript = (
        "good evening the governor of hell mend says fighting continues in lashkar gah\n"
        "our correspondent reports that families left the city overnight\n"
    )
    path = tmp_path / "bulletin.txt"
    path.write_text(transcript)
    document = _read_one(path, published=date(2021, 8, 2))

    assert isinstance(document, Document)
    assert document.text == transcript
    assert document.published == date(2021, 8, 2)
    assert document.id.startswith("sha256:")
    assert document.title is None


def test_text_dateline_colon_is_not_a_header(tmp_path: Path) -> None:
    text = (
        "KABUL: Two rockets hit the diplomatic area on Tuesday, police said.\n"
        "---\n"
        "Related: Kabul airport closed\n"
    )
    path = tmp_path / "wire.txt"
    path.write_text(text)
    document = _read_one(path)
    assert isinstance(document, Document)
    assert document.text == text  # "KABUL" is not a SCHEMA key, so there is no header


def test_text_header_with_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(
        b"title: Shelling in Maimana\r\npublished: 2021-07-09\r\n---\r\n"
        b"Shelling hit the outskirts of Maimana on Friday.\r\n"
    )
    document = _read_one(path)
    assert isinstance(document, Document)
    assert document.title == "Shelling in Maimana"
    assert document.published == date(2021, 7, 9)
    assert document.text == "Shelling hit the outskirts of Maimana on Friday.\n"


@pytest.mark.parametrize(
    "value", ["unknown", "Unknown", "n/a", "", "undated", "the day before yesterday", "13/45/2021"]
)
def test_text_header_with_an_unknown_or_unreadable_date_is_read_undated(
    tmp_path: Path, value: str
) -> None:
    path = tmp_path / "no_date.txt"
    path.write_text(f"published: {value}\ntitle: Clashes\n---\nClashes in Ghazni.\n")
    document = _read_one(path)
    assert isinstance(document, Document)
    assert document.published is None
    assert document.text == "Clashes in Ghazni.\n"


def test_text_without_a_date_takes_the_default_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "unknown.txt"
    path.write_text("published: unknown\n---\nClashes in Ghazni on Friday.\n")
    (document,) = list(read_documents([str(path)], published=date(2021, 7, 9)))
    assert isinstance(document, Document)
    assert document.published == date(2021, 7, 9)


def test_text_header_only_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "header_only.txt"
    path.write_text("id: empty-body\ntitle: Nothing below\n---\n\n")
    failure = _read_one(path)
    assert isinstance(failure, Failure)
    assert "has no text" in failure.problem


@pytest.mark.parametrize(
    ("text", "expected_header"),
    [
        ("id: a\n---\nbody", {"id": "a"}),
        (
            "\nTitle: Kunduz\nSource-Note: desk\n---\nbody",
            {"title": "Kunduz", "source-note": "desk"},
        ),
        ("no header here\n---\nbody", {}),
        ("id: a\nbut this is prose\n---\nbody", {}),
        ("notes: internal\n---\nbody", {}),
        ("id: a\ntitle: b\n", {}),
    ],
)
def test_split_header_reads_only_a_real_header(text: str, expected_header: dict[str, str]) -> None:
    header, body = split_header(text)
    assert header == expected_header
    assert body == ("body" if expected_header else text)
