"""Evaluation on the ISAF press-release gold (../shared/data/isaf-press-releases/isaf_dev.jsonl).

Each release is one document with release-level gold: ISAF event labels (mapped to ACLED types
by data/eval/isaf_labels.json), province(s), start date and the minimum number killed. Measures,
each over all releases unless said otherwise:
- found: the pipeline produced at least one event for the release;
- type_found: one of its events has an ACLED event type the release's labels map to;
- type_precision: share of predicted events whose type the labels allow (over predicted events);
- province: one of its events is in a gold province (admin1, names folded);
- date_exact: one of its events has the gold start date; date_within_1: within a day of it;
- killed_exact: the largest fatality count among its events (0 when none) equals
  gold_min_killed. The maximum, not the sum, because a release usually describes one operation
  that the pipeline may report in several sentences; the sum is given too (killed_exact_sum);
- killed_exact_reported: the same over releases whose gold_min_killed is above 0.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources as package_files
from pathlib import Path
from typing import Any

from frontlines.errors import EvalError
from frontlines.eval.names import places_match
from frontlines.eval.records import ScoredEvent


@dataclass(frozen=True, slots=True)
class IsafRelease:
    """One press release with its release-level gold."""

    release_id: str
    text: str
    labels: tuple[str, ...]
    provinces: tuple[str, ...]
    start_date: date | None
    min_killed: int


@cache
def isaf_label_map() -> dict[str, tuple[tuple[str, str], ...]]:
    """ISAF label -> ((ACLED event type, sub-event type), ...)."""
    path = package_files.files("frontlines") / "data" / "eval" / "isaf_labels.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return {
        label: tuple((pair[0], pair[1]) for pair in pairs)
        for label, pairs in data["labels"].items()
    }


def read_isaf(path: str | Path) -> list[IsafRelease]:
    """Read isaf_dev.jsonl (one release per line, gold fields prefixed `gold_`).

    Raises:
        EvalError: the file is missing or a line cannot be read.
    """
    location = Path(path)
    if not location.is_file():
        raise EvalError(
            f"No ISAF gold at {location}. Point to ../shared/data/isaf-press-releases/"
            "isaf_dev.jsonl."
        )
    releases: list[IsafRelease] = []
    with location.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                releases.append(_parse_release(line, f"{location}:{number}"))
    return releases


def _parse_release(line: str, origin: str) -> IsafRelease:
    try:
        record = json.loads(line)
        labels = tuple(
            label.strip()
            for value in _as_list(record.get("gold_event_type"))
            for label in str(value).split(";")
            if label.strip()
        )
        start = record.get("gold_start_date")
        return IsafRelease(
            release_id=str(record["press_release_id"]),
            text=str(record["text"]),
            labels=labels,
            provinces=tuple(str(p) for p in _as_list(record.get("gold_province")) if p),
            start_date=date.fromisoformat(str(start)[:10]) if start else None,
            min_killed=int(record.get("gold_min_killed") or 0),
        )
    except (json.JSONDecodeError, KeyError, ValueError, TypeError) as error:
        raise EvalError(
            f"{origin}: cannot read the ISAF release ({error}); check the line's JSON and "
            "its press_release_id, text and gold_ fields."
        ) from error


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def release_records(releases: Sequence[IsafRelease]) -> list[dict[str, Any]]:
    """SCHEMA §1 input records for the pipeline (ids made unique: a few releases share one)."""
    seen: Counter[str] = Counter()
    records = []
    for release in releases:
        records.append(
            {
                "id": release_doc_id(release, seen),
                "text": release.text,
                "kind": "press-release",
                "outlet": "ISAF",
            }
        )
    return records


def release_doc_id(release: IsafRelease, seen: Counter[str]) -> str:
    seen[release.release_id] += 1
    count = seen[release.release_id]
    return release.release_id if count == 1 else f"{release.release_id}#{count}"


def allowed_types(release: IsafRelease) -> set[str]:
    label_map = isaf_label_map()
    return {pair[0] for label in release.labels for pair in label_map.get(label, ())}


@dataclass(frozen=True, slots=True)
class IsafReport:
    releases: int
    measures: dict[str, float]
    per_label_found: dict[str, tuple[int, int]]  # label -> (type found, releases)
    predicted_events: int

    def to_json(self) -> dict[str, Any]:
        return {
            "releases": self.releases,
            "predicted_events": self.predicted_events,
            "measures": {k: round(v, 4) for k, v in self.measures.items()},
            "per_label_type_found": {
                label: {"found": found, "releases": total, "rate": round(found / total, 4)}
                for label, (found, total) in sorted(self.per_label_found.items())
            },
        }


def score_isaf(releases: Sequence[IsafRelease], predicted: Sequence[ScoredEvent]) -> IsafReport:
    """Score predictions (doc ids as given by `release_records`) against release-level gold."""
    by_doc: dict[str, list[ScoredEvent]] = {}
    for event in predicted:
        by_doc.setdefault(event.doc_id, []).append(event)
    seen: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    label_found: Counter[str] = Counter()
    label_total: Counter[str] = Counter()
    typed_ok = 0
    reported = 0
    for release in releases:
        events = by_doc.get(release_doc_id(release, seen), [])
        allowed = allowed_types(release)
        type_found = any(event.event_type in allowed for event in events)
        typed_ok += sum(1 for event in events if event.event_type in allowed)
        counts["found"] += bool(events)
        counts["type_found"] += type_found
        counts["province"] += any(
            places_match(event.admin1, province)
            for event in events
            for province in release.provinces
        )
        counts["date_exact"] += release.start_date is not None and any(
            event.event_date == release.start_date for event in events
        )
        counts["date_within_1"] += release.start_date is not None and any(
            event.event_date is not None and abs((event.event_date - release.start_date).days) <= 1
            for event in events
        )
        largest = max((event.fatalities for event in events), default=0)
        total = sum(event.fatalities for event in events)
        counts["killed_exact"] += largest == release.min_killed
        counts["killed_exact_sum"] += total == release.min_killed
        if release.min_killed > 0:
            reported += 1
            counts["killed_exact_reported"] += largest == release.min_killed
        for label in set(release.labels):
            label_total[label] += 1
            label_found[label] += type_found
    n = len(releases) or 1
    measures = {
        name: counts[name] / n
        for name in (
            "found",
            "type_found",
            "province",
            "date_exact",
            "date_within_1",
            "killed_exact",
            "killed_exact_sum",
        )
    }
    measures["killed_exact_reported"] = counts["killed_exact_reported"] / (reported or 1)
    judged = sum(len(by_doc.get(doc_id, [])) for doc_id in _doc_ids(releases))
    measures["type_precision"] = typed_ok / judged if judged else 0.0
    return IsafReport(
        releases=len(releases),
        measures=measures,
        per_label_found={label: (label_found[label], label_total[label]) for label in label_total},
        predicted_events=judged,
    )


def _doc_ids(releases: Sequence[IsafRelease]) -> list[str]:
    seen: Counter[str] = Counter()
    return [release_doc_id(release, seen) for release in releases]
