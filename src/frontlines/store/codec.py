"""Stored JSON records back into frozen Event and ControlChange records (inverse of to_json)."""

from __future__ import annotations

from datetime import date
from typing import Any

from frontlines.errors import StoreError
from frontlines.models import Claim, ControlChange, Event, Evidence, Source


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def event_from_json(record: dict[str, Any]) -> Event:
    """Rebuild an Event from `Event.to_json()` output.

    Raises:
        StoreError: a required field is missing or has the wrong type.
    """
    try:
        return Event(
            event_id=record["event_id"],
            event_date=_date(record.get("event_date")),
            date_min=_date(record.get("date_min")),
            date_max=_date(record.get("date_max")),
            time_precision=int(record["time_precision"]),
            disorder_type=record["disorder_type"],
            event_type=record["event_type"],
            sub_event_type=record["sub_event_type"],
            actor1=record["actor1"],
            assoc_actor_1=record.get("assoc_actor_1", ""),
            actor2=record.get("actor2", ""),
            assoc_actor_2=record.get("assoc_actor_2", ""),
            inter1=int(record.get("inter1", 0)),
            inter2=int(record.get("inter2", 0)),
            interaction=int(record.get("interaction", 0)),
            civilian_targeting=record.get("civilian_targeting", ""),
            country=record.get("country", ""),
            iso=int(record.get("iso", 0)),
            admin1=record.get("admin1", ""),
            admin2=record.get("admin2", ""),
            admin3=record.get("admin3", ""),
            location=record.get("location", ""),
            latitude=record.get("latitude"),
            longitude=record.get("longitude"),
            geo_precision=int(record.get("geo_precision", 3)),
            fatalities=int(record.get("fatalities", 0)),
            source=record.get("source", ""),
            source_scale=record.get("source_scale", ""),
            notes=record.get("notes", ""),
            tags=record.get("tags", ""),
            region=record.get("region", ""),
            sources=tuple(
                Source(s["doc_id"], s.get("url"), s.get("outlet"), _date(s.get("published")))
                for s in record.get("sources", [])
            ),
            evidence=tuple(
                Evidence(e["doc_id"], int(e["start"]), int(e["end"]), e["text"])
                for e in record.get("evidence", [])
            ),
            claims=tuple(
                Claim(c["doc_id"], c.get("claimed_by"), c["field"], c.get("value"))
                for c in record.get("claims", [])
            ),
            claimed_by=record.get("claimed_by"),
            quantities=tuple(sorted((k, int(v)) for k, v in record.get("quantities", {}).items())),
            certainty=record.get("certainty", "reported"),
            confidence=float(record.get("confidence", 0.5)),
            place_id=record.get("place_id", ""),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise StoreError(
            f"Stored event record {record.get('event_id', '?')!r} could not be read ({error!r}); "
            "the database may be from a newer frontlines — upgrade, or re-ingest into a new file."
        ) from error


def change_to_json(change: ControlChange) -> dict[str, Any]:
    """A ControlChange as a JSON-ready dict."""
    return {
        "country": change.country,
        "admin1": change.admin1,
        "admin2": change.admin2,
        "status": change.status,
        "actor": change.actor,
        "date": change.date.isoformat(),
        "event_ids": list(change.event_ids),
        "sources": list(change.sources),
        "evidence": [
            {"doc_id": e.doc_id, "start": e.start, "end": e.end, "text": e.text}
            for e in change.evidence
        ],
    }


def change_from_json(record: dict[str, Any]) -> ControlChange:
    """Inverse of `change_to_json`."""
    return ControlChange(
        country=record["country"],
        admin1=record["admin1"],
        admin2=record["admin2"],
        status=record["status"],
        actor=record.get("actor"),
        date=date.fromisoformat(record["date"]),
        event_ids=tuple(record.get("event_ids", [])),
        sources=tuple(record.get("sources", [])),
        evidence=tuple(
            Evidence(e["doc_id"], int(e["start"]), int(e["end"]), e["text"])
            for e in record.get("evidence", [])
        ),
    )
