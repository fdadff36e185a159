"""The FastAPI application: routers, limits, error shape, security headers and the web map."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from frontlines import __version__
from frontlines.api import export, ingest, reads, report, review
from frontlines.api.errors import install_error_handlers
from frontlines.api.limits import BodyLimit, RateLimit
from frontlines.config import Settings, load_settings
from frontlines.store.sql import SqlStore
from frontlines.web import outlines_file, static_dir

if TYPE_CHECKING:  # the pipeline (spaCy) is imported on the first ingest, not to serve reads
    from frontlines.pipeline import Resources

# Content Security Policy of every response: scripts, styles and data from this server only,
# so even a text that escaped escaping could not load or run anything.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)

# API requests a second allowed per client address (bursts of DEFAULT_RATE_BURST).
DEFAULT_RATE_PER_SECOND = 50.0
DEFAULT_RATE_BURST = 200


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """How the server behaves; the defaults suit one analyst on 127.0.0.1."""

    max_body_bytes: int = 5_000_000  # a POST of documents above this gets 413
    rate_per_second: float = DEFAULT_RATE_PER_SECOND  # per client address, on /api/ only
    rate_burst: int = DEFAULT_RATE_BURST
    private_reads: bool = False  # True: reads need a token too
    cors_origins: tuple[str, ...] = ()  # CORS is off unless origins are given
    pipeline: Settings = field(default_factory=load_settings)


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    # A response with a policy of its own (the self-contained report page) keeps it.
    response.headers.setdefault("content-security-policy", CONTENT_SECURITY_POLICY)
    response.headers["x-content-type-options"] = "nosniff"
    response.headers["referrer-policy"] = "no-referrer"
    return response


def create_app(
    store: SqlStore, settings: ApiSettings | None = None, *, resources: Resources | None = None
) -> FastAPI:
    """The API over `store`; `resources` (NLP) are loaded on the first ingest unless given."""
    settings = settings or ApiSettings()
    app = FastAPI(
        title="frontlines",
        version=__version__,
        description="Conflict events with their evidence, control timelines and review.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.settings = settings
    app.state.resources = ingest.ResourceCache(settings.pipeline, resources)
    install_error_handlers(app)
    for module in (reads, export, ingest, review, report):
        app.include_router(module.router)

    @app.get("/api/outlines", include_in_schema=False)
    def get_outlines() -> FileResponse:
        return FileResponse(outlines_file(), media_type="application/geo+json")

    app.mount("/", StaticFiles(directory=static_dir(), html=True), name="web")
    app.middleware("http")(_security_headers)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET"]
        )
    app.add_middleware(RateLimit, per_second=settings.rate_per_second, burst=settings.rate_burst)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app


def openapi_document() -> dict[str, object]:
    """The API's OpenAPI document (checked in as docs/openapi.json)."""
    store = SqlStore("sqlite://")
    try:
        document: dict[str, object] = create_app(store).openapi()
    finally:
        store.close()
    return document
