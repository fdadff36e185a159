"""The HTML reader: raw page kept, metadata read, broken and mis-encoded pages still read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from frontlines.ingest import read_documents
from frontlines.ingest.html import declared_charset
from frontlines.models import Document, Failure


def _read_one(path: Path, **options: object) -> Document | Failure:
    (item,) = list(read_documents([str(path)], **options))
    return item


def test_html_keeps_raw_page_and_reads_metadata(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ingest" / "kunduz_page.html"
    document = _read_one(path)

    assert isinstance(document, Document)
    assert document.html == path.read_text(encoding="utf-8")
    assert document.text is None
    assert document.title == "Kunduz city: clashes continue for third day"
    assert document.published == date(2021, 6, 23)
    assert document.url == "https://frontier-times.example/2021/06/23/kunduz-clashes"
    assert document.outlet == "Frontier Times"
    assert document.id.startswith("sha256:")
    assert document.origin == str(path)


def test_html_date_is_not_guessed_from_body_text(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    path.write_text(
        "<html><head><title>Siege of Kunduz</title></head><body>"
        "<p>The Taliban have besieged Kunduz since June 22, 2021, residents said.</p>"
        "</body></html>"
    )
    document = _read_one(path, published=date(2021, 7, 1))
    assert isinstance(document, Document)
    assert document.published == date(2021, 7, 1)  # the default, not June 22


def test_html_broken_markup_is_still_read(tmp_path: Path) -> None:
    broken = (
        "<html><head><title>Checkpoint attacked in Zabul</title><body>"
        "<div><p>Insurgents attacked a checkpoint in <b>Qalat city overnight"
        "<p>Two policemen were wounded</div></span><table><tr><td>"
    )
    path = tmp_path / "broken.html"
    path.write_text(broken)
    document = _read_one(path)
    assert isinstance(document, Document)
    assert document.html == broken
    assert document.title == "Checkpoint attacked in Zabul"


def test_html_declared_legacy_charset_is_used(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<title>Бои в Кундузе</title></head><body><p>В Кундузе продолжаются бои.</p></body></html>"
    )
    path = tmp_path / "russian.html"
    path.write_bytes(page.encode("cp1251"))
    document = _read_one(path)
    assert isinstance(document, Document)
    assert document.html == page
    assert declared_charset(path.read_bytes()) == "windows-1251"


def test_html_latin1_label_is_read_as_cp1252(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Statement</title></head>'
        "<body><p>The ministry called the report \u201cbaseless\u201d.</p></body></html>"
    )
    path = tmp_path / "statement.htm"
    path.write_bytes(page.encode("cp1252"))
    document = _read_one(path)
    assert isinstance(document, Document)
    assert document.html == page


def test_html_empty_page_fails(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("  \n\n ")
    failure = _read_one(path)
    assert isinstance(failure, Failure)
    assert failure.origin == str(path)
    assert "empty" in failure.problem


def test_html_markup_that_breaks_the_date_finder_is_still_read(tmp_path: Path) -> None:
    # Found by the Hypothesis fuzz suite: htmldate asserts on a div inside an svg.
    page = tmp_path / "svg.html"
    page.write_text(
        '<svg class=""><div class=""></div><div><p>Taliban fighters captured the district '
        "center on Sunday, officials said.</p></div>",
        encoding="utf-8",
    )
    results = list(read_documents([str(page)]))
    assert len(results) == 1 and isinstance(results[0], Document)
