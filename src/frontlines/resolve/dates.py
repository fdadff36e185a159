"""Event dates from text: datelines, absolute and relative expressions, ACLED time precision.

Ranges ("since June 22", "in the past 24 hours", "recently") are dated on their last day (the
anchor) with date_min/date_max giving the span. `resolve_date` tries, in order: a full date in
the sentence ("July 3, 2021"); a month and day without year ("on July 3": the latest such day
not after the anchor); "since <date>" ranges; weekdays ("on Saturday"); relative words from
data/gazetteer/dates.json ("yesterday", "last night", "in the past 24 hours", "last week",
"recently"); "N days ago"; then dateparser for fragments our patterns leave ("July the 3rd",
"03/07/2021", day first); then the same over the earlier `context`; finally the anchor itself
at week precision. The anchor is the publication date, else a dateline. Without an anchor only
a full date resolves; nothing is invented and no date is after the anchor. The governing date in
the context is the nearest earlier dated sentence of the paragraph; `header_end` marks the
release header (title, dateline), whose date is when the text was written, so callers leave it
out; `following_date` dates an undated sentence from the ones after it. A date qualifying a noun
("the July 2 attack") ranks below every other date of the sentence.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from frontlines.models import DateRange

# Without any date expression, the event is placed within this many days before publication
# (ACLED week precision); calibrated on ISAF releases, which report events of the past days.
UNDATED_WINDOW_DAYS = 6
# A sentence without a date of its own takes the date of the nearest of this many sentences
# before it in its paragraph; calibrated on ISAF releases (lede, then two or three details).
CONTEXT_SENTENCES = 3
# The expression recorded for an event dated only by the undated window before the anchor.
UNDATED_EXPRESSION = "publication date"
# A dateline is looked for in this many leading characters.
DATELINE_WINDOW = 400


@dataclass(frozen=True, slots=True)
class _Found:
    rank: int
    position: int
    date_range: DateRange


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, Any]:
    text = resources.files("frontlines.data.gazetteer").joinpath("dates.json").read_text()
    data: dict[str, Any] = json.loads(text)
    return data


def _month_pattern() -> str:
    return "|".join(sorted(_vocabulary()["months"], key=len, reverse=True))


_MONTH = _month_pattern()
_WEEKDAY = "|".join(_vocabulary()["weekdays"])
_YEAR = r"(?:19|20)\d\d"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
FULL_MDY = re.compile(rf"\b({_MONTH})\.?\s+({_DAY}),?\s+({_YEAR})\b", re.IGNORECASE)
FULL_DMY = re.compile(rf"\b({_DAY})\s+(?:of\s+)?({_MONTH})\.?,?\s+({_YEAR})\b", re.IGNORECASE)
ISO_DATE = re.compile(rf"\b({_YEAR})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")
MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+({_DAY})\b(?!\s*,?\s*(?:19|20)\d\d)", re.IGNORECASE)
DAY_MONTH = re.compile(
    rf"\b({_DAY})\s+(?:of\s+)?({_MONTH})\b(?!\.?,?\s*(?:19|20)\d\d)", re.IGNORECASE
)
# A sentence ends at . ! ? before a capital or quote: "Feb. 8" and "36 kg. of" do not split.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")
PARAGRAPH_BREAK = re.compile(r"[\n\u2028\u2029]\s*[\n\u2028\u2029]")
SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
WEEKDAY = re.compile(rf"\b(last\s+)?({_WEEKDAY})\b", re.IGNORECASE)
DAYS_AGO = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six|a)\s+(days?|weeks?)\s+ago\b", re.IGNORECASE
)
WORD_NUMBERS = {"a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_RELATIVE = re.compile(
    r"\b("
    + "|".join(re.escape(k) for k in sorted(_vocabulary()["relative"], key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
# "KABUL, Afghanistan (Nov. 20, 2011)", "KABUL, July 6 (Reuters) -", "KABUL, Afghanistan (Sept. 1)"
DATELINE = re.compile(
    rf"\b[A-Z][A-Z.'\- ]{{2,}},\s+(?:[A-Z][A-Za-z]+\s*)?\(?\s*({_MONTH})\.?\s+({_DAY})"
    rf"(?:,?\s+({_YEAR}))?\s*\)?",
    re.IGNORECASE,
)
# A wire dateline without a place: "July 5 (Reuters) -", "Nov. 20, 2011 (AP) —".
WIRE_DATELINE = re.compile(
    rf"(?:^|\n)\s*({_MONTH})\.?\s+({_DAY})(?:,?\s+({_YEAR}))?\s*\([A-Z][\w .&]{{1,30}}\)\s*[-–—]",
    re.IGNORECASE,
)
# Fragments left to dateparser: "July the 3rd", "03/07/2021", "3.7.2021".
PARSER_FRAGMENT = re.compile(
    rf"\b(?:{_MONTH})\.?\s+the\s+{_DAY}\b|\b\d{{1,2}}[/.]\d{{1,2}}[/.](?:19|20)?\d\d\b",
    re.IGNORECASE,
)
# "June 2011", "June 3, 2011" anywhere in a text: months the text reports.
# "in March", "in late September", "during mid-January": a month named without a day or year.
BARE_MONTH = re.compile(
    rf"\b(?:in|during|until|by|since|throughout)\s+(?:(early|late|mid)[- ]?)?({_MONTH})\b"
    rf"(?!\.?\s*(?:{_DAY}\b|,?\s*(?:19|20)\d\d))",
    re.IGNORECASE,
)
# Bare months rank below every day-level expression of the sentence ("who captured it in March
# and attacked on Monday" is dated Monday).
BARE_MONTH_RANK = 6
MONTH_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
MONTH_OF_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(?:({_DAY}),?\s+)?({_YEAR})\b", re.IGNORECASE)
# A date that qualifies a noun ("the July 2 attack", "Saturday's election") ranks below every
# date of the reported event ("today" included).
NOUN_MODIFIER_RANK = 7
POSSESSIVE = re.compile(r"['\u2019]s\b")
DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that|its|their)\s+$", re.IGNORECASE)
NOUN_AFTER = re.compile(
    r"\s+(?!(?:and|or|in|on|at|to|of|by|for|from|with|when|while|after|before|that|which)\b)"
    r"[a-z]{3,}"
)
ANY_YEAR = re.compile(rf"(?<!\d)({_YEAR})(?!\d)")
# A title line that starts with or ends in a date: "May 11: Afghan-ISAF Forces ...",
# "IJC Operational Update, July 16".
HEADLINE_DATE = re.compile(
    rf"^\s*(?:({_MONTH})\.?\s+({_DAY})(?:,?\s+({_YEAR}))?\s*:|.{{0,80}},\s*({_MONTH})\.?\s+"
    rf"({_DAY})(?:,?\s+({_YEAR}))?\s*$)",
    re.IGNORECASE,
)


def find_dateline(text: str) -> date | None:
    """The date of a dateline near the top of the text ("KABUL, Afghanistan (Jan. 25, 2013)");
    a dateline without a year takes the year written elsewhere in the text, else None."""
    head = text[:DATELINE_WINDOW]
    for match in DATELINE.finditer(head):
        if not _is_dateline(match, head):
            continue
        month = _month(match.group(1))
        day = _day(match.group(2))
        year = int(match.group(3)) if match.group(3) else _year_elsewhere(text, month, day)
        if year is None:
            return None
        return _safe_date(year, month, day)
    wire = WIRE_DATELINE.search(head)
    if wire is not None and wire.group(1)[:1].isupper():
        month, day = _month(wire.group(1)), _day(wire.group(2))
        year = int(wire.group(3)) if wire.group(3) else _year_elsewhere(text, month, day)
        return _safe_date(year, month, day) if year else None
    return _headline_date(text)


def header_end(text: str) -> int:
    """Where the release header (title, release number, dateline) ends: 0 without a dateline.
    The dateline is when the text was written, not when its events happened, so event dates
    are read only after it."""
    head = text[:DATELINE_WINDOW]
    for match in DATELINE.finditer(head):
        if _is_dateline(match, head):
            return match.end()
    wire = WIRE_DATELINE.search(head)
    if wire is not None and wire.group(1)[:1].isupper():
        return wire.end()
    first_line = text.lstrip().split("\n", 1)[0][:120]
    if HEADLINE_DATE.match(first_line):
        return text.index(first_line) + len(first_line)
    return 0


def _headline_date(text: str) -> date | None:
    """A date in the title line ("May 11: ...", "Operational Update, July 16")."""
    first_line = text.lstrip().split("\n", 1)[0][:120]
    match = HEADLINE_DATE.match(first_line)
    if match is None:
        return None
    groups = match.groups()
    month_word, day_word, year_word = groups[0:3] if groups[0] else groups[3:6]
    if month_word is None or day_word is None:
        return None
    if month_word.lower() == "may" and not month_word[0].isupper():
        return None
    month, day = _month(month_word), _day(day_word)
    year = int(year_word) if year_word else _year_elsewhere(text, month, day)
    return _safe_date(year, month, day) if year else None


def _is_dateline(match: re.Match[str], head: str) -> bool:
    """A capitalised place in capitals ('KABUL, Afghanistan (Jan. 22)'), or in title case when it
    opens a line and the date is in brackets ('Kabul, Afghanistan (Sept. 2) -')."""
    found = match.group(0)
    if not found[:1].isupper():
        return False
    if _is_upper_word(found):
        return True
    line_start = head.rfind("\n", 0, match.start()) + 1
    place_words = found.split(",", 1)[0].split()
    return (
        "(" in found
        and not head[line_start : match.start()].strip()
        and all(word[:1].isupper() for word in place_words)
    )


def _is_upper_word(dateline: str) -> bool:
    place = dateline.split(",", 1)[0]
    letters = [c for c in place if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _year_elsewhere(text: str, month: int, day: int) -> int | None:
    """The year of a dateline written without one: the first year in the text, or the next
    year when the text reports a later month of that year than the dateline's ("(Jan. 14) ...
    an attack in June 2011": the release cannot predate what it reports, so January 2012). A
    later day of the same month ("(Nov. 21)" then a release dated "Nov. 22, 2010") is the next
    dispatch of a joined document, not last year's news."""
    match = ANY_YEAR.search(text)
    if match is None:
        return None
    year = int(match.group(1))
    reported_months = [
        _month(m.group(1))
        for m in MONTH_OF_YEAR.finditer(text)
        if int(m.group(3)) == year and not _is_modal_may(m.group(1))
    ]
    return year + 1 if any(reported > month for reported in reported_months) else year


