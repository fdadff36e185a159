"""The resolve stage: mentions become dated, placed, counted events (one per place per day)."""

from frontlines.resolve.events import resolve_events

__all__ = ["resolve_events"]
