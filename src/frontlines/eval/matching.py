"""Pair predicted events with gold events the way an analyst would: same document, same place,
date within a window; the event type is preferred when pairing but scored separately.

A predicted event may pair with a gold event when, in the same document,
1. the countries agree (when both are named),
2. the provinces (admin1) agree, when gold names one — or the prediction has no province but
   names the gold location itself (a town the gazetteer knows without its province; the admin1
   field is still scored as missing),
3. the districts agree, when gold names one (the prediction's admin2 or its location against the
   gold admin2 or location — a town names its district in most reports),
4. the dates are both known and at most `window_days` apart (when gold has a date).
Among the candidates, pairs are taken greedily, best first: same type, same sub-type, same
district, same location, closer date. Place names are compared with `names.places_match`
(transliteration folding) or, when a gazetteer is at hand, `gazetteer_place_matcher`, which also
accepts two names of one gazetteer entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from frontlines.eval.names import countries_match, places_match
from frontlines.eval.records import ScoredEvent

DEFAULT_DATE_WINDOW_DAYS = 1

# Compares two place names: `names.places_match`, or one backed by a gazetteer
# (`gazetteer_place_matcher`).
SamePlace = Callable[[str, str], bool]

# Preference weights for pairing among compatible candidates (largest first). The type weight
# dominates so a typed match always beats an untyped one; the others break ties.
TYPE_WEIGHT = 8.0
SUB_TYPE_WEIGHT = 4.0
DISTRICT_WEIGHT = 2.0
LOCATION_WEIGHT = 1.0
DAY_PENALTY = 0.25


@dataclass(frozen=True, slots=True)
class Alignment:
    """The result of matching: pairs (gold, predicted) and what stayed unpaired."""

    pairs: tuple[tuple[ScoredEvent, ScoredEvent], ...]
    missed: tuple[ScoredEvent, ...]  # gold events with no prediction
    spurious: tuple[ScoredEvent, ...]  # predictions with no gold event


def is_compatible(
    gold: ScoredEvent,
    predicted: ScoredEvent,
    *,
    window_days: int,
    same_place: SamePlace = places_match,
) -> bool:
    """True when `predicted` may be the same event as `gold` (document, place and date)."""
    if gold.doc_id != predicted.doc_id:
        return False
    if gold.country and predicted.country and not countries_match(gold.country, predicted.country):
        return False
    if gold.admin1 and not is_same_province(gold, predicted, same_place=same_place):
        return False
    if gold.admin2 and not is_same_district(gold, predicted, same_place=same_place):
        return False
    if gold.event_date is None:
        return True
    if predicted.event_date is None:
        return False
    return abs((predicted.event_date - gold.event_date).days) <= window_days


def is_same_province(
    gold: ScoredEvent, predicted: ScoredEvent, *, same_place: SamePlace = places_match
) -> bool:
    """Gold's province named by the prediction's admin1, or, when the prediction has no
    admin1, gold's location named by the prediction's location."""
    if predicted.admin1:
        return same_place(gold.admin1, predicted.admin1)
    return same_place(gold.location, predicted.location)


def is_same_district(
    gold: ScoredEvent, predicted: ScoredEvent, *, same_place: SamePlace = places_match
) -> bool:
    """Gold's district (or location) named by the prediction's admin2 or location."""
    gold_names = [name for name in (gold.admin2, gold.location) if name]
    predicted_names = [name for name in (predicted.admin2, predicted.location) if name]
    return any(same_place(g, p) for g in gold_names for p in predicted_names)


def preference(
    gold: ScoredEvent, predicted: ScoredEvent, *, same_place: SamePlace = places_match
) -> float:
    """How good a pairing is among compatible ones (higher is better)."""
    score = 0.0
    if gold.event_type == predicted.event_type:
        score += TYPE_WEIGHT
    if gold.sub_event_type and gold.sub_event_type == predicted.sub_event_type:
        score += SUB_TYPE_WEIGHT
    if gold.admin2 and same_place(gold.admin2, predicted.admin2):
        score += DISTRICT_WEIGHT
    if gold.location and same_place(gold.location, predicted.location):
        score += LOCATION_WEIGHT
    if gold.event_date and predicted.event_date:
        score -= DAY_PENALTY * abs((predicted.event_date - gold.event_date).days)
    return score


def align_events(
    gold: Sequence[ScoredEvent],
    predicted: Sequence[ScoredEvent],
    *,
    window_days: int = DEFAULT_DATE_WINDOW_DAYS,
    same_place: SamePlace = places_match,
) -> Alignment:
    """Pair gold and predicted events one to one (see the module docstring for the rules)."""
    predicted_by_doc: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(predicted):
        predicted_by_doc[event.doc_id].append(index)
    candidates: list[tuple[float, int, int]] = []
    for gold_index, gold_event in enumerate(gold):
        for predicted_index in predicted_by_doc.get(gold_event.doc_id, []):
            predicted_event = predicted[predicted_index]
            if is_compatible(
                gold_event, predicted_event, window_days=window_days, same_place=same_place
            ):
                score = preference(gold_event, predicted_event, same_place=same_place)
                candidates.append((-score, gold_index, predicted_index))
    candidates.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs: list[tuple[ScoredEvent, ScoredEvent]] = []
    for _score, gold_index, predicted_index in candidates:
        if gold_index in used_gold or predicted_index in used_predicted:
            continue
        used_gold.add(gold_index)
        used_predicted.add(predicted_index)
        pairs.append((gold[gold_index], predicted[predicted_index]))
    return Alignment(
        pairs=tuple(pairs),
        missed=tuple(event for i, event in enumerate(gold) if i not in used_gold),
        spurious=tuple(event for i, event in enumerate(predicted) if i not in used_predicted),
    )


def gazetteer_place_matcher(lookup: Callable[[str], Sequence[object]]) -> SamePlace:
    """A place comparison that also accepts two names the gazetteer gives a common entry
    ("Matun" and "Khost" both name the Khost district); `lookup` is `Gazetteer.lookup`."""

    def same_place(first: str, second: str) -> bool:
        if places_match(first, second):
            return True
        if not first.strip() or not second.strip():
            return False
        first_ids = {getattr(entry, "id", None) for entry in lookup(first)}
        return any(getattr(entry, "id", None) in first_ids for entry in lookup(second))

    return same_place
