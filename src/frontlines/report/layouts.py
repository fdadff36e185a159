"""Report layouts (daily, weekly) and the colours and words of the report, from data/report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from typing import Any

LAYOUT_DATA: dict[str, Any] = json.loads(
    files("frontlines.data").joinpath("report/layouts.json").read_text(encoding="utf-8")
)
TEMPLATE_NAMES: tuple[str, ...] = tuple(LAYOUT_DATA["templates"])
EVENT_TYPE_COLORS: dict[str, str] = dict(LAYOUT_DATA["event_type_colors"])
OTHER_COLOR: str = LAYOUT_DATA["other_color"]
STATUS_COLORS: dict[str, str] = dict(LAYOUT_DATA["status_colors"])
STATUS_WORDS: dict[str, str] = dict(LAYOUT_DATA["status_words"])
DAILY_UP_TO_DAYS: int = LAYOUT_DATA["daily_template_up_to_days"]
DAY_BUCKETS_UP_TO_DAYS: int = LAYOUT_DATA["day_buckets_up_to_days"]
WEEK_BUCKETS_UP_TO_DAYS: int = LAYOUT_DATA["week_buckets_up_to_days"]


@dataclass(frozen=True, slots=True)
class Layout:
    """What a template shows: its title, how many top events, provinces in the bar chart."""

    name: str
    title: str
    top_events: int
    chart_provinces: int
    list_event_ids_up_to: int  # the method box lists every event id up to this many
    headline_districts: int  # districts in the headline table; the rest are named
    claims_per_district: int  # competing versions shown per district; the rest are counted


def load_layout(name: str | None, start: date, end: date) -> Layout:
    """The named layout; without a name, daily for short periods and weekly otherwise."""
    if name is None:
        name = "daily" if (end - start).days + 1 <= DAILY_UP_TO_DAYS else "weekly"
    spec = LAYOUT_DATA["templates"][name]
    return Layout(
        name=name,
        title=spec["title"],
        top_events=int(spec["top_events"]),
        chart_provinces=int(spec["chart_provinces"]),
        list_event_ids_up_to=int(spec["list_event_ids_up_to"]),
        headline_districts=int(spec["headline_districts"]),
        claims_per_district=int(spec["claims_per_district"]),
    )


def event_type_color(event_type: str) -> str:
    return EVENT_TYPE_COLORS.get(event_type, OTHER_COLOR)


def status_color(status: str) -> str:
    return STATUS_COLORS.get(status, OTHER_COLOR)


def status_words(status: str, actor: str | None) -> str:
    """'controlled by Taliban', 'government (Military Forces of Afghanistan)', 'contested'."""
    words = STATUS_WORDS.get(status, status)
    if not actor:
        return words
    return (
        f"{words} by {actor}" if status in ("controlled", "unconfirmed") else f"{words} ({actor})"
    )
