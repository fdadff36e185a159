"""The WARC reader: HTML response records become documents; other records are skipped."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from frontlines.ingest import read_documents
from frontlines.models import Document, Failure

PAGE = (
    "<html><head><title>Attack on Ghazni checkpoint</title>"
    '<meta property="article:published_time" content="2021-07-08">'
    "</head><body><p>Taliban fighters attacked a police checkpoint on the Kabul-Kandahar "
    "highway in Ghazni province on Thursday night, killing three policemen.</p></body></html>"
)


def _record(
    writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    # A known length keeps warcio from buffering the payload in a temporary file it never closes.
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
    )
    writer.write_record(record)


def _write_warc(path: Path, *, gzip: bool) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        _record(
            writer, "https://kabul-ledger.example/ghazni", PAGE.encode(), "text/html; charset=utf-8"
        )
        _record(writer, "https://kabul-ledger.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png")
        _record(
            writer, "https://kabul-ledger.example/old", b"", "text/html", "301 Moved Permanently"
        )
        legacy = (
            "<html><body><p>Officials called the claim \u201cpropaganda\u201d.</p></body></html>"
        )
        _record(
            writer,
            "https://kabul-ledger.example/statement",
            legacy.encode("cp1252"),
            "text/html; charset=windows-1252",
        )


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_warc_html_responses_become_documents(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    _write_warc(path, gzip=gzip)
    first, second = list(read_documents([str(path)]))

    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.url == "https://kabul-ledger.example/ghazni"
    assert first.html == PAGE
    assert first.title == "Attack on Ghazni checkpoint"
    assert first.published == date(2021, 7, 8)
    assert first.origin.startswith(f"{path}@")
    assert second.url == "https://kabul-ledger.example/statement"
    assert second.html is not None and "\u201cpropaganda\u201d" in second.html


def test_warc_ids_are_stable_across_reads(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, gzip=True)
    first_read = [item.id for item in read_documents([str(path)]) if isinstance(item, Document)]
    second_read = [item.id for item in read_documents([str(path)]) if isinstance(item, Document)]
    assert first_read == second_read
    assert len(set(first_read)) == 2


def test_warc_without_pages_fails(tmp_path: Path) -> None:
    path = tmp_path / "images.warc"
    with path.open("wb") as stream:
        _record(WARCWriter(stream, gzip=False), "https://x.example/a.png", b"\x89PNG", "image/png")
    (failure,) = list(read_documents([str(path)]))
    assert isinstance(failure, Failure)
    assert "no HTML page" in failure.problem


def test_warc_that_is_not_a_warc_fails(tmp_path: Path) -> None:
    path = tmp_path / "renamed.warc"
    path.write_text("Kabul, 8 July: this is a plain text note saved with the wrong name.\n")
    (failure,) = list(read_documents([str(path)]))
    assert isinstance(failure, Failure)
    assert failure.origin == str(path)
    assert "not a WARC file" in failure.problem
