"""Trigger matching: the words of a sentence that signal an ACLED event (data/extract/triggers).

Phrases are matched token by token on each token's lemma or its lower-cased form (so "seized",
"seizes" and "IEDs" match "seize" and "ied"), longest phrase first at each position; particles
and an article may sit inside a verb phrase ("took control", "fell to", "set up a base").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from frontlines.extract.lexicon import Lexicon, Trigger, load_lexicon

# Tokens skipped between the words of a trigger phrase ("took full control", "pulled their
# forces out"): adjectives/determiners only, at most this many.
MAX_GAP_TOKENS = 2
GAP_POS = frozenset({"DET", "ADJ", "PRON"})
# A verb particle may follow its object ('pushed Taliban fighters out'): up to this many tokens.
PARTICLES = frozenset({"out", "down", "up", "over", "off"})
MAX_PARTICLE_GAP = 4


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in a sentence: its tokens and lexicon entry."""

    trigger: Trigger
    start: int  # doc token index of the first word
    end: int  # exclusive
    head: int  # the token whose dependents carry the arguments (the verb or the noun)

    @property
    def sub_event_type(self) -> str:
        return self.trigger.sub_event_type


def _forms(token: Token, lexicon: Lexicon) -> tuple[str, str, str]:
    lower = token.lower_
    return token.lemma_.lower(), lower, lexicon.irregular_forms.get(lower, lower)


def _match_at(sent: Span, index: int, trigger: Trigger, lexicon: Lexicon) -> int | None:
    """End index when `trigger` matches from doc token `index`, else None."""
    doc = sent.doc
    if trigger.pos and doc[index].pos_ not in trigger.pos:
        return None
    position = index
    for number, word in enumerate(trigger.words):
        gap = 0
        is_particle = number > 0 and word in PARTICLES
        while position < sent.end and word not in _forms(doc[position], lexicon):
            if is_particle and gap < MAX_PARTICLE_GAP and doc[position].pos_ != "PUNCT":
                gap += 1
                position += 1
                continue
            if number == 0 or gap >= MAX_GAP_TOKENS or doc[position].pos_ not in GAP_POS:
                return None
            gap += 1
            position += 1
        if position >= sent.end:
            return None
        position += 1
    return position


def _head_token(sent: Span, start: int, end: int) -> int:
    """The syntactic head of a matched phrase: the token whose head lies outside the phrase."""
    doc = sent.doc
    for i in range(start, end):
        if not start <= doc[i].head.i < end or doc[i].head.i == i:
            return i
    return start


def is_weapon_in_use(token: Token, lexicon: Lexicon) -> bool:
    """A weapon noun is an event when something is done with it: it is an argument of an event
    verb ('the IED exploded', 'killed by a rocket'), modifies an event noun ('rocket attack'),
    or an event word hangs from it ('mortar rounds landed')."""
    words = lexicon.weapon_event_words
    for child in token.children:
        if child.lemma_.lower() in words or child.lower_ in words:
            return True
    current = token
    for _ in range(3):
        head = current.head
        if head.i == current.i:
            return False
        if head.lemma_.lower() in words or head.lower_ in words:
            return True
        if current.dep_ not in ("compound", "pobj", "prep", "conj", "amod", "nmod", "appos"):
            return False
        current = head
    return False


def _modifies_actor(token: Token, lexicon: Lexicon) -> bool:
    """'riot police', 'protest leaders', 'IED facilitator': a word naming what a person or thing
    is, not an event."""
    if token.dep_ not in ("compound", "amod", "nmod"):
        return False
    head = token.head
    if head.ent_type_ == "ACTOR" and token.ent_type_ != "ACTOR":
        return True
    return head.lower_ in lexicon.non_event_heads or head.lemma_.lower() in lexicon.non_event_heads


def find_triggers(sent: Span, lexicon: Lexicon | None = None) -> list[TriggerMatch]:
    """All trigger matches in the sentence, left to right, longest phrase first at each token."""
    lexicon = lexicon or load_lexicon()
    matches: list[TriggerMatch] = []
    index = sent.start
    doc = sent.doc
    while index < sent.end:
        found: TriggerMatch | None = None
        for form in dict.fromkeys(_forms(doc[index], lexicon)):
            for trigger in lexicon.triggers_by_first_word.get(form, ()):
                end = _match_at(sent, index, trigger, lexicon)
                if end is not None and (found is None or end - index > found.end - found.start):
                    found = TriggerMatch(trigger, index, end, _head_token(sent, index, end))
        if (
            found is not None
            and found.trigger.role == "weapon"
            and not is_weapon_in_use(doc[found.head], lexicon)
        ):
            index = found.end
            continue
        if found is not None and _modifies_actor(doc[found.head], lexicon):
            index = found.end
            continue
        if found is not None:
            matches.append(found)
            index = found.end
        else:
            index += 1
    return matches