def resolve_date(sentence: str, *, published: date | None, context: str = "") -> DateRange:
    """When the event of `sentence` happened, relative to `published` (or a dateline in
    `context`/`sentence`); never after the anchor; unresolved (None, precision 3) without one."""
    anchor = published or find_dateline(context) or find_dateline(sentence)
    found = _best(sentence, anchor)
    if found is not None:
        return found
    if context:
        from_context = _governing_date(context, anchor)
        if from_context is not None:
            return from_context
    if anchor is None:
        return DateRange(None, None, None, 3, None)
    return DateRange(
        anchor, anchor - timedelta(days=UNDATED_WINDOW_DAYS), anchor, 2, UNDATED_EXPRESSION
    )


def following_date(text: str, *, published: date | None) -> DateRange | None:
    """For an undated sentence followed by `text`: the date named by the nearest of the next
    sentences up to the paragraph's end ("Forces captured a facilitator. He was detained in
    Ghazni overnight."), accepted only inside the undated window (it narrows "the past days",
    never moves the event to older history); None otherwise or without an anchor."""
    if published is None:
        return None
    paragraph = PARAGRAPH_BREAK.split(text, maxsplit=1)[0]
    earliest = published - timedelta(days=UNDATED_WINDOW_DAYS)
    for sentence in SENTENCE_END.split(paragraph.strip())[:CONTEXT_SENTENCES]:
        found = _best(sentence, published)
        if found is None:
            continue
        day = found.event_date
        return found if day is not None and earliest <= day <= published else None
    return None


