"""Shared fixtures: paths, settings with a private cache, and the heavy resources loaded once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.config import Settings, load_settings

TESTS_DIR = Path(__file__).parent
FIXTURES_DIR = TESTS_DIR / "fixtures"
REPO_DIR = TESTS_DIR.parent
SHARED_DATA_DIR = Path(
    os.environ.get("FRONTLINES_SHARED_DATA", REPO_DIR.parent / "shared" / "data")
)


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES_DIR


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data; tests using it are skipped cleanly when it is absent."""
    if not SHARED_DATA_DIR.is_dir():
        pytest.skip(f"no development data at {SHARED_DATA_DIR}")
    return SHARED_DATA_DIR


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache shared by the whole test session (the default gazetteer is built here once)."""
    explicit = os.environ.get("FRONTLINES_TEST_CACHE_DIR")
    if explicit:
        Path(explicit).mkdir(parents=True, exist_ok=True)
        return Path(explicit)
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def settings(cache_dir: Path) -> Settings:
    """Default settings plus the small hand-written Afghan gazetteer fixture (districts)."""
    return load_settings(
        cache_dir=cache_dir,
        gazetteer_files=(FIXTURES_DIR / "gazetteer" / "af_small.csv",),
        db_url="sqlite:///:memory:",
    )


@pytest.fixture(scope="session")
def gazetteer(settings: Settings) -> Any:
    from frontlines.gazetteer import load_gazetteer

    return load_gazetteer(settings)


@pytest.fixture(scope="session")
def nlp(settings: Settings, gazetteer: Any) -> Any:
    from frontlines.nlp import load_nlp

    return load_nlp(settings, gazetteer)


@pytest.fixture(scope="session")
def resources(settings: Settings, gazetteer: Any, nlp: Any) -> Iterator[Any]:
    from frontlines.pipeline import Resources

    yield Resources(settings=settings, gazetteer=gazetteer, nlp=nlp)
