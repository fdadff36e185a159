"""The same store on a real PostgreSQL server (a private cluster started for the test session)."""

from __future__ import annotations

import importlib.util
import json
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from frontlines.fuse import merge_events
from frontlines.models import Event
from frontlines.store import EventQuery, open_store
from frontlines.store.codec import event_from_json
from frontlines.store.schema import LATEST_VERSION

# Port of the private cluster (unix socket only, so it never clashes with a system server).
PG_PORT = "54329"
PG_USER = "postgres"


def _can_start_postgres() -> str | None:
    """Why a private PostgreSQL cannot be started here, or None when it can."""
    if importlib.util.find_spec("psycopg") is None:
        return "psycopg is not installed"
    if not (shutil.which("initdb") and shutil.which("pg_ctl")):
        return "initdb/pg_ctl are not on PATH"
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        return f"no '{PG_USER}' system user to run the server as"
    return None


def _as_postgres(command: str) -> list[str]:
    if os.geteuid() == 0:
        return ["su", PG_USER, "-s", "/bin/sh", "-c", command]
    return ["/bin/sh", "-c", command]


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    reason = _can_start_postgres()
    if reason:
        pytest.skip(f"PostgreSQL test skipped: {reason}")
    # Not under pytest's tmp_path: the server user must be able to reach the folder.
    folder = Path(tempfile.mkdtemp(prefix="frontlines-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, PG_USER)
    data = folder / "data"
    subprocess.run(
        _as_postgres(f"initdb -D {data} -A trust -U {PG_USER} > {folder}/initdb.log"),
        check=True,
    )
    subprocess.run(
        _as_postgres(
            f"pg_ctl -D {data} -o '-p {PG_PORT} -k {folder} -c listen_addresses=' "
            f"-l {folder}/server.log -w start"
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://{PG_USER}@/{PG_USER}?host={folder}&port={PG_PORT}"
    finally:
        subprocess.run(
            _as_postgres(f"pg_ctl -D {data} -m fast -w stop"), check=True, capture_output=True
        )
        shutil.rmtree(folder, ignore_errors=True)


def fixture_events(fixtures_dir: Path) -> list[Event]:
    lines = (fixtures_dir / "merge" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [event_from_json(json.loads(line)) for line in lines if line]


@pytest.mark.slow
def test_postgres_store_migrates_merges_and_queries(postgres_url: str, fixtures_dir: Path) -> None:
    events = fixture_events(fixtures_dir)
    store = open_store(postgres_url)
    try:
        assert store.schema_version() == LATEST_VERSION
        for event in events:
            store.add_events([event])
        assert sorted(store.iter_events(), key=lambda e: e.event_id) == merge_events(events)
        found = [e.event_id for e in store.iter_events(EventQuery(text="manpower"))]
        assert found == ["merge-r20-e1"]
        shortepa = [c for c in store.iter_control_changes() if c.admin2 == "Shor Tepah"]
        assert [(c.date, c.status) for c in shortepa] == [
            (date(2021, 7, 10), "controlled"),
            (date(2021, 7, 13), "government"),
        ]
    finally:
        store.close()
