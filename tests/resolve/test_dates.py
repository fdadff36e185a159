"""Datelines and event dates relative to the publication date (ACLED time precision)."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.resolve.dates import find_dateline, resolve_date

PUBLISHED = date(2021, 7, 6)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KABUL, Afghanistan (Jan. 25, 2013)\nAfghan forces detained two men.", date(2013, 1, 25)),
        (
            "KABUL, July 6 (Reuters) - Taliban fighters took Khash district in 2021.",
            date(2021, 7, 6),
        ),
        (
            "2010-09-CA-005 For Immediate Release\nKABUL, Afghanistan (Sept. 1) - A patrol...",
            date(2010, 9, 1),
        ),
        (
            "May 11: Afghan forces clear compounds in Helmand\n2010-05-CA-039\nIn Nad Ali...",
            date(2010, 5, 11),
        ),
    ],
)
def test_find_dateline_reads_agency_and_press_release_datelines(text: str, expected: date) -> None:
    assert find_dateline(text) == expected


def test_find_dateline_without_any_year_is_none() -> None:
    assert find_dateline("KABUL, Afghanistan (Feb. 7)\nA patrol detained a facilitator.") is None
    assert find_dateline("Fighters clashed near the river on Tuesday.") is None


@pytest.mark.parametrize(
    ("sentence", "event_date", "precision"),
    [
        ("Taliban fighters overran the district centre last night.", date(2021, 7, 5), 1),
        ("Insurgents attacked a checkpoint overnight, officials said.", date(2021, 7, 5), 1),
        ("Two soldiers were killed yesterday in Yamgan.", date(2021, 7, 5), 1),
        ("The governor said today that the road was reopened.", date(2021, 7, 6), 1),
        ("Militants seized Khash district on Saturday.", date(2021, 7, 3), 1),
        ("The force detained a facilitator Tuesday.", date(2021, 7, 6), 1),
        ("A bomb exploded last Tuesday near the bazaar.", date(2021, 6, 29), 1),
        ("Clashes on July 3 left five dead.", date(2021, 7, 3), 1),
        ("Clashes on 3 July left five dead.", date(2021, 7, 3), 1),
        ("An airstrike on Dec. 28 killed a commander.", date(2020, 12, 28), 1),
        ("An attack on March 3, 2020 killed nine.", date(2020, 3, 3), 1),
        ("Four districts fell three days ago.", date(2021, 7, 3), 1),
    ],
)
def test_resolve_date_single_days(sentence: str, event_date: date, precision: int) -> None:
    resolved = resolve_date(sentence, published=PUBLISHED)
    assert resolved.event_date == event_date
    assert resolved.time_precision == precision
    assert resolved.date_min == resolved.date_max == event_date


@pytest.mark.parametrize(
    ("sentence", "date_min", "date_max", "precision"),
    [
        ("Thousands have fled since June 22.", date(2021, 6, 22), PUBLISHED, 3),
        ("Forty militants were killed in the past 24 hours.", date(2021, 7, 5), PUBLISHED, 1),
        ("The Taliban took six districts last week.", date(2021, 6, 28), date(2021, 7, 4), 2),
        ("Districts have recently changed hands.", date(2021, 6, 29), PUBLISHED, 2),
        ("Earlier this month the army withdrew.", date(2021, 7, 1), PUBLISHED, 3),
    ],
)
def test_resolve_date_ranges(sentence: str, date_min: date, date_max: date, precision: int) -> None:
    resolved = resolve_date(sentence, published=PUBLISHED)
    assert (resolved.date_min, resolved.date_max, resolved.time_precision) == (
        date_min,
        date_max,
        precision,
    )
    assert resolved.event_date is not None and date_min <= resolved.event_date <= date_max


def test_resolve_date_prefers_the_event_day_over_the_reporting_day() -> None:
    sentence = "Today, officials confirmed a Taliban leader was arrested Sunday."
    assert resolve_date(sentence, published=PUBLISHED).event_date == date(2021, 7, 4)


def test_resolve_date_never_returns_a_day_after_publication() -> None:
    resolved = resolve_date("The offensive began on July 9.", published=PUBLISHED)
    assert resolved.event_date == date(2020, 7, 9)


def test_resolve_date_takes_the_governing_date_from_context() -> None:
    context = "On Saturday, the Taliban launched an offensive in Badakhshan."
    resolved = resolve_date("They captured three districts.", published=PUBLISHED, context=context)
    assert resolved.event_date == date(2021, 7, 3)


def test_resolve_date_uses_a_dateline_in_context_when_unpublished() -> None:
    context = "KABUL, Afghanistan (Nov. 20, 2011)\n"
    resolved = resolve_date("Insurgents were detained yesterday.", published=None, context=context)
    assert resolved.event_date == date(2011, 11, 19)


def test_resolve_date_without_anchor_stays_unresolved() -> None:
    resolved = resolve_date("Insurgents were detained yesterday.", published=None)
    assert (resolved.event_date, resolved.time_precision) == (None, 3)


def test_resolve_date_without_expression_falls_back_to_publication_week() -> None:
    resolved = resolve_date("Fighting continued in the district.", published=PUBLISHED)
    assert resolved.event_date == PUBLISHED
    assert resolved.time_precision == 2
    assert resolved.date_min is not None and resolved.date_min < PUBLISHED


def test_resolve_date_does_not_read_the_verb_may_as_a_month() -> None:
    resolved = resolve_date("Officials said they may 5 times review it.", published=PUBLISHED)
    assert resolved.expression == "publication date"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The convoy was ambushed on 03/07/2021 near Jurm.", date(2021, 7, 3)),
        ("The convoy was ambushed on July the 3rd near Jurm.", date(2021, 7, 3)),
    ],
)
def test_resolve_date_leaves_unusual_formats_to_dateparser(sentence: str, expected: date) -> None:
    resolved = resolve_date(sentence, published=PUBLISHED)
    assert (resolved.event_date, resolved.time_precision) == (expected, 1)
