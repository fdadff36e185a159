"""A report from a store of real Voice of America reports (../shared/data/voa-dev)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from frontlines.cli.main import main
from frontlines.report import ReportRequest, build_report_data
from frontlines.store import open_store

pytestmark = [pytest.mark.shared, pytest.mark.slow]

# The whole span of the reports (2012-2024): weekly buckets, many countries.
ALL_YEARS = (date(2012, 1, 1), date(2024, 12, 31))
# August 2021 in Afghanistan: the provincial capitals and Kabul fall.
KABUL_FALLS = (date(2021, 8, 1), date(2021, 8, 31))


def build(db: Path, start: date, end: date, country: str | None = None):  # type: ignore[no-untyped-def]
    store = open_store(f"sqlite:///{db}")
    try:
        return build_report_data(ReportRequest(start, end, country=country), store)
    finally:
        store.close()


def test_report_voa_all_years_match_the_store(voa_db: Path) -> None:
    data = build(voa_db, *ALL_YEARS)
    connection = sqlite3.connect(voa_db)
    [(events, fatalities)] = connection.execute(
        "SELECT COUNT(*), SUM(fatalities) FROM events WHERE event_date BETWEEN ? AND ?",
        [d.isoformat() for d in ALL_YEARS],
    )
    countries = connection.execute(
        "SELECT COUNT(DISTINCT country) FROM events WHERE event_date BETWEEN ? AND ?",
        [d.isoformat() for d in ALL_YEARS],
    ).fetchone()[0]
    assert data.total_events == events > 50
    assert data.total_fatalities == fatalities
    assert data.bucket == "month"
    assert sum(b.fatalities for b in data.timeline) == fatalities
    assert countries > 3 and all("(" in p for p in data.provinces if p != "(province unknown)")
    assert data.method.documents.documents > 0


def test_report_voa_afghanistan_august_2021(voa_db: Path) -> None:
    data = build(voa_db, *KABUL_FALLS, country="Afghanistan")
    [(events,)] = sqlite3.connect(voa_db).execute(
        "SELECT COUNT(*) FROM events WHERE country = 'Afghanistan' AND event_date BETWEEN ? AND ?",
        [d.isoformat() for d in KABUL_FALLS],
    )
    assert data.total_events == events > 0
    assert {p for p in data.provinces} <= {p for p, _t, _n in data.counts}


def test_report_voa_pdf_renders(voa_db: Path, tmp_path: Path, pdf_pages: Any) -> None:
    out = tmp_path / "voa.pdf"
    period = ["--from", "2021-08-01", "--to", "2021-08-31", "--country", "Afghanistan"]
    status = main(["report", "--db", str(voa_db), *period, "--format", "pdf", "-o", str(out)])
    assert status == 0
    assert len(pdf_pages(out, tmp_path)) >= 2
