"""Event mentions from an analysed article: sentence by sentence, trigger -> typed Mention.

For each sentence: find triggers; drop those the not-event filter rejects; keep the strongest
(highest priority); refine its sub-event type from context (victims civilian -> Attack; captured
place -> territory, captured person -> Arrests; protest modifiers; "without a fight"); find its
actors, places (best first, destinations dropped), counts and attribution; split coordinated
place lists into one mention per place. A sentence that also reports arrests next to a violent
event yields an Arrests mention as well.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from frontlines.extract.arguments import Roles, find_roles
from frontlines.extract.attribution import Attribution, find_attribution
from frontlines.extract.filters import has_phrase, not_event_reason
from frontlines.extract.lexicon import Lexicon, load_lexicon, sub_event
from frontlines.extract.numbers import Quantity, find_quantities, total
from frontlines.extract.triggers import TriggerMatch, find_triggers
from frontlines.models import Actor, Analysis, Evidence, Mention, ResolvedPlace
from frontlines.nlp.actors import COUNTRY_PLACEHOLDER, GENERIC_ARMED_GROUP, load_actor_dictionary
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
PLACE_INDEX_KEY = "frontlines.place_index"
# Longest sentence looked at for places, in characters (a run-on transcript 'sentence').
MAX_SENTENCE_CHARS = 5_000
SIDE_EFFECT_TYPES = frozenset({"Disrupted weapons use", "Looting/property destruction"})
EXPULSION_WORDS = frozenset({"push", "drive", "expel"})
TERRITORIAL_TYPES = frozenset(
    {
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Headquarters or base established",
    }
)
# Withdrawal-role triggers that are the territorial event itself ('without a fight').
NOT_WITHDRAWALS = frozenset({"without", "hand"})
# Sub-event types that are themselves a change of territory (a trigger of one of these inside a
# territory phrase, 'seized ... without a fight', refines the change rather than describing how).
TERRITORY_CHANGE_TYPES = TERRITORIAL_TYPES | {"Non-violent transfer of territory"}
# Triggers weaker than this ('target', 'attack', 'kill') in a sentence that refers back to a
# reported event ('confirmed the strike, saying it had targeted ...') describe that event.
WEAK_TRIGGER_STRENGTH = 0.85
# Levels of place a coordinated list is split over (one event per district or town).
SPLITTABLE_LEVELS = frozenset({"admin2", "place"})
PROTEST_TYPES = frozenset(
    {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
)
RIOT_TYPES = frozenset({"Violent demonstration", "Mob violence"})
# The side that loses a takeover when the text names none (filled with the event's country).
STATE_FORCES = f"Military Forces of {COUNTRY_PLACEHOLDER}"
# Civilians doing these are a crowd turning violent (ACLED: riots), not an armed group.
CIVILIAN_VIOLENCE_TO_RIOT = {
    "Looting/property destruction": "Violent demonstration",
    "Attack": "Mob violence",
    "Armed clash": "Violent demonstration",
}
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such"})
YEAR_IN_TEXT = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
# A day as possessor of an event noun ('Sunday's attack', 'Tuesday's blast') names an event
# the report has already told.
DAY_WORDS = frozenset(
    {d.lower() for d in calendar.day_name} | {"today", "yesterday", "tonight", "weekend"}
)
DEMONSTRATION_ROLES = ("riot", "protest")
EMBEDDING_DEPS = frozenset({"relcl", "acl", "appos"})
MAX_EMBEDDING_DEPTH = 6
WEAPON_WORDS = frozenset(
    {
        "weapon",
        "weapons",
        "cache",
        "caches",
        "ammunition",
        "explosives",
        "rifle",
        "rifles",
        "rocket",
        "rockets",
        "mortar",
        "mortars",
        "ied",
        "ieds",
        "arms",
        "munitions",
        "grenade",
        "grenades",
        "drugs",
        "opium",
        "materials",
        "vehicle",
        "vehicles",
        "equipment",
    }
)
QUANTITY_TAGS = (
    "wounded",
    "detained",
    "abducted",
    "displaced",
    "surrendered",
    "troops",
    "protesters",
)


# Sentences at least this long (tokens) are checked for run-on main clauses (transcripts); a
# written sentence rarely reaches it (calibrated on the gold transcripts and ISAF releases).
RUN_ON_MIN_TOKENS = 45
MAIN_CLAUSE_DEPS = frozenset({"ROOT", "conj", "parataxis", "advcl"})
# Headline detection (calibrated on ISAF release titles and news headlines): a line without
# closing punctuation whose words are mostly capitalised, or a fragment this short.
HEADLINE_CAPITALISED_SHARE = 0.6
HEADLINE_MIN_WORDS = 3
# "KABUL, Afghanistan (Aug. 6, 2012) -" / "DAKAR, Senegal (Reuters) —": a dateline opening a
# sentence is not part of the event's words (its place is where the report was filed).
DATELINE_PREFIX = re.compile(
    r"^(?:.{0,200}?\s)?[A-Z][A-Z.'-]{2,}(?:\s[A-Z][A-Z.'-]+)*"
    r"(?:(?:,\s+[A-Z][A-Za-z.' ]{1,30}?)?(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*\([^)]{2,40}\)\s*[-–—:]*|(?:,\s+[A-Z][A-Za-z.' ]{1,30}?)?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*[-–—:])\s*"
)


def extract_mentions(analysis: Analysis) -> list[Mention]:
    """Event mentions in the article body (never the comments), in text order."""
    lexicon = load_lexicon()
    doc = analysis.doc
    article = analysis.article
    published_year = article.published.year if article.published else latest_year(doc.text)
    published_month = article.published.month if article.published else None
    mentions: list[Mention] = []
    previous_actor: Actor | None = None
    for whole in doc.sents:
        stripped = strip_dateline(whole)
        if stripped is None or is_headline(stripped):
            continue
        for sent in split_run_on(stripped):
            claimant = responsibility_claimant(sent)
            if claimant is not None and mentions and _is_violent(mentions[-1]):
                # 'The group claimed responsibility for the attack': about the last event.
                mentions[-1] = _claimed_by(mentions[-1], claimant)
                continue
            found = _sentence_mentions(
                sent,
                analysis,
                previous_actor,
                published_year=published_year,
                published_month=published_month,
                lexicon=lexicon,
                after_first=bool(mentions),
            )
            if not found and mentions:
                mentions[-1] = _with_responsibility_claim(mentions[-1], sent)
                mentions[-1] = _with_later_toll(mentions[-1], sent, lexicon)
            if claimant is not None:
                found = [_claimed_by(mention, claimant) for mention in found]
            found = _fold_victim_reports(found, mentions)
            mentions.extend(found)
            previous_actor = _last_actor(found, sent) or previous_actor
    return _fold_withdrawals(mentions, lexicon)


def latest_year(text: str) -> int | None:
    """The latest plausible year a report names: its own year when it gives no date."""
    years = [int(y) for y in YEAR_IN_TEXT.findall(text)]
    return max(years) if years else None


def _fold_withdrawals(mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """'Government forces had retreated to the airport', 'soldiers fled across the border': in a
    report of a place being taken, the retreat is part of that event, not another one."""
    territorial = [m for m in mentions if m.sub_event_type in TERRITORIAL_TYPES]
    if not territorial:
        return mentions
    return [m for m in mentions if m in territorial or not _is_withdrawal(m, lexicon)]


def _is_withdrawal(mention: Mention, lexicon: Lexicon) -> bool:
    words = mention.trigger.text.lower().split()
    if not words:
        return False
    first = lexicon.irregular_forms.get(words[0], words[0])
    candidates = lexicon.triggers_by_first_word.get(first, ()) + tuple(
        t
        for key, group in lexicon.triggers_by_first_word.items()
        if first.startswith(key)
        for t in group
    )
    return any(t.role == "withdraw" and t.words[0] not in NOT_WITHDRAWALS for t in candidates)


def _fold_victim_reports(found: list[Mention], earlier: list[Mention]) -> list[Mention]:
    """'The governor says two workers were killed': a killing with no perpetrator of its own,
    right after a violent event and at no other place, reports that event's victims; its
    figure is added there."""
    if not found or not earlier:
        return found
    previous = earlier[-1]
    kept: list[Mention] = []
    for mention in found:
        is_victims_only = (
            mention.actor1 is not None
            and mention.actor1.start < 0
            and mention.actor1.name == GENERIC_ARMED_GROUP
            and mention.sub_event_type in ("Armed clash", "Attack")
            and previous.event_type in VIOLENT_EVENT_TYPES
            and _same_or_no_place(mention, previous)
        )
        if is_victims_only:
            same_victims = (
                mention.actor2 is not None
                and previous.actor2 is not None
                and mention.actor2.name == previous.actor2.name
            )
            if same_victims:
                total_killed = max(previous.fatalities or 0, mention.fatalities or 0)
            else:
                total_killed = (previous.fatalities or 0) + (mention.fatalities or 0)
            earlier[-1] = previous = replace(
                previous,
                fatalities=total_killed if total_killed else previous.fatalities,
                extra_evidence=(*previous.extra_evidence, mention.sentence),
            )
            continue
        kept.append(mention)
    return kept


def _same_or_no_place(mention: Mention, previous: Mention) -> bool:
    """The mention names no place of its own, or one of the previous mention's places (fighting
    'in the adjoining city of Kandahar' is another event, not the last one's victims)."""
    if not mention.places:
        return True
    earlier = {place.place_id or place.name for place in previous.places}
    return any((place.place_id or place.name) in earlier for place in mention.places)


