"""Who asserts a sentence ("according to X", "X said", "X's statement") and how certain it is.

The source is, in order: the object of "according to"; the subject of a speech verb that governs
the trigger's clause or is the sentence root; the possessor of a statement noun ("the ministry's
statement"); the reporter of an absolute "with X reporting ...". It is kept as the noun phrase as
written, without determiners ("Ukrainian military", not the actor "Military Forces of Ukraine":
who speaks, in the source's words; the actor it speaks for is `side`). Certainty: "unconfirmed"
when unconfirmed cues are present, "claimed" when a claim verb is used or the source is a party
to the conflict, else "reported".
Every source is kept as `claimed_by` (hospitals, residents and witnesses too: an analyst wants to
know who says it); only a party's word makes the certainty "claimed".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from frontlines.extract.accusation import accusation_verb, accuser
from frontlines.extract.entities import ents_starting_in
from frontlines.extract.filters import has_phrase
from frontlines.extract.lexicon import Lexicon, load_lexicon
from frontlines.nlp.actors import ACTOR_LABEL, load_actor_dictionary

LEADING_WORDS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})
# Modifiers of a statement noun that name no one ('a news release', 'a press statement').
GENERIC_STATEMENT_MODIFIERS = frozenset({"news", "press", "video", "audio", "joint", "written"})
# Longest source phrase kept, in tokens (appositive clauses beyond this are dropped).
MAX_SOURCE_TOKENS = 8


@dataclass(frozen=True, slots=True)
class Attribution:
    """The source of a sentence's assertion and its certainty."""

    claimed_by: str | None
    certainty: str  # reported | claimed | unconfirmed
    is_party: bool = False
    side: str | None = None  # the actor the source speaks for ('Military Forces of {country}')


def _phrase_of(token: Token) -> Span:
    """The compact noun phrase of a source token: its left modifiers, itself and an 'of' phrase
    (for the modifier of a statement noun, the modifiers before it too: 'French media' of
    'French media reports')."""
    doc = token.doc
    start = token.head.left_edge.i if token.dep_ == "compound" else token.left_edge.i
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for"):
            end = child.right_edge.i + 1
    while start < end and doc[start].lower_ in LEADING_WORDS:
        start += 1
    if end - start > MAX_SOURCE_TOKENS:
        start = max(start, end - MAX_SOURCE_TOKENS)
    return doc[start:end]


def normalise_source(token: Token) -> tuple[str, bool]:
    """(canonical source name, is a party) for the head token of a source phrase."""
    lexicon = load_lexicon()
    phrase = _phrase_of(token)
    actors = [ent for ent in ents_starting_in(list(phrase)) if ent.label_ == ACTOR_LABEL]
    words = {t.lower_ for t in phrase}
    is_party = bool(words & lexicon.party_words)
    armed = [
        ent for ent in actors if load_actor_dictionary().inters.get(ent.id_, 3) not in (5, 6, 7)
    ]
    text = " ".join("".join(t.text_with_ws for t in phrase).split())
    if text.islower():
        text = text[:1].upper() + text[1:]
    return text, is_party or bool(armed)


def source_side(token: Token) -> str | None:
    """The actor a source speaks for: an armed actor named in its phrase ('Taliban spokesman'),
    else the state forces when it is a state body ('the defence ministry', 'Ukraine's General
    Staff' -> 'Military Forces of Ukraine'), else None (hospitals, residents, monitors)."""
    lexicon = load_lexicon()
    dictionary = load_actor_dictionary()
    phrase = _phrase_of(token)
    for ent in ents_starting_in(list(phrase)):
        if ent.label_ == ACTOR_LABEL and dictionary.inters.get(ent.id_, 3) not in (5, 6, 7):
            return ent.id_
    words = {t.lower_ for t in phrase}
    if not words & lexicon.state_words:
        return None
    for word in (t.lower_.removesuffix("'s") for t in phrase):
        entry = dictionary.lookup(f"{word} forces")
        if entry is not None and entry.inter == 1:
            return entry.name
    return "Military Forces of {country}"


def _speech_source(sent: Span, trigger: Token, lexicon: Lexicon) -> Token | None:
    candidates: list[Token] = []
    current = trigger
    for _ in range(6):
        if current.lemma_.lower() in lexicon.speech_verbs and current.i != trigger.i:
            candidates.append(current)
        if current.head.i == current.i:
            break
        current = current.head
    root = sent.root
    if root.lemma_.lower() in lexicon.speech_verbs and root not in candidates:
        candidates.append(root)
    for verb in candidates:
        stranded = _stranded_speaker(verb)
        if stranded is not None:
            return stranded
        for child in verb.children:
            # the subject of a passive speech verb is what is said ('90 civilians were reported
            # killed'), not who says it; its speaker is the agent ('confirmed by officials').
            if child.dep_ == "nsubj" and child.pos_ != "PRON":
                return child
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return None


