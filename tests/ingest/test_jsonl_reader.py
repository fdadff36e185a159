"""The JSON Lines reader: fields, dates, ids, and one broken line failing alone."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from frontlines.ingest import read_documents
from frontlines.models import Document, Failure


def _documents(items: list[Document | Failure]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def _failures(items: list[Document | Failure]) -> list[Failure]:
    return [item for item in items if isinstance(item, Failure)]


def test_jsonl_reads_every_field_of_the_fixture(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ingest" / "reports.jsonl"
    items = list(read_documents([str(path)]))

    assert _failures(items) == []
    first, second, third = _documents(items)
    assert first.id == "kl-2021-0704-yawan"
    assert first.url == "https://kabul-ledger.example/2021/07/04/yawan"
    assert first.outlet == "Kabul Ledger"
    assert first.published == date(2021, 7, 4)
    assert first.title == "Taliban take Yawan district centre"
    assert first.kind == "article"
    assert first.language == "en"
    assert first.text is not None and first.text.startswith("FAYZABAD, Afghanistan")
    assert first.html is None
    assert first.origin == f"{path}:1"
    assert second.html is not None and "Pul-i-Khumri" in second.html
    assert second.text is None
    assert third.origin == f"{path}:4"  # the blank line 3 is skipped, numbering is kept


def test_jsonl_iso_datetime_keeps_the_local_calendar_day(fixtures_dir: Path) -> None:
    items = list(read_documents([str(fixtures_dir / "ingest" / "reports.jsonl")]))
    # "2021-07-05T21:40:00+04:30" is 17:10 UTC on the same day; the local day is what counts.
    assert _documents(items)[1].published == date(2021, 7, 5)


def test_jsonl_without_id_gets_a_content_hash(fixtures_dir: Path) -> None:
    items = list(read_documents([str(fixtures_dir / "ingest" / "reports.jsonl")]))
    third = _documents(items)[2]
    assert third.id.startswith("sha256:")
    assert len(third.id) == len("sha256:") + 16


def test_jsonl_numeric_id_becomes_a_string(tmp_path: Path) -> None:
    path = tmp_path / "numbered.jsonl"
    path.write_text(
        json.dumps({"id": 442069, "text": "Two soldiers were killed in Paletwa."}) + "\n"
    )
    (document,) = _documents(list(read_documents([str(path)])))
    assert document.id == "442069"


def test_jsonl_published_argument_fills_only_missing_dates(fixtures_dir: Path) -> None:
    items = list(
        read_documents([str(fixtures_dir / "ingest" / "reports.jsonl")], published=date(2021, 8, 1))
    )
    dates = [document.published for document in _documents(items)]
    assert dates == [date(2021, 7, 4), date(2021, 7, 5), date(2021, 8, 1)]


def test_jsonl_html_document_gets_title_and_date_from_its_markup(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Clashes in Kunduz</title>"
        '<meta property="article:published_time" content="2021-06-21T10:00:00+04:30">'
        "</head><body><p>Clashes broke out in Kunduz city on Monday.</p></body></html>"
    )
    path = tmp_path / "scraped.jsonl"
    path.write_text(json.dumps({"html": html}) + "\n")
    (document,) = _documents(list(read_documents([str(path)])))
    assert document.title == "Clashes in Kunduz"
    assert document.published == date(2021, 6, 21)


def test_jsonl_broken_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps(
            {"id": "a", "text": "Taliban fighters attacked a checkpoint in Andar district."}
        ),
        '{"id": "b", "text": "Security forces repelled an attack in Ghazni city',
        json.dumps({"id": "c", "text": "Two rockets landed near Kandahar airport on Sunday."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = list(read_documents([str(path)]))

    assert [document.id for document in _documents(items)] == ["a", "c"]
    (failure,) = _failures(items)
    assert failure.origin == f"{path}:2"
    assert failure.stage == "ingest"
    assert "not valid JSON" in failure.problem
    assert "Security forces" in failure.problem  # quoted so the user can find the line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('"a report as a bare string"', "a string, not a JSON object"),
        ('{"id": "x", "title": "no body"}', "has no text"),
        ('{"id": "x", "text": "   "}', "has no text"),
        ('{"id": "x", "text": 42}', '"text" is a number'),
        ('{"id": "x", "text": "Shelling in Kunduz.", "published": 20210705}', "not a date"),
        ('{"id": "x", "text": "Shelling in Kunduz.", "title": ["a", "b"]}', '"title" is an array'),
    ],
)
def test_jsonl_bad_line_names_the_problem(tmp_path: Path, line: str, expected: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n")
    (failure,) = list(read_documents([str(path)]))
    assert isinstance(failure, Failure)
    assert failure.origin == f"{path}:1"
    assert expected in failure.problem


def test_jsonl_published_in_words_with_a_year_is_read(tmp_path: Path) -> None:
    path = tmp_path / "words.jsonl"
    record = {"text": "Fighting in Maimana.", "published": "5 July 2021"}
    path.write_text(json.dumps(record) + "\n")
    (document,) = _documents(list(read_documents([str(path)])))
    assert document.published == date(2021, 7, 5)


def test_jsonl_cp1252_bytes_in_one_line_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "a", "text": "Mazar‑i‑Sharif — calm"}, ensure_ascii=False)
    legacy = '{"id": "b", "text": "The governor said \u201cthe city is safe\u201d."}'
    path.write_bytes(good.encode("utf-8") + b"\n" + legacy.encode("cp1252") + b"\n")
    documents = _documents(list(read_documents([str(path)])))
    assert [document.text for document in documents] == [
        "Mazar‑i‑Sharif — calm",
        "The governor said \u201cthe city is safe\u201d.",
    ]


def test_jsonl_overlong_line_fails_and_the_next_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    long_text = "Heavy fighting was reported. " * 40
    lines = [
        json.dumps({"id": "long", "text": long_text}),
        json.dumps({"id": "short", "text": "A bomb exploded in Kabul."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = list(read_documents([str(path)], max_chars=100))
    (failure,) = _failures(items)
    assert failure.origin == f"{path}:1"
    assert "too large" in failure.problem
    assert [document.id for document in _documents(items)] == ["short"]


def test_jsonl_of_blank_lines_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n\n   \n")
    (failure,) = list(read_documents([str(path)]))
    assert isinstance(failure, Failure)
    assert failure.origin == str(path)
    assert "empty" in failure.problem


def test_jsonl_lone_surrogate_escape_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.jsonl"
    path.write_text('{"id": "s", "text": "Kabul \\ud800 airport", "title": "T\\udc00"}\n')
    (document,) = _documents(list(read_documents([str(path)])))
    assert document.text == "Kabul \ufffd airport"
    assert document.title == "T\ufffd"
    assert document.text.encode("utf-8")


@pytest.mark.parametrize(
    "content",
    [
        '[\n  {"text": "Clashes in Kunduz."},\n  {"text": "Shelling in Ghazni."}\n]\n',
        '[{"text": "Clashes in Kunduz."}, {"text": "Shelling in Ghazni."}]\n',
        '{\n  "id": "pretty",\n  "text": "Clashes in Kunduz."\n}\n',
    ],
    ids=["array", "one-line-array", "pretty-object"],
)
def test_jsonl_whole_json_document_is_one_failure(tmp_path: Path, content: str) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text(content)
    (failure,) = list(read_documents([str(path)]))
    assert isinstance(failure, Failure)
    assert failure.origin == str(path)
    assert "not JSON Lines" in failure.problem