def _with_later_toll(mention: Mention, sent: Span, lexicon: Lexicon) -> Mention:
    """'... said dozens of Taliban fighters were killed and six soldiers died in the clashes': a
    toll given for an event already reported, when that report had none."""
    if mention.fatalities is not None or mention.event_type not in VIOLENT_EVENT_TYPES:
        return mention
    if not any(refers_back(token) for token in sent if token.pos_ == "NOUN"):
        return mention
    killed = total(find_quantities(sent, lexicon), "killed")
    if not killed:
        return mention
    return replace(
        mention,
        fatalities=killed,
        extra_evidence=(*mention.extra_evidence, _evidence(sent, mention.doc_id)),
    )


def _evidence(sent: Span, doc_id: str) -> Evidence:
    return Evidence(doc_id, sent.start_char, sent.end_char, sent.text)


def _with_responsibility_claim(mention: Mention, sent: Span) -> Mention:
    """'Islamic State's Afghan branch claimed responsibility for the attack' after an event."""
    claimant = responsibility_claimant(sent)
    return mention if claimant is None else _claimed_by(mention, claimant)


def responsibility_claimant(sent: Span) -> Actor | None:
    """The actor a sentence says claimed responsibility ('al-Shabab claimed responsibility for
    the attack'), or None."""
    from frontlines.extract.arguments import actors_in

    for token in sent:
        if token.lemma_.lower() != "claim":
            continue
        objects = [c for c in token.children if c.dep_ == "dobj" and c.lower_ == "responsibility"]
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if not objects or not subjects:
            continue
        named = actors_in(list(subjects[0].subtree), allow_unknown=True)
        if named:
            return named[0]
    return None


