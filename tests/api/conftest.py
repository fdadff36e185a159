"""API test fixtures: the demo store (built once) and real servers over copies of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.config import Settings
from serving import LiveServer, build_demo_db, copy_db, start_server


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, settings: Settings, resources: Any) -> Path:
    """A SQLite file with the bundled samples ingested (copied, never changed)."""
    folder = tmp_path_factory.mktemp("demo-db")
    return build_demo_db(folder / "demo.db", settings=settings, resources=resources)


@pytest.fixture(scope="module")
def read_server(
    tmp_path_factory: pytest.TempPathFactory, demo_db: Path, settings: Settings
) -> Iterator[LiveServer]:
    """A server for tests that only read (shared by a module)."""
    live = start_server(copy_db(demo_db, tmp_path_factory.mktemp("read")), settings=settings)
    yield live
    live.stop()


@pytest.fixture
def write_server(
    tmp_path: Path, demo_db: Path, settings: Settings, resources: Any
) -> Iterator[LiveServer]:
    """A server over a fresh copy of the demo store, for tests that write."""
    live = start_server(copy_db(demo_db, tmp_path), settings=settings, resources=resources)
    yield live
    live.stop()
