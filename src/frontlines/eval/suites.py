"""The three evaluation suites end to end: annotated set, ISAF releases, UCDP place names.

Each suite takes its gold file and either ready predictions or the resources to run the real
pipeline, and returns a report with `to_json()`. `detect_gold_format` tells the suites apart.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from frontlines.errors import EvalError
from frontlines.eval.gold import GOLD_FILE_NAME, read_gold, read_predictions
from frontlines.eval.isaf import IsafReport, read_isaf, release_records, score_isaf
from frontlines.eval.matching import DEFAULT_DATE_WINDOW_DAYS, gazetteer_place_matcher
from frontlines.eval.metrics import EvalReport, detection_by_group, evaluate
from frontlines.eval.names import places_match
from frontlines.eval.records import ScoredEvent
from frontlines.eval.ucdp import UcdpReport, read_ucdp_places, score_ucdp

if TYPE_CHECKING:
    from frontlines.gazetteer import Gazetteer
    from frontlines.pipeline import Resources

GOLD_FORMATS = ("auto", "frontlines", "isaf", "ucdp")
# A gold folder may ship the gazetteer rows its reports need (districts, villages) under this name.
GOLD_GAZETTEER_NAME = "gazetteer.csv"


def gold_gazetteer_files(gold_path: str | Path) -> tuple[Path, ...]:
    """The gazetteer file shipped with a gold folder, if any (added to the run's gazetteer)."""
    location = Path(gold_path)
    folder = location if location.is_dir() else location.parent
    candidate = folder / GOLD_GAZETTEER_NAME
    return (candidate,) if candidate.is_file() else ()


def detect_gold_format(path: str | Path) -> str:
    """frontlines (a folder or gold .jsonl), isaf (.jsonl of press releases) or ucdp (.csv).

    Raises:
        EvalError: the path does not exist or its kind cannot be told.
    """
    location = Path(path)
    if location.is_dir() or location.name == GOLD_FILE_NAME:
        return "frontlines"
    if not location.is_file():
        raise EvalError(f"No gold at {location}. Pass a gold folder, a .jsonl or a .csv file.")
    if location.suffix.lower() == ".csv":
        return "ucdp"
    with location.open(encoding="utf-8") as handle:
        first = handle.readline()
    try:
        record = json.loads(first) if first.strip() else {}
    except json.JSONDecodeError as error:
        raise EvalError(
            f"The first line of {location} is not JSON ({error.msg}); pass a gold .jsonl file."
        ) from error
    if isinstance(record, dict) and "press_release_id" in record:
        return "isaf"
    return "frontlines"


def evaluate_gold(
    gold_path: str | Path,
    *,
    resources: Resources | None = None,
    predictions: str | Path | None = None,
    run_inputs: Sequence[str] = (),
    window_days: int = DEFAULT_DATE_WINDOW_DAYS,
    published: date | None = None,
) -> EvalReport:
    """The annotated set against predictions from a file, from running the pipeline on
    `run_inputs`, or (by default) from running it on the set's own texts.

    Raises:
        EvalError: no predictions file and no resources to run the pipeline with, or no texts.
    """
    gold_set = read_gold(gold_path)
    if predictions is not None:
        predicted: Sequence[ScoredEvent] = read_predictions(predictions)
        failures = 0
    else:
        inputs = list(run_inputs) or list(gold_set.text_paths)
        if not inputs:
            raise EvalError(
                f"The gold set {gold_set.source} has no report texts next to it; pass "
                "--predictions FILE or --run INPUT..."
            )
        from frontlines.eval.predict import predict

        run = predict(inputs, _require(resources), published=published)
        predicted, failures = run.events, len(run.failures)
    same_place = (
        gazetteer_place_matcher(resources.gazetteer.lookup)
        if resources is not None
        else places_match
    )
    report = evaluate(gold_set, predicted, window_days=window_days, same_place=same_place)
    report.extra["failures"] = failures
    report.extra["groups"] = {
        name: {field: score.to_json() for field, score in fields.items()}
        for name, fields in detection_by_group(gold_set, predicted, window_days=window_days).items()
    }
    return report


def evaluate_isaf(
    isaf_path: str | Path,
    *,
    resources: Resources | None = None,
    predictions: str | Path | None = None,
    limit: int | None = None,
) -> IsafReport:
    """ISAF press releases: predictions from a file (doc ids = press_release_id, repeated ids
    suffixed #2, #3 …) or from running the pipeline on the release texts."""
    releases = read_isaf(isaf_path)[:limit]
    if predictions is not None:
        return score_isaf(releases, read_predictions(predictions))
    from frontlines.eval.predict import predict_records

    run = predict_records(release_records(releases), _require(resources))
    return score_isaf(releases, run.events)


def evaluate_ucdp(
    ucdp_path: str | Path, *, gazetteer: Gazetteer, limit: int | None = None
) -> UcdpReport:
    """UCDP place names resolved with `find_places` against `gazetteer`."""
    from frontlines.nlp.toponyms import find_places

    places = read_ucdp_places(ucdp_path)[:limit]
    return score_ucdp(places, lambda text: find_places(text, gazetteer, doc_id="ucdp"))


def _require(resources: Resources | None) -> Resources:
    if resources is None:
        raise EvalError(
            "Running the pipeline needs its resources (gazetteer, spaCy model); load them with "
            "frontlines.pipeline.load_resources(settings) or pass predictions."
        )
    return resources
