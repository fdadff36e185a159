"""Event mentions from an analysed article: sentence by sentence, trigger -> typed Mention.

For each sentence: find triggers; drop those the not-event filter rejects; keep the strongest
(highest priority); refine its sub-event type from context (victims civilian -> Attack; captured
place -> territory, captured person -> Arrests; protest modifiers; "without a fight"); find its
actors, places (best first, destinations dropped), counts and attribution; split coordinated
place lists into one mention per place. A sentence that also reports arrests next to a violent
event yields an Arrests mention as well.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from frontlines.extract.arguments import Roles, find_roles
from frontlines.extract.attribution import Attribution, find_attribution
from frontlines.extract.entities import doc_text
from frontlines.extract.filters import YEAR, not_event_reason
from frontlines.extract.folding import (
    disclaims_responsibility,
    fold_victim_reports,
    fold_withdrawals,
    is_quoted,
    is_violent,
    refers_back,
    responsibility_claimant,
    with_claimant,
    with_later_toll,
    with_responsibility_claim,
    with_sources_named_in_full,
)
from frontlines.extract.lexicon import Lexicon, load_lexicon, sub_event
from frontlines.extract.numbers import Quantity, find_quantities, total
from frontlines.extract.placing import order_places, split_by_place
from frontlines.extract.sentences import is_headline, split_run_on, strip_dateline
from frontlines.extract.triggers import TriggerMatch, find_triggers
from frontlines.extract.typer import (
    TERRITORIAL_TYPES,
    VIOLENT_EVENT_TYPES,
    EventTyper,
    default_roles,
    refine_sub_event,
)
from frontlines.models import Actor, Analysis, Evidence, Mention, ResolvedPlace
from frontlines.nlp.actors import (
    ACTOR_LABEL,
    COUNTRY_PLACEHOLDER,
    GENERIC_ARMED_GROUP,
    load_actor_dictionary,
)

# Confidence weights (calibrated by hand on tests/fixtures/subevents.jsonl): trigger strength
# carries half; an actor, a place and a reported (not claimed) statement add the rest.
WEIGHT_TRIGGER = 0.5
WEIGHT_ACTOR = 0.2
WEIGHT_PLACE = 0.15
WEIGHT_CERTAINTY = {"reported": 0.15, "claimed": 0.08, "unconfirmed": 0.0}
STATE_INTER = 1
STATE_FORCES_TEMPLATE = "Military Forces of {country}"
SIDE_EFFECT_TYPES = frozenset({"Disrupted weapons use", "Looting/property destruction"})
# Sub-event types that are themselves a change of territory (a trigger of one of these inside a
# territory phrase, 'seized ... without a fight', refines the change rather than describing how).
TERRITORY_CHANGE_TYPES = TERRITORIAL_TYPES | {"Non-violent transfer of territory"}
# Inter codes of the armed groups a report's unnamed 'militants' may be (rebels, militias).
NON_STATE_ARMED_INTERS = frozenset({2, 3})
# Event types whose unnamed victims, when counted as people, are civilians (ACLED's coding).
CIVILIAN_TARGET_TYPES = frozenset({"Explosions/Remote violence", "Violence against civilians"})
# Triggers weaker than this ('target', 'attack', 'kill') in a sentence that refers back to a
# reported event ('confirmed the strike, saying it had targeted ...') describe that event.
WEAK_TRIGGER_STRENGTH = 0.85
DEMONSTRATION_ROLES = ("riot", "protest")
EMBEDDING_DEPS = frozenset({"relcl", "acl", "appos"})
MAX_EMBEDDING_DEPTH = 6
QUANTITY_TAGS = (
    "wounded",
    "detained",
    "abducted",
    "displaced",
    "surrendered",
    "troops",
    "protesters",
)


def extract_mentions(analysis: Analysis, *, typer: EventTyper = refine_sub_event) -> list[Mention]:
    """Event mentions in the article body (never the comments), in text order. `typer` decides
    each trigger's sub-event type (default: the rules of `typer.refine_sub_event`)."""
    lexicon = load_lexicon()
    doc = analysis.doc
    article = analysis.article
    published_year = article.published.year if article.published else latest_year(doc_text(doc))
    published_month = article.published.month if article.published else None
    mentions: list[Mention] = []
    unclaimed: set[int] = set()  # trigger offsets of attacks nobody owned
    previous_actor: Actor | None = None
    for whole in doc.sents:
        stripped = strip_dateline(whole)
        if stripped is None or is_headline(stripped):
            continue
        for sent in split_run_on(stripped):
            claimant = responsibility_claimant(sent)
            if claimant is not None and mentions and is_violent(mentions[-1]):
                # 'The group claimed responsibility for the attack': about the last event.
                mentions[-1] = with_claimant(mentions[-1], claimant)
                continue
            found = _sentence_mentions(
                sent,
                analysis,
                previous_actor,
                published_year=published_year,
                published_month=published_month,
                lexicon=lexicon,
                after_first=bool(mentions),
                typer=typer,
            )
            if not found and mentions:
                mentions[-1] = with_responsibility_claim(mentions[-1], sent)
                mentions[-1] = with_later_toll(mentions[-1], sent, lexicon)
            if claimant is not None:
                found = [with_claimant(mention, claimant) for mention in found]
            found = fold_victim_reports(found, mentions, lexicon, stripped)
            if disclaims_responsibility(sent, lexicon):
                unclaimed.update(m.trigger.start for m in (found or mentions[-1:]) if is_violent(m))
            mentions.extend(found)
            previous_actor = _last_actor(found, sent) or previous_actor
    mentions = _with_the_document_perpetrator(
        fold_withdrawals(with_sources_named_in_full(mentions), lexicon), doc, unclaimed=unclaimed
    )
    return _with_the_air_power(mentions, doc)


