"""The not-event filter: plans, threats, futures, negations, conditions, habits, aggregates.

Checks, in order, for a trigger in its sentence (the first that fires names the reason):
1. a question or an opinion phrase in the sentence;
2. a not-event phrase anywhere in the sentence ("every day", "on the verge of", "plans to");
3. negation on the trigger or the verb it hangs from ("did not capture", "no casualties");
4. a modal or future auxiliary on the trigger's clause ("will attack", "could fall");
5. a governing plan/threat/attempt word up the tree ("threatened to attack", "close to capturing");
6. a conditional subordinator on the trigger's clause ("if the Taliban capture ...");
   a simple present or a present progressive with no day named (a dated present is a
   timeline's narrative; 'protesters are demanding rights' is what goes on);
   a clause dated weeks before the sentence's event ('a week after ... signed a deal');
7. background: history phrases or a year well before the publication year (or, undated, the
   latest year the report names) in the trigger's own clause — a clause describing a noun
   ('who were ousted in 2001') does not date the main event.
An aggregate over a period ('since October', 'between 2014 and 2015') is no single event.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from spacy.tokens import Span, Token

from frontlines.extract.accusation import accused_party
from frontlines.extract.lexicon import Lexicon, load_lexicon

# How many steps up the dependency tree a governing plan/threat word is looked for.
MAX_GOVERNOR_DEPTH = 6
# A year this many years before publication marks the sentence as background history.
BACKGROUND_YEARS = 2
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
# A month named without a year this many months before publication marks background.
BACKGROUND_MONTHS = 2
MONTHS = tuple(name.lower() for name in calendar.month_name[1:])
# Capitalised month names only ('may' is a modal verb).
MONTH = re.compile(r"\b(" + "|".join(calendar.month_name[1:]) + r")\b")
# Sentences this long (tokens) are run-ons: cues are looked for near the trigger only, in its
# clause, or within CLAUSE_WINDOW tokens either side when the clause is as long (transcripts).
LONG_SENTENCE_TOKENS = 45
CLAUSE_WINDOW = 12
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "xcomp", "relcl", "acl", "pcomp", "conj"})
# A count over a period rather than one event: 'killed since October', 'since February 2022',
# 'between early 2014 and late 2015' (seen in reports on Iraq, Ukraine, Myanmar, Afghanistan).
_MONTH_OR_YEAR = r"(?:" + "|".join(calendar.month_name[1:]) + r"|(?:19|20)\d\d)"
AGGREGATE_PERIOD = re.compile(
    rf"\b[Ss]ince (?:the )?(?:(?:early|late|mid|the (?:start|beginning|end) of) )?"
    rf"{_MONTH_OR_YEAR}\b"
    rf"|\bbetween (?:(?:early|late|mid) )?{_MONTH_OR_YEAR}(?: \d{{4}})? and "
    rf"(?:(?:early|late|mid) )?{_MONTH_OR_YEAR}"
)
# A toll over several events rather than one: 'killed in two separate incidents', 'in three
# attacks across Colombia', 'in a series of raids' (seen in reports on Burkina Faso, Colombia,
# Nigeria, Iraq): each event is told (or not) on its own.
AGGREGATE_EVENTS = re.compile(
    r"\b(?:in|during) (?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|multiple|"
    r"numerous|a series of|a spate of|a wave of) (?:separate |different |distinct |coordinated |"
    r"simultaneous |related |insurgent |militant |jihadist |deadly )?(?:attacks|incidents|"
    r"strikes|clashes|raids|bombings|explosions|assaults|ambushes|massacres)\b",
    re.IGNORECASE,
)
# Counts over repeated events or over several regions: 'has been attacked three times', 'killed
# in violence targeting villages in four regions across the country' (Sahel and Sudan reports),
# 'insurgents were killed in eastern and southern Afghanistan over the past 24 hours during
# separate clearing operations' (ISAF daily updates).
_SEVERAL = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|multiple|numerous)"
_COMPASS = r"(?:north|south|east|west)(?:ern)?"
AGGREGATE_SPREAD = re.compile(
    rf"\b{_SEVERAL} times\b|\bin {_SEVERAL} (?:regions|provinces|states|districts|"
    r"governorates|oblasts|countries)\b"
    rf"|\bin {_COMPASS}(?:, {_COMPASS})* and {_COMPASS} [A-Z]"
    r"|\bduring separate (?:[a-z]+ ){0,4}operations\b",
    re.IGNORECASE,
)
# A present tense with a day named is narrative, not habit: timelines and live reports write
# 'August 8 – Sar-e Pul: The group captures the city', 'On Friday the rebels take the town'.
_DAY_NAMES = "|".join(calendar.day_name)
_MONTH_NAMES = "|".join(calendar.month_name[1:])
NAMED_DAY = re.compile(
    rf"\b(?:{_DAY_NAMES}|today|tonight|yesterday)\b"
    rf"|\b(?:{_MONTH_NAMES})\.? \d{{1,2}}\b|\b\d{{1,2}} (?:{_MONTH_NAMES})\b"
)
# A live report of what is happening as it is told ('the Taliban are attacking the city right
# now'): a present progressive with one of these is an event of the day (broadcasts).
LIVE_NOW = re.compile(
    r"\b(?:right now|now|currently|at the moment|at this hour|as we speak|this morning|"
    r"this afternoon|this evening)\b",
    re.IGNORECASE,
)
# Dependencies that open a clause describing a noun: a year inside one ('the town, which was
# seized in 2014') dates that noun, not the sentence's main event.
DESCRIBING_DEPS = frozenset({"relcl", "acl", "appos"})


@lru_cache(maxsize=4)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def scope_text(sent: Span, trigger: Token) -> str:
    """The words a trigger's cues are looked for in: the sentence, or in a long run-on sentence
    (transcripts) only the clause of the trigger."""
    if len(sent) < LONG_SENTENCE_TOKENS:
        return sent.text
    verb = _clause_verb(trigger)
    start = max(verb.left_edge.i, sent.start)
    end = min(verb.right_edge.i + 1, sent.end)
    if end - start >= LONG_SENTENCE_TOKENS:
        start, end = (
            max(trigger.i - CLAUSE_WINDOW, sent.start),
            min(trigger.i + CLAUSE_WINDOW, sent.end),
        )
    return sent.doc[start:end].text


def has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    """True when one of the phrases is in the text as words (case and apostrophes folded)."""
    folded = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return _phrase_pattern(phrases).search(folded) is not None


def _clause_verb(token: Token) -> Token:
    """The verb whose clause a trigger word belongs to (the word itself when it is a verb)."""
    current = token
    for _ in range(MAX_GOVERNOR_DEPTH):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def _is_negated(token: Token, lexicon: Lexicon) -> bool:
    if token.dep_ == "pcomp" and token.head.lower_ == "without":
        return True  # 'dozens were injured, without agreeing on a figure'
    verb = _clause_verb(token)
    for candidate in {token, verb}:
        for child in candidate.children:
            if child.dep_ == "neg" or (
                child.dep_ == "det" and child.lower_ == "no" and candidate.i == token.i
            ):
                return True
    return False


def _has_modal(token: Token, lexicon: Lexicon) -> bool:
    verb = _clause_verb(token)
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in lexicon.modal_auxiliaries:
            return True
        if child.dep_ == "aux" and child.lower_ == "going":
            return True
    return False


def _has_governor(token: Token, lexicon: Lexicon) -> bool:
    current = token
    for _ in range(MAX_GOVERNOR_DEPTH):
        head = current.head
        if head.i == current.i:
            return False
        if current.dep_ in (
            "xcomp",
            "pcomp",
            "pobj",
            "acl",
            "prep",
            "ccomp",
            "advcl",
            "dobj",
            "nsubjpass",
        ) or (head.pos_ in ("ADJ", "NOUN") and current.dep_ in ("prep", "acl")):
            if (
                head.lemma_.lower() in lexicon.not_event_governors
                and not (
                    head.lemma_.lower() in lexicon.accusation_verbs
                    and accused_party(token, lexicon) is not None
                )
                and not _continued_on_a_day(head, current)
                and not _was_able(head)
            ):
                return True
        elif current.dep_ not in ("aux", "auxpass", "compound", "amod", "nmod", "conj"):
            return False
        current = head
    return False


WEEKDAYS = frozenset(day.lower() for day in calendar.day_name) | {"yesterday", "today"}


def _continued_on_a_day(governor: Token, clause: Token) -> bool:
    """'Aircraft continued dropping barrel bombs Sunday on Aleppo': going on with it on a named
    day is that day's event; 'the militants continue to attack police posts' is no event."""
    if governor.lemma_.lower() != "continue":
        return False
    dated = (*clause.children, *governor.children)
    return any(child.ent_type_ == "DATE" and child.lower_ in WEEKDAYS for child in dated)


