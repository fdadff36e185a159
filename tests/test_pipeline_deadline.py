"""The per-document deadline (issue 15): a document that takes too long is reported and
skipped; the next one is processed as usual."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator

import pytest

from frontlines.errors import DocumentTimeoutError
from frontlines.models import Article, Document, Failure
from frontlines.pipeline import clean_documents, document_deadline

TEXT = "Taliban fighters attacked a checkpoint in Ghazni province on Monday, officials said."


def _spin(seconds: float) -> None:
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        pass


def test_document_deadline_interrupts_a_stalled_document() -> None:
    started = time.monotonic()
    with (
        pytest.raises(DocumentTimeoutError, match=r"longer than 0\.2 seconds") as raised,
        document_deadline(0.2, doc_id="stalled.html"),
    ):
        _spin(5)
    assert time.monotonic() - started < 2
    assert raised.value.doc_id == "stalled.html"
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0  # the timer is off again


def test_document_deadline_lets_a_quick_document_finish() -> None:
    with document_deadline(5, doc_id="quick"):
        _spin(0.01)
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def _documents_with_a_stall() -> Iterator[Document | Failure]:
    yield Document(id="first", text=TEXT, origin="first.txt")
    yield Document(id="second", text=TEXT + " Second.", origin="second.txt")


def test_clean_documents_reports_a_document_past_its_deadline_and_goes_on() -> None:
    # A deadline no cleaning can meet: every document is reported, none raises, all are seen.
    items = list(clean_documents(_documents_with_a_stall(), deadline_seconds=1e-6))
    assert [item.origin for item in items] == ["first.txt", "second.txt"]
    for item in items:
        assert isinstance(item, Failure) and "longer than" in item.problem
    # With the default deadline the same documents are cleaned.
    cleaned = list(clean_documents(_documents_with_a_stall()))
    assert all(isinstance(item, Article) for item in cleaned)
