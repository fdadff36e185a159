"""Read queries behind the HTTP API: filtered event pages, one event in full, documents, control."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    exists,
    func,
    literal_column,
    or_,
    select,
    tuple_,
)

from frontlines.control import control_as_of
from frontlines.errors import StoreError
from frontlines.models import ControlChange, Event
from frontlines.store.codec import change_from_json, event_from_json
from frontlines.store.review_state import load_states
from frontlines.store.schema import (
    comments,
    control_changes,
    documents,
    event_evidence,
    event_sources,
    events,
    review_audit,
)
from frontlines.store.sql import STREAM_BATCH_ROWS, SqlStore

# Sort orders a page of events can have: name -> (column, descending).
SORTS = {
    "date": ("event_date", False),
    "-date": ("event_date", True),
    "fatalities": ("fatalities", False),
    "-fatalities": ("fatalities", True),
}
# Largest page the API hands out in one response.
MAX_PAGE_SIZE = 1000
# A box holding at least this many events is searched by walking the page order and testing
# the box (the page fills fast); a box holding fewer through the coordinate index, then sorted.
# Calibrated on the 100k-event bench store: a 1-degree box of 20k events 42 ms -> 4 ms; an
# empty box walked in order would cost 340 ms, through the index under 1 ms.
BBOX_WALK_MIN_EVENTS = 1000


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters of `GET /api/events` and `GET /api/export`; all given ones must hold."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # substring of actor1 / actor2, case-insensitive
    min_fatalities: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    text: str | None = None  # substring of the notes or of an evidence sentence


@dataclass(frozen=True, slots=True)
class EventPage:
    items: list[dict[str, Any]]
    next_cursor: str | None


def _like(value: str) -> str:
    escaped = value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(column: Any, value: str) -> ColumnElement[bool]:
    return func.lower(column).like(_like(value), escape="\\")


def filter_conditions(
    wanted: EventFilter, *, bbox_indexed: bool = True
) -> list[ColumnElement[bool]]:
    """SQL conditions (parameterised) for a filter; `bbox_indexed=False` writes the box so
    that no coordinate index serves it (see BBOX_WALK_MIN_EVENTS)."""
    c = events.c
    conditions: list[ColumnElement[bool]] = []
    equal = (
        (c.country, wanted.country),
        (c.admin1, wanted.admin1),
        (c.admin2, wanted.admin2),
        (c.event_type, wanted.event_type),
        (c.sub_event_type, wanted.sub_event_type),
    )
    conditions.extend(column == value for column, value in equal if value)
    # On the date-order expression, so ix_events_date_order serves range and order together
    # (an undated event, '' here, is before any day, as NULL would fail the test).
    if wanted.since:
        conditions.append(date_order_key() >= wanted.since.isoformat())
    if wanted.until:
        conditions.append(date_order_key() <= wanted.until.isoformat())
    if wanted.actor:
        conditions.append(or_(_contains(c.actor1, wanted.actor), _contains(c.actor2, wanted.actor)))
    if wanted.min_fatalities is not None:
        conditions.append(c.fatalities >= wanted.min_fatalities)
    if wanted.bbox:
        west, south, east, north = wanted.bbox
        zero: ColumnElement[Any] = literal_column("0")
        longitude = c.longitude if bbox_indexed else c.longitude + zero
        latitude = c.latitude if bbox_indexed else c.latitude + zero
        conditions.append(longitude.between(west, east))
        conditions.append(latitude.between(south, north))
    if wanted.text:
        in_evidence = exists().where(
            event_evidence.c.event_id == c.event_id, _contains(event_evidence.c.text, wanted.text)
        )
        conditions.append(or_(_contains(c.notes, wanted.text), in_evidence))
    return conditions


def date_order_key() -> ColumnElement[str]:
    """The date events are ordered by: `event_date`, undated ('') first (ix_events_date_order).

    The '' is written into the SQL, not bound: a database matches an expression index only
    against the same expression, and `COALESCE(event_date, ?)` is not `COALESCE(event_date, '')`.
    """
    return func.coalesce(events.c.event_date, literal_column("''"))


def encode_cursor(key: Any, event_id: str) -> str:
    raw = json.dumps([key, event_id], ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii")


def decode_cursor(cursor: str) -> tuple[Any, str]:
    """The (sort key, event id) a cursor holds.

    Raises:
        StoreError: the cursor was not made by `encode_cursor`.
    """
    try:
        key, event_id = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, TypeError, binascii.Error) as error:
        raise StoreError(
            f"The cursor {cursor[:40]!r} is not one this API gave out; "
            "use the next_cursor of a previous page."
        ) from error
    if not isinstance(event_id, str) or not isinstance(key, str | int):
        raise StoreError(f"The cursor {cursor[:40]!r} is damaged; start again without one.")
    return key, event_id


def _summary(record: dict[str, Any], status: str | None, version: int) -> dict[str, Any]:
    keys = (
        "event_id",
        "event_date",
        "event_type",
        "sub_event_type",
        "disorder_type",
        "actor1",
        "actor2",
        "country",
        "admin1",
        "admin2",
        "location",
        "latitude",
        "longitude",
        "fatalities",
        "notes",
        "certainty",
        "source",
    )
    summary = {key: record.get(key) for key in keys}
    summary["review_status"] = status
    summary["version"] = version
    return summary


def list_events(
    store: SqlStore,
    wanted: EventFilter,
    *,
    sort: str = "date",
    cursor: str | None = None,
    limit: int = 100,
) -> EventPage:
    """One page of matching events in `sort` order, and the cursor of the next page (or None)."""
    column_name, descending = SORTS[sort]
    column = events.c[column_name]
    key = date_order_key() if column_name == "event_date" else column
    with store.engine.connect() as conn:
        walk = wanted.bbox is not None and _events_in_box(conn, wanted.bbox) >= BBOX_WALK_MIN_EVENTS
    conditions = filter_conditions(wanted, bbox_indexed=not walk)
    if cursor:
        after_key, after_id = decode_cursor(cursor)
        position = tuple_(key, events.c.event_id)
        bound = tuple_(after_key, after_id)
        conditions.append(position < bound if descending else position > bound)
    order = (key.desc(), events.c.event_id.desc()) if descending else (key, events.c.event_id)
    statement = (
        select(events.c.record, key.label("sort_key"), events.c.event_id)
        .where(*conditions)
        .order_by(*order)
        .limit(min(limit, MAX_PAGE_SIZE) + 1)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(statement).all()
        page = rows[:limit]
        states = load_states(conn, [row.event_id for row in page])
    items = []
    for row in page:
        state = states.get(row.event_id)
        record = json.loads(row.record)
        items.append(
            _summary(record, state.status if state else None, state.version if state else 0)
        )
    next_cursor = encode_cursor(page[-1].sort_key, page[-1].event_id) if len(rows) > limit else None
    return EventPage(items, next_cursor)


def _events_in_box(conn: Connection, bbox: tuple[float, float, float, float]) -> int:
    """How many events lie in a box (counted through the coordinate index)."""
    only_box = filter_conditions(EventFilter(bbox=bbox))
    return int(
        conn.execute(select(func.count()).select_from(events).where(*only_box)).scalar() or 0
    )


def iter_filtered_events(store: SqlStore, wanted: EventFilter) -> Iterator[Event]:
    """Every matching event by date then id, streamed (for exports)."""
    statement = (
        select(events.c.record)
        .where(*filter_conditions(wanted))
        .order_by(events.c.event_date, events.c.event_id)
    )
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=STREAM_BATCH_ROWS).execute(
            statement
        )
        for row in result:
            yield event_from_json(json.loads(row.record))


def review_history(conn: Connection, event_id: str) -> list[dict[str, Any]]:
    """The audit trail of one event, oldest first."""
    rows = conn.execute(
        select(review_audit).where(review_audit.c.event_id == event_id).order_by(review_audit.c.seq)
    )
    return [audit_entry(row._mapping) for row in rows]


def audit_entry(row: Any) -> dict[str, Any]:
    """One audit row as the API shows it (the stored records of the change are left out)."""
    return {
        "review_id": row["review_id"],
        "event_id": row["event_id"],
        "action": row["action"],
        "reviewer": row["reviewer"],
        "reviewed_at": row["reviewed_at"],
        "reason": row["reason"],
        "field": row["field"],
        "before": None if row["before_value"] is None else json.loads(row["before_value"]),
        "after": None if row["after_value"] is None else json.loads(row["after_value"]),
        "undone_by": row["undone_by"],
    }


def _claims_side_by_side(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Claims grouped by field, so disagreeing sources sit next to each other."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for claim in record.get("claims", []):
        grouped.setdefault(claim["field"], []).append(claim)
    return grouped


def event_detail(store: SqlStore, event_id: str) -> dict[str, Any] | None:
    """One event in full: its record, sources, evidence, claims by field, review and history."""
    with store.engine.connect() as conn:
        row = conn.execute(select(events.c.record).where(events.c.event_id == event_id)).first()
        history = review_history(conn, event_id)
        state = load_states(conn, [event_id]).get(event_id)
    if row is None and not history and state is None:
        return None
    record = json.loads(row.record) if row else None
    return {
        "event_id": event_id,
        "event": record,
        "claims_by_field": _claims_side_by_side(record) if record else {},
        "review": {
            "status": state.status if state else None,
            "version": state.version if state else 0,
            "reviewed_fields": sorted(state.overrides) if state else [],
        },
        "history": history,
    }


def document_detail(store: SqlStore, doc_id: str) -> dict[str, Any] | None:
    """The latest stored version of a document: metadata, body, comments apart, its events."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(documents)
            .where(documents.c.doc_id == doc_id)
            .order_by(documents.c.ingested_at.desc(), documents.c.content_hash)
            .limit(1)
        ).first()
        if row is None:
            return None
        comment_rows = conn.execute(
            select(comments)
            .where(comments.c.content_hash == row.content_hash)
            .order_by(comments.c.ordinal)
        ).all()
        event_ids = conn.execute(
            select(event_sources.c.event_id)
            .where(event_sources.c.doc_id == doc_id)
            .order_by(event_sources.c.event_id)
        ).scalars()
        linked = list(event_ids)
    keys = ("doc_id", "content_hash", "url", "outlet", "published", "title", "kind", "language")
    detail: dict[str, Any] = {key: getattr(row, key) for key in keys}
    detail["body"] = row.body
    detail["comments"] = [
        {
            "author": c.author,
            "text": c.text,
            "start": c.char_start,
            "end": c.char_end,
            "toxicity": c.toxicity,
        }
        for c in comment_rows
    ]
    detail["event_ids"] = linked
    return detail


