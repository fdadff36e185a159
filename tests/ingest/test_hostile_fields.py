"""Small hostile inputs to the readers (issue 15, probes 1 and 6): deep JSON, FIFOs, ids that are
arrays, entities left in feed text. Each gives one Failure naming it; the batch goes on."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from frontlines.ingest import read_documents
from frontlines.models import Document, Failure

TEXT = "Taliban fighters attacked a checkpoint in Ghazni province on Monday, officials said."


def _line(**fields: object) -> str:
    return json.dumps({"text": TEXT, **fields})


def test_jsonl_deeply_nested_line_fails_alone_and_later_lines_go_on(tmp_path: Path) -> None:
    nested = '{"text": "x", "extra": ' + "[" * 1000 + "]" * 1000 + "}"
    deeper = '{"text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join([_line(id="a"), nested, deeper, _line(id="b")]) + "\n")
    other = tmp_path / "other.jsonl"
    other.write_text(_line(id="c") + "\n")
    items = list(read_documents([str(path), str(other)]))
    assert [item.id for item in items if isinstance(item, Document)] == ["a", "b", "c"]
    failures = [item for item in items if isinstance(item, Failure)]
    assert [failure.origin for failure in failures] == [f"{path}:2", f"{path}:3"]
    assert all("nested too deeply" in failure.problem for failure in failures)


@pytest.mark.parametrize(
    ("given", "kind"), [(["a", "b"], "an array"), ({"x": 1}, "an object"), (True, "a boolean")]
)
def test_jsonl_id_that_is_not_a_string_or_number_is_refused(
    tmp_path: Path, given: object, kind: str
) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_text(_line(id=given) + "\n" + _line(id=7) + "\n")
    items = list(read_documents([str(path)]))
    failure, document = items
    assert isinstance(failure, Failure) and failure.origin == f"{path}:1"
    assert f'"id" is {kind}' in failure.problem
    assert isinstance(document, Document) and document.id == "7"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_named_txt_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    result: list[list[Document | Failure]] = []
    reader = threading.Thread(
        target=lambda: result.append(list(read_documents([str(fifo), str(good)]))), daemon=True
    )
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock the reader so the test run can end, then fail
        with fifo.open("w"):
            pass
        pytest.fail("reading a FIFO blocked")
    failure, document = result[0]
    assert isinstance(failure, Failure) and "not a regular file" in failure.problem
    assert isinstance(document, Document)


def test_folder_with_a_fifo_skips_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text(TEXT)
    items = list(read_documents([str(tmp_path)]))
    assert len(items) == 1 and isinstance(items[0], Document)


def test_feed_text_entities_are_unescaped(tmp_path: Path) -> None:
    feed = tmp_path / "desk.rss"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Desk</title><item>"
        "<title>Kabul &amp;amp; Kandahar</title>"
        "<description>Clashes in Kabul &amp;amp; Kandahar &amp;#8212; officials said "
        "&amp;quot;dozens&amp;quot; died.</description></item></channel></rss>"
    )
    (document,) = list(read_documents([str(feed)]))
    assert isinstance(document, Document)
    assert document.text == 'Clashes in Kabul & Kandahar \u2014 officials said "dozens" died.'
    assert document.title == "Kabul & Kandahar"
