"""The report map's offline country outlines and its extent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from frontlines.report import ReportRequest, build_report_data
from frontlines.report.mapimage import MIN_SPAN_DEGREES, country_outlines, event_map, map_extent
from frontlines.store import open_store

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_report_map_outlines_cover_the_world() -> None:
    outlines = dict(country_outlines())
    assert len(outlines) > 200
    for name in ("Afghanistan", "Ukraine", "Sudan", "Myanmar", "Mali", "Syria"):
        assert outlines[name].is_valid and not outlines[name].is_empty
    assert outlines["Afghanistan"].contains(outlines["Afghanistan"].representative_point())


def test_report_map_extent_holds_every_event_and_is_never_tiny(demo_db: Path) -> None:
    store = open_store(f"sqlite:///{demo_db}")
    try:
        data = build_report_data(
            ReportRequest(date(2021, 7, 1), date(2021, 7, 10), admin1=("Kunduz",)), store
        )
    finally:
        store.close()
    west, south, east, north = map_extent(data)
    assert east - west >= MIN_SPAN_DEGREES and north - south >= MIN_SPAN_DEGREES
    for point in data.points:
        assert west <= point.longitude <= east and south <= point.latitude <= north
    assert event_map(data).startswith(PNG_SIGNATURE)
