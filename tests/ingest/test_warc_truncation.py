"""Truncated WARC archives and wrong Content-Lengths are reported, not loaded silently
(issue 15, probe 5): one Failure naming the file and the record; the pages before are kept."""

from __future__ import annotations

import gzip
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from frontlines.ingest import read_documents
from frontlines.models import Document, Failure

RECORDS = 5


def _page(number: int) -> bytes:
    return (
        f"<html><head><title>Report {number}</title></head><body><p>Fighting was reported in "
        f"district {number} on Monday, officials said, and families fled.</p></body></html>"
    ).encode()


def _records() -> list[bytes]:
    """Each record of a small uncompressed WARC, as bytes."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for number in range(RECORDS):
        body = _page(number)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://desk.example/{number}",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
            )
        )
    return [b"WARC/1." + part for part in out.getvalue().split(b"WARC/1.")[1:]]


def _write(path: Path, records: list[bytes]) -> None:
    if path.name.endswith(".gz"):
        path.write_bytes(b"".join(gzip.compress(record) for record in records))
    else:
        path.write_bytes(b"".join(records))


def _inflated(record: bytes, extra: int) -> bytes:
    match = re.search(rb"Content-Length: (\d+)", record)
    assert match is not None
    length = str(int(match.group(1)) + extra).encode()
    return record[: match.start(1)] + length + record[match.end(1) :]


def _split(items: list[Document | Failure]) -> tuple[list[Document], list[Failure]]:
    return (
        [item for item in items if isinstance(item, Document)],
        [item for item in items if isinstance(item, Failure)],
    )


@pytest.mark.parametrize("name", ["cut.warc.gz", "cut.warc"])
def test_warc_cut_at_70_percent_reports_the_record_it_breaks_in(tmp_path: Path, name: str) -> None:
    whole = tmp_path / ("whole-" + name)
    _write(whole, _records())
    data = whole.read_bytes()
    path = tmp_path / name
    path.write_bytes(data[: len(data) * 7 // 10])
    documents, failures = _split(list(read_documents([str(path)])))
    assert len(documents) == 3
    assert [doc.title for doc in documents] == ["Report 0", "Report 1", "Report 2"]
    (failure,) = failures
    assert failure.origin.startswith(f"{path}@")
    assert "breaks off" in failure.problem and "\n" not in failure.problem


@pytest.mark.parametrize("fraction", [0.35, 0.5, 0.62, 0.81, 0.9, 0.99])
@pytest.mark.parametrize("name", ["cut.warc.gz", "cut.warc"])
def test_warc_cut_anywhere_inside_a_record_is_reported(
    tmp_path: Path, name: str, fraction: float
) -> None:
    whole = tmp_path / ("whole-" + name)
    _write(whole, _records())
    data = whole.read_bytes()
    path = tmp_path / name
    path.write_bytes(data[: int(len(data) * fraction)])
    documents, failures = _split(list(read_documents([str(path)])))
    assert len(documents) < RECORDS
    assert len(failures) == 1


def test_warc_gz_inflated_content_length_fails_that_record_only(tmp_path: Path) -> None:
    records = _records()
    records[1] = _inflated(records[1], 600)
    path = tmp_path / "inflated.warc.gz"
    _write(path, records)
    documents, failures = _split(list(read_documents([str(path)])))
    assert [doc.title for doc in documents] == ["Report 0", "Report 2", "Report 3", "Report 4"]
    (failure,) = failures
    assert "Content-Length" in failure.problem


@pytest.mark.parametrize("extra", [5, 600, 99_999])
def test_warc_inflated_content_length_is_reported_and_earlier_pages_kept(
    tmp_path: Path, extra: int
) -> None:
    records = _records()
    records[1] = _inflated(records[1], extra)
    path = tmp_path / "inflated.warc"
    _write(path, records)
    documents, failures = _split(list(read_documents([str(path)])))
    assert [doc.title for doc in documents] == ["Report 0"]
    assert failures[0].origin.startswith(f"{path}@") and "Content-Length" in failures[0].problem
    assert all("\n" not in failure.problem for failure in failures)


def test_warc_truncated_archive_exits_1_with_one_line_naming_it(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    _write(whole, _records())
    data = whole.read_bytes()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) * 7 // 10])
    run = subprocess.run(
        [sys.executable, "-m", "frontlines", "clean", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    (line,) = [line for line in run.stderr.splitlines() if line.strip()]
    assert str(path) in line and "breaks off" in line
    assert "Traceback" not in run.stderr
