"""`POST /api/documents`: ingest one or many documents (SCHEMA.md §1), idempotent.

Every document is read and cleaned before anything is stored: a malformed one is named in a
422 and nothing of the request is stored. Each good document is then stored like
`frontlines ingest` stores it (one transaction each; a stored one changes nothing).
"""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from frontlines.api.auth import require_writer, store_of
from frontlines.api.errors import ApiError
from frontlines.config import Settings
from frontlines.errors import FrontlinesError
from frontlines.models import Article, Failure
from frontlines.store import content_hash

if TYPE_CHECKING:  # imported when the first document arrives: reads never need spaCy
    from frontlines.pipeline import Resources

router = APIRouter(prefix="/api")

# Documents one request may carry (the body size limit applies too).
MAX_DOCUMENTS_PER_REQUEST = 100


class DocumentIn(BaseModel):
    """One input document (SCHEMA.md §1); only `text` or `html` is required."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, max_length=300)
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="YYYY-MM-DD or ISO datetime")
    title: str | None = None
    text: str | None = None
    html: str | None = None
    kind: str | None = None
    language: str | None = None


class DocumentsIn(BaseModel):
    documents: list[DocumentIn] = Field(min_length=1, max_length=MAX_DOCUMENTS_PER_REQUEST)


class ResourceCache:
    """The NLP resources, loaded on the first ingest (reads never need them)."""

    def __init__(self, settings: Settings, resources: Resources | None = None) -> None:
        self.settings = settings
        self._resources = resources
        self._lock = threading.Lock()

    def get(self) -> Resources:
        with self._lock:
            if self._resources is None:
                from frontlines.pipeline import load_resources

                self._resources = load_resources(self.settings)
            return self._resources


def _articles(documents: list[DocumentIn], settings: Settings) -> list[Article]:
    """Read and clean every document, or raise naming the first that fails."""
    # Readers and cleaning (trafilatura, dateparser, ...) load with the first upload.
    from frontlines.ingest.fields import ReadOptions
    from frontlines.ingest.jsonl import parse_jsonl_line

    options = ReadOptions(published=None, max_chars=settings.max_document_chars)
    read = []
    for number, document in enumerate(documents):
        values = document.model_dump(exclude_none=True)
        origin = f"documents[{number}]" + (f" (id {document.id!r})" if document.id else "")
        line = json.dumps(values, ensure_ascii=False).encode("utf-8")
        try:
            read.append(parse_jsonl_line(line, origin=origin, options=options))
        except FrontlinesError as error:
            raise ApiError(422, "invalid_document", str(error), f"documents.{number}") from error
    from frontlines.pipeline import clean_documents

    articles = []
    for number, item in enumerate(clean_documents(read)):
        if isinstance(item, Failure):
            raise ApiError(422, "invalid_document", item.message(), f"documents.{number}")
        articles.append(item)
    return articles


def _ingest(request: Request, documents: list[DocumentIn]) -> list[dict[str, Any]]:
    cache: ResourceCache = request.app.state.resources
    articles = _articles(documents, cache.settings)
    store = store_of(request)
    results = []
    for article in articles:
        if store.has_document(content_hash(article)):
            results.append({"doc_id": article.id, "stored": False, "events": 0})
            continue
        from frontlines.pipeline import process_article

        resources = cache.get()
        events = process_article(article, resources).events
        outcome = store.add_document(article, events, gazetteer=resources.gazetteer)
        results.append(
            {
                "doc_id": outcome.doc_id,
                "stored": outcome.stored,
                "events": outcome.events_in,
                "events_written": outcome.events_written,
            }
        )
    return results


@router.post("/documents", summary="Ingest documents (idempotent); needs a token")
async def post_documents(
    request: Request, body: DocumentsIn, _writer: Annotated[str, Depends(require_writer)]
) -> dict[str, Any]:
    results = await run_in_threadpool(_ingest, request, body.documents)
    return {"documents": results}
