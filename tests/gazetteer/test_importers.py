"""Gazetteer sources: SCHEMA §5 CSV, GeoNames dumps, geoBoundaries GeoJSON, content-hash cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontlines.config import Settings, load_settings
from frontlines.errors import GazetteerError
from frontlines.gazetteer import detect_format, import_files, load_gazetteer, read_sources

GEONAMES_ROW = (
    "{id}\t{name}\t{ascii}\t{alt}\t{lat}\t{lon}\t{fclass}\t{fcode}\tAF\t\t{a1}\t{a2}\t\t\t{pop}\t\t1000"
    "\tAsia/Kabul\t2020-01-01\n"
)


def _geonames_row(**values: object) -> str:
    defaults: dict[str, object] = {"alt": "", "a1": "", "a2": "", "pop": "0"}
    return GEONAMES_ROW.format(**{**defaults, **values})


def test_detect_format_by_name_and_content(tmp_path: Path) -> None:
    dump = tmp_path / "AF.txt"
    dump.write_text(
        _geonames_row(
            id=1, name="Jurm", ascii="Jurm", lat=36.8, lon=70.8, fclass="P", fcode="PPLA2"
        )
    )
    (tmp_path / "admin1CodesASCII.txt").write_text("AF.01\tBadakhshan\tBadakhshan\t1147707\n")
    (tmp_path / "g.csv").write_text("id,name,level,country_code\n")
    assert detect_format(dump) == "geonames-dump"
    assert detect_format(tmp_path / "admin1CodesASCII.txt") == "geonames-admin1"
    assert detect_format(tmp_path / "g.csv") == "csv"


def test_detect_format_rejects_an_unknown_file(tmp_path: Path) -> None:
    odd = tmp_path / "places.xlsx"
    odd.write_bytes(b"PK\x03\x04")
    with pytest.raises(GazetteerError, match="Cannot tell the format"):
        detect_format(odd)


def test_csv_bad_rows_are_named_and_the_rest_imported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        "id,name,level,country_code,lat,lon\n"
        "x1,Jurm,district,AF,,\n"
        "x2,Kishim,admin2,AF,north,70.1\n"
        "x3,Baharak,admin2,AF,36.9,70.9\n",
        encoding="utf-8",
    )
    entries = read_sources([path])
    assert [e.name for e in entries] == ["Baharak"]
    messages = [r.getMessage() for r in caplog.records]
    assert any("mixed.csv:2 has level 'district'" in m for m in messages)
    assert any("mixed.csv:3 has the coordinate 'north'" in m for m in messages)


def test_csv_with_an_unknown_level_is_refused_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("id,name,level,country_code\nx1,Jurm,district,AF\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad.csv:2 has level 'district'"):
        read_sources([path])


def test_geonames_dump_takes_admin_names_from_code_tables(tmp_path: Path) -> None:
    (tmp_path / "admin1CodesASCII.txt").write_text("AF.01\tBadakhshan\tBadakhshan\t1147707\n")
    (tmp_path / "admin2Codes.txt").write_text("AF.01.1104\tJurm\tJurm\t1\n")
    (tmp_path / "alternateNamesV2.txt").write_text("9\t1001\ten\tJerm\t\t\t\t\t\t\n")
    dump = tmp_path / "AF.txt"
    dump.write_text(
        _geonames_row(
            id=1001,
            name="Jurm",
            ascii="Jurm",
            lat=36.86,
            lon=70.83,
            fclass="P",
            fcode="PPL",
            a1="01",
            a2="1104",
            pop="12000",
        )
        + _geonames_row(
            id=1002,
            name="Kuh-e Sabz",
            ascii="Kuh-e Sabz",
            lat=36.9,
            lon=70.9,
            fclass="T",
            fcode="MT",
        )
    )
    files = sorted(tmp_path.iterdir())
    entries = read_sources(files)
    assert len(entries) == 1
    town = entries[0]
    assert (town.name, town.level, town.admin1, town.admin2) == (
        "Jurm",
        "place",
        "Badakhshan",
        "Jurm",
    )
    assert "Jerm" in town.alt_names
    assert town.population == 12000


def _square(x: float, y: float, size: float) -> list[list[list[float]]]:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def test_geoboundaries_polygons_give_centroids_and_the_district_of_a_village(
    tmp_path: Path,
) -> None:
    adm1 = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"shapeName": "Badakhshan", "shapeGroup": "AFG", "shapeType": "ADM1"},
                "geometry": {"type": "Polygon", "coordinates": _square(70.0, 36.0, 2.0)},
            }
        ],
    }
    adm2 = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"shapeName": "Yamgan", "shapeGroup": "AFG", "shapeType": "ADM2"},
                "geometry": {"type": "Polygon", "coordinates": _square(70.5, 36.3, 0.5)},
            }
        ],
    }
    (tmp_path / "geoBoundaries-AFG-ADM1.geojson").write_text(json.dumps(adm1))
    (tmp_path / "geoBoundaries-AFG-ADM2.geojson").write_text(json.dumps(adm2))
    (tmp_path / "villages.csv").write_text(
        "id,name,alt_names,level,country_code,admin1,admin2,lat,lon,population,source\n"
        "v1,Mughul,,place,AF,Badakhshan,,36.5,70.7,,handwritten\n",
        encoding="utf-8",
    )
    entries = {e.name: e for e in read_sources(sorted(tmp_path.iterdir()))}
    district = entries["Yamgan"]
    assert district.level == "admin2"
    assert district.admin1 == "Badakhshan"
    assert district.lat == pytest.approx(36.55) and district.lon == pytest.approx(70.75)
    assert entries["Mughul"].admin2 == "Yamgan"


def test_imports_are_cached_by_content(tmp_path: Path) -> None:
    settings: Settings = load_settings(cache_dir=tmp_path / "cache")
    path = tmp_path / "extra.csv"
    path.write_text(
        "id,name,alt_names,level,country_code,admin1,admin2,lat,lon,population,source\n"
        "x-kh,Khwahan,Khwahan District,admin2,AF,Badakhshan,,37.9,70.2,,handwritten\n",
        encoding="utf-8",
    )
    first = import_files(settings, [path])
    assert import_files(settings, [path]) == first
    path.write_text(path.read_text(encoding="utf-8").replace("37.9", "37.8"), encoding="utf-8")
    assert import_files(settings, [path]) != first


def test_load_gazetteer_reports_a_missing_file(tmp_path: Path) -> None:
    settings = load_settings(cache_dir=tmp_path, gazetteer_files=(tmp_path / "missing.csv",))
    with pytest.raises(GazetteerError, match=r"missing\.csv"):
        load_gazetteer(settings)
