"""Document ids: given ids kept, content hashes stable and blind to whitespace and line endings."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from frontlines.ingest.ids import content_id, document_id, normalise_content

REPORT = "Taliban fighters attacked the Gereshk district centre in Helmand on Sunday."


def test_content_id_has_the_documented_shape() -> None:
    identifier = content_id(REPORT)
    assert identifier.startswith("sha256:")
    assert len(identifier) == len("sha256:") + 16
    assert all(char in "0123456789abcdef" for char in identifier.removeprefix("sha256:"))


def test_content_id_ignores_layout_but_not_words() -> None:
    reflowed = "  Taliban fighters attacked the Gereshk district\r\ncentre in Helmand on Sunday.\n"
    assert content_id(reflowed) == content_id(REPORT)
    assert content_id(REPORT.replace("Sunday", "Monday")) != content_id(REPORT)


def test_document_id_prefers_the_given_id() -> None:
    assert document_id("nd-2021-0706-001", REPORT) == "nd-2021-0706-001"
    assert document_id(442069, REPORT) == "442069"
    assert document_id("  ", REPORT) == content_id(REPORT)
    assert document_id(None, REPORT) == content_id(REPORT)


@given(st.text())
def test_content_id_is_deterministic_and_whitespace_blind(text: str) -> None:
    assert content_id(text) == content_id(text)
    assert content_id(text) == content_id(" \n" + text.replace(" ", "\t  ") + "\r\n")


@given(st.text())
def test_normalise_content_is_idempotent(text: str) -> None:
    once = normalise_content(text)
    assert normalise_content(once) == once
