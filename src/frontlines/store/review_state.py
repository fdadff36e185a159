"""Reviewed fields and rejections, applied to events whenever the store writes them."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from frontlines.errors import StoreError
from frontlines.models import Event
from frontlines.store.codec import event_from_json
from frontlines.store.schema import event_review_state

CERTAINTIES = ("reported", "claimed", "unconfirmed")
# Review outcomes that take an event out of the dataset (re-ingest does not bring it back).
REMOVED_STATUSES = ("rejected", "merged")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("give a string")
    return value.strip()


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("give a whole number, 0 or more")
    return value


def _day(value: Any) -> str:
    return date.fromisoformat(_text(value)).isoformat()


def _certainty(value: Any) -> str:
    if value not in CERTAINTIES:
        raise ValueError(f"give one of {', '.join(CERTAINTIES)}")
    return str(value)


def _coordinate(limit: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) > limit:
            raise ValueError(f"give a number between -{limit:g} and {limit:g}")
        return float(value)

    return check


# Fields an analyst may edit, each with the check that makes its value a record value.
EDITABLE_FIELDS: dict[str, Callable[[Any], Any]] = {
    "event_type": _text,
    "sub_event_type": _text,
    "event_date": _day,
    "actor1": _text,
    "actor2": _text,
    "country": _text,
    "admin1": _text,
    "admin2": _text,
    "location": _text,
    "latitude": _coordinate(90),
    "longitude": _coordinate(180),
    "fatalities": _count,
    "notes": _text,
    "certainty": _certainty,
}


@dataclass(slots=True)
class ReviewState:
    """One event's review: its version (bumped by every review), status and kept fields."""

    version: int = 0
    status: str | None = None
    overrides: dict[str, Any] = field(default_factory=dict)

    def to_row(self, event_id: str) -> dict[str, Any]:
        return {
            "event_id": event_id,
            "version": self.version,
            "status": self.status,
            "overrides": json.dumps(self.overrides, ensure_ascii=False, sort_keys=True),
        }


def check_field(name: str, value: Any) -> Any:
    """The record value for an edit of `name`.

    Raises:
        StoreError: the field cannot be edited or the value does not fit it.
    """
    check = EDITABLE_FIELDS.get(name)
    if check is None:
        raise StoreError(
            f"The field {name!r} cannot be edited; edit one of {', '.join(EDITABLE_FIELDS)}."
        )
    try:
        return check(value)
    except ValueError as error:
        raise StoreError(f"The value {value!r} does not fit {name!r}: {error}.") from error


def apply_overrides(event: Event, overrides: dict[str, Any]) -> Event:
    """The event with reviewed fields set (the date range follows an edited date)."""
    if not overrides:
        return event
    record = event.to_json()
    record.update(overrides)
    if "event_date" in overrides:
        record["date_min"] = record["date_max"] = overrides["event_date"]
        record["time_precision"] = 1
    return event_from_json(record)


def load_states(conn: Connection, event_ids: Sequence[str]) -> dict[str, ReviewState]:
    """Review state of each of these events that has one."""
    if not event_ids:
        return {}
    rows = conn.execute(
        select(event_review_state).where(event_review_state.c.event_id.in_(list(event_ids)))
    )
    return {
        row.event_id: ReviewState(row.version, row.status, json.loads(row.overrides))
        for row in rows
    }


def apply_reviews(conn: Connection, merged: Sequence[Event]) -> list[Event]:
    """Events as reviewed: rejected ones dropped, reviewed fields over the machine's values."""
    states = load_states(conn, [e.event_id for e in merged])
    kept: list[Event] = []
    for event in merged:
        state = states.get(event.event_id)
        if state is None:
            kept.append(event)
        elif state.status not in REMOVED_STATUSES:
            kept.append(apply_overrides(event, state.overrides))
    return kept


__all__ = [
    "EDITABLE_FIELDS",
    "REMOVED_STATUSES",
    "ReviewState",
    "apply_overrides",
    "apply_reviews",
    "check_field",
    "load_states",
]
