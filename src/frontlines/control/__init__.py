"""Territorial control per district (admin2): dated changes from events, status as of a day."""

from frontlines.control.timeline import (
    build_changes,
    change_date,
    control_as_of,
    event_status,
    statement_status,
)

__all__ = ["build_changes", "change_date", "control_as_of", "event_status", "statement_status"]
