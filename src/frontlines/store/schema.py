"""The store's tables (for queries) and its ordered migrations (for creating and upgrading them).

Each migration is a list of portable SQL statements (SQLite and PostgreSQL); `schema_version`
holds how many have been applied. Never edit an applied migration — append a new one.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import Column, Connection, Float, Integer, MetaData, Table, Text, text

from frontlines.control import event_status
from frontlines.store.codec import event_from_json

METADATA = MetaData()

documents = Table(
    "documents",
    METADATA,
    Column("content_hash", Text, primary_key=True),
    Column("doc_id", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Text),
    Column("title", Text),
    Column("kind", Text),
    Column("language", Text),
    Column("origin", Text),
    Column("body", Text, nullable=False),
    Column("ingested_at", Text, nullable=False),
)

comments = Table(
    "comments",
    METADATA,
    Column("content_hash", Text, primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("doc_id", Text, nullable=False),
    Column("author", Text),
    Column("text", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("toxicity", Float, nullable=False),
)

events = Table(
    "events",
    METADATA,
    Column("event_id", Text, primary_key=True),
    Column("country", Text, nullable=False),
    Column("admin1", Text, nullable=False),
    Column("admin2", Text, nullable=False),
    Column("location", Text, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("event_date", Text),
    Column("date_min", Text),
    Column("date_max", Text),
    Column("actor1", Text, nullable=False),
    Column("actor2", Text, nullable=False),
    Column("fatalities", Integer, nullable=False),
    Column("record", Text, nullable=False),
    Column("control_status", Text),  # what the event says about its district's control, if any
    Column("control_admin2", Text),  # the district that statement is about (control_district)
    Column("latitude", Float),  # migration 5: for bbox filters
    Column("longitude", Float),
    Column("notes", Text),
)

event_sources = Table(
    "event_sources",
    METADATA,
    Column("event_id", Text, primary_key=True),
    Column("doc_id", Text, primary_key=True),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Text),
)

event_evidence = Table(
    "event_evidence",
    METADATA,
    Column("event_id", Text, primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("doc_id", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

event_claims = Table(
    "event_claims",
    METADATA,
    Column("event_id", Text, primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("doc_id", Text, nullable=False),
    Column("claimed_by", Text),
    Column("field", Text, nullable=False),
    Column("value", Text),
)

control_changes = Table(
    "control_changes",
    METADATA,
    Column("country", Text, primary_key=True),
    Column("admin1", Text, primary_key=True),
    Column("admin2", Text, primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("change_date", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("actor", Text),
    Column("record", Text, nullable=False),
)

# Migration 5: analyst review (state per event, audit trail) and API tokens (hashed).
event_review_state = Table(
    "event_review_state",
    METADATA,
    Column("event_id", Text, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("status", Text),  # accepted | rejected | None (edited only)
    Column("overrides", Text, nullable=False),  # JSON {field: value} kept over re-ingest
)

review_audit = Table(
    "review_audit",
    METADATA,
    Column("review_id", Text, primary_key=True),
    Column("event_id", Text, nullable=False),
    Column("seq", Integer, nullable=False),  # order of reviews of the same event
    Column("action", Text, nullable=False),
    Column("reviewer", Text, nullable=False),
    Column("reviewed_at", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("field", Text),
    Column("before_value", Text),  # JSON
    Column("after_value", Text),  # JSON
    Column("changes", Text, nullable=False),  # JSON: event records and states before/after
    Column("undone_by", Text),
)

api_tokens = Table(
    "api_tokens",
    METADATA,
    Column("name", Text, primary_key=True),
    Column("token_hash", Text, nullable=False),
    Column("created_at", Text, nullable=False),
)

SCHEMA_VERSION_DDL = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"


def backfill_control_status(conn: Connection) -> None:
    """Migration 3: record each stored event's control status (used to rebuild control fast)."""
    rows = conn.execute(text("SELECT event_id, record FROM events")).all()
    for event_id, record in rows:
        found = event_status(event_from_json(json.loads(record)))
        if found:
            conn.execute(
                text("UPDATE events SET control_status = :status WHERE event_id = :event_id"),
                {"status": found[0], "event_id": event_id},
            )


def backfill_map_columns(conn: Connection) -> None:
    """Migration 5: copy each stored event's coordinates and notes into their own columns."""
    rows = conn.execute(text("SELECT event_id, record FROM events")).all()
    for event_id, record in rows:
        value = json.loads(record)
        conn.execute(
            text(
                "UPDATE events SET latitude = :lat, longitude = :lon, notes = :notes "
                "WHERE event_id = :event_id"
            ),
            {
                "lat": value.get("latitude"),
                "lon": value.get("longitude"),
                "notes": value.get("notes") or "",
                "event_id": event_id,
            },
        )


MigrationStep = str | Callable[[Connection], None]

