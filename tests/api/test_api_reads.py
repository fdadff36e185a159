"""Reads over real HTTP: filters, sorting, cursor pages, one event, documents, control, errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from frontlines.exports import CSV_COLUMNS
from frontlines.store.queries import control_on
from serving import LiveServer


def _all_pages(live: LiveServer, **params: object) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    cursor = None
    with live.client() as client:
        while True:
            query = {**params, **({"cursor": cursor} if cursor else {})}
            page = client.get("/api/events", params=query).json()
            items.extend(page["items"])
            cursor = page["next_cursor"]
            if not cursor:
                return items


def test_api_events_cursor_pages_cover_every_event_once(read_server: LiveServer) -> None:
    everything = _all_pages(read_server, limit=1000)
    paged = _all_pages(read_server, limit=3)
    assert len(everything) == read_server.store.count_events() > 10
    assert [e["event_id"] for e in paged] == [e["event_id"] for e in everything]


@pytest.mark.parametrize("sort", ["date", "-date", "fatalities", "-fatalities"])
def test_api_events_sorted_across_pages(read_server: LiveServer, sort: str) -> None:
    key = "event_date" if "date" in sort else "fatalities"
    items = _all_pages(read_server, sort=sort, limit=4)
    values = [item[key] if item[key] is not None else "" for item in items]
    assert values == sorted(values, reverse=sort.startswith("-"))  # type: ignore[type-var]
    assert len({item["event_id"] for item in items}) == len(items)


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"since": "2021-07-05"}, lambda e: e["event_date"] >= "2021-07-05"),
        ({"until": "2021-07-03"}, lambda e: e["event_date"] <= "2021-07-03"),
        ({"admin1": "Badakhshan"}, lambda e: e["admin1"] == "Badakhshan"),
        ({"country": "Afghanistan"}, lambda e: e["country"] == "Afghanistan"),
        ({"event_type": "Battles"}, lambda e: e["event_type"] == "Battles"),
        (
            {"sub_event_type": "Air/drone strike"},
            lambda e: e["sub_event_type"] == "Air/drone strike",
        ),
        ({"actor": "taliban"}, lambda e: "taliban" in (e["actor1"] + e["actor2"]).lower()),
        ({"min_fatalities": 1}, lambda e: e["fatalities"] >= 1),
        (
            {"bbox": "69,35,72,38"},
            lambda e: (
                e["longitude"] is not None
                and 69 <= e["longitude"] <= 72
                and 35 <= e["latitude"] <= 38
            ),
        ),
    ],
)
def test_api_events_filter_keeps_only_matching(
    read_server: LiveServer, params: dict[str, object], check: object
) -> None:
    everything = _all_pages(read_server, limit=1000)
    matching = _all_pages(read_server, limit=1000, **params)
    assert matching, f"no sample event matches {params}"
    assert all(check(e) for e in matching)  # type: ignore[operator]
    assert [e for e in everything if check(e)] == matching  # type: ignore[operator]


def test_api_events_free_text_searches_notes_and_evidence(read_server: LiveServer) -> None:
    everything = _all_pages(read_server, limit=1000)
    with read_server.client() as client:
        word = "surrender"
        found = {e["event_id"] for e in _all_pages(read_server, q=word.upper())}
        expected = set()
        for event in everything:
            detail = client.get(f"/api/events/{event['event_id']}").json()["event"]
            texts = [detail["notes"], *(ev["text"] for ev in detail["evidence"])]
            if any(word in text.lower() for text in texts):
                expected.add(event["event_id"])
    assert found == expected and found


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("since=yesterday", "since"),
        ("until=2021-13-01", "until"),
        ("since=2021-07-09&until=2021-07-01", "since"),
        ("min_fatalities=-1", "min_fatalities"),
        ("min_fatalities=many", "min_fatalities"),
        ("bbox=1,2,3", "bbox"),
        ("bbox=10,50,0,60", "bbox"),
        ("limit=0", "limit"),
        ("sort=colour", "sort"),
        ("cursor=not-a-cursor", None),
    ],
)
def test_api_bad_filter_is_422_naming_the_field(
    read_server: LiveServer, query: str, field: str | None
) -> None:
    with read_server.client() as client:
        response = client.get(f"/api/events?{query}")
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"code", "message", "field"}
    assert body["field"] == field
    assert body["message"].endswith(".")


@pytest.mark.parametrize(
    "path", ["/api/events/nope", "/api/documents/nope", "/api/control/Atlantis", "/api/nothing"]
)
def test_api_unknown_id_is_404_in_the_error_shape(read_server: LiveServer, path: str) -> None:
    with read_server.client() as client:
        response = client.get(path)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_api_event_detail_offsets_point_into_each_source_body(read_server: LiveServer) -> None:
    with read_server.client() as client:
        items = client.get("/api/events", params={"limit": 1000}).json()["items"]
        checked = 0
        for item in items:
            detail = client.get(f"/api/events/{item['event_id']}").json()
            event = detail["event"]
            assert {s["doc_id"] for s in event["sources"]} >= {
                e["doc_id"] for e in event["evidence"]
            }
            for evidence in event["evidence"]:
                document = client.get(f"/api/documents/{evidence['doc_id']}").json()
                assert document["body"][evidence["start"] : evidence["end"]] == evidence["text"]
                checked += 1
            for field, claims in detail["claims_by_field"].items():
                assert all(claim["field"] == field for claim in claims)
            assert detail["review"] == {"status": None, "version": 0, "reviewed_fields": []}
    assert checked > 10


def test_api_document_keeps_body_and_comments_apart(read_server: LiveServer) -> None:
    with read_server.client() as client:
        items = client.get("/api/events", params={"limit": 1000}).json()["items"]
        doc_ids = {
            source["doc_id"]
            for item in items
            for source in client.get(f"/api/events/{item['event_id']}").json()["event"]["sources"]
        }
        documents = [client.get(f"/api/documents/{doc_id}").json() for doc_id in sorted(doc_ids)]
    with_comments = [d for d in documents if d["comments"]]
    assert with_comments, "the samples have an article with reader comments"
    for document in with_comments:
        for comment in document["comments"]:
            assert comment["text"] not in document["body"]
            assert 0 <= comment["toxicity"] <= 1


def test_api_control_as_of_is_the_store_timeline(read_server: LiveServer) -> None:
    from datetime import date

    with read_server.client() as client:
        body = client.get("/api/control", params={"as_of": "2021-07-07"}).json()
        districts = body["districts"]
        assert districts == control_on(read_server.store, date(2021, 7, 7))
        assert {d["status"] for d in districts} <= {
            "controlled",
            "contested",
            "government",
            "unconfirmed",
        }
        timeline = client.get(f"/api/control/{districts[0]['admin2']}").json()["changes"]
    assert timeline and all(change["evidence"] for change in timeline)
    assert [c["date"] for c in timeline] == sorted(c["date"] for c in timeline)


def test_api_export_formats_hold_the_filtered_events(read_server: LiveServer) -> None:
    params = {"admin1": "Badakhshan"}
    wanted = {e["event_id"] for e in _all_pages(read_server, **params)}
    with read_server.client() as client:
        text_csv = client.get("/api/export", params={**params, "format": "acled-csv"}).text
        geojson = client.get("/api/export", params={**params, "format": "geojson"}).json()
        jsonl = client.get("/api/export", params={**params, "format": "jsonl"}).text
    rows = list(csv.DictReader(io.StringIO(text_csv)))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert {row["event_id"] for row in rows} == wanted
    assert {feature["id"] for feature in geojson["features"]} == wanted
    assert {json.loads(line)["event_id"] for line in jsonl.splitlines()} == wanted


def test_api_cors_is_off_by_default(read_server: LiveServer) -> None:
    with read_server.client() as client:
        response = client.get("/api/events", headers={"origin": "https://evil.example"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    assert "script-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("walk_from", [0, 10**9])
def test_api_bbox_in_page_order_and_through_the_index_agree(
    read_server: LiveServer, monkeypatch: pytest.MonkeyPatch, walk_from: int
) -> None:
    from frontlines.store import queries

    box = "69,35,72,38"
    expected = [e["event_id"] for e in _all_pages(read_server, bbox=box, limit=1000)]
    monkeypatch.setattr(queries, "BBOX_WALK_MIN_EVENTS", walk_from)
    paged = [e["event_id"] for e in _all_pages(read_server, bbox=box, limit=2)]
    assert paged == expected and expected
