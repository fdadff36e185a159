"""Run the real pipeline over evaluation texts and hand back scoreable predictions."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from frontlines.eval.gold import scored_from_events
from frontlines.eval.records import ScoredEvent
from frontlines.models import Failure
from frontlines.pipeline import Resources, run_pipeline


@dataclass(frozen=True, slots=True)
class Predictions:
    """Predicted events (one per reporting document) and the documents that failed."""

    events: tuple[ScoredEvent, ...]
    failures: tuple[Failure, ...] = ()


def predict(
    inputs: Sequence[str], resources: Resources, *, published: date | None = None
) -> Predictions:
    """Run the pipeline on files/folders without merging across documents (each document is
    judged on its own events)."""
    result = run_pipeline(inputs, resources, published=published, merge=False)
    return Predictions(
        events=tuple(scored_from_events(result.events)), failures=tuple(result.failures)
    )


def predict_records(records: Iterable[dict[str, Any]], resources: Resources) -> Predictions:
    """Run the pipeline on in-memory SCHEMA §1 JSON records (written to a temporary JSONL file,
    so ingest and clean run exactly as for a user's file)."""
    with tempfile.TemporaryDirectory(prefix="frontlines-eval-") as folder:
        path = Path(folder) / "documents.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return predict([str(path)], resources)
