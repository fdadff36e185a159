"""Stores the report tests read: the bundled samples, and real voa-dev reports when present."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.cli.demo_cmd import sample_reports_dir
from frontlines.pipeline import ingest_into_store
from frontlines.store import Store, open_store


def _filled_store(url: str, inputs: list[str], resources: Any) -> Store:
    store = open_store(url)
    tally = ingest_into_store(inputs, store, settings=resources.settings, resources=resources)
    assert not tally.failures, [f.message() for f in tally.failures]
    return store


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> Iterator[Path]:
    """A SQLite file holding the bundled sample reports, as `frontlines demo` stores them."""
    path = tmp_path_factory.mktemp("report") / "demo.db"
    _filled_store(f"sqlite:///{path}", [str(sample_reports_dir())], resources).close()
    yield path


@pytest.fixture(scope="session")
def voa_db(
    tmp_path_factory: pytest.TempPathFactory, resources: Any, shared_data: Path
) -> Iterator[Path]:
    """A SQLite file holding the real Voice of America reports of ../shared/data/voa-dev."""
    folder = shared_data / "voa-dev"
    if not folder.is_dir():
        pytest.skip(f"no voa-dev reports at {folder}")
    path = tmp_path_factory.mktemp("report") / "voa.db"
    inputs = sorted(str(p) for p in folder.glob("*.txt"))
    _filled_store(f"sqlite:///{path}", inputs, resources).close()
    yield path


PdfPages = Callable[[Path, Path], list[Path]]


@pytest.fixture(scope="session")
def pdf_pages() -> PdfPages:
    """Renders each page of a PDF to a PNG (poppler's pdftoppm); skips when it is missing."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian poppler-utils) is not installed")
    return pdf_pages_as_png


def pdf_pages_as_png(pdf: Path, out_dir: Path) -> list[Path]:
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(pdf), str(out_dir / "page")],
        check=True,
        capture_output=True,
    )
    return sorted(out_dir.glob("page-*.png"))
