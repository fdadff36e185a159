"""Running the API: uvicorn on a host and port, the store opened once for the process."""

from __future__ import annotations

import logging

import uvicorn

from frontlines.api.app import ApiSettings, create_app
from frontlines.store.sql import SqlStore

logger = logging.getLogger(__name__)


def serve(url: str, *, host: str, port: int, settings: ApiSettings | None = None) -> None:
    """Serve the store at database `url` until interrupted."""
    store = SqlStore(url)
    try:
        app = create_app(store, settings)
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    finally:
        store.close()
