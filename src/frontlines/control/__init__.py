"""Territorial control per district (admin2): dated changes from events, status as of a day."""

from frontlines.control.timeline import (
    DistrictSearch,
    build_changes,
    change_date,
    control_as_of,
    control_district,
    event_status,
    statement_status,
)

__all__ = [
    "DistrictSearch",
    "build_changes",
    "change_date",
    "control_as_of",
    "control_district",
    "event_status",
    "statement_status",
]
