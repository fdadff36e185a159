"""Browser test fixtures: Debian's chromium through Playwright, and a server over the demo store."""

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


@pytest.fixture
def write_server(
    tmp_path: Path, demo_db: Path, settings: Settings, resources: Any
) -> Iterator[LiveServer]:
    """A server over a fresh copy of the demo store, for tests that write."""
    live = start_server(copy_db(demo_db, tmp_path), settings=settings, resources=resources)
    yield live
    live.stop()


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian chromium (`apt-get install chromium`; `.ci/run` installs it as root)."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests skipped: no chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