def _is_violent(mention: Mention) -> bool:
    return mention.event_type in VIOLENT_EVENT_TYPES


def _claimed_by(mention: Mention, claimant: Actor) -> Mention:
    """The claimant becomes the perpetrator when none was named, and is cited as a claimant."""
    actor1 = mention.actor1
    if actor1 is None or actor1.name == GENERIC_ARMED_GROUP:
        actor1 = claimant
    cited = [name for name in (mention.claimed_by, claimant.name) if name]
    return replace(
        mention,
        actor1=actor1,
        claimed_by="; ".join(dict.fromkeys(cited)),
        certainty="claimed",
    )


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


def split_run_on(sent: Span) -> list[Span]:
    """A run-on sentence (speech-recognition transcripts: no punctuation, one 'sentence' per
    bulletin) is cut before each main clause that has its own subject, so that each clause is
    typed, filtered and placed on its own. Ordinary sentences come back whole."""
    if len(sent) < RUN_ON_MIN_TOKENS:
        return [sent]
    cuts: set[int] = set()
    for token in sent:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ not in MAIN_CLAUSE_DEPS:
            continue
        if not any(child.dep_ in ("nsubj", "nsubjpass") for child in token.children):
            continue
        start = token.left_edge.i
        if sent.start < start:
            cuts.add(start)
    bounds = [sent.start, *sorted(cuts), sent.end]
    pieces = [sent.doc[a:b] for a, b in pairwise(bounds) if b - a > 0]
    return pieces or [sent]


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
    published_month: int | None = None,
    after_first: bool = False,
) -> list[Mention]:
    if not sent.text.strip():
        return []
    matches = find_triggers(sent, lexicon)
    if not matches:
        return []
    anaphoric = {m.head for m in matches if after_first and refers_back(sent.doc[m.head])}
    kept = [
        m
        for m in matches
        if m.head not in anaphoric
        and not (anaphoric and m.trigger.strength < WEAK_TRIGGER_STRENGTH)
        and not _is_said_of(sent.doc[m.head], anaphoric)
        and not_event_reason(
            sent,
            sent.doc[m.head],
            published_year=published_year,
            published_month=published_month,
            lexicon=lexicon,
        )
        is None
    ]
    if not kept:
        return []
    territory_heads = [sent.doc[m.head] for m in kept if m.trigger.role == "territory"]
    kept.sort(
        key=lambda m: (
            is_embedded(sent.doc[m.head]),
            m.trigger.sub_event_type not in TERRITORY_CHANGE_TYPES
            and _serves_territory_change(sent.doc[m.head], territory_heads),
            -m.trigger.priority,
            m.start,
        )
    )
    demonstrations = [m for m in kept if m.trigger.role in DEMONSTRATION_ROLES]
    if demonstrations:
        kept.remove(demonstrations[0])
        kept.insert(0, demonstrations[0])
    quantities = find_quantities(sent, lexicon)
    primary = None
    for index, match in enumerate(kept):
        # A trigger that turns out to be no event in context ('stormed a church' is no
        # territory) gives way to the next one ('... and killed dozens of worshippers').
        primary = _build_mention(sent, match, analysis, previous_actor, quantities, lexicon)
        if primary is not None:
            kept = kept[index:]
            break
    if primary is None:
        return []
    if primary.sub_event_type in SIDE_EFFECT_TYPES and primary.fatalities:
        # 'killed 40 soldiers and seized weapons': the killing is the event.
        for match in kept[1:]:
            if match.trigger.role == "kill":
                violent = _build_mention(sent, match, analysis, previous_actor, quantities, lexicon)
                if violent is not None and violent.event_type in VIOLENT_EVENT_TYPES:
                    primary = violent
                    break
    mentions = _split_by_place(primary, sent, analysis)
    secondary = _secondary_arrest(sent, kept[1:], analysis, previous_actor, quantities, lexicon)
    if secondary is not None and primary.event_type in VIOLENT_EVENT_TYPES:
        mentions.append(secondary)
    return mentions


