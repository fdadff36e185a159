"""Per-field precision/recall/F1, the event-type confusion matrix and not-event silence.

Scoring, after `matching.align_events` has paired gold and predicted events (same report and
event-type family, nearest place and date first; place and date are not required to pair, so
they are scored here on their own):
- detection: a pair is a hit; precision over all predictions, recall over all gold events;
- each field (type, sub-type, actors, admin1, admin2, date, fatalities, claims): a hit is a pair
  whose values agree (names tolerantly, dates within the window); precision over the
  predictions that give the field a value, recall over the gold events that do. Fatalities 0
  and an empty claimant count as "no value", so a spurious figure costs precision and a
  missed one recall;
- not-events: a gold not-event sentence is violated when an unpaired prediction's evidence
  overlaps it;
- ignored sentences (gold `ignore`: defensible either way, e.g. an earlier event dated only
  "last week"): predictions whose evidence overlaps one are left out before pairing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from frontlines.eval.matching import (
    DEFAULT_DATE_WINDOW_DAYS,
    Alignment,
    SamePlace,
    align_events,
    dates_agree,
)
from frontlines.eval.names import claimants_match, names_match, places_match
from frontlines.eval.records import GoldReport, GoldSet, ScoredEvent

NO_EVENT = "(none)"
# Evidence overlaps a not-event sentence at or above this rapidfuzz partial ratio; calibrated on
# the gold set's transcripts, where evidence is a run-on chunk and the not-event one clause.
NOT_EVENT_OVERLAP_RATIO = 90.0
# Shorter strings than this never count as overlapping (a stray "the" is not a sentence).
MIN_OVERLAP_CHARS = 20

FIELD_ORDER = (
    "detection",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "admin2",
    "date",
    "fatalities",
    "claims",
)


@dataclass(frozen=True, slots=True)
class FieldScore:
    """Hits against the number of predicted and gold values of one field."""

    hits: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "hits": self.hits,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Everything one evaluation measured."""

    fields: dict[str, FieldScore]
    confusion: dict[str, dict[str, int]]
    not_events: int
    not_events_violated: int
    documents: int
    date_window_days: int
    missed: tuple[ScoredEvent, ...] = ()
    spurious: tuple[ScoredEvent, ...] = ()
    violations: tuple[tuple[str, str], ...] = ()  # (doc_id, not-event sentence)
    # Paired events whose fatality counts are equal (0 = 0 included), and the pairs counted.
    fatalities_exact: tuple[int, int] = (0, 0)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def not_event_silence(self) -> float:
        """Share of not-event sentences that produced no spurious event (1.0 when none given)."""
        if not self.not_events:
            return 1.0
        return 1.0 - self.not_events_violated / self.not_events

    @property
    def fatalities_exact_share(self) -> float:
        """Share of paired events whose fatality count is exactly the gold one (1.0 if none)."""
        hits, pairs = self.fatalities_exact
        return hits / pairs if pairs else 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "date_window_days": self.date_window_days,
            "fields": {name: self.fields[name].to_json() for name in self.fields},
            "confusion": self.confusion,
            "not_events": {
                "total": self.not_events,
                "violated": self.not_events_violated,
                "silence": round(self.not_event_silence, 4),
                "violations": [{"doc_id": d, "sentence": s} for d, s in self.violations],
            },
            "fatalities_exact_on_matched": {
                "hits": self.fatalities_exact[0],
                "pairs": self.fatalities_exact[1],
                "share": round(self.fatalities_exact_share, 4),
            },
            "missed": [_brief(event) for event in self.missed],
            "spurious": [_brief(event) for event in self.spurious],
            **self.extra,
        }


def _brief(event: ScoredEvent) -> dict[str, Any]:
    return {
        "doc_id": event.doc_id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "location": event.location,
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "fatalities": event.fatalities,
    }


# Whether a pair agrees on a field, given the place-name comparison in use.
Agree = Callable[[ScoredEvent, ScoredEvent, SamePlace], bool]


def score_field(
    alignment: Alignment,
    gold: Sequence[ScoredEvent],
    predicted: Sequence[ScoredEvent],
    *,
    value: Callable[[ScoredEvent], object],
    agree: Agree,
    same_place: SamePlace = places_match,
) -> FieldScore:
    """Hits among the pairs where gold has a value and `agree` holds, against the counts of
    events with a value on each side."""
    hits = sum(1 for g, p in alignment.pairs if _has_value(value(g)) and agree(g, p, same_place))
    return FieldScore(
        hits=hits,
        predicted=sum(1 for event in predicted if _has_value(value(event))),
        gold=sum(1 for event in gold if _has_value(value(event))),
    )


def _has_value(value: object) -> bool:
    return value not in (None, "", 0)


FIELD_RULES: dict[str, tuple[Callable[[ScoredEvent], object], Agree]] = {
    "event_type": (lambda e: e.event_type, lambda g, p, _same: g.event_type == p.event_type),
    "sub_event_type": (
        lambda e: e.sub_event_type,
        lambda g, p, _same: g.sub_event_type == p.sub_event_type,
    ),
    "actor1": (lambda e: e.actor1, lambda g, p, _same: names_match(g.actor1, p.actor1)),
    "actor2": (lambda e: e.actor2, lambda g, p, _same: names_match(g.actor2, p.actor2)),
    "admin1": (lambda e: e.admin1, lambda g, p, same: same(g.admin1, p.admin1)),
    "admin2": (lambda e: e.admin2, lambda g, p, same: same(g.admin2, p.admin2)),
    "fatalities": (lambda e: e.fatalities, lambda g, p, _same: g.fatalities == p.fatalities),
    "claims": (
        lambda e: e.claimed_by,
        lambda g, p, _same: claimants_match(g.claimed_by, p.claimed_by),
    ),
}


