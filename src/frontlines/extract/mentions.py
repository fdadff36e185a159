"""Event mentions from an analysed article: sentence by sentence, trigger -> typed Mention.

For each sentence: find triggers; drop those the not-event filter rejects; keep the strongest
(highest priority); refine its sub-event type from context (victims civilian -> Attack; captured
place -> territory, captured person -> Arrests; protest modifiers; "without a fight"); find its
actors, places (best first, destinations dropped), counts and attribution; split coordinated
place lists into one mention per place. A sentence that also reports arrests next to a violent
event yields an Arrests mention as well.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from frontlines.extract.arguments import Roles, find_roles
from frontlines.extract.attribution import Attribution, find_attribution
from frontlines.extract.filters import has_phrase, not_event_reason
from frontlines.extract.lexicon import Lexicon, load_lexicon, sub_event
from frontlines.extract.numbers import Quantity, find_quantities, total
from frontlines.extract.triggers import TriggerMatch, find_triggers
from frontlines.models import Actor, Analysis, Evidence, Mention, ResolvedPlace
from frontlines.nlp.pipeline import PLACES_SPAN_KEY

# Confidence weights (calibrated by hand on tests/fixtures/subevents.jsonl): trigger strength
# carries half; an actor, a place and a reported (not claimed) statement add the rest.
WEIGHT_TRIGGER = 0.5
WEIGHT_ACTOR = 0.2
WEIGHT_PLACE = 0.15
WEIGHT_CERTAINTY = {"reported": 0.15, "claimed": 0.08, "unconfirmed": 0.0}
# Sentences longer than this (in tokens) are run-ons (transcripts); they are still read.
VIOLENT_EVENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians"}
)
STATE_INTER = 1
EMBEDDING_DEPS = frozenset({"relcl", "acl", "appos"})
MAX_EMBEDDING_DEPTH = 6
WEAPON_WORDS = frozenset(
    {"weapon", "weapons", "cache", "caches", "ammunition", "explosives", "rifle", "rifles",
     "rocket", "rockets", "mortar", "mortars", "ied", "ieds", "arms", "munitions", "grenade",
     "grenades", "drugs", "opium", "materials", "vehicle", "vehicles", "equipment"}
)
QUANTITY_TAGS = ("wounded", "detained", "abducted", "displaced", "surrendered", "troops", "protesters")


# Headline detection (calibrated on ISAF release titles and news headlines): a line without
# closing punctuation whose words are mostly capitalised, or a fragment this short.
HEADLINE_CAPITALISED_SHARE = 0.6
HEADLINE_MIN_WORDS = 3
# "KABUL, Afghanistan (Aug. 6, 2012) -" / "DAKAR, Senegal (Reuters) —": a dateline opening a
# sentence is not part of the event's words (its place is where the report was filed).
DATELINE_PREFIX = re.compile(
    r"^(?:.{0,200}?\s)?[A-Z][A-Z.'-]{2,}(?:\s[A-Z][A-Z.'-]+)*,\s+[A-Z][A-Za-z.' -]{2,30}"
    r"\s*\([^)]{2,40}\)\s*[-–—:]*\s*"
)


def extract_mentions(analysis: Analysis) -> list[Mention]:
    """Event mentions in the article body (never the comments), in text order."""
    lexicon = load_lexicon()
    doc = analysis.doc
    article = analysis.article
    published_year = article.published.year if article.published else None
    mentions: list[Mention] = []
    previous_actor: Actor | None = None
    for whole in doc.sents:
        sent = strip_dateline(whole)
        if sent is None or is_headline(sent):
            continue
        found = _sentence_mentions(
            sent, analysis, previous_actor, published_year=published_year, lexicon=lexicon
        )
        mentions.extend(found)
        previous_actor = _last_actor(found, sent) or previous_actor
    return mentions


def strip_dateline(sent: Span) -> Span | None:
    """The sentence without a leading dateline ('KABUL, Afghanistan (Jan. 22, 2013) ...')."""
    match = DATELINE_PREFIX.match(sent.text)
    if match is None:
        return sent
    cut = sent.start_char + match.end()
    for token in sent:
        if token.idx >= cut:
            return sent.doc[token.i : sent.end]
    return None


def is_headline(sent: Span) -> bool:
    """A title line ('Coalition Forces Target Taliban Leader with Air Strike in Logar'): no
    closing punctuation and most words capitalised. Titles restate the body's events."""
    text = sent.text.strip()
    if not text or text[-1] in ".!?\"'”’":
        return False
    words = [t for t in sent if t.is_alpha]
    if len(words) < HEADLINE_MIN_WORDS:
        return True
    capitalised = sum(1 for t in words if t.text[0].isupper())
    return capitalised / len(words) >= HEADLINE_CAPITALISED_SHARE