def _governing_date(context: str, anchor: date | None) -> DateRange | None:
    """The date that governs a sentence without its own: the nearest earlier sentence of its
    paragraph that names one ("... captured a leader Friday. He was detained ..."); for the
    first sentence of a paragraph, of the paragraph before (news paragraphs are short)."""
    paragraph = PARAGRAPH_BREAK.split(context.rstrip())[-1]
    sentences = SENTENCE_END.split(paragraph.strip())
    for sentence in reversed(sentences[-CONTEXT_SENTENCES:]):
        found = _best(sentence, anchor)
        if found is not None:
            return found
    return None


def _best(sentence: str, anchor: date | None) -> DateRange | None:
    found = [*_absolute(sentence, anchor), *_relative(sentence, anchor)] if sentence else []
    if not found:
        return _with_dateparser(sentence, anchor)
    return min(found, key=lambda f: (f.rank, f.position)).date_range


# --------------------------------------------------------------------------- dateparser fallback


def _with_dateparser(sentence: str, anchor: date | None) -> DateRange | None:
    """dateparser (slow) on a fragment our own patterns do not read; day-first numeric dates."""
    match = PARSER_FRAGMENT.search(sentence)
    if match is None:
        return None
    import dateparser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime.combine(anchor, datetime.min.time())
    parsed = dateparser.parse(match.group(0), languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    if anchor is not None and day > anchor:
        return None
    return DateRange(day, day, day, 1, match.group(0))


# --------------------------------------------------------------------------- absolute dates


def _absolute(sentence: str, anchor: date | None) -> list[_Found]:
    out: list[_Found] = []
    for match in FULL_MDY.finditer(sentence):
        day = _safe_date(int(match.group(3)), _month(match.group(1)), _day(match.group(2)))
        out.extend(_dated(day, match, sentence, anchor, rank=0))
    for match in FULL_DMY.finditer(sentence):
        day = _safe_date(int(match.group(3)), _month(match.group(2)), _day(match.group(1)))
        out.extend(_dated(day, match, sentence, anchor, rank=0))
    for match in ISO_DATE.finditer(sentence):
        day = _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        out.extend(_dated(day, match, sentence, anchor, rank=0))
    out.extend(_bare_months(sentence, anchor))
    if anchor is None:
        return out
    for match in MONTH_DAY.finditer(sentence):
        if _is_modal_may(match.group(1)):
            continue
        day = _latest(anchor, _month(match.group(1)), _day(match.group(2)))
        out.extend(_dated(day, match, sentence, anchor, rank=1))
    for match in DAY_MONTH.finditer(sentence):
        if _is_modal_may(match.group(2)):
            continue
        day = _latest(anchor, _month(match.group(2)), _day(match.group(1)))
        out.extend(_dated(day, match, sentence, anchor, rank=1))
    return out


def _bare_months(sentence: str, anchor: date | None) -> list[_Found]:
    """'In March, a bomb blast ...': the month (its early/mid/late third when named) in the
    latest year not after the anchor, at month precision; without an anchor the expression is
    kept with no date (see `is_bare_month`)."""
    out: list[_Found] = []
    if anchor is None and (WEEKDAY.search(sentence) or _RELATIVE.search(sentence)):
        return out  # a day-level date that only an anchor could resolve governs the sentence
    for match in BARE_MONTH.finditer(sentence):
        if _is_modal_may(match.group(2)):
            continue
        expression = match.group(0)
        if anchor is None:
            out.append(
                _Found(BARE_MONTH_RANK, match.start(), DateRange(None, None, None, 3, expression))
            )
            continue
        month = _month(match.group(2))
        year = anchor.year if month <= anchor.month else anchor.year - 1
        last = calendar.monthrange(year, month)[1]
        low, high = MONTH_THIRDS.get((match.group(1) or "").lower(), (1, last))
        start, end = date(year, month, low), date(year, month, min(high, last))
        end = min(end, anchor)
        if start > end:
            continue
        out.append(
            _Found(BARE_MONTH_RANK, match.start(), DateRange(end, start, end, 3, expression))
        )
    return out


def is_bare_month(expression: str | None) -> bool:
    """The date came from a month named without a day ('in March')."""
    return bool(expression) and BARE_MONTH.fullmatch(expression or "") is not None


def is_before_anchor_month(when: DateRange, anchor: date) -> bool:
    """A bare month earlier than the anchor's month: news of a past month, told as background."""
    latest = when.date_max or when.event_date
    return (
        is_bare_month(when.expression)
        and latest is not None
        and (latest.year, latest.month) < (anchor.year, anchor.month)
    )


def _dated(
    day: date | None, match: re.Match[str], sentence: str, anchor: date | None, *, rank: int
) -> list[_Found]:
    if day is None or (anchor is not None and day > anchor):
        return []
    expression = match.group(0)
    if anchor is not None and SINCE.search(sentence, 0, match.start()):
        return [_Found(rank, match.start(), _span(day, anchor, f"since {expression}"))]
    rank = NOUN_MODIFIER_RANK if _modifies_noun(sentence, match) else rank
    return [_Found(rank, match.start(), DateRange(day, day, day, 1, expression))]


def _latest(anchor: date, month: int, day: int) -> date | None:
    """The latest month/day not after the anchor (this year or the previous one)."""
    for year in (anchor.year, anchor.year - 1):
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate <= anchor:
            return candidate
    return None


# --------------------------------------------------------------------------- relative dates


def _relative(sentence: str, anchor: date | None) -> list[_Found]:
    if anchor is None:
        return []
    out: list[_Found] = []
    table = _vocabulary()["relative"]
    for match in _RELATIVE.finditer(sentence):
        rule = table[match.group(1).lower()]
        out.append(_Found(rule["rank"], match.start(), _apply(rule, anchor, match.group(0))))
    for match in WEEKDAY.finditer(sentence):
        rank = NOUN_MODIFIER_RANK if _modifies_noun(sentence, match) else 1
        out.append(_Found(rank, match.start(), _weekday(match, sentence, anchor)))
    for match in DAYS_AGO.finditer(sentence):
        amount = match.group(1).lower()
        count = int(amount) if amount.isdigit() else WORD_NUMBERS[amount]
        weeks = match.group(2).lower().startswith("week")
        day = anchor - timedelta(days=count * (7 if weeks else 1))
        out.append(
            _Found(1, match.start(), DateRange(day, day, day, 2 if weeks else 1, match.group(0)))
        )
    return out


def _weekday(match: re.Match[str], sentence: str, anchor: date) -> DateRange:
    target = _vocabulary()["weekdays"][match.group(2).lower()]
    back = (anchor.weekday() - target) % 7
    if match.group(1) and back == 0:
        back = 7
    day = anchor - timedelta(days=back)
    if SINCE.search(sentence, 0, match.start()):
        return _span(day, anchor, f"since {match.group(0)}")
    return DateRange(day, day, day, 1, match.group(0))


def _apply(rule: dict[str, Any], anchor: date, expression: str) -> DateRange:
    if "offset" in rule:
        day = anchor + timedelta(days=int(rule["offset"]))
        return DateRange(day, day, day, int(rule["precision"]), expression)
    if "range" in rule:
        low = anchor + timedelta(days=int(rule["range"][0]))
        return DateRange(anchor, low, anchor, int(rule["precision"]), expression)
    low, high = _calendar_span(str(rule["unit"]), anchor)
    return DateRange(low, low, high, int(rule["precision"]), expression)


SATURDAY = 5


def _calendar_span(unit: str, anchor: date) -> tuple[date, date]:
    monday = anchor - timedelta(days=anchor.weekday())
    if unit in ("last-weekend", "weekend"):
        # 'last weekend' told on a Tuesday, 'over the weekend' told on Monday: the Saturday and
        # Sunday just passed ('last weekend' told at a weekend: the one before it).
        saturday = anchor - timedelta(days=(anchor.weekday() - SATURDAY) % 7)
        if unit == "last-weekend" and anchor.weekday() >= SATURDAY:
            saturday -= timedelta(days=7)
        return saturday, min(saturday + timedelta(days=1), anchor)
    if unit == "last-week":
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if unit == "this-week":
        return monday, anchor
    first = anchor.replace(day=1)
    if unit == "last-month":
        previous_end = first - timedelta(days=1)
        return previous_end.replace(day=1), previous_end
    return first, anchor


def _span(start: date, anchor: date, expression: str) -> DateRange:
    """ "since June 22": the range up to the anchor, dated on the anchor (the latest day the text
    supports, as for "in the past 24 hours"), precision by the range's length."""
    days = (anchor - start).days
    precision = 1 if days <= 1 else 2 if days <= 7 else 3
    return DateRange(anchor, start, anchor, precision, expression)


# --------------------------------------------------------------------------- helpers


def _modifies_noun(sentence: str, match: re.Match[str]) -> bool:
    """'the July 2 attack', "Saturday's election": the date names an earlier event the sentence
    refers to, not the one it reports."""
    before = sentence[max(0, match.start() - 8) : match.start()]
    after = sentence[match.end() : match.end() + 24]
    if POSSESSIVE.match(after):
        return True
    return bool(DETERMINER_BEFORE.search(before)) and bool(NOUN_AFTER.match(after))


def _is_modal_may(word: str) -> bool:
    """'may' in lowercase is the verb ("they may 5 ..."), not the month."""
    return word == "may"


def _month(word: str) -> int:
    return int(_vocabulary()["months"][word.lower().rstrip(".")])


def _day(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)
