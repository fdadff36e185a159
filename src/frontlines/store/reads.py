"""Read-only queries the situation report needs: provinces, earlier places and actors,
events by id, light summaries of a period's events, and the documents of a period (SqlStore
delegates to these)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select, union

from frontlines.errors import StoreError
from frontlines.models import Event
from frontlines.store.codec import event_from_json
from frontlines.store.schema import comments, documents, events

# Ids per IN (...) list: below SQLite's default host-parameter limit.
IDS_PER_QUERY = 500


@dataclass(frozen=True, slots=True)
class SeenBefore:
    """Places (country, admin1, location) and actors of every event dated before a day."""

    places: frozenset[tuple[str, str, str]]
    actors: frozenset[str]


@dataclass(frozen=True, slots=True)
class DocumentTally:
    """Stored documents published in a period and the reader comments set apart from them."""

    documents: int
    comments: int
    undated: int  # stored documents with no publication date (not counted in any period)


@dataclass(frozen=True, slots=True)
class EventSummary:
    """The fields of a stored event that a report counts, read from its record without
    rebuilding the whole `Event` (its evidence, claims and sources are not decoded)."""

    event_id: str
    event_date: date | None
    event_type: str
    country: str
    admin1: str
    location: str
    actor1: str
    actor2: str
    fatalities: int
    latitude: float | None
    longitude: float | None
    geo_precision: int
    time_precision: int
    certainty: str
    outlets: tuple[str, ...]  # each source's outlet (its doc_id when unnamed), sorted, once
    doc_ids: tuple[str, ...]  # the source documents, in the record's order


def summary_from_json(record: dict[str, Any]) -> EventSummary:
    """An `EventSummary` from `Event.to_json()` output, with `event_from_json`'s defaults.

    Raises:
        StoreError: a required field is missing or has the wrong type.
    """
    try:
        sources = record.get("sources", [])
        day = record.get("event_date")
        return EventSummary(
            event_id=record["event_id"],
            event_date=date.fromisoformat(day) if day else None,
            event_type=record["event_type"],
            country=record.get("country", ""),
            admin1=record.get("admin1", ""),
            location=record.get("location", ""),
            actor1=record["actor1"],
            actor2=record.get("actor2", ""),
            fatalities=int(record.get("fatalities", 0)),
            latitude=record.get("latitude"),
            longitude=record.get("longitude"),
            geo_precision=int(record.get("geo_precision", 3)),
            time_precision=int(record["time_precision"]),
            certainty=record.get("certainty", "reported"),
            outlets=tuple(sorted({s.get("outlet") or s["doc_id"] for s in sources})),
            doc_ids=tuple(s["doc_id"] for s in sources),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise StoreError(
            f"Stored event record {record.get('event_id', '?')!r} could not be read ({error!r}); "
            "the database may be from a newer frontlines — upgrade, or re-ingest into a new file."
        ) from error


def provinces(conn: Connection) -> list[tuple[str, str]]:
    """Every (country, admin1) some stored event is placed in, sorted."""
    rows = conn.execute(
        select(events.c.country, events.c.admin1)
        .distinct()
        .order_by(events.c.country, events.c.admin1)
    )
    return [(row.country, row.admin1) for row in rows]


def seen_before(conn: Connection, day: date) -> SeenBefore:
    """What the store knew before `day`: the places and actors of earlier events."""
    earlier = events.c.event_date < day.isoformat()
    places = conn.execute(
        select(events.c.country, events.c.admin1, events.c.location).distinct().where(earlier)
    )
    actor_rows = conn.execute(
        union(
            select(events.c.actor1.label("actor")).where(earlier),
            select(events.c.actor2.label("actor")).where(earlier),
        )
    )
    return SeenBefore(
        places=frozenset((r.country, r.admin1, r.location) for r in places),
        actors=frozenset(r.actor for r in actor_rows if r.actor),
    )


def events_by_id(conn: Connection, event_ids: Sequence[str]) -> list[Event]:
    """The stored events with these ids (unknown ids are skipped), sorted by id."""
    wanted = sorted(set(event_ids))
    found: list[Event] = []
    for start in range(0, len(wanted), IDS_PER_QUERY):
        chunk = wanted[start : start + IDS_PER_QUERY]
        rows = conn.execute(select(events.c.record).where(events.c.event_id.in_(chunk)))
        found.extend(event_from_json(json.loads(row.record)) for row in rows)
    return sorted(found, key=lambda event: event.event_id)


def document_tally(conn: Connection, since: date, until: date) -> DocumentTally:
    """Documents published from `since` to `until` (inclusive) and their reader comments."""
    published = documents.c.published
    in_period = published.between(since.isoformat(), until.isoformat() + "T99")
    document_count = conn.execute(
        select(func.count()).select_from(documents).where(in_period)
    ).scalar()
    comment_count = conn.execute(
        select(func.count())
        .select_from(comments.join(documents, comments.c.content_hash == documents.c.content_hash))
        .where(in_period)
    ).scalar()
    undated = conn.execute(
        select(func.count()).select_from(documents).where(published.is_(None))
    ).scalar()
    return DocumentTally(int(document_count or 0), int(comment_count or 0), int(undated or 0))
