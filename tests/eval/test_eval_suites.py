"""Telling gold formats apart and finding a gold folder's own gazetteer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontlines.errors import EvalError
from frontlines.eval.suites import detect_gold_format, evaluate_gold, gold_gazetteer_files


def test_detect_gold_format_tells_the_three_gold_kinds_apart(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    isaf = tmp_path / "isaf.jsonl"
    isaf.write_text(json.dumps({"press_release_id": "2011-06-S-101", "text": "…"}) + "\n")
    places = tmp_path / "ged.csv"
    places.write_text("location_adm1_name,location_adm2_name,location_where_name\n")
    assert detect_gold_format(fixtures_dir / "gold") == "frontlines"
    assert detect_gold_format(fixtures_dir / "gold" / "gold.jsonl") == "frontlines"
    assert detect_gold_format(isaf) == "isaf"
    assert detect_gold_format(places) == "ucdp"


def test_detect_gold_format_names_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="No gold at"):
        detect_gold_format(tmp_path / "absent.jsonl")


def test_gold_gazetteer_files_finds_the_gold_folders_gazetteer(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    assert gold_gazetteer_files(fixtures_dir / "gold") == (fixtures_dir / "gold" / "gazetteer.csv",)
    assert gold_gazetteer_files(tmp_path) == ()


def test_evaluate_gold_needs_predictions_or_resources(fixtures_dir: Path) -> None:
    with pytest.raises(EvalError, match="needs its resources"):
        evaluate_gold(fixtures_dir / "gold")
