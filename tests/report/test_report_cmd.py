"""`frontlines report`: the three formats from a real store, and bad input as one line, exit 2."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from frontlines.cli.main import main

PERIOD = ["--from", "2021-07-01", "--to", "2021-07-10"]
EMPTY_PERIOD = ["--from", "2020-01-01", "--to", "2020-01-07"]


def report(db: Path, out: Path, *options: str) -> int:
    return main(["report", "--db", str(db), *PERIOD, *options, "-o", str(out)])


def test_report_cmd_html_is_self_contained(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert report(demo_db, out, "--format", "html") == 0
    html = out.read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)"', html)
    assert len(images) == 3  # events chart, fatalities chart, map
    assert all(src.startswith("data:image/png;base64,") for src in images)
    assert "<link" not in html and "<script" not in html
    [(events,)] = sqlite3.connect(demo_db).execute(
        "SELECT COUNT(*) FROM events WHERE event_date BETWEEN '2021-07-01' AND '2021-07-10'"
    )
    assert f"<strong>{events}</strong> events" in html
    assert "Headline changes" in html and "Method" in html and "CLAIM" in html


def test_report_cmd_markdown_reads_in_a_terminal(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    assert report(demo_db, out, "--format", "md", "--template", "daily") == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Daily situation report")
    assert "base64" not in text and "<img" not in text
    assert "| Province |" in text and "## Method" in text


def test_report_cmd_pdf_renders_every_page(demo_db: Path, tmp_path: Path, pdf_pages: Any) -> None:
    out = tmp_path / "report.pdf"
    assert report(demo_db, out, "--format", "pdf", "--admin1", "Badakhshan") == 0
    assert out.read_bytes().startswith(b"%PDF")
    pages = pdf_pages(out, tmp_path)
    assert len(pages) >= 2
    assert all(page.stat().st_size > 5_000 for page in pages)  # drawn, not blank


def test_report_cmd_empty_period_says_so(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty.md"
    status = main(["report", "--db", str(demo_db), *EMPTY_PERIOD, "--format", "md", "-o", str(out)])
    assert status == 0
    assert "No events are recorded in the store" in out.read_text(encoding="utf-8")


def test_report_cmd_empty_period_pdf_is_a_real_document(
    demo_db: Path, tmp_path: Path, pdf_pages: Any
) -> None:
    out = tmp_path / "empty.pdf"
    status = main(
        ["report", "--db", str(demo_db), *EMPTY_PERIOD, "--format", "pdf", "-o", str(out)]
    )
    assert status == 0
    assert len(pdf_pages(out, tmp_path)) == 1


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--from", "2021-07-10", "--to", "2021-07-01"], "before it starts"),
        (["--from", "2021-07-01", "--to", "2021-07-10", "--admin1", "Narnia"], "Narnia"),
        (["--from", "2021-07-01", "--to", "2021-07-10", "--country", "Atlantis"], "Atlantis"),
        (["--from", "July 1", "--to", "2021-07-10"], "is not a date"),
    ],
)
def test_report_cmd_bad_input_is_one_line_and_exit_2(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    words: str,
) -> None:
    out = tmp_path / "report.html"
    status = main(["report", "--db", str(demo_db), *arguments, "--format", "html", "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    assert words in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_report_cmd_missing_store_is_refused_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nothing.db"
    status = main(["report", "--db", str(missing), *PERIOD, "--format", "md"])
    assert status == 2
    assert "no store at" in capsys.readouterr().err
    assert not missing.exists()


def test_report_cmd_html_loads_neither_nlp_nor_pdf_layout(demo_db: Path, tmp_path: Path) -> None:
    """An HTML report in a fresh process imports no spaCy, no readers, no WeasyPrint, no pyplot."""
    import json
    import subprocess
    import sys

    out = tmp_path / "report.html"
    avoided = ("spacy", "trafilatura", "dateparser", "weasyprint", "matplotlib.pyplot")
    code = (
        "import json, sys\n"
        "from frontlines.cli.main import main\n"
        f"status = main(['report', '--db', {str(demo_db)!r}, *{PERIOD!r}, '--format', 'html',"
        f" '-o', {str(out)!r}])\n"
        f"print(json.dumps([status, [m for m in {avoided!r} if m in sys.modules]]))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(found.stdout) == [0, []]
    assert out.read_text(encoding="utf-8").count("data:image/png;base64,") == 3
