"""The quality gate: the real pipeline on the annotated set must stay at or above the floors
pinned in tests/quality_floors.json (raise floors freely; lowering one needs a written reason)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from frontlines.config import Settings
from frontlines.eval.metrics import EvalReport
from frontlines.eval.suites import evaluate_gold, gold_gazetteer_files
from frontlines.gazetteer import load_gazetteer
from frontlines.pipeline import Resources

FLOORS_PATH = Path(__file__).parent.parent / "quality_floors.json"
FLOORS: dict[str, Any] = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))
FIELD_FLOORS = [
    (field, measure, floor)
    for field, measures in FLOORS["floors"].items()
    for measure, floor in measures.items()
]


@pytest.fixture(scope="module")
def gold_resources(resources: Any, settings: Settings, fixtures_dir: Path) -> Resources:
    """The session resources plus the districts and villages the gold reports name
    (tests/fixtures/gold/gazetteer.csv); the spaCy pipeline is shared, not reloaded."""
    extended = replace(
        settings,
        gazetteer_files=settings.gazetteer_files + gold_gazetteer_files(fixtures_dir / "gold"),
    )
    return Resources(settings=extended, gazetteer=load_gazetteer(extended), nlp=resources.nlp)


@pytest.fixture(scope="module")
def gold_report(gold_resources: Resources, fixtures_dir: Path) -> EvalReport:
    return evaluate_gold(
        fixtures_dir / "gold", resources=gold_resources, window_days=FLOORS["date_window_days"]
    )


@pytest.mark.parametrize(("field", "measure", "floor"), FIELD_FLOORS)
def test_quality_gate_field_meets_its_floor(
    gold_report: EvalReport, field: str, measure: str, floor: float
) -> None:
    score = gold_report.fields[field]
    value = getattr(score, measure)
    assert value >= floor, (
        f"{field} {measure} fell to {value:.3f}, below the floor {floor:.3f} "
        f"(hits {score.hits}, predicted {score.predicted}, gold {score.gold}); run "
        "`make eval` to see what changed"
    )


def test_quality_gate_not_events_stay_silent(gold_report: EvalReport) -> None:
    floor = FLOORS["not_event_silence"]
    assert gold_report.not_event_silence >= floor, [
        sentence for _doc, sentence in gold_report.violations
    ]


def test_quality_gate_every_report_is_processed(gold_report: EvalReport) -> None:
    assert gold_report.extra["failures"] == 0
    assert gold_report.documents >= 40


def test_quality_floors_file_states_the_rule() -> None:
    assert "Lowering a floor needs a written reason" in FLOORS["_rule"]
    for lowered in FLOORS["lowered"]:
        assert lowered.get("reason"), lowered