def _was_able(governor: Token) -> bool:
    """'The military said it was able to thwart another attack and seize a rocket': being able
    to, in the past, says it was done; 'the group is able to strike' says only that it could."""
    if governor.lemma_.lower() != "able":
        return False
    if governor.dep_ == "acomp" and governor.head.tag_ == "VBD":
        return True  # 'it was able to ...' (the parser hangs 'able' on 'was')
    return any(child.dep_ == "cop" and child.tag_ == "VBD" for child in governor.children)


def _is_purpose_infinitive(token: Token, lexicon: Lexicon) -> bool:
    """'conducted an operation to capture a Taliban leader': an infinitive says what was meant
    to happen, unless its governor says it did ('forced to withdraw', 'managed to seize')."""
    verb = token
    if verb.pos_ != "VERB" or verb.dep_ not in ("xcomp", "advcl", "acl", "relcl", "ccomp"):
        return False
    if not any(child.tag_ == "TO" for child in verb.children):
        return False
    return verb.head.lemma_.lower() not in lexicon.implicative_verbs and not _was_able(verb.head)


def _is_conditional(token: Token, lexicon: Lexicon) -> bool:
    verb = _clause_verb(token)
    return any(
        child.dep_ == "mark" and child.lower_ in lexicon.conditional_markers
        for child in verb.children
    )


