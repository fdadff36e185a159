"""How alike two events are: hard constraints (place, type, dates) and a weighted similarity."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files

from rapidfuzz import fuzz

from frontlines.models import Event

# Days either side of an event's date range within which another report may describe it.
# Calibrated on tests/fixtures/merge (reports published 0-2 days after, "last night" vs dateline).
DATE_WINDOW_DAYS = 1
# Extra slack for events whose date is only known to the week/month (time_precision 2/3).
LOOSE_DATE_WINDOW_DAYS = 2
# Weights of the similarity components (sum 1.0); calibrated on tests/fixtures/merge gold clusters.
WEIGHT_TYPE = 0.20
WEIGHT_PLACE = 0.30
WEIGHT_ACTORS = 0.20
WEIGHT_DATE = 0.10
WEIGHT_NUMBERS = 0.05
WEIGHT_TEXT = 0.15
# Two events at or above this score are the same event. On tests/fixtures/merge the F1 plateau is
# 0.45-0.65 (hand-built and end to end); 0.6 sits high in it to lean against over-merging.
MERGE_THRESHOLD = 0.6
# Place agreement when both are in one district (same admin2, or the same district named).
SAME_DISTRICT_PLACE_SCORE = 0.8
# Place agreement when one side is only known to the province (or named like it).
PROVINCE_LEVEL_PLACE_SCORE = 0.4
# Events with no province merge only when their evidence words overlap at least this much
# (Jaccard); calibrated so two ministry airstrike releases about different provinces stay apart.
UNPLACED_TEXT_MIN = 0.5
# Fatality figures within this ratio of each other count as agreeing ("312" vs "300").
NUMBER_AGREEMENT_RATIO = 0.5

WORD = re.compile(r"[a-z0-9]+")
# "<name> district", "the district of <name>", "<name>, a (remote) district": districts named.
DISTRICT_BEFORE = re.compile(r"([\w'-]+(?:[ -][\w'-]+)?)\s+district\b", re.IGNORECASE)
DISTRICT_AFTER = re.compile(
    r"\bthe\s+district\s+of\s+([\w'-]+)|\b([\w'-]+),\s+an?\s+(?:\w+\s+)?district\b",
    re.IGNORECASE,
)
# Letter pairs and letters that transliterations of one name vary in (Kishim/Keshem, Char/Chahar).
SKELETON_FOLDS = (("kh", "k"), ("sh", "s"), ("ch", "c"), ("gh", "g"), ("zh", "z"))
SKELETON_DROP = re.compile(r"[aeiouyh\W_]+")
REPEATED_LETTER = re.compile(r"(.)\1+")
NAME_WORD_BREAK = re.compile(r"[ -]+")
# Evidence tuples whose district names are remembered: merging looks at a few days at a time,
# so a small cache serves it and memory stays flat however large the corpus grows.
NAMED_DISTRICTS_CACHE = 4096
# Two district-name skeletons this similar (rapidfuzz ratio) are one name (Imam Sahib/Saheb).
SAME_NAME_RATIO = 80.0
# Words too common in conflict reporting to say two reports are about the same event.
STOP_WORDS = frozenset(
    line.strip()
    for line in files("frontlines.data")
    .joinpath("fuse/stop_words.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
)


NOT_DISTRICT_NAMES = frozenset(
    json.loads(files("frontlines.data").joinpath("fuse/district_words.json").read_text("utf-8"))[
        "not_names"
    ]
)


def name_skeleton(name: str) -> str:
    """A transliteration-tolerant key: folded digraphs, no vowels, no spaces or hyphens."""
    folded = name.casefold()
    for pair, letter in SKELETON_FOLDS:
        folded = folded.replace(pair, letter)
    return REPEATED_LETTER.sub(r"\1", SKELETON_DROP.sub("", folded))


def _name_words(phrase: str) -> str:
    words = [w for w in NAME_WORD_BREAK.split(phrase.casefold()) if w]
    while words and words[0] in NOT_DISTRICT_NAMES:
        words = words[1:]
    return " ".join(words)


def district_mentions(texts: Iterable[str]) -> tuple[str, ...]:
    """The district names sentences mention ("the Kishim district", "the district of jurm",
    "Jurm, a district"), lower-cased, in order of appearance, without repeats."""
    names: dict[str, None] = {}
    for text in texts:
        for match in (*DISTRICT_BEFORE.finditer(text), *DISTRICT_AFTER.finditer(text)):
            name = _name_words(next(group for group in match.groups() if group))
            if name and name.split()[-1] not in NOT_DISTRICT_NAMES:
                names[name] = None
    return tuple(names)


@lru_cache(maxsize=NAMED_DISTRICTS_CACHE)
def named_districts(texts: tuple[str, ...]) -> frozenset[str]:
    """Skeletons (`name_skeleton`) of the districts the evidence names."""
    return frozenset(s for s in (name_skeleton(n) for n in district_mentions(texts)) if s)


def is_same_name(first: str, second: str) -> bool:
    return first in second or second in first or fuzz.ratio(first, second) >= SAME_NAME_RATIO


def event_districts(event: Event) -> frozenset[str]:
    """The districts a report is about: those its evidence names, else its own district."""
    named = named_districts(tuple(e.text for e in event.evidence))
    if named or is_named_like_province(event):
        return named
    return frozenset({name_skeleton(event.admin2)}) if event.admin2 else frozenset()


def districts_agree(first: Event, second: Event) -> bool:
    """Both reports name (or are placed in) a district of the same name."""
    a, b = event_districts(first), event_districts(second)
    return any(is_same_name(x, y) for x in a for y in b)


def districts_disagree(first: Event, second: Event) -> bool:
    """Both reports name districts, and no name of one matches a name of the other."""
    a, b = event_districts(first), event_districts(second)
    return bool(a and b) and not any(is_same_name(x, y) for x in a for y in b)


def date_bounds(event: Event) -> tuple[date, date] | None:
    """The [min, max] dates an event may have happened on, or None when undated."""
    low = event.date_min or event.event_date
    high = event.date_max or event.event_date
    if low is None or high is None:
        return None
    return (min(low, high), max(low, high))


def window_days(event: Event) -> int:
    return DATE_WINDOW_DAYS if event.time_precision <= 1 else LOOSE_DATE_WINDOW_DAYS


def dates_compatible(first: Event, second: Event) -> bool:
    """True when the two date ranges, widened by their windows, overlap (undated: only undated)."""
    a, b = date_bounds(first), date_bounds(second)
    if a is None or b is None:
        return a is None and b is None
    slack = timedelta(days=max(window_days(first), window_days(second)))
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def places_compatible(first: Event, second: Event) -> bool:
    """Same country and province; different districts (or different located towns) never merge."""
    if first.country != second.country or first.admin1 != second.admin1:
        return False
    if (
        first.admin2
        and second.admin2
        and first.admin2 != second.admin2
        and not is_named_like_province(first)
        and not is_named_like_province(second)
    ):
        return False
    # ACLED: one event per location per day — two different towns, each known exactly, differ.
    return not (
        first.place_id
        and second.place_id
        and first.place_id != second.place_id
        and first.geo_precision == 1
        and second.geo_precision == 1
    )


def is_mergeable(first: Event, second: Event) -> bool:
    """Hard constraints: same event type, compatible place and dates, no disagreeing districts
    named in the evidence (a guard against two reports misplaced at the same dateline town)."""
    return (
        first.event_type == second.event_type
        and places_compatible(first, second)
        and dates_compatible(first, second)
        and not districts_disagree(first, second)
    )


def type_score(first: Event, second: Event) -> float:
    return 1.0 if first.sub_event_type == second.sub_event_type else 0.0


def is_named_like_province(event: Event) -> bool:
    """A place named like its province ("Kunduz, Kunduz") often stands for the whole province."""
    name = (event.admin2 or event.location).casefold()
    return not name or name == event.admin1.casefold()


def place_score(first: Event, second: Event) -> float:
    if districts_agree(first, second):
        return SAME_DISTRICT_PLACE_SCORE
    if is_named_like_province(first) or is_named_like_province(second):
        return PROVINCE_LEVEL_PLACE_SCORE
    if first.place_id and first.place_id == second.place_id:
        return 1.0
    if first.location and first.location == second.location:
        return 1.0
    if first.admin2 and first.admin2 == second.admin2:
        return SAME_DISTRICT_PLACE_SCORE
    return PROVINCE_LEVEL_PLACE_SCORE


def actor_names(event: Event) -> frozenset[str]:
    names = (event.actor1, event.actor2, event.assoc_actor_1, event.assoc_actor_2)
    return frozenset(name.casefold() for name in names if name)


def actor_score(first: Event, second: Event) -> float:
    a, b = actor_names(first), actor_names(second)
    if not a or not b:
        return 0.5
    return len(a & b) / len(a | b)


def date_score(first: Event, second: Event) -> float:
    a, b = date_bounds(first), date_bounds(second)
    if a is None or b is None:
        return 0.5
    gap = max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)
    return 1.0 / (1 + gap)


def number_score(first: Event, second: Event) -> float:
    x, y = first.fatalities, second.fatalities
    if x <= 0 or y <= 0:
        return 0.5
    return 1.0 if min(x, y) / max(x, y) >= NUMBER_AGREEMENT_RATIO else 0.0


def text_words(event: Event) -> frozenset[str]:
    """Content words of an event's evidence and notes (the text-similarity signal)."""
    text = " ".join(e.text for e in event.evidence) + " " + event.notes
    return frozenset(w for w in WORD.findall(text.casefold()) if w not in STOP_WORDS)


def text_score(first_words: frozenset[str], second_words: frozenset[str]) -> float:
    """Jaccard similarity of content words (exact; blocks are small enough not to need MinHash)."""
    if not first_words or not second_words:
        return 0.0
    return len(first_words & second_words) / len(first_words | second_words)


def similarity(
    first: Event,
    second: Event,
    first_words: frozenset[str] | None = None,
    second_words: frozenset[str] | None = None,
) -> float:
    """Weighted similarity 0..1 of two events that pass `is_mergeable`."""
    words_a = text_words(first) if first_words is None else first_words
    words_b = text_words(second) if second_words is None else second_words
    text_similarity = text_score(words_a, words_b)
    if not first.admin1 and text_similarity < UNPLACED_TEXT_MIN:
        return 0.0  # nothing but the words to go on: they must be close
    return (
        WEIGHT_TYPE * type_score(first, second)
        + WEIGHT_PLACE * place_score(first, second)
        + WEIGHT_ACTORS * actor_score(first, second)
        + WEIGHT_DATE * date_score(first, second)
        + WEIGHT_NUMBERS * number_score(first, second)
        + WEIGHT_TEXT * min(1.0, 2 * text_similarity)
    )
