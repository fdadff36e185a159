"""Review endpoints: accept, edit, reject, merge or split an event; undo a review."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from frontlines.api.auth import require_writer, store_of
from frontlines.store.review import ReviewRequest, review_event, undo_review

router = APIRouter(prefix="/api")


class ReviewIn(BaseModel):
    """One review of an event; `version` is the version the reviewer saw (409 when stale)."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["accept", "edit", "reject", "merge", "split"]
    version: int = Field(ge=0)
    reason: str = Field(default="", max_length=2000)
    field: str | None = Field(default=None, description="edit: the field")
    value: str | int | float | None = Field(default=None, description="edit: its new value")
    other_id: str | None = Field(default=None, description="merge: the event folded in")
    other_version: int | None = Field(default=None, ge=0)
    doc_ids: list[str] = Field(default_factory=list, description="split: sources moved out")


class UndoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(default="", max_length=2000)


@router.post("/events/{event_id}/review", summary="Review an event; needs a token")
async def post_review(
    request: Request,
    event_id: Annotated[str, Path(min_length=1, max_length=300)],
    body: ReviewIn,
    reviewer: Annotated[str, Depends(require_writer)],
) -> dict[str, Any]:
    review = ReviewRequest(
        event_id=event_id,
        action=body.action,
        version=body.version,
        reviewer=reviewer,
        reason=body.reason,
        field=body.field,
        value=body.value,
        other_id=body.other_id,
        other_version=body.other_version,
        doc_ids=tuple(body.doc_ids),
    )
    return await run_in_threadpool(review_event, store_of(request), review)


@router.post("/reviews/{review_id}/undo", summary="Undo a review; needs a token")
async def post_undo(
    request: Request,
    review_id: Annotated[str, Path(min_length=1, max_length=100)],
    body: UndoIn,
    reviewer: Annotated[str, Depends(require_writer)],
) -> dict[str, Any]:
    return await run_in_threadpool(
        lambda: undo_review(store_of(request), review_id, reviewer=reviewer, reason=body.reason)
    )
