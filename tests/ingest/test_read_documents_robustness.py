"""No input crashes ingest: arbitrary bytes under any supported name give Documents or Failures."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlines.ingest import read_documents
from frontlines.models import Document, Failure

EXTENSIONS = [".txt", ".jsonl", ".html", ".xml", ".atom", ".warc", ".warc.gz"]
_counter = itertools.count()

# Bytes that look a little like our inputs, so the fuzzing reaches past the first check.
_FRAGMENTS = st.sampled_from(
    [
        b'{"text": "Clashes in Kunduz."}\n',
        b'{"html": "<p>x</p>", "published": "2021-13-45"}\n',
        b"title: t\n---\n",
        b"<html><head><title>T</title></head><body><p>Fighting</p>",
        b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>x</title>",
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 10\r\n\r\n",
        b"\x1f\x8b\x08\x00",
        b"\xe2\x80\x94",
        b"\x93quoted\x94",
        b"\x00",
        b"\n",
    ]
)
_CONTENT = st.one_of(st.binary(max_size=400), st.lists(_FRAGMENTS, max_size=8).map(b"".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_CONTENT, extension=st.sampled_from(EXTENSIONS))
def test_read_documents_never_raises_on_arbitrary_bytes(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, extension: str
) -> None:
    path = tmp_path_factory.getbasetemp() / f"fuzz_{next(_counter)}{extension}"
    path.write_bytes(data)
    items = list(read_documents([str(path)], max_chars=10_000))
    assert all(isinstance(item, Document | Failure) for item in items)
    for item in items:
        if isinstance(item, Failure):
            assert item.origin.startswith(str(path))
            assert item.problem.endswith(".")
        else:
            assert (item.text or item.html or "").strip()


def test_read_documents_is_deterministic(fixtures_dir: Path) -> None:
    folder = str(fixtures_dir / "ingest")
    assert list(read_documents([folder])) == list(read_documents([folder]))