def _last_actor(found: list[Mention], sent: Span) -> Actor | None:
    for mention in reversed(found):
        if mention.actor1 is not None:
            return mention.actor1
    from frontlines.extract.arguments import actors_in

    armed = [a for a in actors_in(sent, allow_unknown=False) if a.inter != 7]
    return armed[0] if armed else None


def _sentence_mentions(
    sent: Span,
    analysis: Analysis,
    previous_actor: Actor | None,
    *,
    published_year: int | None,
    lexicon: Lexicon,
) -> list[Mention]:
    if not sent.text.strip():
        return []
    matches = find_triggers(sent, lexicon)
    if not matches:
        return []
    kept = [
        m
        for m in matches
        if not_event_reason(sent, sent.doc[m.head], published_year=published_year, lexicon=lexicon)
        is None
    ]
    if not kept:
        return []
    kept.sort(key=lambda m: (is_embedded(sent.doc[m.head]), -m.trigger.priority, m.start))
    quantities = find_quantities(sent, lexicon)
    primary = _build_mention(sent, kept[0], analysis, previous_actor, quantities, lexicon)
    if primary is None:
        return []
    mentions = _split_by_place(primary, sent, analysis)
    secondary = _secondary_arrest(sent, kept[1:], analysis, previous_actor, quantities, lexicon)
    if secondary is not None and primary.event_type in VIOLENT_EVENT_TYPES:
        mentions.append(secondary)
    return mentions


def is_embedded(token: Token) -> bool:
    """A trigger inside a clause or phrase that describes a noun ('a leader suspected of
    supporting the suicide attack', 'the attack that killed ...') ranks after main-clause ones."""
    current = token
    for _ in range(MAX_EMBEDDING_DEPTH):
        if current.dep_ in EMBEDDING_DEPS:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _secondary_arrest(
    sent: Span,
    others: Sequence[TriggerMatch],
    analysis: Analysis,
    previous_actor: Actor | None,
    quantities: list[Quantity],
    lexicon: Lexicon,
) -> Mention | None:
    for match in others:
        if match.sub_event_type == "Arrests":
            mention = _build_mention(sent, match, analysis, previous_actor, quantities, lexicon)
            if mention is not None and mention.sub_event_type == "Arrests":
                return replace(mention, fatalities=None)
    return None