def _with_the_document_perpetrator(
    mentions: list[Mention], doc: Doc, *, unclaimed: set[int]
) -> list[Mention]:
    """'Militants stormed the hotel' in a report about one armed group (the only one it names,
    or named more often than all others together): ACLED codes the group the report names
    (al-Shabaab, the Taliban), not an unidentified one — unless the report says nobody claimed
    that attack (`unclaimed`: trigger offsets) or the group is that event's victim."""
    inters = load_actor_dictionary().inters
    named = Counter(
        ent.ent_id_
        for ent in doc.ents
        if ent.label_ == ACTOR_LABEL
        and ent.ent_id_ != GENERIC_ARMED_GROUP
        and inters.get(ent.ent_id_, 0) in NON_STATE_ARMED_INTERS
    )
    if not named:
        return mentions
    (name, count), *others = named.most_common()
    if count <= sum(other for _name, other in others):
        return mentions  # several groups and none dominant: who did it stays unknown
    text = doc_text(doc)
    if any(_is_unattributed(mention.actor1, text) for mention in mentions if mention.actor1):
        return mentions  # the report itself says it does not know who they were
    group = Actor(name, inters[name])
    return [
        replace(mention, actor1=group)
        if mention.actor1 is not None
        and mention.actor1.name == GENERIC_ARMED_GROUP
        and mention.event_type in VIOLENT_EVENT_TYPES
        and mention.sub_event_type not in STATE_ONLY_SUB_EVENTS
        and mention.trigger.start not in unclaimed
        and (mention.actor2 is None or mention.actor2.name != name)
        else mention
        for mention in mentions
    ]


# "Suspected Islamist fighters", "unidentified gunmen": the text itself withholds who they were,
# and ACLED codes them as an unidentified group even in a report about one named group.
UNATTRIBUTED_WORDS = frozenset({"suspected", "unidentified", "unknown", "alleged", "presumed"})
UNATTRIBUTED_REACH = 40  # characters before the actor's words searched for those words


# Armed groups seldom fly: an unattributed air strike is not credited to the report's group.
STATE_ONLY_SUB_EVENTS = frozenset({"Air/drone strike"})


def _is_unattributed(actor: Actor, text: str) -> bool:
    """'suspected militants', 'unidentified gunmen': the words of the actor or the two before it."""
    if actor.name != GENERIC_ARMED_GROUP or actor.start < 0:
        return False
    before = text[max(0, actor.start - UNATTRIBUTED_REACH) : actor.start].lower().split()[-2:]
    words = [*before, *actor.text.lower().split()]
    return any(word.strip(",;:") in UNATTRIBUTED_WORDS for word in words)


