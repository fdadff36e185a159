"""Who acts and who is acted on: actor1 / actor2 / associated actors of a trigger, by token walks.

Verb triggers: active voice gives actor1 = subject, actor2 = object; passive gives actor1 = the
"by" agent, actor2 = the passive subject ("was targeted by Afghan Air Forces"). Noun triggers
("an airstrike by X on Y", "Taliban attack", "clashes between X and Y") take actor1 from "by",
a compound/possessive or the subject of the verb they hang from, actor2 from "on/against".
Pronoun subjects ("They were forced ...") take the previous sentence's actor. An organisation
the dictionary does not know keeps its name as written (inter 3, political militia).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from frontlines.extract.accusation import accused_party
from frontlines.extract.attribution import source_side
from frontlines.extract.entities import doc_text, ents_starting_in
from frontlines.extract.lexicon import Lexicon, load_lexicon
from frontlines.models import Actor
from frontlines.nlp.actors import (
    ACTOR_LABEL,
    COUNTRY_PLACEHOLDER,
    GENERIC_ARMED_GROUP,
    acled_country,
    find_unknown_groups,
    is_ambiguous,
    load_actor_dictionary,
    resolve_phrase,
    state_forces,
)
from frontlines.nlp.pipeline import DOCUMENT_COUNTRY_KEY

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
TARGET_PREPS = frozenset({"on", "against", "at", "upon", "targeting"})
PRONOUNS = frozenset({"they", "he", "she", "it", "them", "we"})
UNKNOWN_GROUP_INTER = 3
# Verbs whose object is a victim, looked at when the trigger itself names none.
HARM_VERBS = frozenset({"kill", "wound", "injure", "target", "hit", "strike", "attack", "shoot"})
GENERIC_NAMES = frozenset({GENERIC_ARMED_GROUP})
# Generic civilian nouns that are not actors of the dictionary but still mark civilian victims.
CIVILIAN_ACTOR = "Civilians"


@dataclass(frozen=True, slots=True)
class Roles:
    """The actors of one trigger."""

    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc1: Actor | None = None
    assoc2: Actor | None = None
    victim_head: Token | None = None  # head noun of what was acted on, for typing


def actor_from_ent(ent: Span) -> Actor:
    name = ent.ent_id_ or ent.id_  # doc.ents carry ent_id_; ents_starting_in spans carry id_
    return Actor(
        name=name, inter=_inter_of(name), text=ent.text, start=ent.start_char, end=ent.end_char
    )


def _inter_of(name: str) -> int:
    return load_actor_dictionary().inters.get(name, UNKNOWN_GROUP_INTER)


def actors_in(tokens: Span | list[Token], *, allow_unknown: bool = True) -> list[Actor]:
    """Actors named among `tokens` (dictionary ACTOR ents first, then unknown ORG names)."""
    seen: list[Actor] = []
    token_list = list(tokens)
    if not token_list:
        return seen
    ents = ents_starting_in(token_list)
    for ent in ents:
        if ent.label_ == ACTOR_LABEL:
            actor = _in_context(actor_from_ent(ent), ent)
            if actor is not None:
                seen.append(actor)
    for ent in ents:
        if ent.label_ == "NORP" and names_forces(ent):
            entry = load_actor_dictionary().lookup(f"{ent.text.lower()} forces")
            if entry and not any(a.name == entry.name for a in seen):
                seen.append(Actor(entry.name, entry.inter, ent.text, ent.start_char, ent.end_char))
    if not seen and allow_unknown:
        seen.extend(_unknown_groups(token_list, ents))
    seen.sort(key=lambda a: a.start)
    return _unique(seen)


def names_forces(ent: Span) -> bool:
    """A demonym names its state's forces when it stands for them ('the Russians shelled') or
    modifies a force or attack noun ('Pakistani troops', 'Israeli airstrikes'), not when it
    describes a person or thing ('an Afghan television anchor', 'Iraqi civilians')."""
    root = ent.root
    if root.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj", "conj") and root.pos_ != "ADJ":
        return True
    head = root.head
    force_heads = load_lexicon().force_heads
    while _climbs_compound(head, force_heads):
        head = head.head  # 'Iranian border guards': the demonym modifies the compound's head
    return head.i != root.i and head.lemma_.lower() in force_heads


def _climbs_compound(token: Token, force_heads: frozenset[str]) -> bool:
    """A compound modifier that is not itself a force noun leads on to the noun it modifies."""
    return (
        token.dep_ == "compound"
        and token.head.i != token.i
        and token.lemma_.lower() not in force_heads
    )


def _in_context(actor: Actor, ent: Span) -> Actor | None:
    """The reading of an ambiguous dictionary phrase in this document ('coalition' is NATO in
    Afghanistan, the Saudi-led coalition in Yemen; 'ADF' the Congolese rebels, not an army);
    None when it names no actor here."""
    if not is_ambiguous(ent.text):
        return actor
    country = ent.doc.user_data.get(DOCUMENT_COUNTRY_KEY)
    entry = resolve_phrase(ent.text, text=doc_text(ent.doc), country=country)
    if entry is None:
        return None
    return replace(actor, name=entry.name, inter=entry.inter)


def _unknown_groups(tokens: list[Token], ents: list[Span]) -> list[Actor]:
    """Armed groups the dictionary does not know, named as the text names them ('the X
    rebels', 'fighters of X'), else short organisation names, as a political militia."""
    if not tokens:
        return []
    doc = tokens[0].doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = doc_text(doc)[start:end]
    found = [
        Actor(m.entry.name, m.entry.inter, m.text, start + m.start, start + m.end)
        for m in find_unknown_groups(text)
    ]
    if found:
        return found
    return [
        Actor(
            ent.text.removeprefix("the ").removeprefix("The "),
            UNKNOWN_GROUP_INTER,
            ent.text,
            ent.start_char,
            ent.end_char,
        )
        for ent in ents
        if ent.label_ == "ORG" and len(ent) <= 6
    ]


def _unique(actors: list[Actor]) -> list[Actor]:
    names: set[str] = set()
    result = []
    for actor in actors:
        if actor.name not in names:
            names.add(actor.name)
            result.append(actor)
    return result


def _children(token: Token, deps: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


def _actors_of(
    tokens: list[Token], previous: Actor | None, *, allow_unknown: bool = True
) -> list[Actor]:
    actors: list[Actor] = []
    lexicon = load_lexicon()
    for token in tokens:
        speaker = _reported_speaker(token) if token.lower_ in PRONOUNS else None
        if speaker:
            actors.extend(speaker)
            continue
        if token.lower_ in PRONOUNS and _said_by_a_group(token, lexicon):
            # 'The group said it had killed 20 soldiers': the group named before, never the
            # state forces last mentioned.
            if previous is not None and previous.inter in (2, 3, 4):
                actors.append(previous)
            continue
        if token.lower_ in PRONOUNS and previous is not None:
            actors.append(previous)
            continue
        if (
            _is_anaphoric_group(token, lexicon)
            and previous is not None
            and previous.inter in (2, 3, 4)
        ):
            actors.append(previous)
            continue
        found = _named_first(actors_in(list(token.subtree), allow_unknown=allow_unknown))
        actors.extend(_resolve_possessive(token, _members_of_group(token, found)))
    return _unique(actors)


def _members_of_group(token: Token, actors: list[Actor]) -> list[Actor]:
    """'Soldiers from the M23 rebel movement', 'fighters of the Arakan Army': members of a named
    group are that group, not the state forces a bare 'soldiers' would stand for."""
    groups = [
        actor
        for pobj in _prep_objects(token, frozenset({"of", "from"}))
        for actor in actors_in(list(pobj.subtree), allow_unknown=False)
        if actor.name not in GENERIC_NAMES and COUNTRY_PLACEHOLDER not in actor.name
    ]
    if not groups:
        return actors
    return [groups[0], *(a for a in actors if a.name != groups[0].name and a.start > token.idx)]


def _resolve_possessive(token: Token, actors: list[Actor]) -> list[Actor]:
    """'their fighters', 'its troops': the generic noun stands for the group named as the
    speaker or subject elsewhere in the sentence ('The Taliban said their fighters ...')."""
    if not actors or not (actors[0].name in GENERIC_NAMES or "{country}" in actors[0].name):
        return actors
    if not any(child.dep_ == "poss" and child.pos_ == "PRON" for child in token.children):
        return actors
    side = _speaker_side(token)
    if side is not None:
        # "Armenia's Defense Ministry said its troops shot down ...": the speaker's forces.
        return [replace(actors[0], name=side, inter=_inter_of(side)), *actors[1:]]
    if actors[0].name not in GENERIC_NAMES:
        return actors
    sentence = token.sent
    named = [
        a
        for a in actors_in(sentence, allow_unknown=False)
        if a.name not in GENERIC_NAMES and a.inter not in (5, 6, 7)
    ]
    return named[:1] or actors


def _speaker_side(token: Token) -> str | None:
    """The named actor the subject of the speech verb above `token` speaks for, or None."""
    lexicon = load_lexicon()
    current = token
    for _ in range(6):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.lemma_.lower() in lexicon.speech_verbs:
            subjects = [c for c in current.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
            side = source_side(subjects[0]) if subjects else None
            return side if side is not None and "{country}" not in side else None
    return None


def _reported_speaker(pronoun: Token) -> list[Actor]:
    """'The Malian army said it had recaptured the town': 'it' is the army that speaks;
    'troops entered the city, a day after they seized the airport': 'they' is the subject of
    the clause the pronoun's clause depends on."""
    subject = _subject_above(pronoun, load_lexicon(), said_only=False)
    if subject is None:
        return []
    return [a for a in actors_in(list(subject.subtree), allow_unknown=False) if a.inter != 7][:1]


def _said_by_a_group(pronoun: Token, lexicon: Lexicon) -> bool:
    """The pronoun is the subject of what 'the group' / 'the militants' said."""
    subject = _subject_above(pronoun, lexicon, said_only=True)
    return subject is not None and _is_anaphoric_group(subject, lexicon)


def _subject_above(pronoun: Token, lexicon: Lexicon, *, said_only: bool) -> Token | None:
    """The subject (not a pronoun) of the verb the pronoun's clause depends on: a speech verb
    ('The army said it ...') or, unless `said_only`, the clause an adverbial or coordinated
    clause hangs on."""
    clause = pronoun.head
    upper = clause.head
    if pronoun.dep_ != "nsubj" or upper.i == clause.i:
        return None
    said = clause.dep_ == "ccomp" and upper.lemma_.lower() in lexicon.speech_verbs
    if not said and (said_only or clause.dep_ not in ("advcl", "conj")):
        return None
    return next((c for c in upper.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)


def _is_anaphoric_group(token: Token, lexicon: Lexicon) -> bool:
    """'The group also seized ...': a definite generic noun for the armed group named before."""
    return token.lower_ in lexicon.anaphoric_group_nouns and any(
        child.dep_ == "det" and child.lower_ in ("the", "this", "these") for child in token.children
    )


def _named_first(actors: list[Actor]) -> list[Actor]:
    """'Fighters of the Arakan Army': the named group, not the generic noun, is the actor."""
    named = [a for a in actors if a.name not in GENERIC_NAMES]
    if named and len(named) < len(actors):
        return named + [a for a in actors if a.name in GENERIC_NAMES and a.inter == 7]
    return actors


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _is_reduced_relative(verb: Token) -> bool:
    """'soldiers killed in the ambush', 'those killed': a past participle modifying a noun is
    passive in meaning (the noun is who suffered it)."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i != verb.i


# Links through which a verb without a subject shares the subject above it ('forces moved in
# and retook the town', 'it was able to thwart another attack and seize a rocket').
CONTROL_DEPS = frozenset({"xcomp", "conj", "advcl", "acomp"})


def _controlling_subjects(verb: Token) -> list[Token]:
    current = verb
    for _ in range(3):
        if current.dep_ not in CONTROL_DEPS or current.head.i == current.i:
            return []
        current = current.head
        subjects = _children(current, SUBJECT_DEPS)
        if subjects:
            return subjects
    return []


def _is_raised_passive(verb: Token) -> bool:
    """'90 civilians were reported killed', 'five soldiers are believed killed': the subject of
    the passive verb above the participle is who was killed."""
    return (
        verb.dep_ in ("xcomp", "oprd")
        and verb.tag_ == "VBN"
        and verb.head.i != verb.i
        and _is_passive(verb.head)
        and not _children(verb, SUBJECT_DEPS)
    )


def _reduced_relative_patients(verb: Token) -> list[Token]:
    """The noun the participle modifies; for 'three police officers were among those killed'
    (victims listed among an event's dead) the subject of 'were'."""
    noun = verb.head
    if noun.lower_ in ("those", "ones") and noun.dep_ == "pobj" and noun.head.lower_ == "among":
        return _children(noun.head.head, SUBJECT_DEPS)
    return [noun]


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(4):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def find_roles(
    sent: Span, head: Token, *, previous: Actor | None = None, lexicon: Lexicon | None = None
) -> Roles:
    """actor1/actor2 (and associated actors) of the trigger whose syntactic head is `head`."""
    lexicon = lexicon or load_lexicon()
    agents: list[Actor] = []
    patients: list[Actor] = []
    victim: Token | None = None
    if head.pos_ in ("VERB", "AUX"):
        agents, patients, victim = _verb_roles(head, previous)
    else:
        agents, patients, victim = _noun_roles(head, previous)
    if not patients:
        patients, victim = _victims_elsewhere(sent, head, victim)
    if not agents:
        agents = _accused_actors(head, lexicon)
    if not agents:
        agents = _fallback_agents(sent, patients)
    agents = [a for a in agents if a.name not in {p.name for p in patients}] or agents[:1]
    patients = _prefer_named_patient(sent, agents, patients)
    return Roles(
        actor1=agents[0] if agents else None,
        actor2=patients[0] if patients else None,
        assoc1=agents[1] if len(agents) > 1 else None,
        assoc2=patients[1] if len(patients) > 1 else None,
        victim_head=victim,
    )


def _accused_actors(head: Token, lexicon: Lexicon) -> list[Actor]:
    """'Ukraine accused Russia of a missile strike': the accused carried it out (a country
    named alone stands for its forces)."""
    accused = accused_party(head, lexicon)
    if accused is None:
        return []
    clauses = {t.i for c in accused.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    phrase = [t for t in accused.subtree if t.i not in clauses]
    found = [a for a in actors_in(phrase, allow_unknown=False) if a.inter not in (5, 6, 7)]
    if found:
        return found[:1]
    forces = state_forces(acled_country(accused.text)) if accused.ent_type_ == "GPE" else None
    if forces is None:
        return []
    return [Actor(forces, 1, text=accused.text, start=accused.idx, end=accused.idx + len(accused))]


def _verb_roles(
    verb: Token, previous: Actor | None
) -> tuple[list[Actor], list[Actor], Token | None]:
    if _is_passive(verb):
        agent_tokens = _prep_objects(verb, frozenset({"by"}))
        patient_tokens = _children(verb, PASSIVE_SUBJECT_DEPS)
    elif _is_reduced_relative(verb):
        agent_tokens = _prep_objects(verb, frozenset({"by"}))
        patient_tokens = _reduced_relative_patients(verb)
    elif _is_raised_passive(verb):
        agent_tokens = _prep_objects(verb, frozenset({"by"}))
        patient_tokens = _children(verb.head, PASSIVE_SUBJECT_DEPS)
    else:
        agent_tokens = _children(verb, SUBJECT_DEPS)
        patient_tokens = _children(verb, OBJECT_DEPS) + _prep_objects(verb, TARGET_PREPS | {"with"})
        if patient_tokens:
            # 'forces battled an assault by Taliban insurgents': the parser hangs the attack's
            # 'by' on the active verb; whoever made the assault is the other side.
            patient_tokens += _prep_objects(verb, frozenset({"by"}))
        if not agent_tokens:
            agent_tokens = _controlling_subjects(verb)
    victim = patient_tokens[0] if patient_tokens else None
    patients = _actors_of(patient_tokens, None, allow_unknown=False)
    return _actors_of(agent_tokens, previous), patients, victim


def _noun_roles(
    noun: Token, previous: Actor | None
) -> tuple[list[Actor], list[Actor], Token | None]:
    agent_tokens = _prep_objects(noun, frozenset({"by", "from"}))
    agent_tokens += [c for c in noun.children if c.dep_ in ("compound", "poss", "amod", "nmod")]
    patient_tokens = _prep_objects(noun, TARGET_PREPS)
    between = _prep_objects(noun, frozenset({"between", "with"}))
    agents = _actors_of(agent_tokens, previous)
    patients = _actors_of(patient_tokens, None, allow_unknown=False)
    if between:
        # 'an agreement between the Taliban and the army': the parties, not who brokered it.
        pair = _actors_of(between, None)
        if pair:
            agents, patients = pair[:1], pair[1:2] or patients
    verb = _governing_verb(noun)
    victim = patient_tokens[0] if patient_tokens else None
    if verb is not None:
        if noun.dep_ in OBJECT_DEPS:
            subjects = _actors_of(_children(verb, SUBJECT_DEPS), previous)
            if not agents:
                agents = subjects
            elif not patients:
                # 'Ukrainian troops repelled a Russian assault': the subject was attacked.
                patients = [a for a in subjects if a.name not in {b.name for b in agents}]
        if noun.dep_ in ("pobj", "nsubj") and not patients:
            targets = _children(verb, PASSIVE_SUBJECT_DEPS) or _children(verb, OBJECT_DEPS)
            patients = _actors_of(targets, None)
            victim = victim or (targets[0] if targets else None)
        if victim is None:
            # 'detonated a car bomb at a military base': the verb's target is the bomb's.
            aimed_at = _prep_objects(verb, TARGET_PREPS)
            victim = aimed_at[0] if aimed_at else None
    return agents, patients, victim


def _prefer_named_patient(sent: Span, agents: list[Actor], patients: list[Actor]) -> list[Actor]:
    """'killed 30 terrorists in fighting with JNIM militants': the named group, not the generic
    'terrorists', is actor2."""
    if not patients or patients[0].name not in GENERIC_NAMES:
        return patients
    taken = {a.name for a in agents}
    named = [
        a
        for a in actors_in(sent, allow_unknown=False)
        if a.name not in GENERIC_NAMES and a.name not in taken and a.inter in (2, 3, 4, 8)
    ]
    return named[:1] + patients[1:] if named else patients


def _victims_elsewhere(
    sent: Span, head: Token, victim: Token | None
) -> tuple[list[Actor], Token | None]:
    """'..., killing 12 Taliban fighters': victims of another harm verb in the same sentence."""
    for token in sent:
        if token.i == head.i or token.pos_ != "VERB" or token.lemma_.lower() not in HARM_VERBS:
            continue
        _, patients, found = _verb_roles(token, None)
        if patients:
            return patients, found
        if victim is None and found is not None:
            victim = found
    return [], victim


def _fallback_agents(sent: Span, patients: list[Actor]) -> list[Actor]:
    """The first armed actor named in the sentence that is neither a patient nor the one who
    reports it ('..., police said')."""
    taken = {p.name for p in patients}
    speakers = _speaker_tokens(sent)
    return [
        a
        for a in actors_in([t for t in sent if t.i not in speakers], allow_unknown=False)
        if a.name not in taken and a.inter != 7
    ][:1]


def _speaker_tokens(sent: Span) -> set[int]:
    lexicon = load_lexicon()
    found: set[int] = set()
    for token in sent:
        if token.lemma_.lower() in lexicon.speech_verbs:
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    found.update(t.i for t in child.subtree)
        if token.lower_ == "according":
            found.update(t.i for t in token.subtree)
    return found
