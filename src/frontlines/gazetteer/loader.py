"""load_gazetteer: the default world gazetteer (built once, cached) plus imported files."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Sequence
from pathlib import Path

from frontlines.config import Settings
from frontlines.errors import GazetteerError
from frontlines.gazetteer.cache import (
    CACHE_VERSION,
    NameKey,
    Stored,
    is_current_cache,
    read_cache,
    read_entries,
    write_cache,
)
from frontlines.gazetteer.core import Gazetteer
from frontlines.gazetteer.default import DEFAULT_MIN_POPULATION, default_entries
from frontlines.gazetteer.importers import read_sources
from frontlines.gazetteer.merge import merge_sources

logger = logging.getLogger(__name__)

DEFAULT_CACHE_NAME = f"gazetteer-default-v{CACHE_VERSION}-p{DEFAULT_MIN_POPULATION}.sqlite"


def default_cache_path(settings: Settings) -> Path:
    return Path(settings.cache_dir) / DEFAULT_CACHE_NAME


def build_default(settings: Settings, *, force: bool = False) -> Path:
    """Build the default world gazetteer cache file (if missing, stale, or `force`)."""
    path = default_cache_path(settings)
    if force or not is_current_cache(path):
        started = time.perf_counter()
        # A progress line the CLI shows (it logs warnings and up): the first build takes ~30 s.
        logger.warning(
            "Building the world gazetteer once (about 30 s) into %s; later runs load it.", path
        )
        try:
            write_cache(path, default_entries(), {"kind": "default"})
        except OSError as error:
            raise GazetteerError(
                f"Cannot write the gazetteer cache {path}: {error}. Set FRONTLINES_CACHE_DIR to "
                "a writable folder."
            ) from error
        logger.info("built default gazetteer %s in %.1f s", path, time.perf_counter() - started)
    return path


def files_digest(paths: Sequence[Path]) -> str:
    """A digest of the files' contents (and order): the key of their import cache."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for path in paths:
        try:
            with path.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError as error:
            raise GazetteerError(
                f"Cannot read gazetteer file {path}: {error}. Check the path given to --gazetteer."
            ) from error
        digest.update(b"\0")
    return digest.hexdigest()[:20]


def import_files(settings: Settings, paths: Sequence[Path]) -> Path:
    """Parse gazetteer files (formats detected) into a cache file keyed by their contents."""
    path = Path(settings.cache_dir) / f"gazetteer-import-{files_digest(paths)}.sqlite"
    if not is_current_cache(path):
        entries = read_sources(paths)
        if not entries:
            raise GazetteerError(
                f"No places found in {', '.join(str(p) for p in paths)}. Check the file format "
                "(SCHEMA §5 CSV, GeoNames dump, geoBoundaries GeoJSON)."
            )
        write_cache(path, entries, {"kind": "import", "files": "|".join(str(p) for p in paths)})
    return path


def load_gazetteer(settings: Settings) -> Gazetteer:
    """The default world gazetteer plus every file of `settings.gazetteer_files`, merged.

    The default is built at first use into `settings.cache_dir`; imported files are cached by
    content hash, so later loads read two SQLite files and build the in-memory indexes.
    """
    default = read_entries(build_default(settings))
    files = tuple(Path(p) for p in settings.gazetteer_files)
    imported: tuple[list[Stored], list[NameKey]] = ([], [])
    if files:
        entries, keys, _meta = read_cache(import_files(settings, files))
        imported = (entries, keys)
    merged = merge_sources((default[0], default[1]), imported)
    sources = {"default": str(default_cache_path(settings)), "imported": [str(p) for p in files]}
    return Gazetteer(merged, sources=sources)
