"""The HTTP API over the store (FastAPI): reads, exports, ingest and review; serves the web map."""

from __future__ import annotations

from frontlines.api.app import ApiSettings, create_app

__all__ = ["ApiSettings", "create_app"]
