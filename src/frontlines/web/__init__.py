"""The analyst's web map: static files (page, script, styles, vendored Leaflet) the API serves."""

from __future__ import annotations

from importlib import resources as package_files
from pathlib import Path


def static_dir() -> Path:
    """The folder of the web map's static files, shipped inside the package."""
    return Path(str(package_files.files("frontlines") / "web" / "static"))


def outlines_file() -> Path:
    """Offline country outlines (Natural Earth via world-atlas; see scripts/build_outlines.py)."""
    return Path(str(package_files.files("frontlines") / "data" / "outlines" / "countries.geojson"))