def _is_trend(token: Token, lexicon: Lexicon) -> bool:
    """'Fighting has intensified', 'escalating fighting', 'increasing raids', 'ongoing
    protests': a trigger noun described as a trend reports no single event."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(
        c.dep_ in ("amod", "compound") and c.lemma_.lower() in lexicon.trend_words
        for c in token.children
    ):
        return True
    head = token.head
    if head.lemma_.lower() not in lexicon.trend_words:
        return False
    # 'reports escalating fighting' parsed as a participle with the noun as its object
    return token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "dobj" and head.tag_ == "VBG")


def _is_undated_plural_perfect(sent: Span, token: Token) -> bool:
    """'The RSF has carried out revenge attacks', 'the military has conducted airstrikes', 'it
    has destroyed schools, health clinics and entire villages': a plural event noun, or a bare
    plural object, under a present perfect with no day named sums up, it tells no event."""
    if NAMED_DAY.search(sent.text):
        return False
    if token.tag_ != "NNS" and not _has_bare_plural_object(token):
        return False
    verb = _clause_verb(token)
    return _is_present_perfect(verb)


def _is_since_then(token: Token) -> bool:
    """'The RSF began fighting the army in April 2023 and has since taken over the capital':
    a present perfect with a bare 'since' (since then) sums up what happened after a past
    date; it tells no new event."""
    if NAMED_DAY.search(token.sent.text):
        return False
    verb = _clause_verb(token)
    return _is_present_perfect(verb) and any(
        child.dep_ == "advmod" and child.lower_ == "since" and not list(child.children)
        for child in verb.children
    )


def _has_bare_plural_object(token: Token) -> bool:
    """The verb's object is a plural with no determiner, number or owner ('destroyed schools')."""
    if token.pos_ != "VERB":
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return bool(objects) and all(
        obj.tag_ == "NNS"
        and obj.ent_type_ == ""
        and not any(c.dep_ in ("det", "nummod", "poss") for c in obj.children)
        for obj in objects
    )


def _is_present_perfect(verb: Token) -> bool:
    """'has carried out', 'have taken': the verb has a present-tense 'have' auxiliary."""
    return any(
        c.dep_ == "aux" and c.lemma_.lower() == "have" and c.tag_ in ("VBZ", "VBP")
        for c in verb.children
    )