def confusion_matrix(
    alignment: Alignment,
) -> dict[str, dict[str, int]]:
    """Gold event type -> predicted event type -> count; unpaired events against "(none)"."""
    counts: Counter[tuple[str, str]] = Counter()
    for gold, predicted in alignment.pairs:
        counts[(gold.event_type, predicted.event_type)] += 1
    for gold in alignment.missed:
        counts[(gold.event_type, NO_EVENT)] += 1
    for predicted in alignment.spurious:
        counts[(NO_EVENT, predicted.event_type or NO_EVENT)] += 1
    matrix: dict[str, dict[str, int]] = {}
    for (gold_type, predicted_type), count in sorted(counts.items()):
        matrix.setdefault(gold_type, {})[predicted_type] = count
    return matrix


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def overlaps(evidence: str, sentence: str) -> bool:
    """True when an evidence text and a sentence share the sentence (containment or near it)."""
    first, second = _squash(evidence), _squash(sentence)
    if min(len(first), len(second)) < MIN_OVERLAP_CHARS:
        return False
    if first in second or second in first:
        return True
    return fuzz.partial_ratio(first, second) >= NOT_EVENT_OVERLAP_RATIO


def is_ignored(event: ScoredEvent, gold_set: GoldSet) -> bool:
    """True when the event's evidence overlaps a sentence its report's gold says to ignore."""
    for report in gold_set.reports:
        if report.doc_id == event.doc_id and report.ignored:
            return any(
                overlaps(text, sentence) for sentence in report.ignored for text in event.evidence
            )
    return False


def find_violations(gold_set: GoldSet, spurious: Sequence[ScoredEvent]) -> list[tuple[str, str]]:
    """(doc_id, sentence) for each not-event sentence an unpaired prediction came from."""
    by_doc: dict[str, list[ScoredEvent]] = {}
    for event in spurious:
        by_doc.setdefault(event.doc_id, []).append(event)
    violations = []
    for report in gold_set.reports:
        for sentence in report.not_events:
            if any(
                overlaps(text, sentence)
                for event in by_doc.get(report.doc_id, [])
                for text in event.evidence
            ):
                violations.append((report.doc_id, sentence))
    return violations


def detection_by_group(
    gold_set: GoldSet,
    predicted: Sequence[ScoredEvent],
    *,
    window_days: int = DEFAULT_DATE_WINDOW_DAYS,
    same_place: SamePlace = places_match,
) -> dict[str, dict[str, FieldScore]]:
    """Detection and event-type scores per report kind and per country: {"kind:transcript":
    {"detection": …, "event_type": …}, "country:Ukraine": …}."""
    groups: dict[str, list[GoldReport]] = {}
    for report in gold_set.reports:
        groups.setdefault(f"kind:{report.kind or 'unknown'}", []).append(report)
        groups.setdefault(f"country:{report.group}", []).append(report)
    scores: dict[str, dict[str, FieldScore]] = {}
    for name, reports in sorted(groups.items()):
        subset = evaluate(
            GoldSet(reports=tuple(reports)),
            predicted,
            window_days=window_days,
            same_place=same_place,
        )
        scores[name] = {key: subset.fields[key] for key in ("detection", "event_type")}
    return scores


def evaluate(
    gold_set: GoldSet,
    predicted: Sequence[ScoredEvent],
    *,
    window_days: int = DEFAULT_DATE_WINDOW_DAYS,
    same_place: SamePlace = places_match,
) -> EvalReport:
    """Score predictions against an annotated set. Predictions for documents the set does not
    hold are ignored (they cannot be judged). `same_place` compares place names (default: the
    transliteration-folding `places_match`)."""
    gold = [event for report in gold_set.reports for event in report.events]
    known = gold_set.doc_ids
    judged = [
        event for event in predicted if event.doc_id in known and not is_ignored(event, gold_set)
    ]
    alignment = align_events(gold, judged, same_place=same_place)
    fields = {
        "detection": FieldScore(hits=len(alignment.pairs), predicted=len(judged), gold=len(gold))
    }
    rules = dict(FIELD_RULES)
    rules["date"] = (
        lambda e: e.event_date,
        lambda g, p, _same: dates_agree(g, p, window_days=window_days),
    )
    for name in FIELD_ORDER[1:]:
        value, agree = rules[name]
        fields[name] = score_field(
            alignment, gold, judged, value=value, agree=agree, same_place=same_place
        )
    violations = find_violations(gold_set, alignment.spurious)
    return EvalReport(
        fields=fields,
        confusion=confusion_matrix(alignment),
        not_events=sum(len(report.not_events) for report in gold_set.reports),
        not_events_violated=len(violations),
        documents=len(gold_set.reports),
        date_window_days=window_days,
        missed=alignment.missed,
        spurious=alignment.spurious,
        violations=tuple(violations),
        fatalities_exact=(
            sum(1 for g, p in alignment.pairs if g.fatalities == p.fatalities),
            len(alignment.pairs),
        ),
    )
