"""UCDP place-name evaluation: GED spellings resolved with the real toponym resolver."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from frontlines.errors import EvalError
from frontlines.eval.suites import evaluate_ucdp
from frontlines.eval.ucdp import compose, read_ucdp_places, within
from frontlines.nlp.toponyms import find_places

GED_ROWS = """location_adm1_name,location_adm2_name,location_where_name
Kunduz province,Imam Sahib district,Sher Khan Bandar town
Jawzjan province,Shibirghan district,
Kandahar province,Maiwand district,Hutal village
Kandahar province,Maiwand district,Hutal village
Badakhshan province,Fayzabad district,
Hilmand province,,
"""


@pytest.fixture()
def ged_rows(tmp_path: Path) -> Path:
    path = tmp_path / "ged.csv"
    path.write_text(GED_ROWS, encoding="utf-8")
    return path


def test_read_ucdp_places_counts_distinct_triples(ged_rows: Path) -> None:
    places = read_ucdp_places(ged_rows)
    assert len(places) == 5
    assert places[2].rows == 2 and places[2].where == "Hutal village"
    assert places[4].admin2 == ""


def test_read_ucdp_places_rejects_a_file_without_ged_columns(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(EvalError, match="lacks the columns"):
        read_ucdp_places(path)


def test_compose_gives_each_name_its_span() -> None:
    text, spans = compose("", "Maiwand district", "Kandahar province")
    assert spans[0] == (0, 0)
    assert text[spans[1][0] : spans[1][1]] == "Maiwand district"
    assert text[spans[2][0] : spans[2][1]] == "Kandahar province"


def test_within_keeps_only_places_inside_the_names_under_test(gazetteer: Any) -> None:
    text, spans = compose("Hutal village", "Maiwand district", "Kandahar province")
    found = find_places(text, gazetteer, doc_id="t")
    kept = within(found, spans[:1])
    assert [p.name for p in kept] == ["Hutal"]


def test_evaluate_ucdp_scores_ged_spellings_against_the_gazetteer(
    ged_rows: Path, gazetteer: Any
) -> None:
    report = evaluate_ucdp(ged_rows, gazetteer=gazetteer).to_json()
    measures = report["measures"]
    assert report["triples"] == 5 and report["rows"] == 6
    assert measures["admin1"]["total"] == 5 and measures["admin1"]["accuracy"] == 1.0
    assert measures["admin2"]["total"] == 4 and measures["admin2"]["correct"] == 4
    assert measures["place"]["total"] == 2 and measures["place"]["correct"] == 2
    assert measures["admin2_alone"]["total"] == 4


def test_read_ucdp_places_reads_the_afghanistan_subset(shared_data: Path) -> None:
    places = read_ucdp_places(shared_data / "ucdp-aec" / "afghanistan_subset.csv")
    assert sum(p.rows for p in places) > 1000
    assert all(p.admin1.endswith("province") for p in places)
