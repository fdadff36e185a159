"""Review over real HTTP: accept, edit, reject, merge, split, undo, stale versions, re-ingest."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import httpx

from frontlines.store.codec import event_from_json
from frontlines.store.queries import control_on
from serving import LiveServer


def _events(client: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.get(
        "/api/events", params={"limit": 1000, **params}
    ).json()["items"]
    return items


def _review(client: httpx.Client, event_id: str, **body: Any) -> httpx.Response:
    return client.post(f"/api/events/{event_id}/review", json=body)


def _exported(client: httpx.Client) -> dict[str, dict[str, Any]]:
    lines = client.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    return {record["event_id"]: record for record in map(json.loads, lines)}


def test_review_edit_is_audited_exported_and_undoable(write_server: LiveServer) -> None:
    with write_server.client(token=True) as client:
        target = _events(client, sort="-fatalities")[0]
        edited = _review(
            client,
            target["event_id"],
            action="edit",
            version=0,
            field="fatalities",
            value=2,
            reason="the ministry's figure is not confirmed",
        )
        assert edited.status_code == 200
        entry = edited.json()
        assert (entry["reviewer"], entry["field"], entry["after"]) == ("analyst-1", "fatalities", 2)
        assert entry["before"] == target["fatalities"]
        assert _exported(client)[target["event_id"]]["fatalities"] == 2
        detail = client.get(f"/api/events/{target['event_id']}").json()
        assert detail["review"]["version"] == 1 and detail["review"]["reviewed_fields"] == [
            "fatalities"
        ]
        assert [h["action"] for h in detail["history"]] == ["edit"]
        assert detail["history"][0]["reason"] == "the ministry's figure is not confirmed"

        undone = client.post(f"/api/reviews/{entry['review_id']}/undo", json={"reason": "oops"})
        assert undone.status_code == 200 and undone.json()["action"] == "undo"
        assert _exported(client)[target["event_id"]]["fatalities"] == target["fatalities"]
        history = client.get(f"/api/events/{target['event_id']}").json()["history"]
        assert [h["action"] for h in history] == ["edit", "undo"]
        assert history[0]["undone_by"] == undone.json()["review_id"]
        again = client.post(f"/api/reviews/{entry['review_id']}/undo", json={})
        assert again.status_code == 409


def test_review_on_a_stale_version_is_409_and_changes_nothing(write_server: LiveServer) -> None:
    with write_server.client(token=True) as client:
        target = _events(client)[0]
        first = _review(client, target["event_id"], action="accept", version=0)
        stale = _review(
            client, target["event_id"], action="edit", version=0, field="notes", value="lost?"
        )
        detail = client.get(f"/api/events/{target['event_id']}").json()
    assert first.status_code == 200
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert detail["event"]["notes"] == target["notes"]
    assert detail["review"] == {"status": "accepted", "version": 1, "reviewed_fields": []}


def test_review_needs_a_token_and_valid_fields(write_server: LiveServer) -> None:
    event_id = write_server.store.iter_events().__next__().event_id
    with httpx.Client(base_url=write_server.url) as anonymous:
        assert _review(anonymous, event_id, action="accept", version=0).status_code == 401
    with write_server.client(token=True) as client:
        unknown = _review(client, event_id, action="edit", version=0, field="record", value="x")
        bad_value = _review(
            client, event_id, action="edit", version=0, field="fatalities", value="many"
        )
        bad_action = _review(client, event_id, action="delete", version=0)
        missing = _review(client, "no-such-event", action="accept", version=0)
    assert unknown.status_code == bad_value.status_code == 422
    assert "record" in unknown.json()["message"]
    assert bad_action.status_code == 422 and bad_action.json()["field"] == "action"
    assert missing.status_code == 404


def test_review_reject_leaves_exports_and_control_and_undo_brings_it_back(
    write_server: LiveServer,
) -> None:
    with write_server.client(token=True) as client:
        day = date(2021, 7, 7)
        control = control_on(write_server.store, day)
        district = next(d for d in control if d["event_ids"])
        event_id = district["event_ids"][0]
        rejected = _review(client, event_id, action="reject", version=0, reason="rumour")
        assert rejected.status_code == 200
        assert event_id not in _exported(client)
        assert event_id not in {e["event_id"] for e in _events(client)}
        after = control_on(write_server.store, day)
        assert all(event_id not in d["event_ids"] for d in after)
        history = client.get(f"/api/events/{event_id}").json()
        assert history["event"] is None and history["review"]["status"] == "rejected"

        client.post(f"/api/reviews/{rejected.json()['review_id']}/undo", json={})
        assert event_id in _exported(client)
        assert control_on(write_server.store, day) == control


def test_review_merge_two_and_split_one(write_server: LiveServer) -> None:
    with write_server.client(token=True) as client:
        first, second = _events(client, admin1="Badakhshan")[:2]
        merged = _review(
            client,
            first["event_id"],
            action="merge",
            version=0,
            other_id=second["event_id"],
            other_version=0,
            reason="the same clash",
        )
        assert merged.status_code == 200
        exported = _exported(client)
        assert second["event_id"] not in exported
        folded = client.get(f"/api/events/{second['event_id']}").json()
        assert folded["event"] is None and folded["review"]["status"] == "merged"
        sources = {s["doc_id"] for s in exported[first["event_id"]]["sources"]}
        assert len(sources) >= 1
        merged_evidence = exported[first["event_id"]]["evidence"]

        multi = next(
            (e for e in exported.values() if len({s["doc_id"] for s in e["sources"]}) > 1), None
        )
        assert multi is not None, "the samples have an event reported by two documents"
        version = client.get(f"/api/events/{multi['event_id']}").json()["review"]["version"]
        moving = multi["sources"][0]["doc_id"]
        split = _review(
            client, multi["event_id"], action="split", version=version, doc_ids=[moving]
        )
        assert split.status_code == 200
        new_id = split.json()["after"]
        exported = _exported(client)
        assert {s["doc_id"] for s in exported[new_id]["sources"]} == {moving}
        assert moving not in {s["doc_id"] for s in exported[multi["event_id"]]["sources"]}
        assert all(ev["doc_id"] == moving for ev in exported[new_id]["evidence"])
        assert merged_evidence


def test_reingest_never_overwrites_a_reviewed_field(write_server: LiveServer) -> None:
    store = write_server.store
    original = next(iter(store.iter_events()))
    with write_server.client(token=True) as client:
        reviewed = _review(
            client,
            original.event_id,
            action="edit",
            version=0,
            field="actor1",
            value="Unidentified Armed Group (Afghanistan)",
        )
        assert reviewed.status_code == 200
        rejected_target = _events(client)[-1]["event_id"]
        rejected_record = client.get(f"/api/events/{rejected_target}").json()["event"]
        _review(client, rejected_target, action="reject", version=0)
    # The machine's version of both events arrives again (as a re-ingest would bring it).
    store.add_events([original, event_from_json(rejected_record)])
    events = {event.event_id: event for event in store.iter_events()}
    assert events[original.event_id].actor1 == "Unidentified Armed Group (Afghanistan)"
    assert rejected_target not in events
