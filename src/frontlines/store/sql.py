"""The SQLAlchemy store: SQLite file by default (WAL), PostgreSQL by URL; the only code writing SQL.

Each document is written in one transaction together with the events it changes, so an
interrupted batch resumes without loss or duplicates; documents are keyed by content hash, so
storing the same document twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    create_engine,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    text,
)
from sqlalchemy import (
    event as sa_event,
)
from sqlalchemy.exc import SQLAlchemyError

from frontlines.control import (
    DistrictSearch,
    build_changes,
    change_date,
    control_district,
    event_status,
)
from frontlines.errors import StoreError
from frontlines.fuse import merge_events
from frontlines.models import Article, ControlChange, Event
from frontlines.store import reads
from frontlines.store.codec import change_from_json, change_to_json, event_from_json
from frontlines.store.review_state import apply_reviews
from frontlines.store.schema import (
    LATEST_VERSION,
    MIGRATIONS,
    SCHEMA_VERSION_DDL,
    comments,
    control_changes,
    documents,
    event_claims,
    event_evidence,
    event_sources,
    events,
)

logger = logging.getLogger(__name__)

# Stored events this many days either side of a new event are loaded as merge candidates
# (wider than fuse's largest date window plus its candidate sweep, so no true match is missed).
CANDIDATE_WINDOW_DAYS = 7
# Longest date range a stored event is expected to span (ACLED time_precision 3: a month); it
# bounds the candidate query from below so the block index serves it.
MAX_EVENT_SPAN_DAYS = 31
# How long a writer waits for another writer's lock before failing (SQLite busy_timeout, ms).
SQLITE_BUSY_TIMEOUT_MS = 60_000
# Tries, and the pause growing by this much between them, to switch a new database to WAL while
# another process is switching it too (seen under load in tests/store: one busy answer).
WAL_SWITCH_ATTEMPTS = 20
WAL_SWITCH_PAUSE_SECONDS = 0.05
# Control-change ordinals are day.toordinal() * CHANGES_PER_DAY + n: unique and in date order.
CHANGES_PER_DAY = 1000
# Rows fetched per round trip when streaming events out.
STREAM_BATCH_ROWS = 500
# PostgreSQL advisory lock held while migrating (any fixed number; "frontlns" in ASCII).
MIGRATION_LOCK_KEY = 0x66726F6E746C6E73


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters for `Store.iter_events`; every field optional, all given ones must hold."""

    since: date | None = None
    until: date | None = None
    event_type: str | None = None  # event_type or sub_event_type, case-insensitive
    place: str | None = None  # substring of location / admin1 / admin2 / admin3
    actor: str | None = None  # substring of actor1 / actor2
    text: str | None = None  # substring of any evidence sentence
    country: str | None = None
    admin1: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    """What storing one document did."""

    doc_id: str
    content_hash: str
    stored: bool  # False: the same content was already stored, nothing changed
    events_in: int = 0  # events the document brought
    events_written: int = 0  # new or changed stored events
    events_removed: int = 0  # stored events absorbed into a merged one