def _with_the_air_power(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """An air strike told without who flew it ('26 killed in an airstrike', 'helicopters and
    warplanes targeted ...'): ACLED credits the state forces the report names most (the
    Saudi-led coalition, Turkish forces), or else the country's own military — armed groups
    seldom fly."""
    strikes = [
        m
        for m in mentions
        if m.sub_event_type in STATE_ONLY_SUB_EVENTS
        and (m.actor1 is None or m.actor1.name == GENERIC_ARMED_GROUP)
        and not _is_drone_only(m.sentence.text)
    ]
    if not strikes:
        return mentions
    inters = load_actor_dictionary().inters
    states = Counter(
        ent.ent_id_
        for ent in doc.ents
        if ent.label_ == ACTOR_LABEL and inters.get(ent.ent_id_, 0) == STATE_INTER
    )
    targets = {m.actor2.name for m in strikes if m.actor2 is not None}
    ranked = [name for name, _count in states.most_common() if name not in targets]
    flyer = Actor(ranked[0], STATE_INTER) if ranked else Actor(STATE_FORCES_TEMPLATE, STATE_INTER)
    return [replace(m, actor1=flyer) if m in strikes else m for m in mentions]


# Armed groups fly drones too: a strike told only as a drone's keeps an unidentified attacker.
AIRCRAFT_WORDS = ("airstrike", "air strike", "air raid", "warplane", "jet", "helicopter", "bomber")


def _is_drone_only(sentence: str) -> bool:
    lowered = sentence.lower()
    return "drone" in lowered and not any(word in lowered for word in AIRCRAFT_WORDS)


def latest_year(text: str) -> int | None:
    """The latest plausible year a report names: its own year when it gives no date."""
    years = [int(y) for y in YEAR.findall(text)]
    return max(years) if years else None


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
    typer: EventTyper = refine_sub_event,
) -> list[Mention]:
    if not sent.text.strip():
        return []
    matches = find_triggers(sent, lexicon)
    if not matches:
        return []
    anaphoric = {
        m.head
        for m in matches
        if after_first and (refers_back(sent.doc[m.head]) or is_quoted(sent.doc[m.head]))
    }
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
        primary = _build_mention(sent, match, analysis, previous_actor, quantities, lexicon, typer)
        if primary is not None:
            kept = kept[index:]
            break
    if primary is None:
        return []
    if primary.sub_event_type in SIDE_EFFECT_TYPES and primary.fatalities:
        # 'killed 40 soldiers and seized weapons': the killing is the event.
        for match in kept[1:]:
            if match.trigger.role == "kill":
                violent = _build_mention(
                    sent, match, analysis, previous_actor, quantities, lexicon, typer
                )
                if violent is not None and violent.event_type in VIOLENT_EVENT_TYPES:
                    primary = violent
                    break
    mentions = split_by_place(primary, sent, analysis)
    secondary = _secondary_arrest(
        sent, kept[1:], analysis, previous_actor, quantities, lexicon, typer
    )
    if secondary is not None and primary.event_type in VIOLENT_EVENT_TYPES:
        mentions.append(secondary)
    return mentions


def _is_said_of(token: Token, anaphoric: set[int]) -> bool:
    """'The airstrikes also destroyed two vehicles': what an already reported event did is part
    of it, not a new event."""
    return any(
        child.i in anaphoric for child in token.children if child.dep_ in ("nsubj", "nsubjpass")
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
    typer: EventTyper = refine_sub_event,
) -> Mention | None:
    for match in others:
        if match.sub_event_type == "Arrests":
            mention = _build_mention(
                sent, match, analysis, previous_actor, quantities, lexicon, typer
            )
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
    typer: EventTyper = refine_sub_event,
) -> Mention | None:
    doc = sent.doc
    head = doc[match.head]
    roles = find_roles(sent, head, previous=previous_actor, lexicon=lexicon)
    places = order_places(sent, head, analysis.places, lexicon)
    sub_type = typer(match, roles, sent, places, lexicon)
    if sub_type is None:
        return None
    ontology = sub_event(sub_type)
    roles = default_roles(roles, sub_type)
    if sub_type == "Armed clash" and roles.actor2 is None and roles.assoc1 is not None:
        # 'Ethiopian troops and Tigrayan fighters clashed': a clash has two sides.
        roles = replace(roles, actor2=roles.assoc1, assoc1=None)
    found_attribution = find_attribution(sent, head, lexicon=lexicon)
    roles = _speaker_as_actor1(roles, found_attribution, ontology.event_type, sub_type)
    if roles.actor1 is None and ontology.event_type in VIOLENT_EVENT_TYPES:
        # ACLED: a perpetrator nobody names is an unidentified armed group.
        roles = replace(roles, actor1=Actor(GENERIC_ARMED_GROUP, 3))
    attribution = _as_party_claim(found_attribution, roles.actor1)
    roles = _civilian_victims(roles, ontology.event_type, quantities, lexicon)
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


