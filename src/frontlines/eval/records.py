"""The records evaluation compares: gold events and reports, and predicted events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# The event fields the annotated set codes and the evaluator scores (gold.jsonl keys).
GOLD_FIELDS = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "event_date",
    "fatalities",
    "claimed_by",
)


@dataclass(frozen=True, slots=True)
class ScoredEvent:
    """One event as the evaluator sees it, gold or predicted: the scored fields of SCHEMA §3."""

    doc_id: str
    event_type: str
    sub_event_type: str = ""
    actor1: str = ""
    actor2: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    location: str = ""
    event_date: date | None = None
    fatalities: int = 0
    claimed_by: str | None = None
    evidence: tuple[str, ...] = ()  # predicted only: the evidence sentences


@dataclass(frozen=True, slots=True)
class GoldReport:
    """One annotated report: its events and the sentences that must stay silent."""

    doc_id: str
    events: tuple[ScoredEvent, ...] = ()
    not_events: tuple[str, ...] = ()
    path: str = ""  # the report's text file, when the gold set has one
    kind: str = ""  # the `kind:` of the report's header (article, transcript, ...)
    ignored: tuple[str, ...] = ()  # sentences whose predictions are neither credited nor counted

    @property
    def group(self) -> str:
        """Country of the report's first event ("none" for a report without events)."""
        return self.events[0].country if self.events else "none"


@dataclass(frozen=True, slots=True)
class GoldSet:
    """An annotated set: reports in order, and where their texts live."""

    reports: tuple[GoldReport, ...]
    source: str = ""
    text_paths: tuple[str, ...] = field(default=())

    @property
    def doc_ids(self) -> frozenset[str]:
        return frozenset(report.doc_id for report in self.reports)
