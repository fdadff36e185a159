"""Gazetteer-driven place recognition and resolution: `find_places`.

Methods, in order, for each run of up to `gazetteer.max_tokens` tokens (longest first):
1. exact / alt-name: the normalised words equal a gazetteer name;
2. variant: the romanisation-folded words equal one ("Pol-e Khomri" = "Pul-i-Khumri");
3. phonetic: the consonant skeletons agree and the folded forms are close ("candy har");
then filters (nationalities, organisations such as "Kabul Bank", common words, personal names,
lowercase words in cased text, variants inside a longer capitalised name), then disambiguation
(`toponym_resolve`): type word ("X district"), explicit parent ("Fayzabad, Jawzjan"), the
document's other provinces, the country in focus, and prominence. Short or far-fetched strings
abstain.

`ResolvedPlace.rule` is the matching rule ("exact", "alt-name", "variant", "phonetic"), plus
"+context" when a type word or a parent decided it and "+near" after "near", "outside", "north
of" ... (geolocation then gives precision 2).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import pycountry
from rapidfuzz import fuzz

from frontlines.gazetteer import Gazetteer
from frontlines.gazetteer.default import not_place_lists
from frontlines.gazetteer.names import (
    fold_tokens,
    name_tokens,
    normalise_name,
    skeleton_of_fold,
    variant_rules,
)
from frontlines.models import GazetteerEntry, ResolvedPlace
from frontlines.nlp.actors import country_words
from frontlines.nlp.toponym_context import not_place_spans, overlaps
from frontlines.nlp.toponym_resolve import (
    DEFAULT_SOURCES,
    VARIANT_MIN_SIMILARITY,
    PlaceMention,
    drop_contradicted,
    drop_far_fetched,
    drop_people,
    drop_towns_of_unnamed_countries,
    drop_variants_outside_provinces,
    drop_weak_spellings,
    drop_weak_variants,
    focus_country,
    imported_focus,
    link_parents,
    resolve_mention,
    spelling_similarity,
)
from frontlines.nlp.toponym_text import (
    LEVEL_OF_TYPE,
    Token,
    has_title_before,
    is_after_locative,
    is_caseless,
    is_near,
    joins_name,
    tokenize,
    type_after,
    type_before,
    type_in_apposition,
)

# Longest place name tried, in tokens (connectors count): "Hisah-ye Awal-e Kohistan" is 5.
MAX_NAME_TOKENS = 6
# Phonetic matches need a skeleton at least this long and a fold-key similarity at least this
# (0..100); calibrated on tests/fixtures/variants.csv (true mishearings >= 80, near-misses < 75).
PHONETIC_MIN_SKELETON = 4
PHONETIC_MIN_RATIO = 80.0
# Variant/phonetic matches need at least this many letters (shorter strings abstain).
VARIANT_MIN_LETTERS = 5
# Tajik- and Russian-sourced romanisations write Persian a as o and drop the w of khw ("Khokhon"
# = Khwahan, "Shugnon" = Shighnan): the fold keys agree, the spellings only this much. Such a
# weak variant (under VARIANT_MIN_SIMILARITY) is kept only inside a province the document names
# (toponym_resolve.drop_weak_variants).
WEAK_VARIANT_MIN_SIMILARITY = 50.0
# In caseless text, towns smaller than this match only with a type word ("X village").
CASELESS_MIN_POPULATION = 50_000
# In caseless text a single word shorter than this is a place only with a type word: short
# lowercase words are mostly function words and name parts ("wa", "e", "ab").
CASELESS_MIN_LETTERS = 4
_POSSESSIVE_END = re.compile(r"['’]s$")
# A single word shorter than this is a place only with a type word ("Ha province").
MIN_LETTERS = 3
# Places without population (imported villages) match only with context when their single-word
# name is shorter than this.
VILLAGE_MIN_LETTERS = 4


def find_places(
    text: str,
    gazetteer: Gazetteer,
    *,
    doc_id: str,
    ner_spans: Sequence[tuple[int, int, str]] = (),
    caseless: bool | None = None,
    actor_countries: Sequence[str] = (),
) -> list[ResolvedPlace]:
    """Places mentioned in `text`, resolved against the gazetteer; sorted by start,
    non-overlapping, offsets into `text`. `ner_spans` (start, end, label) from spaCy may veto
    personal names (PERSON) and support GPE/LOC/FAC mentions. `caseless` says the capitals of
    the text carry no information (a speech-recognition transcript, even after cleaning added
    sentence capitals); None detects it from the text. `actor_countries` are the home countries
    (ISO alpha-2) of the actors the text names, one per mention: when the place names point to
    no country, the country most of them belong to is the document's ("Taliban fighters fired on
    protesters in Jalalabad": Afghanistan's, not Kyrgyzstan's Jalal-Abad)."""
    tokens = tokenize(text)
    if caseless is None:
        caseless = is_caseless(tokens)
    mentions = _match_mentions(text, tokens, gazetteer, caseless)
    blocked = not_place_spans(text, caseless=caseless)
    mentions = [m for m in mentions if not overlaps(m.start, m.end, blocked)]
    _attach_ner(mentions, [*ner_spans, *name_continuations(text, ner_spans)])
    link_parents(text, mentions)
    mentions = drop_weak_variants(mentions, gazetteer)
    mentions = drop_people(mentions, gazetteer)
    mentions = drop_contradicted(mentions, gazetteer)
    fallback = majority_country(actor_countries) or imported_focus(gazetteer)
    focus = focus_country(mentions, gazetteer, fallback=fallback)
    if focus is not None:
        mentions = drop_far_fetched(
            mentions, gazetteer, focus, nationalities=nationalities_named(text) - {focus}
        )
    else:
        mentions = drop_towns_of_unnamed_countries(mentions, gazetteer)
    mentions = drop_weak_spellings(mentions, gazetteer, focus, caseless=caseless)
    mentions = drop_variants_outside_provinces(mentions, gazetteer)
    places = []
    for mention in mentions:
        resolved = resolve_mention(mention, mentions, gazetteer, focus, doc_id)
        if resolved is not None:
            places.append(resolved)
    return places


