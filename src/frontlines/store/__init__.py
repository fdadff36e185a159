"""The event store: `Store` protocol and `open_store(url)` (SQLite default, PostgreSQL by URL)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Protocol

from frontlines.control import DistrictSearch
from frontlines.models import Article, ControlChange, Event
from frontlines.store.reads import DocumentTally, EventSummary, SeenBefore
from frontlines.store.sql import DocumentOutcome, EventQuery, SqlStore, content_hash


class Store(Protocol):
    """What the CLI and API need from a store; `SqlStore` is the implementation."""

    url: str

    def has_document(self, digest: str) -> bool: ...

    def add_document(
        self,
        article: Article,
        new_events: Sequence[Event],
        *,
        gazetteer: DistrictSearch | None = None,
    ) -> DocumentOutcome: ...

    def add_events(
        self, new_events: Sequence[Event], *, gazetteer: DistrictSearch | None = None
    ) -> tuple[int, int]: ...

    def iter_events(self, query: EventQuery | None = None) -> Iterator[Event]: ...

    def iter_event_summaries(self, query: EventQuery | None = None) -> Iterator[EventSummary]: ...

    def iter_control_changes(self) -> Iterator[ControlChange]: ...

    def count_events(self) -> int: ...

    def count_documents(self) -> int: ...

    def schema_version(self) -> int: ...

    def list_provinces(self) -> list[tuple[str, str]]: ...

    def seen_before(self, day: date) -> SeenBefore: ...

    def events_by_id(self, event_ids: Sequence[str]) -> list[Event]: ...

    def document_tally(self, since: date, until: date) -> DocumentTally: ...

    def close(self) -> None: ...


def open_store(url: str) -> Store:
    """Open (creating and migrating as needed) the store at a SQLAlchemy database URL.

    Raises:
        StoreError: the URL cannot be opened or the database cannot be migrated.
    """
    return SqlStore(url)


__all__ = [
    "DocumentOutcome",
    "DocumentTally",
    "EventQuery",
    "EventSummary",
    "SeenBefore",
    "SqlStore",
    "Store",
    "content_hash",
    "open_store",
]
