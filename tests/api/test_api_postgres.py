"""The API over a real PostgreSQL server (the private cluster fixture of tests/store)."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.cli.demo_cmd import sample_reports_dir
from frontlines.config import Settings
from frontlines.pipeline import ingest_into_store
from frontlines.store.sql import SqlStore
from serving import LiveServer, start_server

_FIXTURE_MODULE = Path(__file__).resolve().parents[1] / "store" / "test_postgres_store.py"
_spec = importlib.util.spec_from_file_location("postgres_store_fixture", _FIXTURE_MODULE)
assert _spec and _spec.loader
_postgres = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_postgres)
postgres_url = _postgres.postgres_url  # the same private-cluster fixture, reused


@pytest.fixture(scope="module")
def pg_server(postgres_url: str, settings: Settings, resources: Any) -> Iterator[LiveServer]:
    store = SqlStore(postgres_url)
    try:
        ingest_into_store(
            [str(sample_reports_dir())], store, settings=settings, resources=resources
        )
    finally:
        store.close()
    live = start_server(postgres_url, settings=settings, resources=resources)
    yield live
    live.stop()


def test_api_postgres_pages_filters_and_detail(pg_server: LiveServer) -> None:
    everything = pg_server.get("/api/events", limit=1000)["items"]
    assert len(everything) == pg_server.store.count_events() > 10
    paged, cursor = [], None
    while True:
        page = pg_server.get(
            "/api/events", limit=5, sort="-date", **({"cursor": cursor} if cursor else {})
        )
        paged.extend(page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(e["event_id"] for e in paged) == sorted(e["event_id"] for e in everything)
    box = pg_server.get("/api/events", bbox="69,35,72,38", q="taliban", limit=1000)["items"]
    assert box and all(69 <= e["longitude"] <= 72 for e in box)
    detail = pg_server.get(f"/api/events/{everything[0]['event_id']}")
    evidence = detail["event"]["evidence"][0]
    document = pg_server.get(f"/api/documents/{evidence['doc_id']}")
    assert document["body"][evidence["start"] : evidence["end"]] == evidence["text"]
    assert pg_server.get("/api/control", as_of="2021-07-08")["districts"]


def test_api_postgres_review_stale_and_undo(pg_server: LiveServer) -> None:
    target = pg_server.get("/api/events", limit=1)["items"][0]
    with pg_server.client(token=True) as client:
        path = f"/api/events/{target['event_id']}/review"
        edit = {"action": "edit", "version": 0, "field": "fatalities", "value": 9}
        first = client.post(path, json=edit)
        stale = client.post(path, json=edit)
        exported = client.get("/api/export", params={"format": "jsonl"}).text
        undo = client.post(f"/api/reviews/{first.json()['review_id']}/undo", json={})
    assert first.status_code == 200 and stale.status_code == 409 and undo.status_code == 200
    assert f'"event_id": "{target["event_id"]}"' in exported
    assert (
        pg_server.get(f"/api/events/{target['event_id']}")["event"]["fatalities"]
        == (target["fatalities"])
    )