def _is_duration_background(token: Token, lexicon: Lexicon) -> bool:
    head = token.head
    return (
        token.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lemma_.lower() in lexicon.duration_words
    )


# 'The raid took place a week after the alliance signed a deal', 'months after militants
# killed 12 soldiers': a clause dated weeks or more from the sentence's event is its backdrop
# ('a day after they seized the airport' is the same operation and stays an event).
TIME_UNITS = frozenset({"week", "month", "year"})
RELATIVE_MARKS = frozenset({"after", "before"})


def _is_relative_backdrop(token: Token) -> bool:
    verb = _clause_verb(token)
    if verb.dep_ != "advcl":
        return False
    for child in verb.children:
        if child.dep_ == "mark" and child.lower_ in RELATIVE_MARKS and child.i > 0:
            before = child.doc[child.i - 1]
            if before.lemma_.lower() in TIME_UNITS and before.dep_ == "npadvmod":
                return True
    return False


# Counts of places taken: 'have taken control of fifteen provincial capitals', 'captured more
# than 80 districts' sum up many takeovers; each is told (or not) with its place.
# Two places still make a report of two takeovers ('captured two districts in Badakhshan').
VAGUE_COUNT_WORDS = frozenset({"several", "many", "dozens", "numerous", "scores", "multiple"})
FEW_WORDS = frozenset({"one", "two", "1", "2", "both"})


def _counts_places(token: Token, lexicon: Lexicon) -> bool:
    verb = _clause_verb(token)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    for obj in list(objects):
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objects.extend(c for c in prep.children if c.dep_ == "pobj")
    return any(
        obj.tag_ == "NNS"
        and obj.lemma_.lower() in lexicon.territory_words
        and any(
            (c.dep_ == "nummod" and c.lower_ not in FEW_WORDS)
            or (c.dep_ == "amod" and c.lower_ in VAGUE_COUNT_WORDS)
            for c in obj.children
        )
        for obj in objects
    )


def _describes_an_actor(sent: Span, token: Token) -> bool:
    """'the RSF, which has also taken over swathes of Kordofan': an undated present perfect in a
    relative clause describes who someone is, not what happened."""
    verb = _clause_verb(token)
    if verb.dep_ != "relcl" or NAMED_DAY.search(sent.text):
        return False
    return _is_present_perfect(verb)


def _is_present_progressive(token: Token) -> bool:
    """'Protesters are demanding democratic rights', 'the Afghan forces are fighting
    effectively': an undated present progressive tells what is going on, not an event."""
    verb = _clause_verb(token)
    if verb.tag_ != "VBG":
        return False
    return any(c.dep_ == "aux" and c.lower_ in ("is", "are", "am") for c in verb.children)


def _is_simple_present(token: Token, lexicon: Lexicon) -> bool:
    """'The leader conducts roadside bomb attacks': reports tell events in the past (or the
    present perfect); a simple-present clause describes a habit or a standing fact."""
    verb = _clause_verb(token)
    if verb.lower_.endswith("ed") or verb.lower_ in lexicon.irregular_forms:
        return False
    if verb.tag_ not in ("VBZ", "VBP") or verb.lemma_.lower() in ("be", "have"):
        if verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() == "be":
            return not any(c.dep_ in ("nsubjpass",) for c in verb.children) and token.i != verb.i
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def trigger_clause_text(sent: Span, trigger: Token) -> str:
    """The sentence without the clauses that describe a noun and do not hold the trigger
    ('... the capital, which the Taliban ruled until 2001, ...' keeps only the main clause)."""
    dropped: set[int] = set()
    for token in sent:
        if token.dep_ in DESCRIBING_DEPS and token.pos_ in ("VERB", "AUX"):
            subtree = {t.i for t in token.subtree}
            if trigger.i not in subtree:
                dropped |= subtree
    return "".join(t.text_with_ws for t in sent if t.i not in dropped)


