"""The checked-in OpenAPI document is the API's: a change to the API must update it on purpose."""

from __future__ import annotations

import json
from pathlib import Path

from frontlines.api.app import openapi_document

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_openapi_document_matches_the_checked_in_copy() -> None:
    checked_in = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    assert openapi_document() == checked_in, (
        "the API changed: review the change, then run `.venv/bin/python scripts/write_openapi.py`"
    )


def test_openapi_document_lists_every_endpoint() -> None:
    paths = set(json.loads(DOCUMENT.read_text(encoding="utf-8"))["paths"])
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/events/{event_id}/review",
        "/api/reviews/{review_id}/undo",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/control",
        "/api/control/{district}",
        "/api/export",
        "/api/facets",
    } <= paths
