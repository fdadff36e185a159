"""ISAF press-release evaluation: label mapping, release-level scoring, the dev file."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from frontlines.errors import EvalError
from frontlines.eval.isaf import (
    IsafRelease,
    isaf_label_map,
    read_isaf,
    release_records,
    score_isaf,
)
from frontlines.eval.records import ScoredEvent

RAID = IsafRelease(
    release_id="2011-06-S-101",
    text="KABUL, Afghanistan (June 12, 2011) An Afghan and coalition security force detained "
    "two suspected insurgents in Nad Ali district, Helmand province, yesterday.",
    labels=("detention",),
    provinces=("helmand",),
    start_date=date(2011, 6, 11),
    min_killed=0,
)
STRIKE = IsafRelease(
    release_id="2011-06-S-102",
    text="KABUL, Afghanistan (June 12, 2011) A coalition air weapons team killed three "
    "insurgents planting a roadside bomb in Zharey district, Kandahar province, Saturday.",
    labels=("airstrike", "insurgentskilled"),
    provinces=("kandahar",),
    start_date=date(2011, 6, 11),
    min_killed=3,
)
SILENT = IsafRelease(
    release_id="2011-06-S-103",
    text="KABUL, Afghanistan (June 12, 2011) ISAF opened a new clinic in Khost city.",
    labels=("captureandkill",),
    provinces=("khost",),
    start_date=date(2011, 6, 10),
    min_killed=2,
)


def event(doc_id: str, event_type: str, admin1: str, day: date, killed: int = 0) -> ScoredEvent:
    return ScoredEvent(
        doc_id=doc_id, event_type=event_type, admin1=admin1, event_date=day, fatalities=killed
    )


def test_isaf_label_map_maps_every_label_to_acled_types() -> None:
    path = resources.files("frontlines") / "data" / "ontology" / "acled.json"
    taxonomy = {
        item["event_type"]: {sub["sub_event_type"] for sub in item["sub_event_types"]}
        for item in json.loads(path.read_text(encoding="utf-8"))["event_types"]
    }
    label_map = isaf_label_map()
    assert set(label_map) == {
        "detention",
        "airstrike",
        "insurgentskilled",
        "captureandkill",
        "civiliancasualty",
    }
    assert len(label_map["captureandkill"]) == 2
    for pairs in label_map.values():
        for event_type, sub_event_type in pairs:
            assert sub_event_type in taxonomy[event_type]


def test_score_isaf_measures_release_level_agreement() -> None:
    predicted = [
        event(RAID.release_id, "Strategic developments", "Helmand", date(2011, 6, 11)),
        event(STRIKE.release_id, "Explosions/Remote violence", "Kandahar", date(2011, 6, 11), 3),
        event(STRIKE.release_id, "Battles", "Kandahar", date(2011, 6, 11), 3),
        event(STRIKE.release_id, "Protests", "Kabul", date(2011, 6, 12)),
    ]
    report = score_isaf([RAID, STRIKE, SILENT], predicted)
    measures = report.measures
    assert measures["found"] == pytest.approx(2 / 3)
    assert measures["type_found"] == pytest.approx(2 / 3)
    assert measures["province"] == pytest.approx(2 / 3)
    assert measures["date_exact"] == pytest.approx(2 / 3)
    assert measures["date_within_1"] == pytest.approx(2 / 3)
    assert measures["killed_exact"] == pytest.approx(2 / 3)  # max: 0 == 0, 3 == 3, 0 != 2
    assert measures["killed_exact_sum"] == pytest.approx(1 / 3)  # sum 6 != 3
    assert measures["killed_exact_reported"] == pytest.approx(1 / 2)
    assert measures["type_precision"] == pytest.approx(3 / 4)
    assert report.per_label_found["captureandkill"] == (0, 1)


def test_release_records_make_repeated_ids_unique() -> None:
    twice = [RAID, RAID, STRIKE]
    ids = [record["id"] for record in release_records(twice)]
    assert ids == ["2011-06-S-101", "2011-06-S-101#2", "2011-06-S-102"]
    predicted = [event("2011-06-S-101#2", "Strategic developments", "Helmand", date(2011, 6, 11))]
    assert score_isaf(twice, predicted).measures["found"] == pytest.approx(1 / 3)


def test_read_isaf_names_a_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "isaf.jsonl"
    path.write_text('{"press_release_id": "x"}\n', encoding="utf-8")
    with pytest.raises(EvalError, match=r"isaf\.jsonl:1"):
        read_isaf(path)


def test_read_isaf_reads_the_dev_releases(shared_data: Path) -> None:
    releases = read_isaf(shared_data / "isaf-press-releases" / "isaf_dev.jsonl")
    labels = Counter(label for release in releases for label in release.labels)
    assert len(releases) == 387
    assert set(labels) <= set(isaf_label_map())
    assert all(release.start_date for release in releases)
    assert labels["detention"] > labels["airstrike"] > 0
