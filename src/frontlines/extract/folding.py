"""Folding sentences into the events already told: victims and later tolls reported for the
last event, responsibility claims, withdrawals that are part of a takeover, and the back
references ('the attack', 'Sunday's blast') that name an event already reported."""

from __future__ import annotations

import calendar
import re
from dataclasses import replace

from spacy.tokens import Span, Token

from frontlines.extract.entities import doc_text
from frontlines.extract.filters import has_phrase
from frontlines.extract.lexicon import Lexicon, load_lexicon
from frontlines.extract.numbers import find_quantities, total
from frontlines.extract.typer import TERRITORIAL_TYPES, VIOLENT_EVENT_TYPES
from frontlines.models import Actor, Evidence, Mention, ResolvedPlace
from frontlines.nlp.actors import GENERIC_ARMED_GROUP

ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such"})
# A day as possessor of an event noun ('Sunday's attack', 'Tuesday's blast') names an event
# the report has already told.
WEEKDAYS = frozenset(day.lower() for day in calendar.day_name)
DAY_WORDS = WEEKDAYS | {"today", "yesterday", "tonight", "weekend"}


OPENING_QUOTES = frozenset({"\u201c", '"'})
CLOSING_QUOTES = frozenset({"\u201d", '"'})


def is_quoted(token: Token) -> bool:
    """The word is inside a quotation in its paragraph ('"They fired on us," he said'): a
    witness retelling the event the report has told, not a new one."""
    text = doc_text(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    before = text[start : token.idx]
    straight = before.count('"')
    curly_open = before.count("\u201c")
    curly_close = before.count("\u201d")
    return straight % 2 == 1 or curly_open > curly_close


def refers_back(token: Token) -> bool:
    """'the attack', 'the blast', 'this strike', 'Sunday's attack' after an event was reported:
    the same event."""
    return token.pos_ in ("NOUN", "PROPN") and any(
        (child.dep_ == "det" and child.lower_ in ANAPHORIC_DETERMINERS)
        or (child.dep_ == "poss" and child.lower_ in DAY_WORDS)
        for child in token.children
    )


# Withdrawal-role triggers that are the territorial event itself ('without a fight').
NOT_WITHDRAWALS = frozenset({"without", "hand"})


def fold_withdrawals(mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
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


def fold_victim_reports(
    found: list[Mention], earlier: list[Mention], lexicon: Lexicon, sent: Span | None = None
) -> list[Mention]:
    """'The governor says two workers were killed': a killing with no perpetrator of its own,
    right after a violent event and at no other place, reports that event's victims; its
    figure is added there — unless they are the same victims or named among the toll already
    told ('three police officers were among those killed')."""
    if not found or not earlier:
        return found
    previous = earlier[-1]
    kept: list[Mention] = []
    back_reference = sent is not None and _names_an_event_back(sent, lexicon)
    for mention in found:
        unattributed = (
            mention.actor1 is not None
            and mention.actor1.start < 0
            and mention.actor1.name == GENERIC_ARMED_GROUP
            and mention.sub_event_type in ("Armed clash", "Attack")
            and previous.event_type in VIOLENT_EVENT_TYPES
        )
        if unattributed and back_reference and _elsewhere_inside(mention, previous):
            # 'Nine people were killed by the strikes in Kharkiv city while two others were
            # killed in Krasnohrad': the event told before, at each of its places.
            kept.append(_like_the_previous(mention, previous))
            continue
        tells_victims = unattributed and _same_or_no_place(mention, previous)
        if tells_victims and _on_another_day(mention, previous):
            if SAME_PLACE.search(mention.sentence.text):
                mention = _like_the_previous(mention, previous)
            kept.append(mention)
            continue
        if tells_victims:
            same_victims = (
                mention.actor2 is not None
                and previous.actor2 is not None
                and mention.actor2.name == previous.actor2.name
            ) or has_phrase(mention.sentence.text, lexicon.subset_phrases)
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


# 'killed in the same districts on Saturday': the event before, on another day.
SAME_PLACE = re.compile(
    r"\bthe same (?:areas?|districts?|villages?|towns?|city|neighbou?rhoods?|region|province|"
    r"places?|locations?)\b",
    re.IGNORECASE,
)


def _names_an_event_back(sent: Span, lexicon: Lexicon) -> bool:
    """'killed by the strikes', 'in the attack': the sentence names, with a definite article, an
    event noun (cues.json event_nouns), so it goes on about the event told before."""
    return any(
        token.pos_ == "NOUN" and refers_back(token) and token.lemma_.lower() in lexicon.event_nouns
        for token in sent
    )


def _elsewhere_inside(mention: Mention, previous: Mention) -> bool:
    """The mention is placed, at places other than the previous mention's, each inside the
    country or province one of them names."""
    if not mention.places or _same_or_no_place(mention, previous):
        return False
    return all(
        any(
            place.country_code == outer.country_code
            and (outer.level == "country" or (outer.admin1 and place.admin1 == outer.admin1))
            for outer in previous.places
        )
        for place in mention.places
    )


def _like_the_previous(mention: Mention, previous: Mention) -> Mention:
    """Victims told of another day 'in the same districts': the same kind of event by the same
    side, at the same places, on its own day and with its own toll."""
    return replace(
        mention,
        event_type=previous.event_type,
        sub_event_type=previous.sub_event_type,
        disorder_type=previous.disorder_type,
        actor1=previous.actor1,
        places=mention.places or previous.places,
    )


def _on_another_day(mention: Mention, previous: Mention) -> bool:
    """'Nearly 90 civilians were reported killed in the same districts on Saturday' after
    Sunday's bombing: victims of another day are another event."""
    named, before = _event_days(mention.sentence.text), _event_days(previous.sentence.text)
    return bool(named and before and not named & before)


# Words after which a weekday dates the telling, not the event ('an official said Wednesday').
TELLING_WORDS = frozenset(
    {"said", "says", "told", "reported", "announced", "added", "stated", "confirmed", "on"}
)


def _event_days(text: str) -> set[str]:
    words = [w.strip(".,;:\"'").removesuffix("'s") for w in text.lower().split()]
    days = set()
    for index, word in enumerate(words):
        if word not in WEEKDAYS:
            continue
        before = [w for w in words[max(0, index - 2) : index] if w != "on"]
        if before and before[-1] in TELLING_WORDS:
            continue
        days.add(word)
    return days


def _same_or_no_place(mention: Mention, previous: Mention) -> bool:
    """The mention names no place of its own, one of the previous mention's places, or only a
    country or province that holds one of them ('sources in Iraq's capital said ...' after an
    attack in Baghdad). Fighting 'in the adjoining city of Kandahar' is another event, not the
    last one's victims."""
    if not mention.places:
        return True
    earlier = {place.place_id or place.name for place in previous.places}
    if any((place.place_id or place.name) in earlier for place in mention.places):
        return True
    return all(any(_holds(place, inner) for inner in previous.places) for place in mention.places)


def _holds(outer: ResolvedPlace, inner: ResolvedPlace) -> bool:
    """`outer` is the country or first-level unit `inner` lies in."""
    if not outer.country_code or outer.country_code != inner.country_code:
        return False
    if outer.level == "country":
        return True
    return outer.level == "admin1" and outer.admin1 is not None and outer.admin1 == inner.admin1


def with_later_toll(mention: Mention, sent: Span, lexicon: Lexicon) -> Mention:
    """'... said dozens of Taliban fighters were killed and six soldiers died in the clashes': a
    toll given for an event already reported, when that report had none — or its whole toll
    ('The blast killed a total of four people') above the victims it had listed."""
    if mention.event_type not in VIOLENT_EVENT_TYPES:
        return mention
    is_whole_toll = any(token.lemma_.lower() in lexicon.total_words for token in sent)
    if mention.fatalities is not None and not is_whole_toll:
        return mention
    if _is_speculative_toll(sent, lexicon):
        return mention  # 'the death toll could pass 20': a guess, not a count
    if not any(
        refers_back(token)
        and token.lemma_.lower() not in lexicon.cumulative_nouns
        and not token.ent_type_  # 'according to the Armed Conflict ... Data Project'
        and not any(a.dep_ == "relcl" for a in (token, *token.ancestors))  # 'which tracks ...'
        for token in sent
        if token.pos_ == "NOUN"
    ):
        return mention  # 'The violence has left 3,100 dead': a war's toll, not the event's
    killed = total(find_quantities(sent, lexicon), "killed")
    if not killed or killed <= (mention.fatalities or 0):
        return mention
    return replace(
        mention,
        fatalities=killed,
        extra_evidence=(*mention.extra_evidence, evidence_of(sent, mention.doc_id)),
    )


def _is_speculative_toll(sent: Span, lexicon: Lexicon) -> bool:
    """A toll under a modal ('could pass 20', 'may rise to 30')."""
    return any(
        token.dep_ == "aux"
        and token.lower_ in lexicon.modal_auxiliaries
        and any(t.lemma_.lower() in lexicon.total_words for t in token.head.subtree)
        for token in sent
    )


def evidence_of(sent: Span, doc_id: str) -> Evidence:
    return Evidence(doc_id, sent.start_char, sent.end_char, sent.text)


def with_responsibility_claim(mention: Mention, sent: Span) -> Mention:
    """'Islamic State's Afghan branch claimed responsibility for the attack' after an event."""
    claimant = responsibility_claimant(sent)
    return mention if claimant is None else with_claimant(mention, claimant)


# 'claimed responsibility', 'took credit', 'accepted responsibility' (with the nouns of
# attribution.json's responsibility_words).
OWNING_VERBS = frozenset({"claim", "take", "accept", "assume"})


def responsibility_claimant(sent: Span) -> Actor | None:
    """The actor a sentence says claimed responsibility ('al-Shabab claimed responsibility for
    the attack', 'Islamic State ... took credit for the bombing'), or None."""
    from frontlines.extract.arguments import actors_in

    owned_words = load_lexicon().responsibility_words
    for token in sent:
        if token.lemma_.lower() not in OWNING_VERBS:
            continue
        objects = [c for c in token.children if c.dep_ == "dobj" and c.lower_ in owned_words]
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if not objects or not subjects:
            continue
        named = actors_in(list(subjects[0].subtree), allow_unknown=True)
        if named:
            return named[0]
    return None


def disclaims_responsibility(sent: Span, lexicon: Lexicon) -> bool:
    """'There was no immediate claim of responsibility', 'No one has claimed responsibility',
    'no one took immediate credit', 'the group denied any role': nobody owned the attack."""
    lemmas = {token.lemma_.lower() for token in sent}
    words = {token.lower_ for token in sent}
    owned = lemmas & lexicon.responsibility_words
    if lemmas & lexicon.denial_verbs:
        return bool(owned or lemmas & lexicon.denial_objects)
    return bool(owned and words & lexicon.responsibility_negations)


def is_violent(mention: Mention) -> bool:
    return mention.event_type in VIOLENT_EVENT_TYPES


def with_claimant(mention: Mention, claimant: Actor) -> Mention:
    """The claimant becomes the perpetrator when none was named, and is cited as a claimant."""
    actor1 = mention.actor1
    if actor1 is None or actor1.name == GENERIC_ARMED_GROUP:
        actor1 = claimant
    cited = [name for name in (mention.claimed_by, claimant.name) if name]
    # A toll another source reported stays reported: the group owns the attack, not the figure.
    reported_by_others = mention.claimed_by is not None and mention.certainty == "reported"
    return replace(
        mention,
        actor1=actor1,
        claimed_by="; ".join(dict.fromkeys(cited)),
        certainty="reported" if reported_by_others else "claimed",
    )


def with_sources_named_in_full(mentions: list[Mention]) -> list[Mention]:
    """'..., according to the spokesman' after 'Government spokesman Remis Dandjinou said ...':
    a source given by its bare role is the one named in full before it with that role."""
    named: dict[str, str] = {}
    result = []
    for mention in mentions:
        if mention.claimed_by:
            parts = [_in_full(part.strip(), named) for part in mention.claimed_by.split(";")]
            for part in parts:
                words = part.split()
                if len(words) > 1 and "and" not in words:
                    for word in words:
                        named.setdefault(word.lower(), part)
            mention = replace(mention, claimed_by="; ".join(dict.fromkeys(parts)))
        result.append(mention)
    return result


def _in_full(part: str, named: dict[str, str]) -> str:
    words = part.split()
    return named.get(words[0].lower(), part) if len(words) == 1 else part