def _is_said_of(token: Token, anaphoric: set[int]) -> bool:
    """'The airstrikes also destroyed two vehicles': what an already reported event did is part
    of it, not a new event."""
    return any(
        child.i in anaphoric for child in token.children if child.dep_ in ("nsubj", "nsubjpass")
    )


def refers_back(token: Token) -> bool:
    """'the attack', 'the blast', 'this strike', 'Sunday's attack' after an event was reported:
    the same event."""
    return token.pos_ in ("NOUN", "PROPN") and any(
        (child.dep_ == "det" and child.lower_ in ANAPHORIC_DETERMINERS)
        or (child.dep_ == "poss" and child.lower_ in DAY_WORDS)
        for child in token.children
    )


def _serves_territory_change(token: Token, territory_heads: Sequence[Token]) -> bool:
    """A trigger inside the phrase of a territory change ('retook the district after a
    counter-offensive backed by airstrikes') describes how the place was taken: ACLED codes the
    change of territory, so it ranks after the territory trigger."""
    return any(head.i != token.i and token in head.subtree for head in territory_heads)


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
    if sub_type == "Armed clash" and roles.actor2 is None and roles.assoc1 is not None:
        # 'Ethiopian troops and Tigrayan fighters clashed': a clash has two sides.
        roles = replace(roles, actor2=roles.assoc1, assoc1=None)
    found_attribution = find_attribution(sent, head, lexicon=lexicon)
    roles = _speaker_as_actor1(roles, found_attribution, ontology.event_type)
    if roles.actor1 is None and ontology.event_type in VIOLENT_EVENT_TYPES:
        # ACLED: a perpetrator nobody names is an unidentified armed group.
        roles = replace(roles, actor1=Actor(GENERIC_ARMED_GROUP, 3))
    attribution = _as_party_claim(found_attribution, roles.actor1)
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


def _speaker_as_actor1(roles: Roles, attribution: Attribution, event_type: str) -> Roles:
    """'The defence ministry said 21 militants were killed in airstrikes': a party announcing a
    violent event nobody else is named for speaks of its own action."""
    side = attribution.side
    if roles.actor1 is not None or side is None or event_type not in VIOLENT_EVENT_TYPES:
        return roles
    if roles.actor2 is not None and _same_side(side, roles.actor2.name):
        return roles
    inter = load_actor_dictionary().inters.get(side, 1)
    return replace(roles, actor1=Actor(side, inter))


def _as_party_claim(attribution: Attribution, actor1: Actor | None) -> Attribution:
    """A figure is a claim when the side that acted asserts it (the ministry about its own
    airstrikes, the Taliban about their captures); a party reporting what was done to it, or a
    neutral source, reports (the source stays as `claimed_by`, the certainty is "reported")."""
    if attribution.claimed_by is None or attribution.certainty == "unconfirmed":
        return attribution
    if (
        attribution.side is not None
        and actor1 is not None
        and _same_side(attribution.side, actor1.name)
    ):
        return attribution
    return replace(attribution, certainty="reported")


