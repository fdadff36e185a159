"""Writes over real HTTP: tokens, idempotent ingest, malformed uploads, size and rate limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from frontlines.config import Settings
from frontlines.store.schema import api_tokens
from serving import LiveServer, copy_db, start_server

REPORT = {
    "id": "api-test-1",
    "outlet": "Test Wire",
    "published": "2021-07-12",
    "title": "District falls",
    "text": "FAYZABAD - Taliban fighters captured the Warduj district of Badakhshan province on "
    "Sunday after government forces withdrew, a provincial council member said.",
}


def test_api_ingest_needs_a_token(write_server: LiveServer) -> None:
    before = write_server.store.count_documents()
    with write_server.client() as client:
        missing = client.post("/api/documents", json={"documents": [REPORT]})
        wrong = client.post(
            "/api/documents",
            json={"documents": [REPORT]},
            headers={"authorization": "Bearer not-a-token"},
        )
    assert missing.status_code == wrong.status_code == 401
    assert missing.json()["code"] == "unauthorised"
    assert write_server.store.count_documents() == before


def test_api_ingest_is_idempotent(write_server: LiveServer) -> None:
    with write_server.client(token=True) as client:
        first = client.post("/api/documents", json={"documents": [REPORT]}).json()
        events_after_first = write_server.store.count_events()
        second = client.post("/api/documents", json={"documents": [REPORT]}).json()
        document = client.get("/api/documents/api-test-1").json()
    assert first["documents"][0]["stored"] is True and first["documents"][0]["events"] >= 1
    assert second["documents"][0]["stored"] is False
    assert write_server.store.count_events() == events_after_first
    assert document["body"].startswith("FAYZABAD") and document["title"] == "District falls"


def test_api_malformed_upload_names_the_document_and_stores_nothing(
    write_server: LiveServer,
) -> None:
    before = (write_server.store.count_documents(), write_server.store.count_events())
    bad = {"id": "broken-7", "text": "   "}
    with write_server.client(token=True) as client:
        response = client.post("/api/documents", json={"documents": [REPORT, bad]})
        unknown_field = client.post("/api/documents", json={"documents": [{"txt": "a"}]})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_document" and body["field"] == "documents.1"
    assert "broken-7" in body["message"]
    assert (write_server.store.count_documents(), write_server.store.count_events()) == before
    assert unknown_field.status_code == 422 and unknown_field.json()["field"] == "documents.0.txt"


def test_api_tokens_are_stored_hashed(write_server: LiveServer) -> None:
    with write_server.store.engine.connect() as conn:
        stored = conn.execute(select(api_tokens.c.token_hash)).scalars().all()
    assert stored and write_server.token not in stored
    assert all(len(value) == 64 for value in stored)


def test_api_body_over_the_limit_is_413(tmp_path: Path, demo_db: Path, settings: Settings) -> None:
    live = start_server(copy_db(demo_db, tmp_path), settings=settings, max_body_bytes=2_000)
    try:
        big = {**REPORT, "text": "Taliban fighters attacked. " * 200}
        with live.client(token=True) as client:
            response = client.post("/api/documents", json={"documents": [big]})
        assert response.status_code == 413
        assert response.json()["code"] == "too_large"
        assert live.store.count_documents() == 0 or not live.store.has_document("api-test-1")
    finally:
        live.stop()


def test_api_rate_limit_answers_429(tmp_path: Path, demo_db: Path, settings: Settings) -> None:
    live = start_server(
        copy_db(demo_db, tmp_path), settings=settings, rate_per_second=1.0, rate_burst=3
    )
    try:
        with live.client() as client:
            statuses = [client.get("/api/facets").status_code for _ in range(6)]
            page = client.get("/")
        assert statuses[:3] == [200, 200, 200]
        assert 429 in statuses[3:]
        assert page.status_code == 200  # the page itself is not rate limited
    finally:
        live.stop()


def test_api_private_server_needs_a_token_to_read(
    tmp_path: Path, demo_db: Path, settings: Settings
) -> None:
    live = start_server(copy_db(demo_db, tmp_path), settings=settings, private_reads=True)
    try:
        anonymous = httpx.get(f"{live.url}/api/events")
        with live.client(token=True) as client:
            reader: Any = client.get("/api/events")
        assert anonymous.status_code == 401
        assert reader.status_code == 200
    finally:
        live.stop()
