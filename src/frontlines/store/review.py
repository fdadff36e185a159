"""Analyst review of stored events: accept, edit, reject, merge, split, undo — all audited.

Each review is one transaction: it checks the event's version (a stale one is refused), writes
the reviewed events, keeps the review state that re-ingest respects (`review_state`), rebuilds
the control timeline of the districts touched, and records who, when, why, before and after.
Every audit entry keeps the full records before and after, so any review can be undone.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from frontlines.control import change_date, control_district, event_status
from frontlines.errors import StoreError
from frontlines.models import Event
from frontlines.store.codec import event_from_json
from frontlines.store.queries import audit_entry
from frontlines.store.review_state import (
    ReviewState,
    apply_overrides,
    check_field,
    load_states,
)
from frontlines.store.schema import event_review_state, events, review_audit
from frontlines.store.sql import SqlStore

ACTIONS = ("accept", "edit", "reject", "merge", "split")


class ReviewNotFoundError(StoreError):
    """The event or review named does not exist (HTTP 404)."""


class StaleReviewError(StoreError):
    """The review was made on an older version of the event (HTTP 409)."""


@dataclass(frozen=True, slots=True)
class ReviewRequest:
    """One analyst decision about a stored event."""

    event_id: str
    action: str
    version: int  # the event version the analyst saw
    reviewer: str
    reason: str = ""
    field: str | None = None  # edit
    value: Any = None  # edit
    other_id: str | None = None  # merge: the event folded into this one
    other_version: int | None = None
    doc_ids: tuple[str, ...] = ()  # split: the sources that become a new event


@dataclass(slots=True)
class _Change:
    """What a review does: events before/after (None = absent) and states before/after."""

    events: dict[str, tuple[Event | None, Event | None]]
    states: dict[str, tuple[ReviewState | None, ReviewState]]
    field: str | None = None
    before_value: Any = None
    after_value: Any = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _begin(conn: Connection, store: SqlStore) -> None:
    if store.url.startswith("sqlite"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _load_event(conn: Connection, event_id: str) -> Event:
    # FOR UPDATE (PostgreSQL; SQLite holds its write lock already): concurrent reviews of one
    # event queue here, so the second sees the first's version and gets its 409.
    row = conn.execute(
        select(events.c.record).where(events.c.event_id == event_id).with_for_update()
    ).first()
    if row is None:
        raise ReviewNotFoundError(
            f"No stored event {event_id!r}; list events with GET /api/events and use an event_id."
        )
    return event_from_json(json.loads(row.record))


def _checked_state(
    states: dict[str, ReviewState], event_id: str, version: int | None
) -> ReviewState:
    state = states.get(event_id) or ReviewState()
    if version is not None and version != state.version:
        raise StaleReviewError(
            f"Event {event_id!r} is at version {state.version}, not {version}: someone reviewed "
            "it since you loaded it; reload the event and review it again."
        )
    return state


def _next(state: ReviewState, **changes: Any) -> ReviewState:
    return replace(ReviewState(state.version + 1, state.status, state.overrides), **changes)


def review_event(store: SqlStore, request: ReviewRequest) -> dict[str, Any]:
    """Apply one review and return its audit entry.

    Raises:
        ReviewNotFoundError: an event named does not exist.
        StaleReviewError: `request.version` is not the event's current version.
        StoreError: the request does not make sense (unknown field, bad value, bad split).
    """
    if request.action not in ACTIONS:
        raise StoreError(f"Unknown review action {request.action!r}; use one of {ACTIONS}.")
    with store.engine.connect() as conn:
        _begin(conn, store)
        event = _load_event(conn, request.event_id)
        ids = [request.event_id] + ([request.other_id] if request.other_id else [])
        states = load_states(conn, ids)
        state = _checked_state(states, request.event_id, request.version)
        change = _plan(conn, request, event, state, states)
        entry = _write(conn, store, request, change)
        conn.commit()
    return entry


def _plan(
    conn: Connection,
    request: ReviewRequest,
    event: Event,
    state: ReviewState,
    states: dict[str, ReviewState],
) -> _Change:
    event_id = request.event_id
    if request.action == "accept":
        return _Change(
            {event_id: (event, event)}, {event_id: (state, _next(state, status="accepted"))}
        )
    if request.action == "reject":
        return _Change(
            {event_id: (event, None)}, {event_id: (state, _next(state, status="rejected"))}
        )
    if request.action == "edit":
        return _plan_edit(request, event, state)
    if request.action == "merge":
        return _plan_merge(conn, request, event, state, states)
    return _plan_split(request, event, state)


def _plan_edit(request: ReviewRequest, event: Event, state: ReviewState) -> _Change:
    if not request.field:
        raise StoreError("An edit needs a field; give 'field' and 'value'.")
    value = check_field(request.field, request.value)
    before_value = event.to_json().get(request.field)
    overrides = {**state.overrides, request.field: value}
    after = apply_overrides(event, {request.field: value})
    return _Change(
        {event.event_id: (event, after)},
        {event.event_id: (state, _next(state, overrides=overrides))},
        request.field,
        before_value,
        value,
    )


def _plan_merge(
    conn: Connection,
    request: ReviewRequest,
    event: Event,
    state: ReviewState,
    states: dict[str, ReviewState],
) -> _Change:
    if not request.other_id or request.other_id == event.event_id:
        raise StoreError("A merge needs 'other_id', another stored event to fold into this one.")
    other = _load_event(conn, request.other_id)
    other_state = _checked_state(states, other.event_id, request.other_version)
    merged = replace(
        event,
        sources=tuple({s.doc_id: s for s in (*event.sources, *other.sources)}.values()),
        evidence=(*event.evidence, *other.evidence),
        claims=(*event.claims, *other.claims),
        source="; ".join(dict.fromkeys(s for s in (event.source, other.source) if s)),
    )
    return _Change(
        {event.event_id: (event, merged), other.event_id: (other, None)},
        {
            event.event_id: (state, _next(state)),
            other.event_id: (other_state, _next(other_state, status="merged")),
        },
        "merged_with",
        None,
        other.event_id,
    )


def _plan_split(request: ReviewRequest, event: Event, state: ReviewState) -> _Change:
    moving = set(request.doc_ids)
    known = {s.doc_id for s in event.sources}
    if not moving or not moving <= known or moving == known:
        raise StoreError(
            f"A split needs 'doc_ids': some, not all, of the event's sources {sorted(known)}."
        )
    digest = hashlib.sha256("|".join(sorted(moving)).encode()).hexdigest()[:8]
    new_id = f"{event.event_id}-split-{digest}"

    def part(inside: bool) -> dict[str, Any]:
        return {
            "sources": tuple(s for s in event.sources if (s.doc_id in moving) == inside),
            "evidence": tuple(e for e in event.evidence if (e.doc_id in moving) == inside),
            "claims": tuple(c for c in event.claims if (c.doc_id in moving) == inside),
        }

    kept = replace(event, **part(False))
    split_off = replace(event, event_id=new_id, **part(True))
    fresh = ReviewState()
    return _Change(
        {event.event_id: (event, kept), new_id: (None, split_off)},
        {event.event_id: (state, _next(state)), new_id: (None, _next(fresh))},
        "split_into",
        None,
        new_id,
    )


def _write(
    conn: Connection, store: SqlStore, request: ReviewRequest, change: _Change
) -> dict[str, Any]:
    _apply_events(conn, store, {k: after for k, (_, after) in change.events.items()})
    for event_id, (_, after_state) in change.states.items():
        _put_state(conn, event_id, after_state)
    _rebuild_districts(conn, store, change.events.values())
    return _record(conn, request.event_id, request.action, request, change)


def _apply_events(conn: Connection, store: SqlStore, wanted: dict[str, Event | None]) -> None:
    store._delete_events(conn, list(wanted))
    store._insert_events(conn, [e for e in wanted.values() if e is not None], None)


def _put_state(conn: Connection, event_id: str, state: ReviewState | None) -> None:
    conn.execute(delete(event_review_state).where(event_review_state.c.event_id == event_id))
    if state is not None:
        conn.execute(insert(event_review_state).values(**state.to_row(event_id)))


def _rebuild_districts(
    conn: Connection, store: SqlStore, pairs: Iterable[tuple[Event | None, Event | None]]
) -> None:
    days: dict[tuple[str, str, str], set[date]] = defaultdict(set)
    for pair in pairs:
        for event in pair:
            if event is None:
                continue
            day = change_date(event)
            admin2 = control_district(event, None)
            if admin2 and day and event_status(event):
                days[(event.country, event.admin1, admin2)].add(day)
    for district in sorted(days):
        store._rebuild_control(conn, district, days[district], None)


def _state_json(state: ReviewState | None) -> dict[str, Any] | None:
    if state is None:
        return None
    return {"version": state.version, "status": state.status, "overrides": state.overrides}


def _record(
    conn: Connection, event_id: str, action: str, request: ReviewRequest, change: _Change
) -> dict[str, Any]:
    seq = int(
        conn.execute(
            select(func.count())
            .select_from(review_audit)
            .where(review_audit.c.event_id == event_id)
        ).scalar()
        or 0
    )
    changes = {
        "events": {
            key: [None if e is None else e.to_json() for e in pair]
            for key, pair in change.events.items()
        },
        "states": {
            key: [_state_json(before), _state_json(after)]
            for key, (before, after) in change.states.items()
        },
    }
    row = {
        "review_id": uuid.uuid4().hex,
        "event_id": event_id,
        "seq": seq + 1,
        "action": action,
        "reviewer": request.reviewer,
        "reviewed_at": _now(),
        "reason": request.reason,
        "field": change.field,
        "before_value": None if change.before_value is None else json.dumps(change.before_value),
        "after_value": None if change.after_value is None else json.dumps(change.after_value),
        "changes": json.dumps(changes, ensure_ascii=False),
        "undone_by": None,
    }
    conn.execute(insert(review_audit).values(**row))
    return audit_entry(row)


def undo_review(store: SqlStore, review_id: str, *, reviewer: str, reason: str) -> dict[str, Any]:
    """Undo one review: every event and state it changed goes back to before; audited too.

    Raises:
        ReviewNotFoundError: no such review.
        StaleReviewError: it was undone already, or a later review changed the same events.
    """
    with store.engine.connect() as conn:
        _begin(conn, store)
        row = conn.execute(
            select(review_audit).where(review_audit.c.review_id == review_id)
        ).first()
        if row is None:
            raise ReviewNotFoundError(f"No review {review_id!r}; see an event's history.")
        if row.undone_by:
            raise StaleReviewError(f"Review {review_id!r} was undone already by {row.undone_by}.")
        stored = json.loads(row.changes)
        states = load_states(conn, list(stored["states"]))
        restored_states: dict[str, tuple[ReviewState | None, ReviewState]] = {}
        for event_id, (before, after) in stored["states"].items():
            current = states.get(event_id) or ReviewState()
            if current.version != after["version"]:
                raise StaleReviewError(
                    f"Event {event_id!r} was reviewed again after {review_id!r}; undo the later "
                    "review first."
                )
            base = before or {"status": None, "overrides": {}}
            restored_states[event_id] = (
                current,
                ReviewState(current.version + 1, base["status"], base["overrides"]),
            )
        pairs = {
            event_id: (
                None if after is None else event_from_json(after),
                None if before is None else event_from_json(before),
            )
            for event_id, (before, after) in stored["events"].items()
        }
        change = _Change(pairs, restored_states, row.field, None, row.review_id)
        request = ReviewRequest(row.event_id, "undo", 0, reviewer, reason)
        _apply_events(conn, store, {k: after for k, (_, after) in pairs.items()})
        for event_id, (_, after_state) in restored_states.items():
            _put_state(conn, event_id, after_state)
        _rebuild_districts(conn, store, pairs.values())
        entry = _record(conn, row.event_id, "undo", request, change)
        conn.execute(
            update(review_audit)
            .where(review_audit.c.review_id == review_id)
            .values(undone_by=entry["review_id"])
        )
        conn.commit()
    return entry


__all__ = [
    "ACTIONS",
    "ReviewNotFoundError",
    "ReviewRequest",
    "StaleReviewError",
    "review_event",
    "undo_review",
]
