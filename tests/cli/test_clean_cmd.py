"""`frontlines clean`: one SCHEMA.md §2 JSON line per document, failures on stderr, exit status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from frontlines.cli.main import main

ARTICLE_KEYS = {"id", "title", "kind", "language", "body", "comments", "removed"}
COMMENT_KEYS = {"author", "text", "start", "end", "toxicity", "parent"}


def _json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_clean_prints_schema_records_for_every_document(
    fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["clean", str(fixtures_dir / "ingest"), "--format", "json"])
    captured = capsys.readouterr()

    assert status == 0
    assert captured.err == ""
    records = _json_lines(captured.out)
    assert len(records) == 9
    for record in records:
        assert set(record) == ARTICLE_KEYS
        assert record["body"].strip()
        assert record["language"] == "en"
    by_id = {record["id"]: record for record in records}
    report = by_id["rfa-badakhshan-0705"]
    assert report["title"] == "Fighting reaches the outskirts of Fayzabad"
    assert report["body"].startswith("FAYZABAD — Taliban fighters reached the outskirts")


def test_clean_separates_comments_of_an_html_page(
    fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["clean", str(fixtures_dir / "ingest" / "kunduz_page.html")])
    (record,) = _json_lines(capsys.readouterr().out)

    assert status == 0
    assert record["title"] == "Kunduz city: clashes continue for third day"
    assert record["kind"] == "article-with-comments"
    assert "Sehdarak" in record["body"]
    assert "nothing changes" not in record["body"]
    assert record["comments"], "the reader comments are kept apart"
    for comment in record["comments"]:
        assert set(comment) == COMMENT_KEYS
        assert 0 <= comment["start"] < comment["end"]
        assert 0.0 <= comment["toxicity"] <= 1.0
    for piece in record["removed"]:
        assert {"text", "reason"} <= set(piece)


def test_clean_reports_failures_and_exits_1(
    fixtures_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.txt"
    good = fixtures_dir / "ingest" / "badakhshan_report.txt"
    status = main(["clean", str(missing), str(good), "--format", "json"])
    captured = capsys.readouterr()

    assert status == 1
    (record,) = _json_lines(captured.out)
    assert record["id"] == "rfa-badakhshan-0705"
    (line,) = captured.err.splitlines()
    assert line.startswith(f"frontlines: {missing}: ")
    assert "no such file or folder" in line


def test_clean_rejects_an_unknown_format(
    fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["clean", str(fixtures_dir / "ingest"), "--format", "csv"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