# Migration N (1-based) brings a database from version N-1 to N: SQL statements or functions.
MIGRATIONS: tuple[tuple[MigrationStep, ...], ...] = (
    # 1: documents, comments, events with their sources, evidence and claims.
    (
        """CREATE TABLE documents (
            content_hash TEXT PRIMARY KEY, doc_id TEXT NOT NULL, url TEXT, outlet TEXT,
            published TEXT, title TEXT, kind TEXT, language TEXT, origin TEXT,
            body TEXT NOT NULL, ingested_at TEXT NOT NULL)""",
        "CREATE INDEX ix_documents_doc_id ON documents (doc_id)",
        """CREATE TABLE comments (
            content_hash TEXT NOT NULL, ordinal INTEGER NOT NULL, doc_id TEXT NOT NULL,
            author TEXT, text TEXT NOT NULL, char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL, toxicity REAL NOT NULL,
            PRIMARY KEY (content_hash, ordinal))""",
        """CREATE TABLE events (
            event_id TEXT PRIMARY KEY, country TEXT NOT NULL, admin1 TEXT NOT NULL,
            admin2 TEXT NOT NULL, location TEXT NOT NULL, event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL, event_date TEXT, date_min TEXT, date_max TEXT,
            actor1 TEXT NOT NULL, actor2 TEXT NOT NULL, fatalities INTEGER NOT NULL,
            record TEXT NOT NULL)""",
        "CREATE INDEX ix_events_block ON events (country, admin1, event_type, date_min)",
        "CREATE INDEX ix_events_date ON events (event_date)",
        """CREATE TABLE event_sources (
            event_id TEXT NOT NULL, doc_id TEXT NOT NULL, url TEXT, outlet TEXT,
            published TEXT, PRIMARY KEY (event_id, doc_id))""",
        """CREATE TABLE event_evidence (
            event_id TEXT NOT NULL, ordinal INTEGER NOT NULL, doc_id TEXT NOT NULL,
            char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, text TEXT NOT NULL,
            PRIMARY KEY (event_id, ordinal))""",
        """CREATE TABLE event_claims (
            event_id TEXT NOT NULL, ordinal INTEGER NOT NULL, doc_id TEXT NOT NULL,
            claimed_by TEXT, field TEXT NOT NULL, value TEXT,
            PRIMARY KEY (event_id, ordinal))""",
    ),
    # 2: territorial control history per district, and district lookups for it.
    (
        """CREATE TABLE control_changes (
            country TEXT NOT NULL, admin1 TEXT NOT NULL, admin2 TEXT NOT NULL,
            ordinal INTEGER NOT NULL, change_date TEXT NOT NULL, status TEXT NOT NULL,
            actor TEXT, record TEXT NOT NULL,
            PRIMARY KEY (country, admin1, admin2, ordinal))""",
        "CREATE INDEX ix_events_district ON events (country, admin1, admin2)",
    ),
    # 3: each event's control status, so control is rebuilt from the few events that matter.
    (
        "ALTER TABLE events ADD COLUMN control_status TEXT",
        "CREATE INDEX ix_events_control ON events (country, admin1, admin2, control_status)",
        backfill_control_status,
    ),
    # 4: the district each event's control statement is about (the evidence may name another
    # district than the event's placement); older rows keep their placement.
    (
        "ALTER TABLE events ADD COLUMN control_admin2 TEXT",
        "UPDATE events SET control_admin2 = admin2",
        "CREATE INDEX ix_events_control_district ON events "
        "(country, admin1, control_admin2, control_status)",
    ),
    # 5: the analyst workspace — coordinates and notes as columns (map filters), review state
    # and audit trail per event, and API tokens (sha256 of the token, never the token).
    (
        "ALTER TABLE events ADD COLUMN latitude DOUBLE PRECISION",
        "ALTER TABLE events ADD COLUMN longitude DOUBLE PRECISION",
        "ALTER TABLE events ADD COLUMN notes TEXT",
        backfill_map_columns,
        "CREATE INDEX ix_events_lonlat ON events (longitude, latitude)",
        "CREATE INDEX ix_events_fatalities ON events (fatalities, event_id)",
        # The map's usual filters in date order (equality, then the date-order expression), and
        # the filter menus' distinct values, each from one index.
        "CREATE INDEX ix_events_type_date ON events "
        "(event_type, COALESCE(event_date, ''), event_id)",
        "CREATE INDEX ix_events_subtype_date ON events "
        "(sub_event_type, COALESCE(event_date, ''), event_id)",
        "CREATE INDEX ix_events_admin1_date ON events (admin1, COALESCE(event_date, ''), event_id)",
        # The API's date order (undated first) and date ranges, served by one index.
        "CREATE INDEX ix_events_date_order ON events (COALESCE(event_date, ''), event_id)",
        """CREATE TABLE event_review_state (
            event_id TEXT PRIMARY KEY, version INTEGER NOT NULL, status TEXT,
            overrides TEXT NOT NULL)""",
        """CREATE TABLE review_audit (
            review_id TEXT PRIMARY KEY, event_id TEXT NOT NULL, seq INTEGER NOT NULL,
            action TEXT NOT NULL, reviewer TEXT NOT NULL, reviewed_at TEXT NOT NULL,
            reason TEXT NOT NULL, field TEXT, before_value TEXT, after_value TEXT,
            changes TEXT NOT NULL, undone_by TEXT)""",
        "CREATE INDEX ix_review_audit_event ON review_audit (event_id, seq)",
        """CREATE TABLE api_tokens (
            name TEXT PRIMARY KEY, token_hash TEXT NOT NULL, created_at TEXT NOT NULL)""",
    ),
)

LATEST_VERSION = len(MIGRATIONS)
