"""The SQLite store on real files: migrations, idempotent documents, merging, queries, WAL."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from frontlines.fuse import merge_events
from frontlines.models import Article, Comment, Event
from frontlines.store import EventQuery, SqlStore, content_hash, open_store
from frontlines.store.codec import event_from_json
from frontlines.store.schema import LATEST_VERSION, MIGRATIONS


def fixture_events(fixtures_dir: Path) -> list[Event]:
    lines = (fixtures_dir / "merge" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [event_from_json(json.loads(line)) for line in lines if line]


def article_for(event: Event, body: str | None = None) -> Article:
    text = body or " ".join(e.text for e in event.evidence)
    source = event.sources[0]
    return Article(
        id=source.doc_id,
        body=text,
        original=text + "\n\nComments\nAlbert F.: they lie about everything",
        outlet=source.outlet,
        url=source.url,
        published=source.published,
        comments=(Comment("Albert F.", "they lie about everything", len(text) + 11, 999, 0.4),),
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlStore]:
    opened = SqlStore(f"sqlite:///{tmp_path / 'frontlines.db'}")
    yield opened
    opened.close()


def test_open_store_migrates_an_empty_database(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'new.db'}")
    assert store.schema_version() == LATEST_VERSION
    assert store.count_events() == 0 and store.count_documents() == 0
    store.close()


def test_open_store_migrates_an_older_database_keeping_its_data(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for statement in MIGRATIONS[0]:
        connection.execute(statement)
    connection.execute("INSERT INTO schema_version VALUES (1)")
    connection.execute(
        "INSERT INTO documents VALUES ('abc', 'old-doc', NULL, 'Northern Wire', '2021-07-01', "
        "NULL, 'article', 'en', 'old.txt', 'Old body.', '2021-07-01T00:00:00')"
    )
    connection.commit()
    connection.close()

    store = open_store(f"sqlite:///{path}")
    assert store.schema_version() == LATEST_VERSION
    assert store.count_documents() == 1 and store.has_document("abc")
    event = fixture_events(fixtures_dir)[0]
    store.add_document(article_for(event), [event])  # the version-2 control table is usable
    assert [c.admin2 for c in store.iter_control_changes()] == ["Imam Sahib"]
    store.close()


def test_add_document_twice_changes_nothing(store: SqlStore, fixtures_dir: Path) -> None:
    event = fixture_events(fixtures_dir)[0]
    first = store.add_document(article_for(event), [event])
    second = store.add_document(article_for(event), [event])
    assert first.stored and not second.stored
    assert store.count_documents() == 1 and store.count_events() == 1
    assert store.has_document(content_hash(article_for(event)))


def test_add_document_merges_across_documents_like_in_memory(
    store: SqlStore, fixtures_dir: Path
) -> None:
    events = fixture_events(fixtures_dir)
    for event in events:
        store.add_document(article_for(event), [event])
    stored = sorted(store.iter_events(), key=lambda e: e.event_id)
    assert stored == merge_events(events)
    assert store.count_documents() == len(events)


def test_add_document_stores_comments_apart_from_evidence(
    store: SqlStore, fixtures_dir: Path
) -> None:
    event = fixture_events(fixtures_dir)[0]
    store.add_document(article_for(event), [event])
    with store.engine.connect() as conn:
        comments = conn.exec_driver_sql("SELECT author, text FROM comments").all()
        evidence = conn.exec_driver_sql("SELECT text FROM event_evidence").all()
    assert [tuple(row) for row in comments] == [("Albert F.", "they lie about everything")]
    assert all("lie" not in row[0] for row in evidence)


@pytest.mark.parametrize(
    ("query", "expected_docs"),
    [
        (EventQuery(place="shor tepah"), {"merge-r17", "merge-r18"}),
        (EventQuery(event_type="Air/drone strike", place="Takhar"), {"merge-r15"}),
        (EventQuery(since=date(2021, 7, 11), until=date(2021, 7, 11)), {"merge-r20"}),
        (EventQuery(text="manpower"), {"merge-r20"}),
        (EventQuery(actor="taliban", place="Warduj"), {"merge-r22"}),
        (EventQuery(event_type="Government regains territory"), {"merge-r18"}),
    ],
)
def test_iter_events_filters(
    store: SqlStore, fixtures_dir: Path, query: EventQuery, expected_docs: set[str]
) -> None:
    store.add_events(fixture_events(fixtures_dir))
    found = {e.event_id.removesuffix("-e1") for e in store.iter_events(query)}
    assert found == expected_docs


def test_control_history_follows_the_stored_events(store: SqlStore, fixtures_dir: Path) -> None:
    store.add_events(fixture_events(fixtures_dir))
    shortepa = [c for c in store.iter_control_changes() if c.admin2 == "Shor Tepah"]
    assert [(c.date, c.status) for c in shortepa] == [
        (date(2021, 7, 10), "controlled"),
        (date(2021, 7, 13), "government"),
    ]
    assert shortepa[1].event_ids == ("merge-r18-e1",)
    assert set(shortepa[1].sources) == {"Central Asia Wire Service", "Kabul Frontline News"}


def test_control_history_goes_to_the_district_the_evidence_names(
    store: SqlStore, fixtures_dir: Path, gazetteer: Any
) -> None:
    khanabad = next(e for e in fixture_events(fixtures_dir) if e.admin2 == "Khanabad")
    misplaced = replace(khanabad, admin2="Kunduz", location="Kunduz")
    store.add_events([misplaced], gazetteer=gazetteer)
    assert [(c.admin2, c.status) for c in store.iter_control_changes()] == [
        ("Khan Abad", "contested")
    ]


def test_reader_queries_while_a_writer_holds_its_transaction(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'wal.db'}"
    writer, reader = open_store(url), open_store(url)
    events = fixture_events(fixtures_dir)
    writer.add_events(events[:3])
    assert isinstance(writer, SqlStore)
    with writer.engine.begin() as conn:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        conn.exec_driver_sql("DELETE FROM events")  # uncommitted while the reader reads
        assert reader.count_events() == 1
        assert len(list(reader.iter_events())) == 1
        conn.rollback()
    mode = sqlite3.connect(tmp_path / "wal.db").execute("PRAGMA journal_mode").fetchone()
    assert mode == ("wal",)
    writer.close()
    reader.close()


def test_event_records_round_trip_through_the_store(store: SqlStore, fixtures_dir: Path) -> None:
    events = fixture_events(fixtures_dir)[:1]
    store.add_events(events)
    assert list(store.iter_events()) == events


def test_open_store_bad_url_names_the_url() -> None:
    from frontlines.errors import StoreError

    with pytest.raises(StoreError, match="nosuchdb://x"):
        open_store("nosuchdb://x")