def content_hash(article: Article) -> str:
    """The identity of a document's content: sha256 of its original text."""
    return hashlib.sha256(article.original.encode("utf-8")).hexdigest()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def one_line(error: SQLAlchemyError) -> str:
    """The driver's own message, first line only: SQLAlchemy appends the SQL and a link."""
    reason = str(getattr(error, "orig", None) or error)
    return reason.strip().splitlines()[0] if reason.strip() else type(error).__name__


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _enable_wal(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    _switch_to_wal(cursor)
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _switch_to_wal(cursor: Any) -> None:
    """WAL mode, kept in the file once set. Switching needs an exclusive lock and SQLite does
    not wait for it (no busy timeout), so processes opening a new database at once retry."""
    for attempt in range(WAL_SWITCH_ATTEMPTS):
        if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
            return
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == WAL_SWITCH_ATTEMPTS - 1:
                raise
            time.sleep(WAL_SWITCH_PAUSE_SECONDS * (attempt + 1))


class SqlStore:
    """Events, documents and control history in one SQL database (see module docstring)."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url)
        except (SQLAlchemyError, ValueError) as error:
            raise StoreError(
                f"Could not open the store at {url!r} ({error}); give a database URL such as "
                "sqlite:///frontlines.db or postgresql://user@host/db."
            ) from error
        if _is_sqlite(url):
            sa_event.listen(self.engine, "connect", _enable_wal)
        self.migrate()

    # ------------------------------------------------------------------ schema

    def schema_version(self) -> int:
        with self.engine.begin() as conn:
            conn.execute(text(SCHEMA_VERSION_DDL))
            version = conn.execute(text("SELECT MAX(version) FROM schema_version")).scalar()
        return int(version or 0)

    def migrate(self, target: int = LATEST_VERSION) -> int:
        """Apply pending migrations up to `target`; return the version.

        Reading the version and applying what is missing is one transaction under the
        database's write lock (SQLite `BEGIN IMMEDIATE`, a PostgreSQL advisory lock), so two
        processes opening a new database at once migrate it once: the second waits, then finds
        it up to date.
        """
        try:
            with self.engine.connect() as conn:
                self._lock_for_migration(conn)
                conn.execute(text(SCHEMA_VERSION_DDL))
                current = int(
                    conn.execute(text("SELECT MAX(version) FROM schema_version")).scalar() or 0
                )
                if current > LATEST_VERSION:
                    raise StoreError(
                        f"The store at {self.url!r} has schema version {current}, newer than "
                        f"this frontlines knows ({LATEST_VERSION}); upgrade frontlines."
                    )
                for version in range(current + 1, target + 1):
                    for step in MIGRATIONS[version - 1]:
                        if isinstance(step, str):
                            conn.execute(text(step))
                        else:
                            step(conn)
                    conn.execute(text("DELETE FROM schema_version"))
                    conn.execute(
                        text("INSERT INTO schema_version (version) VALUES (:v)"), {"v": version}
                    )
                    logger.info("migrated %s to schema version %s", self.url, version)
                conn.commit()
        except SQLAlchemyError as error:
            raise StoreError(
                f"Could not migrate the store at {self.url!r} ({one_line(error)}); check the "
                "URL and that the database is writable."
            ) from error
        return max(current, target)

    def _lock_for_migration(self, conn: Connection) -> None:
        """Take the write lock before the schema version is read (see `migrate`)."""
        if _is_sqlite(self.url):
            # pysqlite leaves DDL outside any transaction unless one is opened explicitly.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ documents

    def has_document(self, digest: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(
                select(documents.c.content_hash).where(documents.c.content_hash == digest)
            ).first()
        return found is not None

    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(documents)).scalar() or 0)

    def add_document(
        self,
        article: Article,
        new_events: Sequence[Event],
        *,
        gazetteer: DistrictSearch | None = None,
    ) -> DocumentOutcome:
        """Store a document, its comments, and its events merged into the stored events — all in
        one transaction. A document whose content is already stored changes nothing. With a
        gazetteer, control is attributed to the districts the evidence names
        (`control.control_district`)."""
        digest = content_hash(article)
        try:
            with self.engine.begin() as conn:
                if _is_sqlite(self.url):
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                if conn.execute(
                    select(documents.c.content_hash).where(documents.c.content_hash == digest)
                ).first():
                    return DocumentOutcome(article.id, digest, stored=False)
                self._insert_document(conn, article, digest)
                written, removed = self._merge_into_store(conn, new_events, gazetteer)
        except SQLAlchemyError as error:
            raise StoreError(
                f"Could not store document {article.id!r} in {self.url!r} "
                f"({one_line(error)}); nothing of it was written — run the ingest again to retry."
            ) from error
        return DocumentOutcome(
            article.id,
            digest,
            True,
            len(new_events),
            events_written=written,
            events_removed=removed,
        )

    def _insert_document(self, conn: Connection, article: Article, digest: str) -> None:
        conn.execute(
            insert(documents).values(
                content_hash=digest,
                doc_id=article.id,
                url=article.url,
                outlet=article.outlet,
                published=_iso(article.published),
                title=article.title,
                kind=article.kind,
                language=article.language,
                origin=article.origin,
                body=article.body,
                ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
        )
        if article.comments:
            conn.execute(
                insert(comments),
                [
                    {
                        "content_hash": digest,
                        "ordinal": i,
                        "doc_id": article.id,
                        "author": c.author,
                        "text": c.text,
                        "char_start": c.start,
                        "char_end": c.end,
                        "toxicity": c.toxicity,
                    }
                    for i, c in enumerate(article.comments)
                ],
            )

    # ------------------------------------------------------------------ events

    def add_events(
        self, new_events: Sequence[Event], *, gazetteer: DistrictSearch | None = None
    ) -> tuple[int, int]:
        """Merge events into the store without a document row (bulk loads, benchmarks, tests)."""
        with self.engine.begin() as conn:
            if _is_sqlite(self.url):
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            return self._merge_into_store(conn, new_events, gazetteer)

    def _merge_into_store(
        self,
        conn: Connection,
        new_events: Sequence[Event],
        gazetteer: DistrictSearch | None,
    ) -> tuple[int, int]:
        if not new_events:
            return (0, 0)
        stored = {e.event_id: e for e in self._load_candidates(conn, new_events)}
        merged = merge_events([*stored.values(), *new_events])
        merged_ids = {e.event_id for e in merged}
        # Reviewed fields win over the machine's; a rejected event is not brought back.
        merged = apply_reviews(conn, merged)
        changed = [e for e in merged if stored.get(e.event_id) != e]
        removed = [event_id for event_id in stored if event_id not in merged_ids]
        self._delete_events(conn, [e.event_id for e in changed if e.event_id in stored] + removed)
        self._insert_events(conn, changed, gazetteer)
        previous = [stored[e.event_id] for e in changed if e.event_id in stored]
        touched = [*changed, *previous, *(stored[event_id] for event_id in removed)]
        days: dict[tuple[str, str, str], set[date]] = defaultdict(set)
        for event in touched:
            day = change_date(event)
            admin2 = control_district(event, gazetteer)
            if admin2 and day and event_status(event):
                days[(event.country, event.admin1, admin2)].add(day)
        for district in sorted(days):
            self._rebuild_control(conn, district, days[district], gazetteer)
        return (len(changed), len(removed))

    def _load_candidates(self, conn: Connection, new_events: Sequence[Event]) -> list[Event]:
        """Stored events in the same blocks (country, province, type) and date windows."""
        conditions: list[ColumnElement[bool]] = []
        for event in new_events:
            block = and_(
                events.c.country == event.country,
                events.c.admin1 == event.admin1,
                events.c.event_type == event.event_type,
            )
            low = event.date_min or event.event_date
            high = event.date_max or event.event_date
            if low is None or high is None:
                conditions.append(and_(block, events.c.date_min.is_(None)))
                continue
            window = timedelta(days=CANDIDATE_WINDOW_DAYS)
            span = timedelta(days=MAX_EVENT_SPAN_DAYS)
            conditions.append(
                and_(
                    block,
                    events.c.date_min >= (low - window - span).isoformat(),
                    events.c.date_max >= (low - window).isoformat(),
                    events.c.date_min <= (high + window).isoformat(),
                )
            )
        rows = conn.execute(select(events.c.record).where(or_(*conditions)))
        return [event_from_json(json.loads(row.record)) for row in rows]

    def _delete_events(self, conn: Connection, event_ids: Sequence[str]) -> None:
        if not event_ids:
            return
        for table in (events, event_sources, event_evidence, event_claims):
            conn.execute(delete(table).where(table.c.event_id.in_(event_ids)))

    def _insert_events(
        self, conn: Connection, new_rows: Sequence[Event], gazetteer: DistrictSearch | None
    ) -> None:
        if not new_rows:
            return
        conn.execute(insert(events), [_event_row(e, gazetteer) for e in new_rows])
        sources = [
            {
                "event_id": e.event_id,
                "doc_id": s.doc_id,
                "url": s.url,
                "outlet": s.outlet,
                "published": _iso(s.published),
            }
            for e in new_rows
            for s in {s.doc_id: s for s in e.sources}.values()
        ]
        evidence = [
            {
                "event_id": e.event_id,
                "ordinal": i,
                "doc_id": ev.doc_id,
                "char_start": ev.start,
                "char_end": ev.end,
                "text": ev.text,
            }
            for e in new_rows
            for i, ev in enumerate(e.evidence)
        ]
        claims = [
            {
                "event_id": e.event_id,
                "ordinal": i,
                "doc_id": c.doc_id,
                "claimed_by": c.claimed_by,
                "field": c.field,
                "value": None if c.value is None else str(c.value),
            }
            for e in new_rows
            for i, c in enumerate(e.claims)
        ]
        for table, rows in ((event_sources, sources), (event_evidence, evidence)):
            if rows:
                conn.execute(insert(table), rows)
        if claims:
            conn.execute(insert(event_claims), claims)

    def count_events(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(events)).scalar() or 0)

    def iter_events(self, query: EventQuery | None = None) -> Iterator[Event]:
        """Stored events matching `query`, by date then id, streamed (never all in memory)."""
        return (event_from_json(record) for record in self._iter_records(query))

    def iter_event_summaries(self, query: EventQuery | None = None) -> Iterator[reads.EventSummary]:
        """What `iter_events` yields, as light `EventSummary` records (same order, same events):
        for reads that count thousands of events and show only a few in full."""
        return (reads.summary_from_json(record) for record in self._iter_records(query))

    def _iter_records(self, query: EventQuery | None) -> Iterator[dict[str, Any]]:
        """The JSON records of the events matching `query`, by date then id, streamed."""
        statement = (
            select(events.c.record)
            .where(*_conditions(query or EventQuery()))
            .order_by(events.c.event_date, events.c.event_id)
        )
        with self.engine.connect() as conn:
            result = conn.execution_options(
                stream_results=True, yield_per=STREAM_BATCH_ROWS
            ).execute(statement)
            for row in result:
                yield json.loads(row.record)

    # ------------------------------------------------------------------ control

    def _rebuild_control(
        self,
        conn: Connection,
        district: tuple[str, str, str],
        days: set[date],
        gazetteer: DistrictSearch | None,
    ) -> None:
        """Recompute a district's control changes on the given days (days are independent)."""
        country, admin1, admin2 = district
        in_district = (
            control_changes.c.country == country,
            control_changes.c.admin1 == admin1,
            control_changes.c.admin2 == admin2,
        )
        iso_days = sorted(day.isoformat() for day in days)
        rows = conn.execute(
            select(events.c.record).where(
                events.c.country == country,
                events.c.admin1 == admin1,
                events.c.control_admin2 == admin2,
                events.c.control_status.is_not(None),
                func.coalesce(events.c.event_date, events.c.date_min).in_(iso_days),
            )
        )
        district_events = (event_from_json(json.loads(row.record)) for row in rows)
        changes = [
            change
            for change in build_changes(district_events, gazetteer=gazetteer)
            if change.admin2 == admin2
        ]
        conn.execute(
            delete(control_changes).where(*in_district, control_changes.c.change_date.in_(iso_days))
        )
        if not changes:
            return
        per_day: dict[date, int] = defaultdict(int)
        rows_out = []
        for change in changes:
            rows_out.append(
                {
                    "country": country,
                    "admin1": admin1,
                    "admin2": admin2,
                    "ordinal": change.date.toordinal() * CHANGES_PER_DAY + per_day[change.date],
                    "change_date": change.date.isoformat(),
                    "status": change.status,
                    "actor": change.actor,
                    "record": json.dumps(change_to_json(change), ensure_ascii=False),
                }
            )
            per_day[change.date] += 1
        conn.execute(insert(control_changes), rows_out)

    def iter_control_changes(self) -> Iterator[ControlChange]:
        """Every stored control change, by district then date."""
        statement = select(control_changes.c.record).order_by(
            control_changes.c.country,
            control_changes.c.admin1,
            control_changes.c.admin2,
            control_changes.c.ordinal,
        )
        with self.engine.connect() as conn:
            for row in conn.execute(statement):
                yield change_from_json(json.loads(row.record))

    # ------------------------------------------------------------------ report reads

    def list_provinces(self) -> list[tuple[str, str]]:
        """Every (country, admin1) a stored event is placed in."""
        with self.engine.connect() as conn:
            return reads.provinces(conn)

    def seen_before(self, day: date) -> reads.SeenBefore:
        """Places and actors of the events dated before `day`."""
        with self.engine.connect() as conn:
            return reads.seen_before(conn, day)

    def events_by_id(self, event_ids: Sequence[str]) -> list[Event]:
        with self.engine.connect() as conn:
            return reads.events_by_id(conn, event_ids)

    def document_tally(self, since: date, until: date) -> reads.DocumentTally:
        """Documents published in the period and their reader comments."""
        with self.engine.connect() as conn:
            return reads.document_tally(conn, since, until)


def _event_row(event: Event, gazetteer: DistrictSearch | None) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "country": event.country,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "location": event.location,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "event_date": _iso(event.event_date),
        "date_min": _iso(event.date_min or event.event_date),
        "date_max": _iso(event.date_max or event.event_date),
        "actor1": event.actor1,
        "actor2": event.actor2,
        "fatalities": event.fatalities,
        "record": json.dumps(event.to_json(), ensure_ascii=False),
        "control_status": status[0] if (status := event_status(event)) else None,
        "control_admin2": control_district(event, gazetteer),
        "latitude": event.latitude,
        "longitude": event.longitude,
        "notes": event.notes,
    }


def _like(value: str) -> str:
    escaped = value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(columns: Iterable[Any], value: str) -> ColumnElement[bool]:
    pattern = _like(value)
    return or_(*(func.lower(column).like(pattern, escape="\\") for column in columns))


def _conditions(query: EventQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.since:
        conditions.append(events.c.event_date >= query.since.isoformat())
    if query.until:
        conditions.append(events.c.event_date <= query.until.isoformat())
    if query.event_type:
        wanted = query.event_type.casefold()
        conditions.append(
            or_(
                func.lower(events.c.event_type) == wanted,
                func.lower(events.c.sub_event_type) == wanted,
            )
        )
    if query.place:
        record_place = (events.c.location, events.c.admin1, events.c.admin2)
        conditions.append(_contains(record_place, query.place))
    if query.actor:
        conditions.append(_contains((events.c.actor1, events.c.actor2), query.actor))
    if query.text:
        conditions.append(
            exists().where(
                event_evidence.c.event_id == events.c.event_id,
                _contains((event_evidence.c.text,), query.text),
            )
        )
    if query.country:
        conditions.append(events.c.country == query.country)
    if query.admin1:
        conditions.append(events.c.admin1 == query.admin1)
    return conditions
