"""The gazetteer resource: places by name, built from installed packages plus imported files."""

from frontlines.gazetteer.core import Gazetteer
from frontlines.gazetteer.importers import detect_format, read_sources
from frontlines.gazetteer.loader import build_default, import_files, load_gazetteer
from frontlines.gazetteer.names import fold_key, normalise_name, skeleton_key

__all__ = [
    "Gazetteer",
    "build_default",
    "detect_format",
    "fold_key",
    "import_files",
    "load_gazetteer",
    "normalise_name",
    "read_sources",
    "skeleton_key",
]
