"""Walking inputs: folders, standard input, missing paths, unknown extensions, repeated inputs."""

from __future__ import annotations

import io
import json
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from frontlines.ingest import read_documents
from frontlines.models import Document, Failure


def _set_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))


def test_folder_is_read_recursively_in_sorted_order(fixtures_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "b_desk").mkdir(parents=True)
    (folder / "a_desk" / "nested").mkdir(parents=True)
    source = fixtures_dir / "ingest"
    shutil.copy(source / "badakhshan_report.txt", folder / "b_desk" / "report.txt")
    shutil.copy(source / "kunduz_page.html", folder / "a_desk" / "nested" / "page.HTML")
    shutil.copy(source / "reports.jsonl", folder / "a_desk" / "batch.jsonl")
    (folder / "README.md").write_text("Notes for the desk, not a document.\n")
    (folder / ".hidden.txt").write_text("A hidden draft.\n")

    items = list(read_documents([str(folder)]))

    assert all(isinstance(item, Document) for item in items)
    assert [item.origin for item in items] == [
        f"{folder}/a_desk/batch.jsonl:1",
        f"{folder}/a_desk/batch.jsonl:2",
        f"{folder}/a_desk/batch.jsonl:4",
        f"{folder}/a_desk/nested/page.HTML",
        f"{folder}/b_desk/report.txt",
    ]
    assert [item.id for item in items] == [item.id for item in read_documents([str(folder)])]


def test_fixture_folder_reads_every_format(fixtures_dir: Path) -> None:
    items = list(read_documents([str(fixtures_dir / "ingest")]))
    assert [item for item in items if isinstance(item, Failure)] == []
    suffixes = {item.origin.split("/")[-1].split(":")[0].split("#")[0] for item in items}
    assert suffixes == {
        "badakhshan_report.txt",
        "helmand_updates.atom",
        "kunduz_page.html",
        "northern_desk.rss",
        "reports.jsonl",
    }
    assert len(items) == 9


def test_bad_file_in_folder_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Clashes in Faryab province on Sunday.\n")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text("A roadside bomb hit a bus in Kandahar.\n")
    items = list(read_documents([str(tmp_path)]))
    assert [type(item).__name__ for item in items] == ["Document", "Failure", "Document"]
    assert items[1].origin == f"{tmp_path}/b.txt"


def test_missing_path_fails_and_the_batch_goes_on(fixtures_dir: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "no_such_report.txt")
    items = list(read_documents([missing, str(fixtures_dir / "ingest" / "badakhshan_report.txt")]))
    failure, document = items
    assert isinstance(failure, Failure)
    assert failure.origin == missing
    assert "no such file or folder" in failure.problem
    assert isinstance(document, Document)


def test_unknown_extension_names_the_supported_ones(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04 a word document")
    (failure,) = list(read_documents([str(path)]))
    assert isinstance(failure, Failure)
    assert failure.origin == str(path)
    assert "not supported" in failure.problem
    assert ".jsonl" in failure.problem and ".warc.gz" in failure.problem


def test_same_document_given_twice_is_read_once(fixtures_dir: Path) -> None:
    path = str(fixtures_dir / "ingest" / "badakhshan_report.txt")
    items = list(read_documents([path, path]))
    assert len(items) == 1 and isinstance(items[0], Document)


def test_reused_id_with_other_content_fails(tmp_path: Path) -> None:
    path = tmp_path / "clash.jsonl"
    path.write_text(
        json.dumps({"id": "r-1", "text": "Two civilians were killed in Kunduz."})
        + "\n"
        + json.dumps({"id": "r-1", "text": "A market burned in Herat."})
        + "\n"
    )
    document, failure = list(read_documents([str(path)]))
    assert isinstance(document, Document)
    assert isinstance(failure, Failure)
    assert failure.origin == f"{path}:2"
    assert "'r-1' was already used" in failure.problem


def test_stdin_jsonl_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        {"id": "s-1", "text": "Security forces retook Dand-e Ghori on Saturday."},
        {"id": "s-2", "text": "Protesters gathered in Mazar-e Sharif against the fighting."},
    ]
    _set_stdin(monkeypatch, "".join(json.dumps(line) + "\n" for line in lines).encode())
    items = list(read_documents(["-"]))
    assert [item.id for item in items if isinstance(item, Document)] == ["s-1", "s-2"]
    assert [item.origin for item in items] == ["-:1", "-:2"]


def test_stdin_text_with_header_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    _set_stdin(
        monkeypatch,
        b"title: Evening bulletin\n---\nthe taliban say they have taken candy har airport\n",
    )
    (document,) = list(read_documents(["-"], published=date(2021, 8, 12)))
    assert isinstance(document, Document)
    assert document.title == "Evening bulletin"
    assert document.text == "the taliban say they have taken candy har airport\n"
    assert document.published == date(2021, 8, 12)
    assert document.origin == "-"


def test_stdin_html_and_feed_are_sniffed(
    fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_stdin(monkeypatch, (fixtures_dir / "ingest" / "kunduz_page.html").read_bytes())
    (page,) = list(read_documents(["-"]))
    assert isinstance(page, Document) and page.html is not None
    _set_stdin(monkeypatch, (fixtures_dir / "ingest" / "northern_desk.rss").read_bytes())
    entries = list(read_documents(["-"]))
    assert [entry.origin for entry in entries] == ["-#1", "-#2"]


def test_stdin_empty_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    _set_stdin(monkeypatch, b"")
    (failure,) = list(read_documents(["-"]))
    assert isinstance(failure, Failure)
    assert failure.origin == "-"
    assert "empty" in failure.problem