def _changes(conn: Connection, *conditions: ColumnElement[bool]) -> list[ControlChange]:
    statement = (
        select(control_changes.c.record)
        .where(*conditions)
        .order_by(
            control_changes.c.country,
            control_changes.c.admin1,
            control_changes.c.admin2,
            control_changes.c.ordinal,
        )
    )
    return [change_from_json(json.loads(row.record)) for row in conn.execute(statement)]


def control_on(store: SqlStore, as_of: date) -> list[dict[str, Any]]:
    """Every district's control status on a day (SCHEMA.md §6 records), each with the position
    of its first placed event (`latitude`/`longitude`, None when none is placed) for the map."""
    with store.engine.connect() as conn:
        changes = _changes(conn, control_changes.c.change_date <= as_of.isoformat())
        records = [record.to_json() for record in control_as_of(changes, as_of)]
        wanted = sorted({event_id for record in records for event_id in record["event_ids"]})
        rows = conn.execute(
            select(events.c.event_id, events.c.latitude, events.c.longitude).where(
                events.c.event_id.in_(wanted), events.c.latitude.is_not(None)
            )
        ).all()
    positions = {row.event_id: (row.latitude, row.longitude) for row in rows}
    for record in records:
        placed = [positions[e] for e in record["event_ids"] if e in positions]
        record["latitude"], record["longitude"] = placed[0] if placed else (None, None)
    return records


