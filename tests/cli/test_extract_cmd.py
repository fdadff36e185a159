"""`frontlines extract`, `places` and `demo` from the command line, on the bundled samples."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from frontlines.cli.demo_cmd import sample_reports_dir
from frontlines.cli.main import main
from frontlines.models import ACLED_COLUMNS

SAMPLE = str(sample_reports_dir() / "03_kunduz_helmand_airstrikes.txt")


@pytest.fixture(autouse=True)
def _private_cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINES_CACHE_DIR", str(cache_dir))


def test_extract_cmd_prints_schema_events_as_jsonl(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", SAMPLE]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records
    for record in records:
        assert {"event_id", "event_date", "event_type", "sub_event_type", "evidence"} <= set(record)
        assert record["evidence"] and record["sources"]
    assert any(r["sub_event_type"] == "Air/drone strike" for r in records)


def test_extract_cmd_csv_has_acled_columns_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", SAMPLE, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert tuple(rows[0][: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert len(rows) > 1


def test_extract_cmd_geojson_is_a_feature_collection(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", SAMPLE, "--format", "geojson"]) == 0
    collection = json.loads(capsys.readouterr().out)
    assert collection["type"] == "FeatureCollection"
    placed = [f for f in collection["features"] if f["geometry"]]
    assert placed
    for feature in placed:
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90


def test_places_cmd_prints_resolved_places(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["places", SAMPLE, "--format", "jsonl"]) == 0
    places = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(p["name"].startswith("Kunduz") for p in places)
    assert all(p["level"] in {"country", "admin1", "admin2", "place"} for p in places)


def test_extract_cmd_missing_input_exits_1_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["extract", str(tmp_path / "nowhere.txt")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nowhere.txt" in err[0]


def test_demo_cmd_stores_the_samples_and_prints_a_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    database = tmp_path / "demo.db"
    assert main(["demo", "--db", str(database)]) == 0
    first = capsys.readouterr().out
    assert "Events by type:" in first and "Control changes" in first
    assert database.exists()
    assert main(["demo", "--db", str(database)]) == 0
    second = capsys.readouterr().out
    assert "ingested 0 documents" in second
    assert first.split("\n", 1)[1] == second.split("\n", 1)[1]
