"""Place-resolution evaluation on UCDP GED place names (ucdp-aec/afghanistan_subset.csv).

The rows carry GED's spellings of the province (`location_adm1_name`, "Hilmand province"), the
district (`location_adm2_name`, "Nahri Sarraj district (Greshk)") and sometimes the village or
town (`location_where_name`). Each distinct (province, district, place) triple is written into a
sentence and resolved with `find_places` against the gazetteer given (the AF gazetteer for the
development figures). Measures (accuracy = correct / triples; precision = correct / answered):
- admin1: in "… in {place}, {district}, {province}.", the province name resolves to a place in
  the gold province;
- admin2: in the same sentence, the most specific place resolved from the place or district
  name, at district level or below, lies in the gold district (triples with a district);
- admin2_alone: the district name alone ("… in {district}.") resolves to the gold district —
  the hard case, with no province to tell same-named districts apart;
- place: the village/town name with its district and province resolves to a place-level entry
  in the gold district (triples with a place).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.errors import EvalError
from frontlines.eval.names import places_match
from frontlines.models import ResolvedPlace

# The order in which a resolved place is "more specific" (most specific first).
SPECIFICITY = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}

FindPlaces = Callable[[str], Sequence[ResolvedPlace]]


@dataclass(frozen=True, slots=True)
class UcdpPlace:
    """One distinct GED place triple and how many event rows carry it."""

    admin1: str
    admin2: str
    where: str
    rows: int = 1


@dataclass(frozen=True, slots=True)
class Tally:
    correct: int = 0
    answered: int = 0
    total: int = 0

    def add(self, *, answered: bool, correct: bool) -> Tally:
        return Tally(self.correct + correct, self.answered + answered, self.total + 1)

    def to_json(self) -> dict[str, Any]:
        return {
            "accuracy": round(self.correct / self.total, 4) if self.total else 0.0,
            "precision": round(self.correct / self.answered, 4) if self.answered else 0.0,
            "correct": self.correct,
            "answered": self.answered,
            "total": self.total,
        }


def read_ucdp_places(path: str | Path) -> list[UcdpPlace]:
    """Distinct (province, district, place) triples of the Afghanistan subset, first-seen order.

    Raises:
        EvalError: the file is missing or lacks the GED location columns.
    """
    location = Path(path)
    if not location.is_file():
        raise EvalError(
            f"No UCDP file at {location}. Point to ../shared/data/ucdp-aec/afghanistan_subset.csv."
        )
    counts: dict[tuple[str, str, str], int] = {}
    with location.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        needed = {"location_adm1_name", "location_adm2_name", "location_where_name"}
        if not needed <= set(reader.fieldnames or []):
            raise EvalError(
                f"{location} lacks the columns {sorted(needed)}; use the UCDP-AEC subset CSV."
            )
        for row in reader:
            key = (
                row["location_adm1_name"].strip(),
                row["location_adm2_name"].strip(),
                row["location_where_name"].strip(),
            )
            if key[0]:
                counts[key] = counts.get(key, 0) + 1
    return [UcdpPlace(a1, a2, where, rows) for (a1, a2, where), rows in counts.items()]


def admin1_of(place: ResolvedPlace) -> str:
    return place.name if place.level == "admin1" else place.admin1 or ""


def admin2_of(place: ResolvedPlace) -> str:
    return place.name if place.level == "admin2" else place.admin2 or ""


def most_specific(
    places: Sequence[ResolvedPlace], *, deepest: str = "place"
) -> ResolvedPlace | None:
    """The most specific resolved place no deeper than `deepest` (ties: the earlier mention)."""
    limit = SPECIFICITY[deepest]
    usable = [p for p in places if SPECIFICITY.get(p.level, 9) >= limit]
    if not usable:
        return None
    return min(usable, key=lambda p: (SPECIFICITY.get(p.level, 9), p.start))


SENTENCE_START = "Clashes were reported in "


def compose(*names: str) -> tuple[str, list[tuple[int, int]]]:
    """A sentence naming the places in order, and the character span of each name ((0, 0) for
    an empty name, which is left out of the sentence)."""
    text, spans = SENTENCE_START, []
    for name in names:
        if not name:
            spans.append((0, 0))
            continue
        if text != SENTENCE_START:
            text += ", "
        spans.append((len(text), len(text) + len(name)))
        text += name
    return text + ".", spans


def within(
    places: Sequence[ResolvedPlace], spans: Sequence[tuple[int, int]]
) -> list[ResolvedPlace]:
    """The places whose mention lies inside one of the spans (the names under test)."""
    return [
        p for p in places if any(start <= p.start and p.end <= end for start, end in spans if end)
    ]


@dataclass(frozen=True, slots=True)
class UcdpReport:
    triples: int
    rows: int
    tallies: dict[str, Tally]

    def to_json(self) -> dict[str, Any]:
        return {
            "triples": self.triples,
            "rows": self.rows,
            "measures": {name: tally.to_json() for name, tally in self.tallies.items()},
        }


def score_ucdp(places: Sequence[UcdpPlace], find: FindPlaces) -> UcdpReport:
    """Resolve each triple with `find` (text -> resolved places) and tally the measures."""
    tallies = {name: Tally() for name in ("admin1", "admin2", "admin2_alone", "place")}
    for item in places:
        text, (where_span, district_span, province_span) = compose(
            item.where, item.admin2, item.admin1
        )
        found = find(text)
        province = most_specific(within(found, [province_span]))
        tallies["admin1"] = tallies["admin1"].add(
            answered=province is not None,
            correct=province is not None and places_match(admin1_of(province), item.admin1),
        )
        if item.admin2:
            district = _district_level(within(found, [where_span, district_span]))
            tallies["admin2"] = tallies["admin2"].add(
                answered=district is not None,
                correct=district is not None and _in_district(district, item),
            )
            alone_text, alone_spans = compose(item.admin2)
            alone = _district_level(within(find(alone_text), alone_spans))
            tallies["admin2_alone"] = tallies["admin2_alone"].add(
                answered=alone is not None,
                correct=alone is not None and _in_district(alone, item),
            )
        if item.where and item.admin2:
            village = most_specific([p for p in within(found, [where_span]) if p.level == "place"])
            tallies["place"] = tallies["place"].add(
                answered=village is not None,
                correct=village is not None and _in_district(village, item),
            )
    return UcdpReport(triples=len(places), rows=sum(item.rows for item in places), tallies=tallies)


def _district_level(places: Sequence[ResolvedPlace]) -> ResolvedPlace | None:
    best = most_specific(places)
    return best if best is not None and best.level in ("admin2", "place") else None


def _in_district(place: ResolvedPlace, item: UcdpPlace) -> bool:
    return places_match(admin2_of(place), item.admin2) and places_match(
        admin1_of(place), item.admin1
    )