def _same_side(source: str, actor: str) -> bool:
    if source == actor:
        return True
    state = ("Military Forces", "Police Forces")
    if source.startswith(state) and actor.startswith(state):
        placeholder = "{country}"
        if placeholder in source or placeholder in actor:
            return True
        return source.rsplit(" of ", 1)[-1] == actor.rsplit(" of ", 1)[-1]
    return False


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
    """ACLED's coding of crowds and of takeovers where the text leaves a side unnamed.

    - Protests: actor1 is always the protesters (6); a named organiser joins them as assoc
      actor; in Excessive force the force that intervened is actor2.
    - Riots: actor1 is always the rioters (5); whom they attacked stays actor2.
    - Non-state actor overtakes territory with no loser named: the state forces lose it (a
      takeover is from the government unless the text names another group).
    """
    crowd_roles = (5, 6, 7)
    named = [a for a in (roles.actor1, roles.actor2) if a is not None]
    if sub_type in PROTEST_TYPES:
        crowd = Actor("Protesters", 6)
        organisers = [a for a in named if a.inter in (2, 3, 4)]
        force = next((a for a in named if a.inter in (1, 8)), None)
        assoc = roles.assoc1 or (organisers[0] if organisers else None)
        if sub_type == "Excessive force against protesters":
            return replace(roles, actor1=crowd, actor2=force, assoc1=assoc)
        if sub_type == "Peaceful protest":
            return replace(roles, actor1=crowd, actor2=None, assoc1=assoc)
        return replace(roles, actor1=crowd, actor2=force, assoc1=assoc)
    if sub_type in RIOT_TYPES:
        rioters = Actor("Rioters", 5)
        target = next((a for a in named if a.inter not in crowd_roles), None)
        return replace(roles, actor1=rioters, actor2=target)
    state_took_it = roles.actor1 is not None and roles.actor1.inter in (1, 8)
    if sub_type == "Non-state actor overtakes territory" and roles.actor2 is None:
        return roles if state_took_it else replace(roles, actor2=Actor(STATE_FORCES, 1))
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
    if roles.actor1 is not None and roles.actor1.inter == 7:
        sub_type = CIVILIAN_VIOLENCE_TO_RIOT.get(sub_type, sub_type)
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


def _of_objects(token: Token) -> list[Token]:
    """'control of the town', 'the town of Lere': what the object is of."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    found.extend((grand, *grand.conjuncts))
    return found


def _is_people(token: Token, lexicon: Lexicon) -> bool:
    """A captured object that is people: a person or group named, or a noun for people."""
    if token.ent_type_ in ("PERSON", "NORP", "ORG") or token.pos_ in ("PRON", "NUM"):
        return True
    return token.lemma_.lower() in lexicon.person_words or token.lower_ in lexicon.person_words


def _objects_are_weapons(head: Token) -> bool:
    return any(t.lower_ in WEAPON_WORDS for obj in _object_tokens(head) for t in obj.subtree)


def _type_capture(
    match: TriggerMatch,
    roles: Roles,
    sent: Span,
    places: list[ResolvedPlace],
    lexicon: Lexicon,
) -> str | None:
    """Territory when a place was taken, Arrests/Abduction for people, Disrupted for weapons."""
    head = sent.doc[match.head]
    objects = _object_tokens(head)
    object_words = {t.lower_ for obj in objects for t in obj.subtree}
    place_starts = {p.start for p in places}
    # The object itself must be a place ('captured Kunduz', 'seized the district center'); a
    # place inside it ('stormed a church in Owo') does not make a building territory.
    heads = [t for obj in objects for t in (obj, *obj.conjuncts, *_of_objects(obj))]
    names_place = any(
        t.idx in place_starts
        or t.lower_ in lexicon.territory_words
        or t.lemma_.lower() in lexicon.territory_words
        or any(c.dep_ == "compound" and c.idx in place_starts for c in t.children)
        for t in heads
    )
    if match.trigger.words[0] in EXPULSION_WORDS:
        names_place = True  # 'drove the insurgents out (of the town)': people are the object
    if object_words & WEAPON_WORDS and not names_place:
        return "Disrupted weapons use"
    if not names_place and objects:
        if match.trigger.words[0] in ("clear", "liberate", "fall", "storm"):
            return None
        if not any(_is_people(t, lexicon) for t in heads):
            return None  # 'captured the attention', 'seized power': neither place nor people
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


def _coordination_group(token: Token) -> set[int]:
    """Token indices coordinated with a place name ('Kishim, Jurm and Baharak districts')."""
    anchor = token.head if token.dep_ == "compound" else token
    return {t.i for t in token.conjuncts} | {t.i for t in anchor.conjuncts}


def _split_by_place(mention: Mention, sent: Span, analysis: Analysis) -> list[Mention]:
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
