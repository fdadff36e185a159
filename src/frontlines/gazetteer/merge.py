"""Merge the default world gazetteer with imported, more detailed sources.

For every country an imported source covers with provinces (admin1 rows):
0. an imported country row is dropped when the default has that country;
1. a default province (or district) with an imported twin (same level, same folded name) is
   dropped, its names kept as alternate names of the twin; one without a twin stays;
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

from frontlines.gazetteer.cache import (
    NameIndex,
    NameKey,
    Stored,
    as_entry,
    country_of,
    level_of,
    name_keys,
)
from frontlines.models import GazetteerEntry

# A default town and an imported row with the same folded name closer than this are one place
# (calibrated on Afghan towns: GeoNames town points vs AF.csv village/district points).
DUPLICATE_RADIUS_KM = 30.0
# Farther than this from every imported district centre, a town keeps no admin2. Since the world
# gazetteer has every town of 1,000 people, most towns are not district centres: a town 20-60 km
# from the nearest centre of a sparse import (tests/fixtures/gazetteer/af_small.csv) was put in
# the wrong district (Baharak in Arghanj Khwah); a wrong district is worse than none.
NEAREST_DISTRICT_KM = 20.0


def distance_km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    """Equirectangular distance between two entries with coordinates (inf when one lacks them)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    x = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    y = math.radians(b.lat - a.lat)
    return 6371.0 * math.hypot(x, y)


@dataclass(frozen=True, slots=True)
class MergedEntries:
    """Entries (imported first, then default) and what to index: the default's prebuilt
    `base_index` (its entry indexes shifted by `base_offset`), then `blocks` pairing an index
    offset with name keys; entries in `hidden` are not indexed, and entries in `rekeyed` are
    indexed again from the last block (their names changed in the merge)."""

    entries: list[Stored]
    blocks: list[tuple[int, list[NameKey]]]
    hidden: frozenset[int] = frozenset()
    rekeyed: frozenset[int] = frozenset()
    covered: frozenset[str] = frozenset()  # countries an imported source gives provinces for
    base_index: NameIndex = ({}, {})
    base_offset: int = 0


def merge_sources(
    default: tuple[list[Stored], NameIndex],
    imported: tuple[list[Stored], list[NameKey]],
) -> MergedEntries:
    """One entry list (imported rows first) with name keys, duplicates merged."""
    base, base_index = default
    extra = [as_entry(e) for e in imported[0]]
    extra_keys = imported[1]
    offset = len(extra)
    covered = {e.country_code for e in extra if e.level == "admin1"}
    default_countries = {country_of(e) for e in base if level_of(e) == "country"}
    duplicate_countries = frozenset(
        i
        for i, e in enumerate(extra)
        if e.level == "country" and e.country_code in default_countries
    )
    if not covered:
        combined: list[Stored] = [*extra, *base]
        return MergedEntries(
            combined,
            [(0, extra_keys)],
            duplicate_countries,
            base_index=base_index,
            base_offset=offset,
        )
    entries: list[Stored] = [*extra, *base]
    fold_index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for entry_index, _norm, fold, _skeleton, _primary in extra_keys:
        fold_index[(extra[entry_index].country_code, fold)].append(entry_index)
    folds_of: dict[int, list[str]] = defaultdict(list)
    for entry_index, stored in enumerate(base):
        if country_of(stored) in covered and level_of(stored) != "country":
            for _i, _norm, fold, _skeleton, _primary in name_keys(entry_index, as_entry(stored)):
                folds_of[entry_index].append(fold)
    districts = defaultdict(list)
    for entry in extra:
        if entry.level == "admin2" and entry.lat is not None:
            districts[entry.country_code].append(entry)
    hidden: set[int] = set(duplicate_countries)
    rekeyed: set[int] = set()
    for index, stored in enumerate(base):
        if country_of(stored) not in covered or level_of(stored) == "country":
            continue
        entry = as_entry(stored)
        same = sorted(
            {i for f in folds_of[index] for i in fold_index.get((entry.country_code, f), [])}
        )
        if entry.level in ("admin1", "admin2"):
            twins = [i for i in same if extra[i].level == entry.level]
            if twins:
                hidden.add(offset + index)
            for i in twins:
                extra[i] = _with_alt_names(extra[i], (entry.name, *entry.alt_names))
                entries[i] = extra[i]
                rekeyed.add(i)
            continue
        entries[offset + index] = _placed_town(entry, same, extra, districts[entry.country_code])
        rekeyed.add(offset + index)
        for i in same:
            if extra[i].level == "place" and distance_km(entry, extra[i]) <= DUPLICATE_RADIUS_KM:
                hidden.add(i)
    new_keys = [k for i in sorted(rekeyed - hidden) for k in name_keys(i, as_entry(entries[i]))]
    return MergedEntries(
        entries,
        [(0, extra_keys), (0, new_keys)],
        frozenset(hidden),
        frozenset(rekeyed),
        frozenset(covered),
        base_index=base_index,
        base_offset=offset,
    )


def _placed_town(
    town: GazetteerEntry,
    same_name: list[int],
    extra: list[GazetteerEntry],
    districts: list[GazetteerEntry],
) -> GazetteerEntry:
    """The default town with admin1/admin2 (and alternate names) from the imported rows; its
    source gains ";merged" (it now belongs to the imported country's detailed gazetteer)."""
    town = replace(town, source=f"{town.source};merged")
    near_same = [extra[i] for i in same_name if distance_km(town, extra[i]) <= DUPLICATE_RADIUS_KM]
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
