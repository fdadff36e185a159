"""Query parameters shared by the event list and the export, turned into an `EventFilter`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

from frontlines.api.errors import ApiError
from frontlines.store.queries import EventFilter


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    parts = value.split(",")
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError as error:
        raise ApiError(
            422,
            "invalid",
            f"The value of 'bbox' ({value[:60]!r}) is not 4 numbers; give west,south,east,north.",
            "bbox",
        ) from error
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ApiError(
            422,
            "invalid",
            f"The value of 'bbox' ({value[:60]!r}) is not a box; give west<=east in -180..180 "
            "and south<=north in -90..90.",
            "bbox",
        )
    return (west, south, east, north)


def event_filter(
    since: Annotated[date | None, Query(description="on or after this day (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="on or before this day (YYYY-MM-DD)")] = None,
    country: Annotated[str | None, Query(max_length=200)] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="province, exact")] = None,
    admin2: Annotated[str | None, Query(max_length=200, description="district, exact")] = None,
    event_type: Annotated[str | None, Query(max_length=200)] = None,
    sub_event_type: Annotated[str | None, Query(max_length=200)] = None,
    actor: Annotated[str | None, Query(max_length=200, description="either actor contains")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0)] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="notes or evidence contain this text")
    ] = None,
) -> EventFilter:
    """FastAPI dependency: the filter the query string asks for (422 naming a bad field)."""
    if since and until and since > until:
        raise ApiError(
            422, "invalid", f"'since' ({since}) is after 'until' ({until}); swap them.", "since"
        )
    return EventFilter(
        since=since,
        until=until,
        country=country or None,
        admin1=admin1 or None,
        admin2=admin2 or None,
        event_type=event_type or None,
        sub_event_type=sub_event_type or None,
        actor=actor or None,
        min_fatalities=min_fatalities,
        bbox=_bbox(bbox),
        text=q or None,
    )
