"""Merging and control end to end: the real pipeline over tests/fixtures/merge/reports."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from frontlines.config import load_settings
from frontlines.control import build_changes, control_as_of
from frontlines.fuse import merge_events
from frontlines.fuse.quality import clusters_by_document, pairwise_scores
from frontlines.models import Event

# Floors for the whole pipeline on the 22 fixture reports with the shared Afghan gazetteer.
# Measured 2026-11-24 18:40-18:47 UTC against the extract/resolve stages of the hour (they changed
# meanwhile): merge F1 0.857-0.897 (precision 1.0, recall 0.75-0.81); control accuracy 0.94-1.0
# with the gazetteer resolving the district each report names (0.33-0.61 on placement alone).
# On hand-built events both are 1.0. Re-measured 19:58 UTC after geolocation let a named district
# outshine a nearby town, territory triggers outrank the airstrikes that backed them, and
# "Jurm, a district" became a district: merge F1 0.933 (P 1.0, R 0.875), control 18/18 = 1.0.
# The two pairs still missed: a transcript's lowercase "char dara", one airstrike typed a clash.
END_TO_END_MERGE_F1_FLOOR = 0.9
END_TO_END_MERGE_PRECISION_FLOOR = 0.95
END_TO_END_CONTROL_ACCURACY_FLOOR = 0.9
# ACLED dates state forces ("Military Forces of Afghanistan (2004-2021)"); actor naming upstream
# may or may not carry the years, so they are ignored when comparing with the gold.
YEARS_SUFFIX = re.compile(r"\s*\(\d{4}-\d{4}\)$")


def plain_actor(actor: str | None) -> str | None:
    return YEARS_SUFFIX.sub("", actor) if actor else actor


@pytest.fixture(scope="module")
def afghan_resources(shared_data: Path, cache_dir: Path) -> Any:
    from frontlines.pipeline import load_resources

    settings = load_settings(
        cache_dir=cache_dir, gazetteer_files=(shared_data / "gazetteer-af" / "AF.csv",)
    )
    return load_resources(settings)


@pytest.fixture(scope="module")
def pipeline_events(afghan_resources: Any, fixtures_dir: Path) -> list[Event]:
    from frontlines.pipeline import run_pipeline

    reports = [str(fixtures_dir / "merge" / "reports")]
    result = run_pipeline(reports, afghan_resources, merge=False)
    assert not result.failures
    return result.events


@pytest.fixture(scope="module")
def gold(fixtures_dir: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((fixtures_dir / "merge" / "gold.json").read_text())
    return loaded


@pytest.mark.slow
@pytest.mark.shared
def test_merge_end_to_end_pairwise_quality(
    pipeline_events: list[Event], gold: dict[str, Any]
) -> None:
    merged = merge_events(pipeline_events)
    scores = pairwise_scores(clusters_by_document(merged), gold["clusters"])
    assert scores.f1 >= END_TO_END_MERGE_F1_FLOOR, scores
    assert scores.precision >= END_TO_END_MERGE_PRECISION_FLOOR, scores


@pytest.mark.slow
@pytest.mark.shared
def test_control_end_to_end_accuracy(
    pipeline_events: list[Event], gold: dict[str, Any], afghan_resources: Any
) -> None:
    changes = build_changes(merge_events(pipeline_events), gazetteer=afghan_resources.gazetteer)
    correct = 0
    for item in gold["control"]:
        records = control_as_of(changes, date.fromisoformat(item["as_of"]))
        found = {(r.admin1, r.admin2): (r.status, plain_actor(r.actor)) for r in records}
        expected = (item["status"], plain_actor(item["actor"]))
        correct += found.get((item["admin1"], item["admin2"]), (None, None)) == expected
    assert correct / len(gold["control"]) >= END_TO_END_CONTROL_ACCURACY_FLOOR
