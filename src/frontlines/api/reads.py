"""Read endpoints: events (list, one in full, filter values), documents and control."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from frontlines.api.auth import check_reader, store_of
from frontlines.api.errors import ApiError
from frontlines.api.filters import event_filter
from frontlines.store.queries import (
    MAX_PAGE_SIZE,
    EventFilter,
    control_on,
    district_timeline,
    document_detail,
    event_detail,
    facets,
    list_events,
)

router = APIRouter(prefix="/api", dependencies=[Depends(check_reader)])

SortOrder = Literal["date", "-date", "fatalities", "-fatalities"]
Id = Annotated[str, Path(min_length=1, max_length=300)]


def _not_found(kind: str, value: str) -> ApiError:
    return ApiError(404, "not_found", f"No {kind} {value[:100]!r} in the store; check the id.")


@router.get("/events", summary="Events matching the filters, one page at a time")
async def get_events(
    request: Request,
    wanted: Annotated[EventFilter, Depends(event_filter)],
    sort: SortOrder = "date",
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 100,
) -> JSONResponse:
    page = await run_in_threadpool(
        list_events, store_of(request), wanted, sort=sort, cursor=cursor, limit=limit
    )
    # The items are plain JSON values already: answered as they are, without FastAPI's
    # per-value encoder (a third of the time of a 100-event page).
    body = {"items": page.items, "next_cursor": page.next_cursor, "count": len(page.items)}
    return JSONResponse(body)


@router.get("/events/{event_id}", summary="One event with sources, evidence, claims and review")
async def get_event(request: Request, event_id: Id) -> dict[str, Any]:
    detail = await run_in_threadpool(event_detail, store_of(request), event_id)
    if detail is None:
        raise _not_found("event", event_id)
    return detail


@router.get("/facets", summary="Values the filters can take and the stored date span")
async def get_facets(request: Request) -> dict[str, Any]:
    return await run_in_threadpool(facets, store_of(request))


@router.get("/documents/{doc_id}", summary="One document: body and comments apart")
async def get_document(request: Request, doc_id: Id) -> dict[str, Any]:
    detail = await run_in_threadpool(document_detail, store_of(request), doc_id)
    if detail is None:
        raise _not_found("document", doc_id)
    return detail


@router.get("/control", summary="Every district's control status on a day")
async def get_control(
    request: Request, as_of: Annotated[date, Query(description="the day (YYYY-MM-DD)")]
) -> dict[str, Any]:
    records = await run_in_threadpool(control_on, store_of(request), as_of)
    return {"as_of": as_of.isoformat(), "districts": records}


@router.get("/control/{district}", summary="A district's control timeline with evidence")
async def get_district(request: Request, district: Id) -> dict[str, Any]:
    changes = await run_in_threadpool(district_timeline, store_of(request), district)
    if not changes:
        raise _not_found("control history for district", district)
    return {"district": district, "changes": changes}