def district_timeline(store: SqlStore, district: str) -> list[dict[str, Any]]:
    """A district's control changes in date order, with their evidence and events."""
    with store.engine.connect() as conn:
        changes = _changes(conn, func.lower(control_changes.c.admin2) == district.casefold())
    return [
        {
            "country": change.country,
            "admin1": change.admin1,
            "admin2": change.admin2,
            "date": change.date.isoformat(),
            "status": change.status,
            "actor": change.actor,
            "event_ids": list(change.event_ids),
            "sources": list(change.sources),
            "evidence": [
                {"doc_id": e.doc_id, "start": e.start, "end": e.end, "text": e.text}
                for e in change.evidence
            ],
        }
        for change in changes
    ]


def facets(store: SqlStore) -> dict[str, Any]:
    """Values the map's filters offer: countries, provinces, types, and the date span."""
    with store.engine.connect() as conn:

        def distinct(column: Any) -> list[str]:
            rows = conn.execute(select(column).distinct().where(column != "").order_by(column))
            return [value for value in rows.scalars() if value]

        span = conn.execute(
            select(func.min(events.c.event_date), func.max(events.c.event_date))
        ).one()
        return {
            "countries": distinct(events.c.country),
            "admin1": distinct(events.c.admin1),
            "event_types": distinct(events.c.event_type),
            "sub_event_types": distinct(events.c.sub_event_type),
            "date_min": span[0],
            "date_max": span[1],
            "events": int(conn.execute(select(func.count()).select_from(events)).scalar() or 0),
        }


__all__ = [
    "MAX_PAGE_SIZE",
    "SORTS",
    "EventFilter",
    "EventPage",
    "control_on",
    "decode_cursor",
    "district_timeline",
    "document_detail",
    "encode_cursor",
    "event_detail",
    "facets",
    "filter_conditions",
    "iter_filtered_events",
    "list_events",
    "review_history",
]
