"""SQLite cache files of gazetteer entries with their precomputed name keys (fast to load)."""

from __future__ import annotations

import marshal
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from frontlines.errors import GazetteerError
from frontlines.gazetteer.names import fold_tokens, name_tokens, normalise_name, skeleton_of_fold
from frontlines.models import GazetteerEntry

# Bump when the key functions or the table layout change: old cache files are then rebuilt.
CACHE_VERSION = "12"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE entries (
  rowid INTEGER PRIMARY KEY, id TEXT, name TEXT, alt_names TEXT, level TEXT, country_code TEXT,
  admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, population INTEGER, source TEXT);
CREATE TABLE names (entry INTEGER, norm TEXT, fold TEXT, skeleton TEXT, is_primary INTEGER);
CREATE TABLE name_index (blob BLOB);
"""

# The name indexes of one cache file: normalised name -> entry indexes and fold key -> entry
# indexes, each bucket in prominence order. Stored as one marshal blob (ints, strs, lists and
# dicts only) so that loading the world gazetteer does not rebuild 400k buckets in Python.
NameIndex = tuple[dict[str, list[int]], dict[str, list[int]]]


# One name of an entry under its keys: (entry index, normalised, fold key, skeleton, is_primary).
NameKey = tuple[int, str, str, str, bool]
# An entry as stored: (id, name, alt_names "|"-joined, level, country_code, admin1, admin2, lat,
# lon, population, source). Rows become GazetteerEntry objects only when used (fast loading).
EntryRow = tuple[
    str, str, str, str, str, str | None, str | None, float | None, float | None, int | None, str
]
Stored = GazetteerEntry | EntryRow


def as_entry(stored: Stored) -> GazetteerEntry:
    """The GazetteerEntry of a stored row (or the entry itself)."""
    if isinstance(stored, GazetteerEntry):
        return stored
    alt = stored[2]
    return GazetteerEntry(
        id=stored[0],
        name=stored[1],
        alt_names=tuple(alt.split("|")) if alt else (),
        level=stored[3],
        country_code=stored[4],
        admin1=stored[5],
        admin2=stored[6],
        lat=stored[7],
        lon=stored[8],
        population=stored[9],
        source=stored[10],
    )


def level_of(stored: Stored) -> str:
    return stored.level if isinstance(stored, GazetteerEntry) else stored[3]


def country_of(stored: Stored) -> str:
    return stored.country_code if isinstance(stored, GazetteerEntry) else stored[4]


def population_of(stored: Stored) -> int | None:
    return stored.population if isinstance(stored, GazetteerEntry) else stored[9]


def name_keys(index: int, entry: GazetteerEntry) -> list[NameKey]:
    """The keys of every distinct name (primary and alternates) of one entry."""
    seen: set[str] = set()
    keys = []
    for position, name in enumerate((entry.name, *entry.alt_names)):
        norm = normalise_name(name)
        if not norm or norm in seen:
            continue
        seen.add(norm)
        fold = fold_tokens(name_tokens(norm))
        keys.append((index, norm, fold, skeleton_of_fold(fold), position == 0))
    return keys


def write_cache(path: Path, entries: Iterable[GazetteerEntry], meta: dict[str, str]) -> None:
    """Write entries and their name keys to a new SQLite file (atomically replaced)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    try:
        connection.executescript(_SCHEMA)
        rows = []
        names = []
        for index, entry in enumerate(sorted(entries, key=_prominence_key)):
            rows.append(_entry_row(index, entry))
            names.extend(name_keys(index, entry))
        connection.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        connection.executemany("INSERT INTO names VALUES (?,?,?,?,?)", names)
        connection.execute("INSERT INTO name_index VALUES (?)", (marshal.dumps(index_of(names)),))
        connection.executemany(
            "INSERT INTO meta VALUES (?,?)", [*meta.items(), ("version", CACHE_VERSION)]
        )
        connection.commit()
    finally:
        connection.close()
    partial.replace(path)


# Entries are written most prominent first, so that within one cache file every name's bucket is
# already in prominence order when it is read back.
_LEVEL_ORDER = {"country": 0, "admin1": 1, "admin2": 2, "place": 3}


def _prominence_key(entry: GazetteerEntry) -> tuple[int, int]:
    return (_LEVEL_ORDER.get(entry.level, 4), -(entry.population or 0))


def _entry_row(index: int, e: GazetteerEntry) -> tuple[object, ...]:
    return (
        index,
        e.id,
        e.name,
        "|".join(e.alt_names),
        e.level,
        e.country_code,
        e.admin1,
        e.admin2,
        e.lat,
        e.lon,
        e.population,
        e.source,
    )


def index_of(keys: Iterable[NameKey]) -> NameIndex:
    """Buckets of entry indexes by normalised name and by fold key, in the keys' order."""
    by_norm: dict[str, list[int]] = {}
    by_fold: dict[str, list[int]] = {}
    for entry_index, norm, fold, _skeleton, _primary in keys:
        for index, key in ((by_norm, norm), (by_fold, fold)):
            bucket = index.get(key)
            if bucket is None:
                index[key] = [entry_index]
            elif bucket[-1] != entry_index:  # an entry's keys come together
                bucket.append(entry_index)
    return by_norm, by_fold


def _entry_rows(connection: sqlite3.Connection) -> list[Stored]:
    """The entry rows of an open cache, in the order they were written."""
    rows: list[Stored] = connection.execute(
        "SELECT id, name, alt_names, level, country_code, admin1, admin2, lat, lon, "
        "population, source FROM entries ORDER BY rowid"
    ).fetchall()
    return rows


def read_entries(path: Path) -> tuple[list[Stored], NameIndex]:
    """Entry rows and the name index of a cache file (without the per-name key rows)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = _entry_rows(connection)
            blob = connection.execute("SELECT blob FROM name_index").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise GazetteerError(
            f"Cannot read the gazetteer cache {path}: {error}. Delete the file; it is rebuilt "
            "at next use (`frontlines gazetteer build`)."
        ) from error
    by_norm, by_fold = marshal.loads(blob[0])
    return rows, (by_norm, by_fold)


def is_current_cache(path: Path) -> bool:
    """True when the file exists and was written by this CACHE_VERSION."""
    if not path.is_file():
        return False
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT value FROM meta WHERE key='version'").fetchone()
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()
    return bool(row) and row[0] == CACHE_VERSION


def read_cache(path: Path) -> tuple[list[Stored], list[NameKey], dict[str, str]]:
    """Entry rows, name keys and meta of a cache file."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = _entry_rows(connection)
            keys: list[NameKey] = connection.execute(
                "SELECT entry, norm, fold, skeleton, is_primary FROM names"
            ).fetchall()
            meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise GazetteerError(
            f"Cannot read the gazetteer cache {path}: {error}. Delete the file; it is rebuilt "
            "at next use (`frontlines gazetteer build`)."
        ) from error
    return rows, keys, meta
