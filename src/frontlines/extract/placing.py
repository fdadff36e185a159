"""The places of a mention: which of a sentence's resolved places the event happened at (the
trigger's own phrase first, destinations of movement left out), and one mention per place
when the sentence lists several districts or towns."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from frontlines.extract.lexicon import Lexicon
from frontlines.models import Analysis, Mention, ResolvedPlace
from frontlines.nlp.pipeline import PLACES_SPAN_KEY

# Levels of place a coordinated list is split over (one event per district or town).
SPLITTABLE_LEVELS = frozenset({"admin2", "place"})


PLACE_INDEX_KEY = "frontlines.place_index"


# Longest sentence looked at for places, in characters (a run-on transcript 'sentence').
MAX_SENTENCE_CHARS = 5_000


def order_places(
    sent: Span, head: Token, places: Sequence[ResolvedPlace], lexicon: Lexicon
) -> list[ResolvedPlace]:
    """Places in the sentence, best first (the trigger's own phrase first); no destinations."""
    doc = sent.doc
    inside = [p for p in _places_between(doc, places, sent.start_char) if p.end <= sent.end_char]
    if not inside:
        return []
    if PLACES_SPAN_KEY in doc.spans:
        inside = [p for p in inside if _is_marked(p, doc)]
    subtree = {t.i for t in head.subtree}
    scored: list[tuple[int, int, ResolvedPlace]] = []
    for place in inside:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        if _is_destination(span.root, lexicon):
            continue
        if place.level != "country" and _stands_for_its_government(span.root, lexicon):
            continue
        if place.level == "country" and _is_across_a_border(span.root):
            continue
        if _ends_a_route(span.root, lexicon):
            continue
        in_subtree = span.root.i in subtree
        distance = abs(span.root.i - head.i)
        names_route = span.root.dep_ == "compound" and span.root.head.lower_ in lexicon.route_words
        scored.append((2 if names_route else 0 if in_subtree else 1, distance, place))
    scored.sort(key=lambda item: (item[0], _level_rank(item[2]), item[1]))
    return [place for _, _, place in scored]


def _places_between(
    doc: Doc, places: Sequence[ResolvedPlace], start: int
) -> Sequence[ResolvedPlace]:
    """The places from `start` on (sorted by offset; the index is kept on the doc so that long
    documents are not scanned once per sentence)."""
    cached = doc.user_data.get(PLACE_INDEX_KEY)
    if cached is None or cached[0] is not places:
        ordered = sorted(places, key=lambda p: p.start)
        cached = (places, ordered, [p.start for p in ordered])
        doc.user_data[PLACE_INDEX_KEY] = cached
    _, ordered, starts = cached
    return ordered[bisect_left(starts, start) : bisect_left(starts, start + MAX_SENTENCE_CHARS)]


def _is_marked(place: ResolvedPlace, doc: Doc) -> bool:
    """The place was written into doc.ents (not dropped for lying inside an actor's name)."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and span[0].ent_iob_ == "B" and span[0].ent_type_ in ("GPE", "LOC")


def _level_rank(place: ResolvedPlace) -> int:
    """More precise places first: town, district, province, country."""
    return {"place": 0, "admin2": 1, "admin1": 2, "country": 3}.get(place.level, 4)


def _is_destination(token: Token, lexicon: Lexicon) -> bool:
    """'crossed into Tajikistan', 'fled to Pakistan': the place is where they went."""
    current = token
    for _ in range(3):
        if current.dep_ == "pobj" and current.head.lower_ in lexicon.destination_preps:
            verb = current.head.head
            return verb.lemma_.lower() in lexicon.movement_lemmas or verb.lower_ == "border"
        if current.dep_ not in ("compound", "conj", "appos", "pobj", "nmod"):
            return False
        current = current.head
    return False


# Verbs whose subject, when a capital or a country, is its government speaking ('which Kyiv
# blamed on Russian forces', 'Moscow denied', 'Washington condemned').
GOVERNMENT_VERBS = frozenset({"blame", "accuse", "condemn", "warn", "respond", "demand", "urge"})
# Nouns a place's possessive makes that government's ('Baku's forces', 'Kyiv's troops').
GOVERNMENT_NOUNS = frozenset({"forces", "troops", "army", "military", "government", "officials"})


def _stands_for_its_government(token: Token, lexicon: Lexicon) -> bool:
    """A town or province named as the one who speaks, blames or owns the forces is no event
    location (a country so named still tells the event's country)."""
    if token.dep_ == "nsubj":
        verb = token.head.lemma_.lower()
        return verb in lexicon.speech_verbs or verb in GOVERNMENT_VERBS
    return token.dep_ == "poss" and token.head.lower_ in GOVERNMENT_NOUNS


ROUTE_VERBS = frozenset({"link", "connect", "lead", "join"})


def _ends_a_route(token: Token, lexicon: Lexicon) -> bool:
    """'villages on the road linking the town to the provincial capital Goma', 'the highway
    from Kabul': a place at the end of a road is not where the event happened."""
    current = token
    for _ in range(4):
        head = current.head
        if head.i == current.i:
            return False
        if current.dep_ == "pobj" and head.lower_ in ("to", "from", "with"):
            governor = head.head
            if governor.lemma_.lower() in ROUTE_VERBS or governor.lower_ in lexicon.route_words:
                return True
        if current.dep_ not in ("pobj", "appos", "compound", "conj", "prep"):
            return False
        current = head
    return False


def _is_across_a_border(token: Token) -> bool:
    """'a town near the border with Uganda': the country across the border is not where it
    happened."""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ in ("with", "of")
        and prep.head.lemma_.lower() in ("border", "frontier", "boundary")
    )


def _coordination_group(token: Token) -> set[int]:
    """Token indices coordinated with a place name ('Kishim, Jurm and Baharak districts')."""
    anchor = token.head if token.dep_ == "compound" else token
    return {t.i for t in token.conjuncts} | {t.i for t in anchor.conjuncts}


def split_by_place(mention: Mention, sent: Span, analysis: Analysis) -> list[Mention]:
    """'seized the A, B and C districts' -> one mention per coordinated place."""
    if len(mention.places) < 2:
        return [mention]
    doc = sent.doc
    first = mention.places[0]
    first_span = doc.char_span(first.start, first.end, alignment_mode="expand")
    if first_span is None:
        return [mention]
    group_tokens = _coordination_group(first_span.root)
    coordinated = [first]
    for place in mention.places[1:]:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if (
            span is None
            or place.level not in SPLITTABLE_LEVELS
            or first.level not in SPLITTABLE_LEVELS
        ):
            continue
        if span.root.head.i == first_span.root.head.i and span.root.dep_ == "compound":
            continue  # 'the Kabul-Kandahar highway': two names of one thing, not a list
        if span.root.i in group_tokens or (
            span.root.dep_ == "compound" and span.root.head.i in group_tokens
        ):
            coordinated.append(place)
    if len(coordinated) < 2:
        return [mention]
    rest = tuple(p for p in mention.places if p not in coordinated)
    coordinated.sort(key=lambda p: p.start)
    return [replace(mention, places=(place, *rest)) for place in coordinated]
