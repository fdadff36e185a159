"""Quality measurement: gold readers, analyst-style matching, per-field metrics, eval suites."""

from __future__ import annotations

from frontlines.eval.gold import read_gold, read_predictions, scored_from_events
from frontlines.eval.matching import DEFAULT_DATE_WINDOW_DAYS, align_events
from frontlines.eval.metrics import EvalReport, FieldScore, evaluate
from frontlines.eval.names import names_match, place_key, places_match
from frontlines.eval.records import GoldReport, GoldSet, ScoredEvent

__all__ = [
    "DEFAULT_DATE_WINDOW_DAYS",
    "EvalReport",
    "FieldScore",
    "GoldReport",
    "GoldSet",
    "ScoredEvent",
    "align_events",
    "evaluate",
    "names_match",
    "place_key",
    "places_match",
    "read_gold",
    "read_predictions",
    "scored_from_events",
]
