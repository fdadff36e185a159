"""Accusations: 'Ukraine accused Russia of a missile strike on Kharkiv', 'Turkey is being accused
by Kurdish security forces of carrying out a drone attack', 'officials blamed the RSF for the
shelling'. The accused party is the attack's actor and the accuser its claimant; the attack is
an event when the accused is a state or an armed group (an accused person, 'a man accused of
planting the bomb', is a suspect and the attack background)."""

from __future__ import annotations

from spacy.tokens import Token

from frontlines.extract.lexicon import Lexicon

# Dependency links climbed from a trigger up to the accusation verb ('accused [Russia] of
# [carrying out] a [strike]': pobj <- prep, dobj <- pcomp <- prep).
CLIMB_DEPS = frozenset({"dobj", "pobj", "pcomp", "prep", "compound", "amod", "nmod"})
MAX_CLIMB = 5
# Entity labels of a party that can carry out an attack (a state or an organised group).
PARTY_LABELS = frozenset({"GPE", "NORP", "ORG", "ACTOR"})
ACCUSED_DEPS_ACTIVE = ("dobj",)
ACCUSED_DEPS_PASSIVE = ("nsubjpass",)


def accusation_verb(trigger: Token, lexicon: Lexicon) -> Token | None:
    """The accusation verb governing `trigger`, or None."""
    current = trigger
    for _ in range(MAX_CLIMB):
        if current.head.i == current.i or current.dep_ not in CLIMB_DEPS:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX") and current.lemma_.lower() in lexicon.accusation_verbs:
            return current
    return None


def accused_party(trigger: Token, lexicon: Lexicon) -> Token | None:
    """The head of the accused party when it is a state or an armed group, else None."""
    verb = accusation_verb(trigger, lexicon)
    if verb is None:
        return None
    passive = any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children)
    deps = ACCUSED_DEPS_PASSIVE if passive else ACCUSED_DEPS_ACTIVE
    accused = next((child for child in verb.children if child.dep_ in deps), None)
    if accused is None or not _is_party(accused):
        return None
    return accused


def accuser(verb: Token) -> Token | None:
    """Who makes the accusation `verb` (from `accusation_verb`): the active subject, or the
    passive 'by' agent."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _is_party(token: Token) -> bool:
    return any(t.ent_type_ in PARTY_LABELS for t in token.subtree) and token.ent_type_ != "PERSON"
