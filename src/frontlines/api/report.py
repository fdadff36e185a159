"""`GET /api/report`: the situation report of `frontlines report` for a period, from the API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from frontlines.api.auth import check_reader, store_of
from frontlines.api.errors import ApiError
from frontlines.errors import ReportRequestError

router = APIRouter(prefix="/api", dependencies=[Depends(check_reader)])

MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "pdf": "application/pdf",
}
# The report is one self-contained page: its own styles and embedded images, nothing else.
REPORT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)


@router.get("/report", summary="A situation report for a period (HTML, Markdown or PDF)")
async def get_report(
    request: Request,
    start: Annotated[date, Query(alias="from", description="first day of the period")],
    end: Annotated[date, Query(alias="to", description="last day of the period")],
    country: Annotated[str | None, Query(max_length=200)] = None,
    admin1: Annotated[list[str] | None, Query()] = None,
    template: Literal["daily", "weekly"] | None = None,
    format: Literal["html", "md", "pdf"] = "html",
) -> Response:
    # Charts and PDF libraries load on the first report, not when the server starts.
    from frontlines.report import ReportRequest, build_report_data, check_period, render_report

    try:
        check_period(start, end)
    except ReportRequestError as error:
        raise ApiError(422, "invalid", str(error), "to") from error
    wanted = ReportRequest(
        start=start, end=end, country=country, admin1=tuple(admin1 or ()), template=template
    )
    store = store_of(request)
    try:
        data = await run_in_threadpool(build_report_data, wanted, store)
    except ReportRequestError as error:
        raise ApiError(422, "invalid", str(error), "admin1" if admin1 else "country") from error
    content = await run_in_threadpool(render_report, data, format)
    headers = {"content-security-policy": REPORT_SECURITY_POLICY}
    if format == "pdf":
        headers["content-disposition"] = f'inline; filename="report-{start}-{end}.pdf"'
    return Response(content, media_type=MEDIA_TYPES[format], headers=headers)
