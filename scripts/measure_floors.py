"""Measure what the quality gate checks (tests/quality_floors.json) and print it, or with
`--write` record it under each suite's `measured` (floors themselves are edited by hand).

    python scripts/measure_floors.py [--write]

Uses the gate's settings: voa-dev and ISAF with the default gazetteer plus
../shared/data/gazetteer-af/AF.csv; the self-written set with the test fixture gazetteers.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from frontlines.config import load_settings
from frontlines.eval.metrics import EvalReport
from frontlines.eval.suites import evaluate_gold, evaluate_isaf, gold_gazetteer_files
from frontlines.pipeline import load_resources

REPO_DIR = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("FRONTLINES_SHARED_DATA", REPO_DIR.parent / "shared" / "data"))
FLOORS_PATH = REPO_DIR / "tests" / "quality_floors.json"
FIXTURES = REPO_DIR / "tests" / "fixtures"


def summary(report: EvalReport) -> dict[str, Any]:
    fields = {
        name: {
            "precision": round(score.precision, 3),
            "recall": round(score.recall, 3),
            "f1": round(score.f1, 3),
        }
        for name, score in report.fields.items()
    }
    return {
        "fields": fields,
        "not_event_silence": round(report.not_event_silence, 3),
        "fatalities_exact_on_matched": round(report.fatalities_exact_share, 3),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record under `measured`")
    args = parser.parse_args(argv)
    floors = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))
    window = floors["date_window_days"]
    real = load_resources(
        replace(load_settings(), gazetteer_files=(SHARED_DATA / "gazetteer-af" / "AF.csv",))
    )
    measured: dict[str, Any] = {
        "voa-dev": summary(
            evaluate_gold(SHARED_DATA / "voa-dev", resources=real, window_days=window)
        ),
        "isaf": evaluate_isaf(
            SHARED_DATA / "isaf-press-releases" / "isaf_dev.jsonl", resources=real
        ).to_json()["measures"],
    }
    written_settings = replace(
        load_settings(),
        gazetteer_files=(
            FIXTURES / "gazetteer" / "af_small.csv",
            *gold_gazetteer_files(FIXTURES / "gold"),
        ),
    )
    written = load_resources(written_settings)
    measured["self-written"] = summary(
        evaluate_gold(FIXTURES / "gold", resources=written, window_days=window)
    )
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ")
    print(json.dumps(measured, indent=1))
    if args.write:
        for suite, values in measured.items():
            floors[suite]["measured"] = {"date": stamp, **values}
        FLOORS_PATH.write_text(
            json.dumps(floors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
