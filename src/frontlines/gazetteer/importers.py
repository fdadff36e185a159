"""Read gazetteer sources into GazetteerEntry rows: SCHEMA §5 CSV, GeoNames dumps, geoBoundaries.

The format of each file is detected from its name and first bytes (`detect_format`). GeoNames
files are read together so that admin1/admin2 codes (`admin1CodesASCII.txt`, `admin2Codes.txt`)
and alternate names (`alternateNamesV2.txt`) attach to the places of a dump (`XX.txt`,
`allCountries.txt`). geoBoundaries polygons become centroids, and with shapely they give the
admin2 of places that lack one (point in polygon).
"""

from __future__ import annotations

import csv
import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pycountry

from frontlines.errors import GazetteerError
from frontlines.gazetteer.names import is_latin_name
from frontlines.models import LEVELS, GazetteerEntry

logger = logging.getLogger(__name__)

CSV_COLUMNS = (
    "id",
    "name",
    "alt_names",
    "level",
    "country_code",
    "admin1",
    "admin2",
    "lat",
    "lon",
    "population",
    "source",
)
GEONAMES_DUMP_COLUMNS = 19
# GeoNames feature codes kept from a dump and the level they become.
GEONAMES_LEVELS = {"PCLI": "country", "PCLD": "country", "PCLIX": "country", "ADM1": "admin1"}
GEONAMES_ADMIN2 = {"ADM2"}
# alternateNamesV2 language codes that are not names of the place.
GEONAMES_SKIP_LANGUAGES = frozenset(
    {"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "abbr"}
)


@dataclass(slots=True)
class _GeonamesTables:
    admin1: dict[str, str] = field(default_factory=dict)  # "AF.23" -> "Kandahar"
    admin2: dict[str, str] = field(default_factory=dict)  # "AF.23.2401" -> "Arghandab"
    alternates: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    dumps: list[Path] = field(default_factory=list)


def detect_format(path: Path) -> str:
    """One of: csv, geonames-dump, geonames-admin1, geonames-admin2, geonames-alternates,
    geoboundaries. Raises GazetteerError for anything else."""
    name = path.name.lower()
    if not path.is_file():
        raise GazetteerError(
            f"Cannot import gazetteer file {path}: it does not exist or is not a file. "
            "Check the path given to --gazetteer."
        )
    if name.endswith(".csv"):
        return "csv"
    if name.endswith((".geojson", ".json")):
        return "geoboundaries"
    if name.startswith("admin1codes"):
        return "geonames-admin1"
    if name.startswith("admin2codes"):
        return "geonames-admin2"
    if name.startswith("alternatenames"):
        return "geonames-alternates"
    if name.endswith(".txt"):
        with path.open(encoding="utf-8") as handle:
            first = handle.readline()
        if first.count("\t") == GEONAMES_DUMP_COLUMNS - 1:
            return "geonames-dump"
    raise GazetteerError(
        f"Cannot tell the format of gazetteer file {path}. Use a SCHEMA §5 CSV (.csv), a GeoNames "
        "dump (XX.txt, admin1CodesASCII.txt, admin2Codes.txt, alternateNamesV2.txt) or a "
        "geoBoundaries GeoJSON (.geojson)."
    )


def read_sources(paths: Sequence[Path]) -> list[GazetteerEntry]:
    """All entries of the given files, read together (GeoNames tables join across files)."""
    entries: list[GazetteerEntry] = []
    tables = _GeonamesTables()
    polygons: list[tuple[GazetteerEntry, Any]] = []
    for path in paths:
        kind = detect_format(path)
        if kind == "csv":
            entries.extend(read_csv(path))
        elif kind == "geoboundaries":
            polygons.extend(read_geoboundaries(path))
        elif kind == "geonames-admin1":
            tables.admin1.update(_read_code_table(path))
        elif kind == "geonames-admin2":
            tables.admin2.update(_read_code_table(path))
        elif kind == "geonames-alternates":
            _read_alternates(path, tables.alternates)
        else:
            tables.dumps.append(path)
    for dump in tables.dumps:
        entries.extend(read_geonames_dump(dump, tables))
    entries.extend(_with_boundary_parents(polygons))
    if polygons:
        entries = assign_admin2_by_polygon(entries, polygons)
    return entries


# --------------------------------------------------------------------------- SCHEMA §5 CSV


def read_csv(path: Path) -> list[GazetteerEntry]:
    """Rows of a SCHEMA §5 gazetteer CSV; a bad row is logged with its file, line and problem
    and skipped (the file is refused only when no row is good)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [
            c for c in ("id", "name", "level", "country_code") if c not in (reader.fieldnames or [])
        ]
        if missing:
            raise GazetteerError(
                f"Gazetteer CSV {path} lacks the column(s) {', '.join(missing)}. Give a header row "
                f"with {','.join(CSV_COLUMNS)} (SCHEMA §5)."
            )
        entries: list[GazetteerEntry] = []
        problems: list[str] = []
        for line, row in enumerate(reader, start=2):
            try:
                entries.append(_csv_entry(row, path, line))
            except GazetteerError as error:
                # A bad row is named (file:line and the problem); the rest is imported.
                problems.append(str(error))
                logger.warning("%s Row skipped.", error)
    if problems and not entries:
        more = f" (and {len(problems) - 1} more bad rows)" if len(problems) > 1 else ""
        raise GazetteerError(f"{problems[0]}{more}")
    return entries


def _csv_entry(row: dict[str, str], path: Path, line: int) -> GazetteerEntry:
    level = (row.get("level") or "").strip()
    if level not in LEVELS:
        raise GazetteerError(
            f"Gazetteer CSV {path}:{line} has level '{level}'. Use one of {', '.join(LEVELS)}."
        )
    alt = tuple(a.strip() for a in (row.get("alt_names") or "").split("|") if a.strip())
    return GazetteerEntry(
        id=row["id"].strip(),
        name=row["name"].strip(),
        level=level,
        country_code=row["country_code"].strip().upper(),
        admin1=(row.get("admin1") or "").strip() or None,
        admin2=(row.get("admin2") or "").strip() or None,
        lat=_float(row.get("lat"), path, line),
        lon=_float(row.get("lon"), path, line),
        population=_int(row.get("population")),
        alt_names=alt,
        source=(row.get("source") or path.name).strip(),
    )


def _float(value: str | None, path: Path, line: int) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        return float(value)
    except ValueError as error:
        raise GazetteerError(
            f"Gazetteer file {path}:{line} has the coordinate '{value}', not a number. "
            "Write decimal degrees or leave it empty."
        ) from error


def _int(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


# --------------------------------------------------------------------------- GeoNames


def _read_code_table(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                table[parts[0]] = parts[2] or parts[1]
    return table


def _read_alternates(path: Path, alternates: dict[str, list[str]]) -> None:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 4 and parts[2] not in GEONAMES_SKIP_LANGUAGES:
                alternates[parts[1]].append(parts[3])


def read_geonames_dump(path: Path, tables: _GeonamesTables) -> list[GazetteerEntry]:
    """Countries, first- and second-order divisions and populated places of a GeoNames dump."""
    entries: list[GazetteerEntry] = []
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != GEONAMES_DUMP_COLUMNS:
                raise GazetteerError(
                    f"GeoNames dump {path}:{line_number} has {len(parts)} columns, not "
                    f"{GEONAMES_DUMP_COLUMNS}. Use an unmodified XX.txt or allCountries.txt."
                )
            entry = _geonames_entry(parts, tables)
            if entry is not None:
                entries.append(entry)
    return entries


def _geonames_entry(parts: list[str], tables: _GeonamesTables) -> GazetteerEntry | None:
    feature_class, feature_code, country = parts[6], parts[7], parts[8]
    if feature_code in GEONAMES_LEVELS:
        level = GEONAMES_LEVELS[feature_code]
    elif feature_code in GEONAMES_ADMIN2:
        level = "admin2"
    elif feature_class == "P":
        level = "place"
    else:
        return None
    code1 = f"{country}.{parts[10]}"
    code2 = f"{code1}.{parts[11]}"
    admin1 = tables.admin1.get(code1) if level in ("admin2", "place") else None
    admin2 = tables.admin2.get(code2) if level == "place" else None
    alt = [a for a in parts[3].split(",") if a and is_latin_name(a)]
    alt += [a for a in tables.alternates.get(parts[0], []) if is_latin_name(a)]
    alt_names = tuple(dict.fromkeys(a for a in [parts[2], *alt] if a != parts[1]))
    return GazetteerEntry(
        id=f"geonames:{parts[0]}",
        name=parts[1],
        level=level,
        country_code=country,
        admin1=admin1,
        admin2=admin2,
        lat=float(parts[4]),
        lon=float(parts[5]),
        population=_int(parts[14]),
        alt_names=alt_names,
        source="geonames",
    )


# --------------------------------------------------------------------------- geoBoundaries


def read_geoboundaries(path: Path) -> list[tuple[GazetteerEntry, Any]]:
    """(entry, polygon) for each feature of a geoBoundaries ADM1/ADM2 GeoJSON."""
    from shapely.geometry import shape

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise GazetteerError(
            f"Cannot read geoBoundaries file {path}: {error}. Give a GeoJSON FeatureCollection."
        ) from error
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise GazetteerError(
            f"geoBoundaries file {path} has no 'features' list. Give a GeoJSON FeatureCollection."
        )
    level = "admin2" if "adm2" in path.name.lower() else "admin1"
    out: list[tuple[GazetteerEntry, Any]] = []
    for number, feature in enumerate(features):
        props = feature.get("properties") or {}
        name = props.get("shapeName")
        if not name or not feature.get("geometry"):
            continue
        shape_level = str(props.get("shapeType", "")).lower()
        if shape_level in ("adm1", "adm2"):
            level = "admin" + shape_level[-1]
        polygon = shape(feature["geometry"])
        centroid = polygon.centroid
        entry = GazetteerEntry(
            id=str(props.get("shapeID") or f"{path.stem}:{number}"),
            name=str(name),
            level=level,
            country_code=_alpha2(str(props.get("shapeGroup", ""))),
            lat=round(centroid.y, 5),
            lon=round(centroid.x, 5),
            source="geoboundaries",
        )
        out.append((entry, polygon))
    return out


def _alpha2(alpha3: str) -> str:
    country = pycountry.countries.get(alpha_3=alpha3.upper()) if alpha3 else None
    return str(country.alpha_2) if country else alpha3[:2].upper()


def _with_boundary_parents(polygons: list[tuple[GazetteerEntry, Any]]) -> list[GazetteerEntry]:
    """geoBoundaries ADM2 entries get their admin1 from the ADM1 polygon holding their centroid."""
    from shapely.geometry import Point

    admin1 = [(e, p) for e, p in polygons if e.level == "admin1"]
    out = []
    for entry, _polygon in polygons:
        if entry.level == "admin2" and entry.lat is not None and entry.lon is not None:
            point = Point(entry.lon, entry.lat)
            parent = next((e for e, p in admin1 if p.contains(point)), None)
            if parent is not None:
                entry = replace(entry, admin1=parent.name)
        out.append(entry)
    return out


def assign_admin2_by_polygon(
    entries: Iterable[GazetteerEntry], polygons: list[tuple[GazetteerEntry, Any]]
) -> list[GazetteerEntry]:
    """Places without an admin2 get the geoBoundaries ADM2 polygon that contains their point."""
    from shapely import STRtree
    from shapely.geometry import Point

    districts = [(e, p) for e, p in polygons if e.level == "admin2"]
    result = list(entries)
    if not districts:
        return result
    tree = STRtree([p for _, p in districts])
    for index, entry in enumerate(result):
        if entry.level != "place" or entry.admin2 or entry.lat is None or entry.lon is None:
            continue
        point = Point(entry.lon, entry.lat)
        for hit in tree.query(point, predicate="within"):
            district = districts[int(hit)][0]
            result[index] = replace(
                entry, admin2=district.name, admin1=entry.admin1 or district.admin1
            )
            break
    return result
