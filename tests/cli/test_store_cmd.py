"""`frontlines ingest`, `events`, `export` and `control --db`: idempotence, resume after SIGKILL."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from frontlines.cli.main import main
from frontlines.models import ACLED_COLUMNS
from frontlines.store import SqlStore, open_store
from frontlines.store.codec import event_from_json

REPO = Path(__file__).resolve().parents[2]
SMALL_GAZETTEER = REPO / "tests" / "fixtures" / "gazetteer" / "af_small.csv"
# Documents in the generated batch the ingest is killed in the middle of.
BATCH_DOCUMENTS = 40
KILL_AFTER_DOCUMENTS = 4
DISTRICTS = [("Imam Sahib", "Kunduz"), ("Chahar Dara", "Kunduz"), ("Jurm", "Badakhshan")]
OUTLETS = ["Kabul Frontline News", "Northern Wire", "Central Asia Wire Service"]


def fill_store(url: str, fixtures_dir: Path) -> None:
    lines = (fixtures_dir / "merge" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    store = open_store(url)
    store.add_events([event_from_json(json.loads(line)) for line in lines if line])
    store.close()


def write_batch(folder: Path) -> None:
    """Reports written for this test: three outlets per clash, a day's worth per district."""
    folder.mkdir()
    for n in range(BATCH_DOCUMENTS):
        district, province = DISTRICTS[n % len(DISTRICTS)]
        day = 1 + (n // (len(DISTRICTS) * len(OUTLETS)))
        killed = 4 + n % 7
        (folder / f"report-{n:03d}.txt").write_text(
            f"id: batch-{n:03d}\noutlet: {OUTLETS[n % len(OUTLETS)]}\n"
            f"published: 2021-07-{day + 1:02d}\n---\n"
            f"Taliban fighters attacked army checkpoints in the {district} district of "
            f"{province} province on July {day}, killing {killed} soldiers, a local official "
            "said.\n\nThe official said fighting was still going on late in the evening.\n",
            encoding="utf-8",
        )


def ingest_command(batch: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "frontlines",
        "ingest",
        str(batch),
        "--db",
        str(db),
        "--gazetteer",
        str(SMALL_GAZETTEER),
    ]


def stored_documents(db: Path) -> int:
    if not db.exists():
        return 0
    connection = sqlite3.connect(db, timeout=30)
    try:
        return int(connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet
        return 0
    finally:
        connection.close()


def snapshot(db: Path) -> tuple[list[str], list[tuple[str, str]]]:
    store = SqlStore(f"sqlite:///{db}")
    records = sorted(json.dumps(e.to_json(), sort_keys=True) for e in store.iter_events())
    with store.engine.connect() as conn:
        sources = conn.exec_driver_sql("SELECT event_id, doc_id FROM event_sources").all()
    store.close()
    return records, sorted((row[0], row[1]) for row in sources)


@pytest.fixture
def environment(cache_dir: Path) -> dict[str, str]:
    return {**os.environ, "FRONTLINES_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(REPO / "src")}


@pytest.mark.slow
def test_ingest_killed_mid_batch_resumes_without_loss_or_duplicates(
    tmp_path: Path, environment: dict[str, str]
) -> None:
    batch, killed_db, clean_db = tmp_path / "batch", tmp_path / "killed.db", tmp_path / "clean.db"
    write_batch(batch)
    process = subprocess.Popen(
        ingest_command(batch, killed_db),
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while stored_documents(killed_db) < KILL_AFTER_DOCUMENTS and time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    interrupted_at = stored_documents(killed_db)
    assert KILL_AFTER_DOCUMENTS <= interrupted_at < BATCH_DOCUMENTS, "not killed mid-batch"

    resumed = subprocess.run(
        ingest_command(batch, killed_db), env=environment, capture_output=True, text=True
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"({interrupted_at} already stored" in resumed.stdout
    subprocess.run(
        ingest_command(batch, clean_db), env=environment, check=True, capture_output=True
    )

    assert stored_documents(killed_db) == BATCH_DOCUMENTS
    killed_events, killed_sources = snapshot(killed_db)
    clean_events, clean_sources = snapshot(clean_db)
    assert killed_events == clean_events
    assert killed_sources == clean_sources
    connection = sqlite3.connect(killed_db)
    doc_ids = {row[0] for row in connection.execute("SELECT doc_id FROM documents")}
    connection.close()
    assert doc_ids == {f"batch-{n:03d}" for n in range(BATCH_DOCUMENTS)}
    assert {doc_id for _event_id, doc_id in killed_sources} <= doc_ids


def test_ingest_twice_changes_nothing(
    tmp_path: Path,
    fixtures_dir: Path,
    resources: object,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cache_dir: Path,
) -> None:
    monkeypatch.setenv("FRONTLINES_CACHE_DIR", str(cache_dir))
    db = tmp_path / "twice.db"
    reports = str(fixtures_dir / "merge" / "reports")
    args = ["ingest", reports, "--db", str(db), "--gazetteer", str(SMALL_GAZETTEER)]
    assert main(args) == 0
    first = capsys.readouterr().out
    before = snapshot(db)
    assert main(args) == 0
    second = capsys.readouterr().out
    assert first.startswith("ingested 22 documents (0 already stored, 0 failed)")
    assert second.startswith("ingested 0 documents (22 already stored, 0 failed)")
    assert snapshot(db) == before


def test_events_table_and_filters(
    tmp_path: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "events.db"
    fill_store(f"sqlite:///{db}", fixtures_dir)
    assert main(["events", "--db", str(db), "--place", "Khanabad"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("date") and len(lines) == 2
    assert "2021-07-11" in lines[1] and "Armed clash" in lines[1]
    assert main(["events", "--db", str(db), "--text", "air force", "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["admin2"] for r in records} == {"Chahar Dara", "Baharak"}


def test_export_formats(
    tmp_path: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "export.db"
    fill_store(f"sqlite:///{db}", fixtures_dir)
    assert main(["export", "--db", f"sqlite:///{db}", "--format", "acled-csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 10 and tuple(rows[0])[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert main(["export", "--db", str(db), "--format", "geojson"]) == 0
    assert len(json.loads(capsys.readouterr().out)["features"]) == 10
    out_file = tmp_path / "events.jsonl"
    assert main(["export", "--db", str(db), "--format", "jsonl", "-o", str(out_file)]) == 0
    assert len(out_file.read_text(encoding="utf-8").splitlines()) == 10


def test_control_reads_the_store(
    tmp_path: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "control.db"
    fill_store(f"sqlite:///{db}", fixtures_dir)
    assert main(["control", "--db", str(db), "--as-of", "2021-07-14"]) == 0
    records = {r["admin2"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert records["Shor Tepah"]["status"] == "government"
    assert records["Shor Tepah"]["since"] == "2021-07-13"
    assert records["Khanabad"]["status"] == "contested"
    assert records["Warduj"]["status"] == "unconfirmed"


def test_control_without_inputs_or_db_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["control", "--as-of", "2021-07-14"]) == 2
    assert "give INPUT files or --db" in capsys.readouterr().err
