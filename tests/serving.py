"""A real uvicorn server on 127.0.0.1 (in a thread) over a real store, for API and browser tests."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from frontlines.api.app import ApiSettings, create_app
from frontlines.cli.demo_cmd import sample_reports_dir
from frontlines.config import Settings
from frontlines.pipeline import ingest_into_store
from frontlines.store.sql import SqlStore
from frontlines.store.tokens import create_token

# Where the browser tests save what they saw, for a person to look at.
SCREENSHOTS = Path(__file__).resolve().parent.parent / "bench" / "results" / "web"
# Seconds a test server may take to start answering.
START_TIMEOUT_SECONDS = 10.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    """A running server: its base URL, its store, and a writer token."""

    url: str
    store: SqlStore
    token: str
    server: uvicorn.Server
    thread: threading.Thread

    def client(self, *, token: bool = False) -> httpx.Client:
        headers = {"authorization": f"Bearer {self.token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=120)

    def get(self, path: str, **params: Any) -> Any:
        """GET a JSON document from the server (a client opened and closed for it)."""
        with self.client() as client:
            response = client.get(path, params=params)
            response.raise_for_status()
            return response.json()

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.store.close()


def build_demo_db(path: Path, *, settings: Settings, resources: Any) -> Path:
    """A SQLite store holding the bundled sample reports, as `frontlines demo` builds it."""
    store = SqlStore(f"sqlite:///{path}")
    try:
        ingest_into_store(
            [str(sample_reports_dir())], store, settings=settings, resources=resources
        )
    finally:
        store.close()
    return path


def copy_db(template: Path, folder: Path) -> str:
    target = folder / "store.db"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


def start_server(
    url: str,
    *,
    settings: Settings,
    resources: Any = None,
    reviewer: str = "analyst-1",
    **api: Any,
) -> LiveServer:
    """Start uvicorn on a free port over the store at `url`; return once it answers."""
    store = SqlStore(url)
    token = create_token(store, reviewer, replace=True)
    app = create_app(store, ApiSettings(pipeline=settings, **api), resources=resources)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"the test server on port {port} did not start")
        time.sleep(0.02)
    return LiveServer(f"http://127.0.0.1:{port}", store, token, server, thread)