def _is_background(
    text: str, published_year: int | None, published_month: int | None, lexicon: Lexicon
) -> bool:
    if has_phrase(text, lexicon.background_phrases):
        return True
    if published_year is None:
        return False
    years = [int(y) for y in YEAR.findall(text)]
    if years:
        if max(years) <= published_year - BACKGROUND_YEARS:
            return True
        return _months_back_from(text, published_year, published_month, len(years))
    if published_month is None:
        return False
    months = [MONTHS.index(m.lower()) + 1 for m in MONTH.findall(text)]
    # 'in the first week of March' in an August report: months back, history not news.
    return bool(months) and all((published_month - m) % 12 >= BACKGROUND_MONTHS for m in months)


MONTH_OF_A_YEAR = re.compile(
    r"\b(" + "|".join(calendar.month_name[1:]) + r")\.?\s+(?:\d{1,2},?\s+)?(19[5-9]\d|20[0-4]\d)\b"
)


def _months_back_from(
    text: str, published_year: int, published_month: int | None, year_count: int
) -> bool:
    """'The RSF began fighting the army in April 2023' in a June 2024 report: every year named
    comes with its month, and all are months before publication."""
    if published_month is None:
        return False
    dated = MONTH_OF_A_YEAR.findall(text)
    if not dated or len(dated) < year_count:
        return False
    now = published_year * 12 + published_month
    return all(
        now - (int(year) * 12 + MONTHS.index(month.lower()) + 1) >= BACKGROUND_MONTHS
        for month, year in dated
    )


def _without_day_windows(text: str, lexicon: Lexicon) -> str:
    """The text without 'over the past day' or 'in the last 24 hours' (a daily toll)."""
    lowered = text.lower()
    for phrase in lexicon.day_window_phrases:
        lowered = lowered.replace(phrase, " ")
    return lowered


def not_event_reason(
    sent: Span,
    trigger: Token,
    *,
    published_year: int | None = None,
    published_month: int | None = None,
    lexicon: Lexicon | None = None,
) -> str | None:
    """Why the trigger in this sentence is not a reported event, or None when it is one."""
    lexicon = lexicon or load_lexicon()
    text = scope_text(sent, trigger)
    if sent.text.rstrip().endswith("?"):
        return "question"
    if has_phrase(text, lexicon.opinion_phrases):
        return "opinion"
    if has_phrase(_without_day_windows(text, lexicon), lexicon.not_event_phrases):
        return "habitual, aggregate or planned"
    if AGGREGATE_PERIOD.search(text):
        return "aggregate over a period ('since October')"
    if AGGREGATE_EVENTS.search(text):
        return "aggregate over several events ('in two separate incidents')"
    if AGGREGATE_SPREAD.search(text):
        return "aggregate ('attacked three times', 'in four regions')"
    if _is_undated_plural_perfect(sent, trigger):
        return "aggregate ('has carried out attacks')"
    if _is_since_then(trigger):
        return "summary ('has since taken over the capital')"
    if _is_trend(trigger, lexicon):
        return "trend ('fighting has intensified')"
    if _describes_an_actor(sent, trigger):
        return "description ('the RSF, which has taken over much of Darfur')"
    if _counts_places(trigger, lexicon):
        return "aggregate ('captured 15 provincial capitals')"
    if _is_duration_background(trigger, lexicon):
        return "duration background ('weeks of fighting')"
    if _is_relative_backdrop(trigger):
        return "backdrop ('a week after the alliance signed a deal')"
    if _is_negated(trigger, lexicon):
        return "negated"
    if _has_modal(trigger, lexicon):
        return "future or hypothetical"
    if _has_governor(trigger, lexicon):
        return "plan, threat or attempt"
    if _is_purpose_infinitive(trigger, lexicon):
        return "purpose ('an operation to capture')"
    if _is_conditional(trigger, lexicon):
        return "conditional"
    if _is_simple_present(trigger, lexicon) and not NAMED_DAY.search(sent.text):
        return "habitual (simple present)"
    if (
        _is_present_progressive(trigger)
        and not NAMED_DAY.search(sent.text)
        and not LIVE_NOW.search(sent.text)
    ):
        return "ongoing (present progressive)"
    clause = trigger_clause_text(sent, trigger) if len(sent) < LONG_SENTENCE_TOKENS else text
    if _is_background(clause, published_year, published_month, lexicon):
        return "background"
    return None