def _civilian_victims(
    roles: Roles, event_type: str, quantities: list[Quantity], lexicon: Lexicon
) -> Roles:
    """'At least 26 people died in an airstrike': a bombing or an attack whose counted victims
    are people or civilians, with nobody else named as its target, targeted civilians."""
    if roles.actor2 is not None or event_type not in CIVILIAN_TARGET_TYPES:
        return roles
    counted = {q.noun for q in quantities if q.category in ("killed", "wounded")}
    if counted & lexicon.civilian_words:
        return replace(roles, actor2=Actor("Civilians", 7))
    return _target_as_victim(roles, event_type, lexicon)


# Modifiers of a target noun that make it the state's ('a military camp', 'a police post').
STATE_TARGET_MODIFIERS = frozenset({"military", "army"})
POLICE_TARGET_MODIFIERS = frozenset({"police"})


def _target_as_victim(roles: Roles, event_type: str, lexicon: Lexicon) -> Roles:
    """ACLED codes the target of a strike or an attack nobody is named for by what was hit:
    'struck the railway station', 'targeted neighbourhoods' -> civilians; 'an attack on a
    military base', 'a checkpoint' -> the state's forces (their country filled in when placed;
    only for a bombing or a strike: an attack on the state's forces is typed a clash before)."""
    target = roles.victim_head
    if target is None:
        return roles
    state = _state_target(target, lexicon)
    if state is not None:
        if event_type == "Explosions/Remote violence":
            return replace(roles, actor2=state)
        return roles
    if target.lower_ in lexicon.civilian_targets:
        return replace(roles, actor2=Actor("Civilians", 7))
    return roles


def _state_target(target: Token, lexicon: Lexicon) -> Actor | None:
    modifiers = {c.lower_ for c in target.children if c.dep_ in ("compound", "amod")}
    if modifiers & POLICE_TARGET_MODIFIERS:
        return Actor("Police Forces of " + COUNTRY_PLACEHOLDER, 1)
    if modifiers & STATE_TARGET_MODIFIERS or target.lower_ in lexicon.state_targets:
        return Actor(STATE_FORCES_TEMPLATE, 1)
    return None


# What a party announcing it does not do itself: bombs planted, attacks on civilians,
# abductions ('the government spokesman said 15 people were killed when a truck hit an IED').
NOT_OWN_ACTIONS = frozenset(
    {
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    }
)


def _speaker_as_actor1(
    roles: Roles, attribution: Attribution, event_type: str, sub_type: str
) -> Roles:
    """'The defence ministry said 21 militants were killed in airstrikes': a party announcing a
    violent event nobody else is named for speaks of its own action (not of a bombing or an
    attack on civilians, which it reports)."""
    side = attribution.side
    if roles.actor1 is not None or side is None or event_type not in VIOLENT_EVENT_TYPES:
        return roles
    if sub_type in NOT_OWN_ACTIONS:
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
    if _the_group_speaks(attribution, actor1):
        return attribution
    return replace(attribution, certainty="reported")


def _the_group_speaks(attribution: Attribution, actor1: Actor | None) -> bool:
    """'The group said it had killed more than 20 soldiers': a group named by its generic noun
    speaks for the armed group that acted."""
    words = (attribution.claimed_by or "").lower().split()
    return (
        len(words) == 1
        and words[0] in load_lexicon().anaphoric_group_nouns
        and actor1 is not None
        and actor1.inter in NON_STATE_ARMED_INTERS
    )


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


# --------------------------------------------------------------------------- typing in context


# --------------------------------------------------------------------------- places