def _build_mention(
    sent: Span,
    match: TriggerMatch,
    analysis: Analysis,
    previous_actor: Actor | None,
    quantities: list[Quantity],
    lexicon: Lexicon,
) -> Mention | None:
    doc = sent.doc
    head = doc[match.head]
    roles = find_roles(sent, head, previous=previous_actor, lexicon=lexicon)
    places = order_places(sent, head, analysis.places, lexicon)
    sub_type = refine_sub_event(match, roles, sent, places, lexicon)
    if sub_type is None:
        return None
    ontology = sub_event(sub_type)
    roles = _default_roles(roles, sub_type)
    attribution = find_attribution(sent, head, lexicon=lexicon)
    fatalities = total(quantities, "killed")
    civilian_targeting = (
        ontology.event_type in VIOLENT_EVENT_TYPES
        and roles.actor2 is not None
        and roles.actor2.inter == 7
    )
    doc_id = analysis.article.id
    trigger_span = doc[match.start : match.end]
    return Mention(
        doc_id=doc_id,
        event_type=ontology.event_type,
        sub_event_type=sub_type,
        disorder_type=ontology.disorder_type,
        trigger=Evidence(doc_id, trigger_span.start_char, trigger_span.end_char, trigger_span.text),
        sentence=Evidence(doc_id, sent.start_char, sent.end_char, sent.text),
        actor1=roles.actor1,
        actor2=roles.actor2,
        assoc_actor_1=roles.assoc1,
        assoc_actor_2=roles.assoc2,
        places=tuple(places),
        fatalities=fatalities,
        quantities=_quantities(quantities),
        claimed_by=attribution.claimed_by,
        certainty=attribution.certainty,
        civilian_targeting=civilian_targeting,
        confidence=_confidence(match, roles, places, attribution),
    )


def _quantities(quantities: list[Quantity]) -> tuple[tuple[str, int], ...]:
    result: dict[str, int] = {}
    for quantity in quantities:
        if quantity.category in QUANTITY_TAGS:
            result[quantity.category] = result.get(quantity.category, 0) + quantity.value
    leaders = [q for q in quantities if q.is_leader and q.category in ("killed", "detained")]
    for quantity in leaders:
        key = f"leaders_{quantity.category}"
        result[key] = result.get(key, 0) + quantity.value
    return tuple(sorted(result.items()))


def _confidence(
    match: TriggerMatch, roles: Roles, places: list[ResolvedPlace], attribution: Attribution
) -> float:
    score = WEIGHT_TRIGGER * match.trigger.strength
    score += WEIGHT_ACTOR if roles.actor1 is not None else 0.0
    score += WEIGHT_PLACE if places else 0.0
    score += WEIGHT_CERTAINTY.get(attribution.certainty, 0.0)
    return round(min(score, 1.0), 3)


def _default_roles(roles: Roles, sub_type: str) -> Roles:
    """Protests without a named actor are by protesters, riots by rioters."""
    if roles.actor1 is not None:
        return roles
    if sub_type in ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"):
        return replace(roles, actor1=Actor("Protesters", 6))
    if sub_type in ("Violent demonstration", "Mob violence"):
        return replace(roles, actor1=Actor("Rioters", 5))
    return roles


# --------------------------------------------------------------------------- typing in context


def refine_sub_event(
    match: TriggerMatch,
    roles: Roles,
    sent: Span,
    places: list[ResolvedPlace],
    lexicon: Lexicon,
) -> str | None:
    """The trigger's sub-event type adjusted by its context; None when it is no event after all."""
    sub_type = match.sub_event_type
    role = match.trigger.role
    if role == "kill":
        sub_type = _type_violence(sub_type, roles, lexicon)
    elif role == "property" and _objects_are_weapons(sent.doc[match.head]):
        sub_type = "Disrupted weapons use"
    elif role == "territory":
        refined = _type_capture(match, roles, sent, places, lexicon)
        if refined is None:
            return None
        sub_type = refined
    for modifier in lexicon.modifiers:
        if modifier.source == sub_type and has_phrase(sent.text, modifier.cues):
            sub_type = modifier.target
            break
    return sub_type


def _is_civilian(token: Token | None, actor: Actor | None, lexicon: Lexicon) -> bool:
    if actor is not None:
        return actor.inter == 7
    return token is not None and token.lower_ in lexicon.civilian_words


def _type_violence(sub_type: str, roles: Roles, lexicon: Lexicon) -> str:
    if _is_civilian(roles.victim_head, roles.actor2, lexicon):
        return "Attack"
    if sub_type == "Attack" and roles.actor2 is not None and roles.actor2.inter != 7:
        return "Armed clash"
    return sub_type


