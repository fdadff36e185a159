"""Event geolocation: choose the one place of an event and its ACLED geo_precision.

`choose_event_place` tries, in order: the most specific of the sentence's places that is
consistent with the others (a town or district inside the province named beside it; a town
only near the event, in another district, or named like its province gives way to a district
named beside it), else the
most specific place of the province most of the sentence's places are in, then the document's
focus place (the province or district most mentioned). geo_precision: 1 the town itself,
2 near a town or the district, 3 the province (or only the country).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from frontlines.gazetteer import Gazetteer, fold_key
from frontlines.models import ResolvedPlace

SPECIFICITY = {"place": 3, "admin2": 2, "admin1": 1, "country": 0}
# Below this score a sentence place is not trusted over the document's focus place (calibrated
# on ISAF press releases: wrong sentence places score <= 0.6).
MIN_PLACE_SCORE = 0.5


def choose_event_place(
    candidates: Sequence[ResolvedPlace],
    doc_places: Sequence[ResolvedPlace],
    gazetteer: Gazetteer,
    *,
    names_unknown_place: bool = False,
) -> tuple[ResolvedPlace | None, int]:
    """The event's place and ACLED geo_precision (1 town, 2 near a town / district, 3 province
    or country). `candidates` are the sentence's places, best first; `doc_places` all places of
    the document. `names_unknown_place`: the sentence names a place the gazetteer lacks ('the
    eastern town of Bunagana'); the document's focus then gives only its province — its towns
    are where the report says other things happened ('55 km northeast of Goma'), not where
    this did. (None, 3) when nothing is known."""
    usable = [p for p in candidates if p.score >= MIN_PLACE_SCORE and p.level != "country"]
    consistent = [p for p in usable if _agrees_with_all(p, usable)]
    pool = _without_outshone_towns(consistent or _largest_province_group(usable))
    if pool:
        best = max(pool, key=lambda p: (SPECIFICITY.get(p.level, 0), p.score, -_index(pool, p)))
        return best, geo_precision(best)
    focus = focus_place(doc_places)
    if focus is not None and names_unknown_place and focus.level != "admin1":
        focus = province_of(focus, gazetteer) or focus
    if focus is not None:
        return focus, max(2, geo_precision(focus))
    countries = [p for p in candidates if p.level == "country"]
    if countries:
        return countries[0], 3
    return None, 3


def geo_precision(place: ResolvedPlace) -> int:
    """ACLED geo_precision of a resolved place on its own."""
    if place.level == "place":
        return 2 if "near" in place.rule else 1
    if place.level == "admin2":
        return 2
    return 3


def focus_place(doc_places: Sequence[ResolvedPlace]) -> ResolvedPlace | None:
    """The document's focus: the most mentioned province, refined to its most mentioned district
    or town when one dominates; None without sub-national places."""
    doc_places = _without_datelines(doc_places)
    provinces: Counter[tuple[str, str]] = Counter(
        (p.country_code, p.admin1) for p in doc_places if p.admin1 and p.level != "country"
    )
    if not provinces:
        return None
    (country, admin1), _ = provinces.most_common(1)[0]
    inside = [p for p in doc_places if p.country_code == country and p.admin1 == admin1]
    specific = Counter((p.level, p.name) for p in inside if p.level in ("admin2", "place"))
    if specific:
        (level, name), count = specific.most_common(1)[0]
        if count >= 2 or len(specific) == 1:
            return next(p for p in inside if p.level == level and p.name == name)
    return next((p for p in inside if p.level == "admin1"), inside[0])


def _without_datelines(doc_places: Sequence[ResolvedPlace]) -> Sequence[ResolvedPlace]:
    """A place written in capitals in cased text ('OUAGADOUGOU, Burkina Faso (AP) —') is the
    dateline, where the report was filed: it does not make the document's focus."""
    cased = [p for p in doc_places if not _in_capitals(p.mention)]
    return cased if cased and len(cased) < len(doc_places) else doc_places


def _in_capitals(mention: str) -> bool:
    letters = [c for c in mention if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def province_of(place: ResolvedPlace, gazetteer: Gazetteer) -> ResolvedPlace | None:
    """The first-level unit a town or district lies in, as a place of its own."""
    if not place.admin1:
        return None
    entries = gazetteer.admin1_entries(place.country_code, place.admin1)
    if not entries:
        return None
    entry = entries[0]
    return replace(
        place,
        mention=entry.name,
        name=entry.name,
        level="admin1",
        admin1=entry.name,
        admin2=None,
        latitude=entry.lat,
        longitude=entry.lon,
        rule="province-of-focus",
        place_id=entry.id,
    )


def _without_outshone_towns(pool: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """Drop towns that a district named in the same sentence outshines: a town only near the
    event ("Jurm, a district east of Fayzabad"), a town known to lie in another district, or a
    town or district named like its province ("the Khan Abad district of Kunduz" is in Kunduz
    province, not in Kunduz city or Kunduz district)."""
    districts = {p.name for p in pool if p.level == "admin2" and not _named_like_province(p)}
    if not districts:
        return pool
    kept = [
        p
        for p in pool
        if p.level not in ("place", "admin2")
        or p.name in districts
        or not (
            "near" in p.rule
            or (p.level == "place" and p.admin2 and p.admin2 not in districts)
            or _named_like_province(p)
        )
    ]
    return kept or pool


def _named_like_province(place: ResolvedPlace) -> bool:
    """A town or district that bears its province's name (Kunduz in Kunduz province)."""
    return place.level in ("place", "admin2") and _fold(place.name) == _fold(place.admin1 or "")


def _fold(name: str) -> str:
    return fold_key(name)


def _largest_province_group(places: Sequence[ResolvedPlace]) -> list[ResolvedPlace]:
    """When a sentence's places disagree, the province most of them are in; on a tie, the one
    named as a province ("Kunar province's Dara Noor district" -> Kunar), then the first."""
    groups: dict[tuple[str, str | None], list[ResolvedPlace]] = {}
    for place in places:
        groups.setdefault((place.country_code, place.admin1), []).append(place)
    if not groups:
        return []
    ranked = sorted(
        groups.values(),
        key=lambda group: (-len(group), not any(p.level == "admin1" for p in group)),
    )
    return ranked[0]


def _agrees_with_all(place: ResolvedPlace, others: Sequence[ResolvedPlace]) -> bool:
    """True when no other place of the sentence is in a different province/country."""
    return all(
        other.country_code == place.country_code
        and (not other.admin1 or not place.admin1 or other.admin1 == place.admin1)
        for other in others
    )


def _index(pool: Sequence[ResolvedPlace], place: ResolvedPlace) -> int:
    return next(i for i, p in enumerate(pool) if p is place)
