"""GET /api/report over real HTTP: the same report `frontlines report` writes, and bad input."""

from __future__ import annotations

import re
from datetime import date

from frontlines.report import ReportRequest, build_report_data, render_report
from serving import LiveServer

GENERATED = re.compile(r"generated \d{4}-\d\d-\d\d \d\d:\d\d UTC")


def _period(live: LiveServer) -> tuple[date, date]:
    days = [e.event_date for e in live.store.iter_events() if e.event_date is not None]
    return min(days), max(days)


def test_api_report_is_the_report_the_command_writes(read_server: LiveServer) -> None:
    start, end = _period(read_server)
    with read_server.client() as client:
        answer = client.get(
            "/api/report", params={"from": str(start), "to": str(end), "format": "md"}
        )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/markdown")
    direct = render_report(
        build_report_data(ReportRequest(start=start, end=end), read_server.store), "md"
    ).decode("utf-8")
    assert GENERATED.sub("", answer.text) == GENERATED.sub("", direct)


def test_api_report_html_is_one_self_contained_page(read_server: LiveServer) -> None:
    start, end = _period(read_server)
    with read_server.client() as client:
        answer = client.get("/api/report", params={"from": str(start), "to": str(end)})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "<img" in answer.text and "data:image/png;base64," in answer.text


def test_api_report_bad_period_and_unknown_province_are_422(read_server: LiveServer) -> None:
    with read_server.client() as client:
        reversed_period = client.get(
            "/api/report", params={"from": "2021-07-10", "to": "2021-07-01"}
        )
        unknown = client.get(
            "/api/report",
            params={"from": "2021-07-01", "to": "2021-07-10", "admin1": "Atlantis"},
        )
        not_a_date = client.get("/api/report", params={"from": "July", "to": "2021-07-10"})
    assert reversed_period.status_code == 422 and reversed_period.json()["field"] == "to"
    assert unknown.status_code == 422 and unknown.json()["field"] == "admin1"
    assert not_a_date.status_code == 422 and not_a_date.json()["field"] == "from"