def _object_tokens(head: Token) -> list[Token]:
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    if head.lemma_.lower() == "fall":
        objects += [c for c in head.children if c.dep_ == "nsubj"]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "over"):
            objects.extend(c for c in child.children if c.dep_ == "pobj")
    return objects


def _objects_are_weapons(head: Token) -> bool:
    return any(t.lower_ in WEAPON_WORDS for obj in _object_tokens(head) for t in obj.subtree)


def _type_capture(
    match: TriggerMatch,
    roles: Roles,
    sent: Span,
    places: list[ResolvedPlace],
    lexicon: Lexicon,
) -> str | None:
    """Territory when a place was taken, Arrests/Abduction when people were, weapons -> Disrupted."""
    head = sent.doc[match.head]
    objects = _object_tokens(head)
    object_words = {t.lower_ for obj in objects for t in obj.subtree}
    place_starts = {p.start for p in places}
    names_place = any(t.idx in place_starts for obj in objects for t in obj.subtree) or bool(
        object_words & lexicon.territory_words
    )
    if object_words & WEAPON_WORDS and not names_place:
        return "Disrupted weapons use"
    if not names_place and objects:
        if match.trigger.words[0] in ("clear", "liberate", "fall", "storm"):
            return None
        if roles.actor1 is not None and roles.actor1.inter in (1, 8):
            return "Arrests"
        return "Abduction/forced disappearance"
    if not names_place and not objects:
        return None
    actor1 = roles.actor1
    if match.sub_event_type == "Government regains territory":
        if actor1 is not None and actor1.inter not in (1, 8):
            return "Non-state actor overtakes territory"
        return "Government regains territory"
    if actor1 is not None and actor1.inter in (1, 8):
        return "Government regains territory"
    return "Non-state actor overtakes territory"


# --------------------------------------------------------------------------- places


def order_places(
    sent: Span, head: Token, places: Sequence[ResolvedPlace], lexicon: Lexicon
) -> list[ResolvedPlace]:
    """Places in the sentence, best first: near the trigger's subtree first; destinations dropped."""
    inside = [p for p in places if sent.start_char <= p.start and p.end <= sent.end_char]
    if not inside:
        return []
    doc = sent.doc
    marked = {(span.start_char, span.end_char) for span in doc.spans.get(PLACES_SPAN_KEY, [])}
    if PLACES_SPAN_KEY in doc.spans:
        inside = [p for p in inside if _is_marked(p, doc, marked)]
    subtree = {t.i for t in head.subtree}
    scored: list[tuple[int, int, ResolvedPlace]] = []
    for place in inside:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        if _is_destination(span.root, lexicon):
            continue
        in_subtree = span.root.i in subtree
        distance = abs(span.root.i - head.i)
        scored.append((0 if in_subtree else 1, distance, place))
    scored.sort(key=lambda item: (item[0], _level_rank(item[2]), item[1]))
    return [place for _, _, place in scored]


def _is_marked(place: ResolvedPlace, doc: Doc, marked: set[tuple[int, int]]) -> bool:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and (span.start_char, span.end_char) in marked


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


def _split_by_place(mention: Mention, sent: Span, analysis: Analysis) -> list[Mention]:
    """'seized the A, B and C districts' -> one mention per coordinated place."""
    if len(mention.places) < 2:
        return [mention]
    doc = sent.doc
    first = mention.places[0]
    first_span = doc.char_span(first.start, first.end, alignment_mode="expand")
    if first_span is None:
        return [mention]
    group_tokens = {first_span.root.i} | {t.i for t in first_span.root.conjuncts}
    coordinated = [first]
    for place in mention.places[1:]:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None and span.root.i in group_tokens and place.level == first.level:
            coordinated.append(place)
    if len(coordinated) < 2:
        return [mention]
    rest = tuple(p for p in mention.places if p not in coordinated)
    coordinated.sort(key=lambda p: p.start)
    return [replace(mention, places=(place, *rest)) for place in coordinated]