def majority_country(countries: Sequence[str]) -> str | None:
    """The country more than half of `countries` are, or None."""
    if not countries:
        return None
    country, count = Counter(countries).most_common(1)[0]
    return country if 2 * count > len(countries) else None


# --------------------------------------------------------------------------- matching


WORD = re.compile(r"[A-Z][a-z]+")


def nationalities_named(text: str) -> frozenset[str]:
    """ISO alpha-2 codes of the countries whose people the text names ('Yemeni', 'Yemenis')."""
    by_word = _nationality_codes()
    words = {w.lower().removesuffix("s") for w in WORD.findall(text)} | {
        w.lower() for w in WORD.findall(text)
    }
    return frozenset(by_word[w] for w in words if w in by_word)


@lru_cache(maxsize=1)
def _nationality_codes() -> dict[str, str]:
    """Nationality adjective -> ISO alpha-2 code, from the actor dictionary's country words."""
    codes: dict[str, str] = {}
    for country in country_words():
        alpha2 = _alpha2(country.iso3)
        if alpha2 is None:
            continue
        for word in country.words:
            if " " not in word and "'" not in word and word != country.name.lower():
                codes.setdefault(word, alpha2)
    return codes


def _alpha2(iso3: str) -> str | None:
    found = pycountry.countries.get(alpha_3=iso3)
    return found.alpha_2 if found is not None else None


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The word lists of data/gazetteer/not_places.json as sets."""

    demonyms: frozenset[str]
    place_demonyms: frozenset[str]
    locative: frozenset[str]
    org_suffixes: frozenset[str]
    common: frozenset[str]
    function_words: frozenset[str]
    personal: frozenset[str]
    group_words: frozenset[str]


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    lists = not_place_lists()
    org_suffixes = frozenset(lists["org_suffixes"])
    return _Vocabulary(
        demonyms=frozenset(lists["demonyms"]),
        place_demonyms=frozenset(lists["place_demonyms"]),
        locative=frozenset(lists["locative_words"]),
        org_suffixes=org_suffixes,
        common=frozenset(lists["common_words"]) | org_suffixes,
        function_words=frozenset(lists["function_words"]),
        personal=frozenset(lists["personal_name_words"]),
        group_words=frozenset(lists["armed_group_words"]),
    )


def _match_mentions(
    text: str, tokens: list[Token], gazetteer: Gazetteer, caseless: bool
) -> list[PlaceMention]:
    vocabulary = _vocabulary()
    demonyms = vocabulary.demonyms
    org_suffixes = vocabulary.org_suffixes
    common = vocabulary.common
    function_words = vocabulary.function_words
    personal = vocabulary.personal
    longest = min(MAX_NAME_TOKENS, gazetteer.max_tokens + 2)
    mentions: list[PlaceMention] = []
    i = 0
    while i < len(tokens):
        found = None
        if _may_start(tokens[i], caseless, common):
            for length in range(min(longest, len(tokens) - i), 0, -1):
                span = tokens[i : i + length]
                if not _is_contiguous(text, span) or not _may_end(span[-1], caseless, common):
                    continue
                found = _lookup(span, gazetteer, function_words)
                if (
                    found is not None
                    and length > 1
                    and found[0] not in ("exact", "alt-name")
                    and span[-1].norm in LEVEL_OF_TYPE
                ):
                    # "Sagaing Region": the name is "Sagaing", the type word says its level.
                    found = None
                    continue
                if found is not None:
                    break
        if found is None:
            i += 1
            continue
        rule, candidates, span = found
        inside_name = not caseless and _is_inside_longer_name(
            text, tokens, i, len(span), function_words
        )
        if inside_name:
            # A word inside a longer name names a place only spelled exactly.
            candidates = _exact_only(span, candidates, gazetteer)
            rule = _exact_rule(" ".join(t.norm for t in span), candidates, gazetteer)
        elif not caseless and _is_all_capitals(span) and rule == "phonetic":
            candidates = []  # capitals in cased text (a dateline, an acronym): no sound-alikes
        if not candidates or _is_people_not_place(text, tokens, i, span, vocabulary):
            i += 1
            continue
        if _names_group(tokens, i + len(span), vocabulary.group_words):
            candidates = [c for c in candidates if not _is_world_town(gazetteer.entry(c))]
        mention = _make_mention(text, span, rule, candidates)
        mention.inside_name = inside_name
        if _names_organisation(tokens, i + len(span), caseless, org_suffixes):
            i += len(span) + 1
        elif _is_acceptable(
            mention, span, tokens, i, gazetteer, caseless, demonyms, common | personal
        ) and not _looks_like_a_person(mention, span, gazetteer, personal):
            mentions.append(mention)
            i += len(span)
        else:
            i += 1
    return mentions


def _is_inside_longer_name(
    text: str, tokens: list[Token], position: int, length: int, function_words: frozenset[str]
) -> bool:
    """True when the match is part of a longer capitalised name ("Musa Qalah" where only
    "Qalah" matched): then only an exact name may match, not a spelling variant."""
    connectors = variant_rules().connectors
    start, end = position, position + length  # skip connectors: "Dasht-i-Archi", "Koran wa"
    while start > 1 and tokens[start - 1].norm in connectors:
        start -= 1
    while end < len(tokens) - 1 and tokens[end].norm in connectors:
        end += 1
    before = tokens[start - 1] if start > 0 else None
    after = tokens[end] if end < len(tokens) else None
    first, last = tokens[start], tokens[end - 1]
    joined_before = (
        before is not None
        and before.capitalised
        and not before.sentence_initial
        and before.norm not in function_words
        and joins_name(text, before, first)
    )
    joined_after = (
        after is not None
        and after.capitalised
        and after.norm not in function_words
        and after.norm not in LEVEL_OF_TYPE  # "Lower Shabelle Region" is Lower Shabelle
        and joins_name(text, last, after)
    )
    return joined_before or joined_after


def _is_all_capitals(span: list[Token]) -> bool:
    return all(t.text.isupper() and len(t.text) > 1 for t in span)


def _exact_only(span: list[Token], candidates: list[int], gazetteer: Gazetteer) -> list[int]:
    norm = " ".join(t.norm for t in span)
    return [i for i in candidates if spelling_similarity(norm, i, gazetteer) >= 100]


def _is_people_not_place(
    text: str, tokens: list[Token], position: int, span: list[Token], vocabulary: _Vocabulary
) -> bool:
    """ "Kachin fighters" names a people; "in Kachin" and "Kachin State" name a region."""
    norm = " ".join(t.norm for t in span)
    if norm not in vocabulary.place_demonyms:
        return False
    if type_after(text, span[-1].end) is not None:
        return False
    if _listed_with_places(text, tokens, position, position + len(span)):
        return False
    return position == 0 or tokens[position - 1].norm not in vocabulary.locative


LIST_JOINERS = frozenset({"and", "or", ","})


def _listed_with_places(text: str, tokens: list[Token], start: int, end: int) -> bool:
    """ "Kayah and Karen states", "Sagaing Region and Kayah": a name listed beside a typed unit
    is a unit too."""
    if end + 1 < len(tokens) and tokens[end].norm in LIST_JOINERS:
        following = tokens[end + 1]
        if following.capitalised and type_after(text, following.end) is not None:
            return True
    return (
        start >= 2
        and tokens[start - 1].norm in LIST_JOINERS
        and tokens[start - 2].norm in LEVEL_OF_TYPE
    )


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
    """ "Kabul Bank", "Kabul University": a place name followed by an organisation word."""
    if after >= len(tokens):
        return False
    token = tokens[after]
    return token.norm in org_suffixes and (token.capitalised or caseless)


def _is_world_unit(entry: GazetteerEntry) -> bool:
    return entry.source in DEFAULT_SOURCES


def _is_world_town(entry: GazetteerEntry) -> bool:
    return entry.level == "place" and entry.source in DEFAULT_SOURCES


def _names_group(tokens: list[Token], after: int, group_words: frozenset[str]) -> bool:
    """ "Fano militia", "Wagner fighters": the name right before an armed-group word."""
    return after < len(tokens) and tokens[after].norm in group_words


def _is_contiguous(text: str, span: list[Token]) -> bool:
    """Adjacent tokens of one name; a possessive ends a name ("Mali's Gao" is two)."""
    if any(_POSSESSIVE_END.search(t.text) for t in span[:-1]):
        return False
    return all(joins_name(text, a, b) for a, b in pairwise(span))


def _lookup(
    span: list[Token], gazetteer: Gazetteer, function_words: frozenset[str]
) -> tuple[str, list[int], list[Token]] | None:
    """(rule, candidate indexes, span) for a token run, or None: exact names plus romanisation
    variants (same fold key) of them; else phonetic matches (same skeleton, similar spelling)."""
    norm = " ".join(t.norm for t in span)
    exact = gazetteer.by_norm(norm)
    letters = sum(len(t.norm) for t in span)
    if letters < VARIANT_MIN_LETTERS or {span[0].norm, span[-1].norm} & function_words:
        return (_exact_rule(norm, exact, gazetteer), exact, span) if exact else None
    fold = fold_tokens(name_tokens(norm))
    similar = {
        i: spelling_similarity(norm, i, gazetteer)
        for i in gazetteer.by_fold(fold)
        if i not in exact
    }
    variant = [i for i, score in similar.items() if score >= VARIANT_MIN_SIMILARITY]
    # weak variants only for one written word ("Khokhon"): a longer run would swallow the name
    # before it ("Niue on Monday" is not Nanminda)
    weak = [
        i
        for i, score in similar.items()
        if WEAK_VARIANT_MIN_SIMILARITY <= score < VARIANT_MIN_SIMILARITY and len(span) == 1
    ]
    if exact:
        return _exact_rule(norm, exact, gazetteer), exact + variant, span
    if variant:
        return "variant", variant + weak, span
    skeleton = skeleton_of_fold(fold)
    if len(skeleton) < PHONETIC_MIN_SKELETON:
        return ("variant", weak, span) if weak else None
    phonetic = [
        index
        for index in gazetteer.by_skeleton(skeleton)
        if max(fuzz.ratio(fold, f) for f in gazetteer.folds_of(index)) >= PHONETIC_MIN_RATIO
        and spelling_similarity(norm, index, gazetteer) >= VARIANT_MIN_SIMILARITY
    ]
    if phonetic:
        return "phonetic", phonetic + [i for i in weak if i not in phonetic], span
    return ("variant", weak, span) if weak else None


def _exact_rule(norm: str, indexes: list[int], gazetteer: Gazetteer) -> str:
    primary = any(normalise_name(gazetteer.entry(i).name) == norm for i in indexes)
    return "exact" if primary else "alt-name"


def _make_mention(text: str, span: list[Token], rule: str, candidates: list[int]) -> PlaceMention:
    start, end = span[0].start, span[-1].end
    if _POSSESSIVE_END.search(span[-1].text):
        end -= 2  # "Russia's": the mention is "Russia"
    return PlaceMention(
        start=start,
        end=end,
        text=text[start:end],
        rule=rule,
        candidates=list(candidates),
        expected_level=type_after(text, end)
        or type_before(text, start)
        or type_in_apposition(text, end),
        near=is_near(text, start),
        after_locative=is_after_locative(text, start),
    )


def _is_acceptable(
    mention: PlaceMention,
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
        i
        for i in mention.candidates
        if _entry_allowed(gazetteer.entry(i), mention, span, caseless, common)
        and not _is_unsupported_variant(i, norm, mention, gazetteer)
    ]
    return bool(mention.candidates)


def _looks_like_a_person(
    mention: PlaceMention, span: list[Token], gazetteer: Gazetteer, personal: frozenset[str]
) -> bool:
    """ "Abdul Baqi", "Haji Gul": a run that starts with a personal-name word and can only be a
    village (no population, no type word) is a person."""
    if span[0].norm not in personal or mention.expected_level is not None:
        return False
    return all(
        gazetteer.entry(i).level == "place" and not gazetteer.entry(i).population
        for i in mention.candidates
    )


def _is_unsupported_variant(
    index: int, norm: str, mention: PlaceMention, gazetteer: Gazetteer
) -> bool:
    """A village (no population) reached only by a spelling variant, with no type word."""
    entry = gazetteer.entry(index)
    if entry.level != "place" or entry.population or mention.expected_level is not None:
        return False
    return spelling_similarity(norm, index, gazetteer) < 100


def _title_precedes(tokens: list[Token], position: int) -> bool:
    if position == 0:
        return False
    before = " ".join(t.text for t in tokens[max(0, position - 1) : position]) + " "
    return has_title_before(before, len(before))


def _entry_allowed(
    entry: GazetteerEntry,
    mention: PlaceMention,
    span: list[Token],
    caseless: bool,
    common: frozenset[str],
) -> bool:
    has_context = mention.expected_level is not None
    single = len(span) == 1
    word = span[0].norm
    if single and word in common and not has_context:
        return False
    if caseless and single and len(word) < CASELESS_MIN_LETTERS and not has_context:
        return False  # "wa" in "kuran wa munjan" is no town in Ghana
    if single and len(word) < MIN_LETTERS and not has_context:
        return False  # "Ha" is a word, not Bhutan's Haa district
    if (
        single
        and span[0].sentence_initial
        and not caseless
        and not has_context
        and not span[0].text.isupper()  # a dateline in capitals ("QAMISHLI -") is a name
    ):
        # A capital at a sentence start is no evidence of a name: such a word is a place only
        # when spelled exactly ("Gunmen ..." is not Guanmian).
        if mention.rule in ("variant", "phonetic"):
            return False
        if mention.rule == "alt-name" and entry.level == "place":
            return False  # "Human rights ..." is not Uman (once "Human")
    if caseless and entry.level == "admin2" and _is_world_unit(entry) and not has_context:
        return False  # "a convoy" in a transcript is not Conwy county
    if entry.level != "place":
        return True
    population = entry.population or 0
    if caseless and population < CASELESS_MIN_POPULATION and not has_context:
        return False
    if single and not population and len(word) < VILLAGE_MIN_LETTERS and not has_context:
        return False
    return not (mention.rule in ("variant", "phonetic") and not population and not has_context)


# Capitalised words right after a person's name go on with it: 'Aung San' + ' Suu Kyi'.
NAME_CONTINUATION = re.compile(r"(?:[ \t]+[A-Z][a-z]+(?=[\s’',.;:]|$))+")


def name_continuations(
    text: str, ner_spans: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """PERSON spans for the capitalised words that continue a person's name the NER cut short
    ('ousted leader Aung San Suu Kyi’s party': the small model tags only 'Aung San')."""
    found = []
    for _start, end, label in ner_spans:
        if label != "PERSON":
            continue
        match = NAME_CONTINUATION.match(text, end)
        if match is not None:
            found.append((end, match.end(), "PERSON"))
    return found


def _attach_ner(mentions: list[PlaceMention], ner_spans: Sequence[tuple[int, int, str]]) -> None:
    for mention in mentions:
        for start, end, label in ner_spans:
            if start <= mention.start and mention.end <= end:
                mention.ner_label = label
                break
