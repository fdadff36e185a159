"""Event typing: which ACLED sub-event type a trigger is in its context, and the actor roles
that ACLED's coding of that type implies.

This is the seam for a learned typer: `EventTyper` is what `mentions` calls; the rules here
(`refine_sub_event`) are the default. In order, the rules: a killing of civilians is an Attack,
of an armed side an Armed clash; a seizure of weapons is Disrupted weapons use; a capture is a
change of territory when its object is a place (the gainer's inter code decides which), an
arrest or abduction when it is people, and no event otherwise; the sentence's modifier cues
(aircraft, live fire, tear gas) refine the type; civilians, protesters or rioters acting
violently are rioters.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from spacy.tokens import Span, Token

from frontlines.extract.arguments import Roles
from frontlines.extract.filters import has_phrase
from frontlines.extract.lexicon import Lexicon, load_lexicon
from frontlines.extract.triggers import TriggerMatch
from frontlines.models import Actor, ResolvedPlace
from frontlines.nlp.actors import COUNTRY_PLACEHOLDER

VIOLENT_EVENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians"}
)
TERRITORIAL_TYPES = frozenset(
    {
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Headquarters or base established",
    }
)


# Verbs whose subject is the place that changed hands ('Kunduz fell to ...', 'the district came
# under the control of ...').
SUBJECT_IS_PLACE = frozenset({"fall", "come"})


class EventTyper(Protocol):
    """Decides the sub-event type of a trigger in its sentence (None: no event after all)."""

    def __call__(
        self,
        match: TriggerMatch,
        roles: Roles,
        sent: Span,
        places: list[ResolvedPlace],
        lexicon: Lexicon,
    ) -> str | None: ...


EXPULSION_WORDS = frozenset({"push", "drive", "expel"})


PROTEST_TYPES = frozenset(
    {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
)


RIOT_TYPES = frozenset({"Violent demonstration", "Mob violence"})


# The side that loses a takeover when the text names none (filled with the event's country).
STATE_FORCES = f"Military Forces of {COUNTRY_PLACEHOLDER}"


# Civilians, protesters or rioters doing these are a crowd turning violent (ACLED: riots), not
# an armed group ('the intruders overpowered guards and forced their way into the palace').
CROWD_INTERS = frozenset({5, 6, 7})
CIVILIAN_VIOLENCE_TO_RIOT = {
    "Looting/property destruction": "Violent demonstration",
    "Attack": "Mob violence",
    "Armed clash": "Violent demonstration",
}


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


def default_roles(roles: Roles, sub_type: str) -> Roles:
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
    elif role == "protest" and _demonstrates_something(sent.doc[match.head]):
        return None  # 'the group has been demonstrating resilience': showing, not protesting
    elif role == "territory":
        refined = _type_capture(match, roles, sent, places, lexicon)
        if refined is None:
            return None
        sub_type = refined
    for modifier in lexicon.modifiers:
        if modifier.source == sub_type and has_phrase(sent.text, modifier.cues):
            sub_type = modifier.target
            break
    if roles.actor1 is not None and roles.actor1.inter in CROWD_INTERS:
        sub_type = CIVILIAN_VIOLENCE_TO_RIOT.get(sub_type, sub_type)
    if sub_type == "Excessive force against protesters" and _armed_group_attacks(roles):
        sub_type = "Attack"
    return sub_type


def _armed_group_attacks(roles: Roles) -> bool:
    """'Armed men attacked demonstrators ..., killing 23': lethal force against a protest by an
    armed group, with no state force named, is an attack on civilians (the protesters are its
    victims), not the state's excessive force."""
    named = [a for a in (roles.actor1, roles.actor2, roles.assoc1) if a is not None]
    return not any(a.inter in (1, 8) for a in named) and any(a.inter in (2, 3, 4) for a in named)


def _demonstrates_something(head: Token) -> bool:
    """'demonstrate' with a direct object shows something; a protest has none."""
    return head.lemma_.lower() == "demonstrate" and any(c.dep_ == "dobj" for c in head.children)


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
    if _is_misparsed_past_verb(head):
        # 'Taliban militants, after fierce fighting, overran Kohistanat district': the small
        # parser hangs a past-tense verb on the name after it; that noun phrase is its object.
        target = head.head
        while target.dep_ == "compound" and target.head.i > target.i:
            target = target.head
        return [target]
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    if head.lemma_.lower() in SUBJECT_IS_PLACE:
        objects += [c for c in head.children if c.dep_ == "nsubj"]
    for child in head.children:
        # 'control of the town', 'captured several of them, including the city of X'
        if child.dep_ == "prep" and child.lower_ in ("of", "over", "including"):
            objects.extend(c for c in child.children if c.dep_ == "pobj")
    return objects


def _is_misparsed_past_verb(token: Token) -> bool:
    """A lowercase past form ('overran', 'seized') parsed as a modifier of the noun after it."""
    if token.dep_ not in ("compound", "amod") or token.head.i <= token.i or not token.is_lower:
        return False
    return token.tag_ in ("VBD", "VBN") or token.lower_ in load_lexicon().irregular_forms


def _of_objects(token: Token) -> list[Token]:
    """'control of the town', 'the town of Lere': what the object is of."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    found.extend((grand, *grand.conjuncts))
    return found


def _all_state_positions(heads: list[Token], lexicon: Lexicon) -> bool:
    return all(t.lower_ in lexicon.state_targets for t in heads)


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
    if match.trigger.words[0] == "storm" and heads and _all_state_positions(heads, lexicon):
        return "Armed clash"  # 'gunmen stormed the army post': an assault; taking it is unsaid
    if head.lemma_.lower() in SUBJECT_IS_PLACE and not names_place:
        return None  # 'the rocket fell short of its target': what fell is no place
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
