"""Pair predicted events with gold events the way an analyst reads a report: same report, same
event-type family, then the nearest place and date; every field is scored on its own afterwards.

A predicted event may pair with a gold event when
1. both come from the same document, and
2. their event types belong to the same family (ACLED's disorder type: political violence —
   battles, explosions, violence against civilians; demonstrations — protests, riots;
   strategic developments).
Place and date are not required for a pair, so the admin1, admin2 and date fields are not
right merely because pairing demanded them; they decide which pair is taken. Among the
candidates, pairs are taken greedily, best first: same type, same sub-type, same district,
same province, same location, same country, closer date. Place names are compared with
`names.places_match` (transliteration folding) or, when a gazetteer is at hand,
`gazetteer_place_matcher`, which also accepts two names of one gazetteer entry.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from frontlines.eval.names import countries_match, places_match
from frontlines.eval.records import ScoredEvent

# A predicted date counts as right when at most this many days from gold's (a report's "last
# night" and time zones put honest codings a day apart).
DEFAULT_DATE_WINDOW_DAYS = 1

# Compares two place names: `names.places_match`, or one backed by a gazetteer
# (`gazetteer_place_matcher`).
SamePlace = Callable[[str, str], bool]

# Preference weights for pairing among compatible candidates (largest first). Type dominates,
# then the place levels, then the date; a day's distance costs less than any place agreement
# but more than nothing, and is capped so a far date never outweighs a right district.
TYPE_WEIGHT = 16.0
SUB_TYPE_WEIGHT = 8.0
DISTRICT_WEIGHT = 4.0
PROVINCE_WEIGHT = 3.0
LOCATION_WEIGHT = 2.0
COUNTRY_WEIGHT = 1.0
DAY_PENALTY = 0.1
MAX_DATE_PENALTY = 0.9
UNDATED_PENALTY = 0.5


@cache
def _families() -> dict[str, str]:
    path = resources.files("frontlines") / "data" / "ontology" / "acled.json"
    ontology = json.loads(path.read_text(encoding="utf-8"))
    return {entry["event_type"]: entry["disorder_type"] for entry in ontology["event_types"]}


def type_family(event_type: str) -> str:
    """ACLED's disorder type of an event type (the type itself when the ontology lacks it)."""
    return _families().get(event_type, event_type)


@dataclass(frozen=True, slots=True)
class Alignment:
    """The result of matching: pairs (gold, predicted) and what stayed unpaired."""

    pairs: tuple[tuple[ScoredEvent, ScoredEvent], ...]
    missed: tuple[ScoredEvent, ...]  # gold events with no prediction
    spurious: tuple[ScoredEvent, ...]  # predictions with no gold event


def is_compatible(gold: ScoredEvent, predicted: ScoredEvent) -> bool:
    """True when `predicted` may be the same event as `gold`: same document, same family."""
    if gold.doc_id != predicted.doc_id:
        return False
    return type_family(gold.event_type) == type_family(predicted.event_type)


def dates_agree(gold: ScoredEvent, predicted: ScoredEvent, *, window_days: int) -> bool:
    """Both dates known and at most `window_days` apart."""
    if gold.event_date is None or predicted.event_date is None:
        return False
    return abs((predicted.event_date - gold.event_date).days) <= window_days


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
    if (gold.admin2 or gold.location) and is_same_district(gold, predicted, same_place=same_place):
        score += DISTRICT_WEIGHT
    if gold.admin1 and predicted.admin1 and same_place(gold.admin1, predicted.admin1):
        score += PROVINCE_WEIGHT
    if gold.location and predicted.location and same_place(gold.location, predicted.location):
        score += LOCATION_WEIGHT
    if gold.country and predicted.country and countries_match(gold.country, predicted.country):
        score += COUNTRY_WEIGHT
    if gold.event_date and predicted.event_date:
        days = abs((predicted.event_date - gold.event_date).days)
        score -= min(MAX_DATE_PENALTY, DAY_PENALTY * days)
    elif gold.event_date or predicted.event_date:
        score -= UNDATED_PENALTY
    return score


def align_events(
    gold: Sequence[ScoredEvent],
    predicted: Sequence[ScoredEvent],
    *,
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
            if is_compatible(gold_event, predicted_event):
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
