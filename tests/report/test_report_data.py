"""The report's numbers against direct queries of the store it was built from."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from frontlines.errors import ReportRequestError
from frontlines.report import ReportRequest, build_report_data
from frontlines.report.data import ReportData
from frontlines.report.request import check_period
from frontlines.store import open_store

# The bundled samples report the first ten days of July 2021.
START, END = date(2021, 7, 1), date(2021, 7, 10)


def build(db: Path, **options: object) -> ReportData:
    store = open_store(f"sqlite:///{db}")
    try:
        request = ReportRequest(
            start=options.pop("start", START),  # type: ignore[arg-type]
            end=options.pop("end", END),  # type: ignore[arg-type]
            **options,  # type: ignore[arg-type]
        )
        return build_report_data(request, store)
    finally:
        store.close()


def query(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


IN_PERIOD = "event_date BETWEEN ? AND ?"


def test_report_data_totals_match_the_store(demo_db: Path) -> None:
    data = build(demo_db)
    [(events, fatalities)] = query(
        demo_db,
        f"SELECT COUNT(*), SUM(fatalities) FROM events WHERE {IN_PERIOD}",
        "2021-07-01",
        "2021-07-10",
    )
    assert data.total_events == events > 0
    assert data.total_fatalities == fatalities
    assert sum(n for _p, _t, n in data.counts) == data.total_events
    assert sum(b.fatalities for b in data.timeline) == data.total_fatalities
    assert sum(b.events for b in data.timeline) == data.total_events


def test_report_data_counts_by_type_and_province_match_the_store(demo_db: Path) -> None:
    data = build(demo_db)
    rows = query(
        demo_db,
        f"SELECT admin1, event_type, COUNT(*) FROM events WHERE {IN_PERIOD} "
        "GROUP BY admin1, event_type",
        START.isoformat(),
        END.isoformat(),
    )
    assert {(p, t): n for p, t, n in data.counts} == {(p, t): n for p, t, n in rows}
    for province, event_type, n in rows:
        assert data.count(str(province), str(event_type)) == n


def test_report_data_fatalities_per_day_match_the_store(demo_db: Path) -> None:
    data = build(demo_db)
    rows = dict(
        query(
            demo_db,
            f"SELECT event_date, SUM(fatalities) FROM events WHERE {IN_PERIOD} GROUP BY event_date",
            START.isoformat(),
            END.isoformat(),
        )
    )
    assert data.bucket == "day"
    assert [b.start for b in data.timeline] == [date(2021, 7, d) for d in range(1, 11)]
    for bucket in data.timeline:
        assert bucket.fatalities == rows.get(bucket.start.isoformat(), 0)


def test_report_data_headlines_are_the_districts_with_changes_in_the_period(demo_db: Path) -> None:
    data = build(demo_db)
    rows = query(
        demo_db,
        "SELECT DISTINCT country, admin1, admin2 FROM control_changes "
        "WHERE change_date BETWEEN ? AND ?",
        START.isoformat(),
        END.isoformat(),
    )
    assert {(h.country, h.admin1, h.admin2) for h in data.headlines} == set(rows)
    reports = query(
        demo_db,
        "SELECT COUNT(*) FROM control_changes WHERE change_date BETWEEN ? AND ?",
        START.isoformat(),
        END.isoformat(),
    )
    assert sum(len(h.reports) for h in data.headlines) == reports[0][0]


def test_report_data_keeps_conflicting_control_reports_side_by_side(demo_db: Path) -> None:
    """Kuran wa Munjan: one outlet says the Taliban took it, another that the army holds it."""
    data = build(demo_db)
    [kuran] = [h for h in data.headlines if h.admin2 == "Kuran wa Munjan"]
    assert kuran.disputed
    assert {r.status for r in kuran.reports} >= {"controlled", "government"}


def test_report_data_marks_claims_as_claims(demo_db: Path) -> None:
    data = build(demo_db)
    [(claimed,)] = query(
        demo_db,
        f"SELECT COUNT(*) FROM events WHERE {IN_PERIOD} AND record LIKE ?",
        START.isoformat(),
        END.isoformat(),
        '%"certainty": "claimed"%',
    )
    assert data.method.claimed_events >= claimed > 0
    top = data.top_by_fatalities[0]
    assert top.is_claim and top.claimed_by


def test_report_data_method_box_matches_the_store(demo_db: Path) -> None:
    data = build(demo_db)
    [(documents,)] = query(
        demo_db,
        "SELECT COUNT(*) FROM documents WHERE published BETWEEN ? AND ?",
        START.isoformat(),
        END.isoformat(),
    )
    [(comments,)] = query(
        demo_db,
        "SELECT COUNT(*) FROM comments JOIN documents USING (content_hash) "
        "WHERE published BETWEEN ? AND ?",
        START.isoformat(),
        END.isoformat(),
    )
    ids = query(
        demo_db,
        f"SELECT event_id FROM events WHERE {IN_PERIOD} ORDER BY event_id",
        START.isoformat(),
        END.isoformat(),
    )
    assert data.method.documents.documents == documents > 0
    assert data.method.documents.comments == comments > 0
    assert list(data.method.event_ids) == [i for (i,) in ids]
    assert sum(n for _code, n in data.method.geo_precision) == data.total_events
    assert sum(n for _code, n in data.method.time_precision) == data.total_events


def test_report_data_province_filter_matches_the_store(demo_db: Path) -> None:
    data = build(demo_db, admin1=("badakhshan", "Kunduz"))
    [(events,)] = query(
        demo_db,
        f"SELECT COUNT(*) FROM events WHERE {IN_PERIOD} AND admin1 IN ('Badakhshan', 'Kunduz')",
        START.isoformat(),
        END.isoformat(),
    )
    assert data.total_events == events > 0
    assert set(data.provinces) == {"Badakhshan", "Kunduz"}
    assert all(h.admin1 in ("Badakhshan", "Kunduz") for h in data.headlines)


def test_report_data_novelty_credits_the_first_event_only(demo_db: Path) -> None:
    data = build(demo_db)
    assert data.top_by_novelty
    later = build(demo_db, start=date(2021, 7, 9), end=date(2021, 7, 10))
    seen = {n for e in data.top_by_novelty for n in e.novelty}
    assert len(seen) == sum(len(e.novelty) for e in data.top_by_novelty)
    assert later.is_empty and not later.top_by_novelty


def test_report_data_empty_period_is_empty(demo_db: Path) -> None:
    data = build(demo_db, start=date(2020, 1, 1), end=date(2020, 1, 7))
    assert data.is_empty
    assert data.total_fatalities == 0 and not data.headlines and not data.points


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"admin1": ("Narnia",)}, "province 'Narnia'"),
        ({"country": "Atlantis"}, "country 'Atlantis'"),
        ({"country": "Afghanistan", "admin1": ("Narnia",)}, "province 'Narnia' of Afghanistan"),
    ],
)
def test_report_data_unknown_place_is_refused(
    demo_db: Path, options: dict[str, object], words: str
) -> None:
    with pytest.raises(ReportRequestError, match=words):
        build(demo_db, **options)


def test_report_data_reversed_period_is_refused() -> None:
    with pytest.raises(ReportRequestError, match="before it starts"):
        check_period(END, START)


def test_report_data_summaries_say_what_the_events_say(demo_db: Path) -> None:
    """The light records the report counts hold the same values as the whole events."""
    from frontlines.store import EventQuery

    store = open_store(f"sqlite:///{demo_db}")
    try:
        query = EventQuery(since=START, until=END)
        events = list(store.iter_events(query))
        summaries = list(store.iter_event_summaries(query))
    finally:
        store.close()
    assert events and [s.event_id for s in summaries] == [e.event_id for e in events]
    for summary, event in zip(summaries, events, strict=True):
        for field in summary.__slots__:
            if field not in ("outlets", "doc_ids"):
                assert getattr(summary, field) == getattr(event, field), field
        assert summary.outlets == tuple(sorted({s.outlet or s.doc_id for s in event.sources}))
        assert summary.doc_ids == tuple(s.doc_id for s in event.sources)
