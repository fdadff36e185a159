"""Quality gate: place resolution floors (tests/gazetteer/places_floors.json) on the variants
fixture and, when ../shared/data is present, on the UCDP-AEC and ISAF development sets."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from frontlines.config import Settings, load_settings
from frontlines.gazetteer import Gazetteer, load_gazetteer

TESTS_DIR = Path(__file__).parent.parent
FLOORS = json.loads((Path(__file__).parent / "places_floors.json").read_text(encoding="utf-8"))


def _eval_module() -> ModuleType:
    path = TESTS_DIR.parent / "scripts" / "eval_places.py"
    spec = importlib.util.spec_from_file_location("eval_places", path)
    if spec is None or spec.loader is None:
        pytest.fail(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def evaluation() -> ModuleType:
    return _eval_module()


def test_variants_resolve_above_the_floor(
    evaluation: ModuleType, gazetteer: Gazetteer, fixtures_dir: Path
) -> None:
    result: dict[str, Any] = evaluation.eval_variants(
        fixtures_dir / "variants.csv", gazetteer, evaluation.ours
    )
    floor = FLOORS["variants_with_fixture_gazetteer"]
    assert result["rows"] >= 80
    assert result["correct"] >= floor["correct"], result["misses"]
    assert result["wrong"] <= floor["wrong_max"], result["misses"]


@pytest.fixture(scope="module")
def af_gazetteer(shared_data: Path, settings: Settings) -> Gazetteer:
    af = shared_data / "gazetteer-af" / "AF.csv"
    if not af.is_file():
        pytest.skip(f"no {af}")
    return load_gazetteer(load_settings(cache_dir=settings.cache_dir, gazetteer_files=(af,)))


@pytest.mark.shared
def test_ucdp_afghan_places_resolve_above_the_floor(
    evaluation: ModuleType, af_gazetteer: Gazetteer, shared_data: Path
) -> None:
    result = evaluation.eval_ucdp(
        shared_data / "ucdp-aec" / "afghanistan_subset.csv", af_gazetteer, evaluation.ours
    )
    floor = FLOORS["shared_ucdp_af"]
    assert result["admin1_acc"] >= floor["admin1"]
    assert result["admin2_acc"] >= floor["admin2"]


@pytest.mark.shared
def test_isaf_province_and_date_above_the_floor(
    evaluation: ModuleType, af_gazetteer: Gazetteer, shared_data: Path
) -> None:
    result = evaluation.eval_isaf(
        shared_data / "isaf-press-releases" / "isaf_dev.jsonl", af_gazetteer, evaluation.ours
    )
    floor = FLOORS["shared_isaf_dev"]
    assert result["province_acc"] >= floor["province"]
    assert result["date_exact_when_dateline"] >= floor["date_exact_when_dateline"]
