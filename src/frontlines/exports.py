"""Event writers shared by every verb that prints or exports events: ACLED CSV, GeoJSON, JSONL."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from frontlines.models import ACLED_COLUMNS, Event

# Our own columns appended after ACLED's, in this order (SCHEMA.md §3 "extra fields").
EXTRA_CSV_COLUMNS = (
    "date_min",
    "date_max",
    "certainty",
    "claimed_by",
    "confidence",
    "place_id",
    "source_urls",
    "claims",
    "evidence",
)
CSV_COLUMNS = ACLED_COLUMNS + EXTRA_CSV_COLUMNS
# Separator ACLED uses inside multi-valued cells (its `source` column).
CELL_SEPARATOR = "; "
# Columns that hold numbers (or dates): written as they are, so `-12.5` stays a number.
NUMERIC_CSV_COLUMNS = frozenset(
    {
        "event_date",
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
        "timestamp",
        "date_min",
        "date_max",
        "confidence",
    }
)
# First characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection":
# = + - @, and tab / carriage return, which some spreadsheets strip before looking).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def acled_row(event: Event) -> dict[str, Any]:
    """One event as a CSV row: ACLED's columns, then our extras (lists flattened to text)."""
    record = event.to_json()
    row = {column: record.get(column, "") for column in ACLED_COLUMNS}
    row["year"] = record["year"] if record["year"] is not None else ""
    row["event_date"] = record["event_date"] or ""
    row["timestamp"] = ""  # ACLED's upload time; we have no upload, so it stays empty
    row["latitude"] = "" if event.latitude is None else f"{event.latitude:.4f}"
    row["longitude"] = "" if event.longitude is None else f"{event.longitude:.4f}"
    row["date_min"] = record["date_min"] or ""
    row["date_max"] = record["date_max"] or ""
    row["certainty"] = event.certainty
    row["claimed_by"] = event.claimed_by or ""
    row["confidence"] = record["confidence"]
    row["place_id"] = event.place_id
    row["source_urls"] = CELL_SEPARATOR.join(s.url for s in event.sources if s.url)
    row["claims"] = CELL_SEPARATOR.join(
        f"{c.claimed_by or c.doc_id}: {c.field}={c.value}" for c in event.claims
    )
    row["evidence"] = " | ".join(e.text for e in event.evidence)
    return row


def neutralise_formula(value: str) -> str:
    """A text cell a spreadsheet will show as text: one that starts like a formula gets a
    leading single quote (OWASP's advice; the quote is visible, the formula never runs)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def spreadsheet_safe_row(row: dict[str, Any]) -> dict[str, Any]:
    """The row with every text column neutralised (numeric columns are left as they are).

    A carriage return becomes a newline: the csv module quotes only cells holding the line
    terminator ("\n"), so a bare "\r" would end the row early for every CSV reader.
    """
    return {
        column: _safe_text(value)
        if isinstance(value, str) and column not in NUMERIC_CSV_COLUMNS
        else value
        for column, value in row.items()
    }


def _safe_text(value: str) -> str:
    return neutralise_formula(value).replace("\r\n", "\n").replace("\r", "\n")


def write_acled_csv(events: Iterable[Event], out: TextIO) -> int:
    """Write ACLED-compatible CSV (ACLED_COLUMNS order, then EXTRA_CSV_COLUMNS); return rows.

    Text cells that a spreadsheet would run as formulas (outlet names, evidence, notes taken
    from hostile pages) are neutralised (`neutralise_formula`); numbers are written as numbers.
    """
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(spreadsheet_safe_row(acled_row(event)))
        count += 1
    return count


def geojson_feature(event: Event) -> dict[str, Any]:
    """One event as a GeoJSON Feature (a Point; null geometry when the event has no place)."""
    properties = event.to_json()
    geometry: dict[str, Any] | None = None
    if event.latitude is not None and event.longitude is not None:
        geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
    return {"type": "Feature", "id": event.event_id, "geometry": geometry, "properties": properties}


def write_geojson(events: Iterable[Event], out: TextIO) -> int:
    """Write a GeoJSON FeatureCollection, one feature per event, streamed; return features."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for event in events:
        if count:
            out.write(",\n")
        out.write(json.dumps(geojson_feature(event), ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    """Write one `Event.to_json()` record per line; return lines."""
    count = 0
    for event in events:
        out.write(json.dumps(event.to_json(), ensure_ascii=False) + "\n")
        count += 1
    return count


__all__ = [
    "CSV_COLUMNS",
    "EXTRA_CSV_COLUMNS",
    "acled_row",
    "geojson_feature",
    "neutralise_formula",
    "spreadsheet_safe_row",
    "write_acled_csv",
    "write_geojson",
    "write_jsonl",
]