def _stranded_speaker(verb: Token) -> Token | None:
    """'..., killing at least 85 people, including women and children, authorities and
    residents said Saturday': the parser hung the speakers on the list before them (leaving the
    verb without a subject, or making the victims its subject); the nouns right before an
    active speech verb, joined to that list, are who speaks."""
    if verb.i == 0 or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ not in ("NOUN", "PROPN") or before.head.i == verb.i:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects and not (
        before.dep_ == "conj" and any(before in subject.subtree for subject in subjects)
    ):
        return None
    first = before
    while (
        first.dep_ == "conj"
        and first.head.pos_ in ("NOUN", "PROPN")
        and verb.i - first.head.i <= STRANDED_REACH
    ):
        first = first.head
    return first


# How far back (tokens) a stranded speaker list may start ('authorities and residents said').
STRANDED_REACH = 5


def _with_reporting_source(sent: Span, lexicon: Lexicon) -> Token | None:
    """'..., with a monitoring group reporting at least 36 fatalities', 'with officials saying
    ...': the absolute 'with X reporting' names who tells it."""
    for token in sent:
        if token.dep_ != "prep" or token.lower_ != "with":
            continue
        for reporter in (c for c in token.children if c.dep_ == "pobj"):
            if any(
                c.dep_ == "acl" and c.tag_ == "VBG" and c.lemma_.lower() in lexicon.speech_verbs
                for c in reporter.children
            ):
                return reporter
    return None


def _according_to_source(sent: Span) -> Token | None:
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end:
            to = token.doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _statement_source(sent: Span, lexicon: Lexicon) -> Token | None:
    for token in sent:
        if token.lemma_.lower() in lexicon.statement_nouns:
            for child in token.children:
                if child.dep_ == "poss" and child.pos_ != "PRON":
                    return child
    return None


def _is_country(name: str) -> bool:
    entry = load_actor_dictionary().lookup(f"{name} forces")
    return entry is not None and entry.inter == 1


# Entity types that are never who says something (a misparsed timeline prefix, a headline figure).
NOT_SOURCE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "GPE", "LOC", "ORDINAL"})


def is_plausible_source(token: Token, lexicon: Lexicon) -> bool:
    """A source is someone: not a number, a date or a place, nor a bare 'statement' or
    'message' whose owner the sentence does not name. A country speaks for its government
    ('Ukraine says two missiles struck ...')."""
    if token.ent_type_ == "GPE" and token.dep_ == "nsubj" and _is_country(token.text):
        return True
    if token.like_num or token.ent_type_ in NOT_SOURCE_ENTS:
        return False
    return token.lemma_.lower() not in lexicon.statement_nouns


def find_attribution(sent: Span, trigger: Token, *, lexicon: Lexicon | None = None) -> Attribution:
    """The attribution of the trigger's clause in its sentence."""
    lexicon = lexicon or load_lexicon()
    accusation = accusation_verb(trigger, lexicon)
    source = (
        _according_to_source(sent)
        or _speech_source(sent, trigger, lexicon)
        or (accuser(accusation) if accusation is not None else None)
        or _statement_source(sent, lexicon)
        or _with_reporting_source(sent, lexicon)
    )
    claimed_by: str | None = None
    is_party = False
    if source is not None and source.lemma_.lower() in lexicon.statement_nouns:
        owners = [
            c
            for c in source.children
            if c.pos_ != "PRON"
            and (
                c.dep_ == "poss"
                or (c.dep_ == "compound" and c.lower_ not in GENERIC_STATEMENT_MODIFIERS)
            )
        ] + [
            grand
            for c in source.children
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")
            for grand in c.children
            if grand.dep_ == "pobj"
        ]
        source = owners[0] if owners else source
    side: str | None = None
    if source is not None and not is_plausible_source(source, lexicon):
        source = None
    if source is not None:
        claimed_by, is_party = normalise_source(source)
        side = source_side(source)
    claim_verb = any(t.lemma_.lower() in lexicon.claim_verbs for t in sent)
    if has_phrase(sent.text, lexicon.unconfirmed_cues):
        certainty = "unconfirmed"
    elif claim_verb or (claimed_by and is_party) or accusation is not None:
        certainty = "claimed"
    else:
        certainty = "reported"
    return Attribution(claimed_by=claimed_by, certainty=certainty, is_party=is_party, side=side)
