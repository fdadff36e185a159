"""Merge the default world gazetteer with imported, more detailed sources.

For every country an imported source covers with provinces (admin1 rows):
1. the default provinces of that country are dropped, their names kept as alternate names of the
   imported province with the same folded name;
2. a default town that an imported row names the same (folded) within DUPLICATE_RADIUS_KM is
   merged: an imported village is replaced by the town (population kept), an imported district
   gives the town its admin1/admin2;
3. other default towns take admin1/admin2 from the nearest imported district centre within
   NEAREST_DISTRICT_KM.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace

from frontlines.gazetteer.cache import NameKey, name_keys
from frontlines.models import GazetteerEntry

# A default town and an imported row with the same folded name closer than this are one place
# (calibrated on Afghan towns: GeoNames town points vs AF.csv village/district points).
DUPLICATE_RADIUS_KM = 30.0
# Farther than this from every imported district centre, a town keeps no admin2.
NEAREST_DISTRICT_KM = 60.0


def distance_km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    """Equirectangular distance between two entries with coordinates (inf when one lacks them)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    x = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    y = math.radians(b.lat - a.lat)
    return 6371.0 * math.hypot(x, y)


@dataclass(frozen=True, slots=True)
class MergedEntries:
    """Entries (imported first, then default) and the name keys to index: `blocks` pairs an
    index offset with keys; entries in `hidden` are not indexed, and entries in `rekeyed` are
    indexed only from the last block (their names changed in the merge)."""

    entries: list[GazetteerEntry]
    blocks: list[tuple[int, list[NameKey]]]
    hidden: frozenset[int] = frozenset()
    rekeyed: frozenset[int] = frozenset()


def merge_sources(
    default: tuple[list[GazetteerEntry], list[NameKey]],
    imported: tuple[list[GazetteerEntry], list[NameKey]],
) -> MergedEntries:
    """One entry list (imported rows first) with name keys, duplicates merged."""
    base, base_keys = default
    extra, extra_keys = imported
    offset = len(extra)
    covered = {e.country_code for e in extra if e.level == "admin1"}
    if not covered:
        return MergedEntries(list(extra) + list(base), [(0, extra_keys), (offset, base_keys)])
    entries = list(extra) + list(base)
    fold_index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for key in extra_keys:
        fold_index[(extra[key.entry].country_code, key.fold)].append(key.entry)
    folds_of: dict[int, list[str]] = defaultdict(list)
    for key in base_keys:
        if base[key.entry].country_code in covered:
            folds_of[key.entry].append(key.fold)
    districts = defaultdict(list)
    for entry in extra:
        if entry.level == "admin2" and entry.lat is not None:
            districts[entry.country_code].append(entry)
    hidden: set[int] = set()
    rekeyed: set[int] = set()
    for index, entry in enumerate(base):
        if entry.country_code not in covered or entry.level == "country":
            continue
        same = sorted(
            {i for f in folds_of[index] for i in fold_index.get((entry.country_code, f), [])}
        )
        if entry.level in ("admin1", "admin2"):
            hidden.add(offset + index)
            for i in same:
                if extra[i].level == entry.level:
                    entries[i] = _with_alt_names(entries[i], (entry.name, *entry.alt_names))
                    rekeyed.add(i)
            continue
        entries[offset + index] = _placed_town(entry, same, extra, districts[entry.country_code])
        rekeyed.add(offset + index)
        for i in same:
            if extra[i].level == "place" and distance_km(entry, extra[i]) <= DUPLICATE_RADIUS_KM:
                hidden.add(i)
    new_keys = [k for i in sorted(rekeyed - hidden) for k in name_keys(i, entries[i])]
    return MergedEntries(
        entries,
        [(0, extra_keys), (offset, base_keys), (0, new_keys)],
        frozenset(hidden),
        frozenset(rekeyed),
    )


def _placed_town(
    town: GazetteerEntry,
    same_name: list[int],
    extra: list[GazetteerEntry],
    districts: list[GazetteerEntry],
) -> GazetteerEntry:
    """The default town with admin1/admin2 (and alternate names) from the imported rows."""
    near_same = [
        extra[i] for i in same_name if distance_km(town, extra[i]) <= DUPLICATE_RADIUS_KM
    ]
    for row in near_same:
        if row.level == "place":
            town = _with_alt_names(town, (row.name, *row.alt_names))
            return replace(town, admin1=row.admin1, admin2=row.admin2)
    for row in near_same:
        if row.level == "admin2":
            return replace(town, admin1=row.admin1, admin2=row.name)
    nearest = min(districts, key=lambda d: distance_km(town, d), default=None)
    if nearest is not None and distance_km(town, nearest) <= NEAREST_DISTRICT_KM:
        return replace(town, admin1=nearest.admin1, admin2=nearest.name)
    return town


def _with_alt_names(entry: GazetteerEntry, names: tuple[str, ...]) -> GazetteerEntry:
    merged = tuple(dict.fromkeys(n for n in (*entry.alt_names, *names) if n != entry.name))
    return replace(entry, alt_names=merged)
