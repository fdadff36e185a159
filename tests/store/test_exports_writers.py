"""ACLED CSV, GeoJSON and JSONL writers on merged fixture events."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from frontlines.exports import CSV_COLUMNS, write_acled_csv, write_geojson, write_jsonl
from frontlines.fuse import merge_events
from frontlines.models import ACLED_COLUMNS, Event
from frontlines.store.codec import event_from_json


def merged_fixture_events(fixtures_dir: Path) -> list[Event]:
    lines = (fixtures_dir / "merge" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return merge_events(event_from_json(json.loads(line)) for line in lines if line)


def test_write_acled_csv_columns_in_acled_order_then_extras(fixtures_dir: Path) -> None:
    events = merged_fixture_events(fixtures_dir)
    out = io.StringIO()
    assert write_acled_csv(events, out) == len(events)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    header = out.getvalue().splitlines()[0].split(",")
    assert tuple(header[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert tuple(header) == CSV_COLUMNS
    archi = next(r for r in rows if r["admin2"] == "Dasht-e Archi")
    assert archi["fatalities"] == "12" and archi["year"] == "2021"
    assert archi["source"] == "Central Asia Wire Service; Kabul Frontline News; Northern Wire"
    assert "merge-r04: fatalities=20" in archi["claims"]


def test_write_geojson_points_are_lon_lat(fixtures_dir: Path) -> None:
    events = merged_fixture_events(fixtures_dir)
    out = io.StringIO()
    write_geojson(events, out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(events)
    kishim = next(f for f in collection["features"] if f["properties"]["admin2"] == "Kishim")
    assert kishim["geometry"] == {"type": "Point", "coordinates": [70.24, 36.8]}
    assert len(kishim["properties"]["sources"]) == 3


def test_write_geojson_empty_is_valid() -> None:
    out = io.StringIO()
    assert write_geojson([], out) == 0
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_write_jsonl_round_trips(fixtures_dir: Path) -> None:
    events = merged_fixture_events(fixtures_dir)
    out = io.StringIO()
    write_jsonl(events, out)
    back = [event_from_json(json.loads(line)) for line in out.getvalue().splitlines()]
    assert back == events
