"""Datelines and event dates relative to the publication date (ACLED time precision)."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.resolve.dates import (
    UNDATED_EXPRESSION,
    find_dateline,
    following_date,
    header_end,
    is_bare_month,
    resolve_date,
)

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
        (
            "Coalition Conducts Strike\n2010-09-CA-027 For Immediate Release\n\n"
            " Kabul, Afghanistan (Sept. 2) - Coalition forces conducted a strike this morning.",
            date(2010, 9, 2),
        ),
    ],
)
def test_find_dateline_reads_agency_and_press_release_datelines(text: str, expected: date) -> None:
    assert find_dateline(text) == expected


def test_find_dateline_a_title_case_place_in_prose_is_no_dateline() -> None:
    assert find_dateline("He said Kabul, Afghanistan (Sept. 2, 2010) was calm.") is None


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


RELEASE = (
    "Coalition Strikes Taliban Cell in Zabul\n"
    "ISAF Joint Command - Afghanistan 2011-05-S-044 For Immediate Release\n"
    "KABUL, Afghanistan (May 14, 2011) - Afghan and coalition forces detained a Taliban "
    "facilitator in Shah Joy district, Zabul province, Thursday."
)


def test_header_end_is_just_after_the_dateline() -> None:
    end = header_end(RELEASE)
    assert RELEASE[:end].endswith("(May 14, 2011)")
    assert RELEASE[end:].startswith(" - Afghan and coalition forces")


def test_header_end_after_a_dated_title_line_and_zero_without_a_header() -> None:
    text = "June 3: Afghan-ISAF forces search compounds in Kandahar\nIn Zharay last night ..."
    assert text[header_end(text) :].startswith("\nIn Zharay")
    assert header_end("Taliban fighters overran two checkpoints in Jurm on Friday.") == 0


def test_find_dateline_without_year_never_predates_a_month_the_text_reports() -> None:
    text = (
        "KABUL, Afghanistan (Jan. 14) - A security force searched for a Taliban leader in Kunar "
        "province Thursday. He led an attack on a school-opening ceremony in June 2011."
    )
    assert find_dateline(text) == date(2012, 1, 14)


def test_find_dateline_without_year_takes_the_release_number_year() -> None:
    text = "2011-07-S-021\nKABUL, Afghanistan (July 8)\nA patrol detained two suspects yesterday."
    assert find_dateline(text) == date(2011, 7, 8)


def test_resolve_date_governing_date_is_the_nearest_dated_sentence_before() -> None:
    context = (
        "On Saturday, the Taliban launched an offensive in Badakhshan. Heavy fighting was "
        "reported near Faizabad on Sunday. Residents fled toward the city."
    )
    resolved = resolve_date("Three districts fell.", published=PUBLISHED, context=context)
    assert resolved.event_date == date(2021, 7, 4)


def test_resolve_date_governing_date_stays_inside_the_paragraph() -> None:
    context = "Insurgents attacked a police post on Sunday.\n\nThe district governor said more."
    resolved = resolve_date("Two officers were wounded.", published=PUBLISHED, context=context)
    assert resolved.expression == UNDATED_EXPRESSION


def test_resolve_date_reads_a_month_abbreviation_inside_the_governing_sentence() -> None:
    context = "Forces cleared a village in Shah Wali Kot district, Kandahar province, Feb. 8. "
    resolved = resolve_date(
        "They detained 20 suspects.", published=date(2011, 2, 12), context=context
    )
    assert resolved.event_date == date(2011, 2, 8)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Forces struck a commander linked to the July 2 attack on a hotel in Kunduz today.",
            PUBLISHED,
        ),
        ("Insurgents who planned Saturday's bombing were detained yesterday.", date(2021, 7, 5)),
    ],
)
def test_resolve_date_a_date_qualifying_a_noun_is_not_the_event_date(
    sentence: str, expected: date
) -> None:
    assert resolve_date(sentence, published=PUBLISHED).event_date == expected


def test_resolve_date_a_noun_qualifying_date_is_still_used_when_it_is_the_only_one() -> None:
    resolved = resolve_date("Two suspects in the July 2 attack were named.", published=PUBLISHED)
    assert resolved.event_date == date(2021, 7, 2)


def test_following_date_narrows_an_undated_lede_to_the_next_sentence() -> None:
    following = " The facilitator was detained in Ghazni province overnight. He built bombs."
    resolved = following_date(following, published=PUBLISHED)
    assert resolved is not None and resolved.event_date == date(2021, 7, 5)


def test_following_date_refuses_older_history_and_missing_anchors() -> None:
    following = " He planned an attack on a convoy on June 2. He was detained."
    assert following_date(following, published=PUBLISHED) is None
    assert following_date(" He was detained yesterday.", published=None) is None
    assert following_date("\n\nHe was detained yesterday.", published=PUBLISHED) is None


def test_resolve_date_a_paragraph_opening_sentence_continues_the_paragraph_before() -> None:
    context = "Insurgents attacked a police post in Jurm on Sunday.\n\n"
    resolved = resolve_date("Two officers were wounded.", published=PUBLISHED, context=context)
    assert resolved.event_date == date(2021, 7, 4)


@pytest.mark.parametrize(
    ("sentence", "date_min", "date_max"),
    [
        ("In March, a bomb blast killed 20 people.", date(2021, 3, 1), date(2021, 3, 31)),
        ("In late June the army took the town.", date(2021, 6, 21), date(2021, 6, 30)),
        ("Fighting raged during mid-December.", date(2020, 12, 11), date(2020, 12, 20)),
    ],
)
def test_resolve_date_bare_month_is_a_month_in_the_latest_year(
    sentence: str, date_min: date, date_max: date
) -> None:
    found = resolve_date(sentence, published=date(2021, 7, 5))
    assert (found.date_min, found.date_max, found.time_precision) == (date_min, date_max, 3)
    assert is_bare_month(found.expression)


def test_resolve_date_bare_month_loses_to_the_day_of_the_sentence() -> None:
    found = resolve_date(
        "The Taliban, who took the town in March, attacked it again on Sunday.",
        published=date(2021, 7, 5),
    )
    assert found.event_date == date(2021, 7, 4)


def test_resolve_date_bare_month_without_an_anchor_keeps_only_its_expression() -> None:
    found = resolve_date("In March, a bomb blast killed 20 people.", published=None)
    assert found.event_date is None and is_bare_month(found.expression)
    weekday = resolve_date("Who took it in March attacked Sunday.", published=None)
    assert not is_bare_month(weekday.expression)


def test_dates_last_weekend_is_the_saturday_and_sunday_just_passed() -> None:
    told_tuesday = resolve_date(
        "Separatists attacked the village last weekend.", published=date(2020, 3, 10)
    )
    assert (told_tuesday.date_min, told_tuesday.date_max) == (date(2020, 3, 7), date(2020, 3, 8))
    assert told_tuesday.time_precision == 2
    told_sunday = resolve_date("Gunmen raided the town last weekend.", published=date(2020, 3, 8))
    assert told_sunday.date_min == date(2020, 2, 29)
    over = resolve_date("Gunmen raided the town over the weekend.", published=date(2020, 3, 9))
    assert over.date_min == date(2020, 3, 7)


def test_find_dateline_without_year_keeps_it_when_a_later_dispatch_of_that_month_follows() -> None:
    text = (
        "2010-11-S-260\nKABUL, Afghanistan (Nov. 21) - Coalition forces killed one insurgent "
        "yesterday.\n\n2010-11-S-273\nKABUL, Afghanistan (Nov. 22, 2010) - A patrol detained "
        "two suspects."
    )
    assert find_dateline(text) == date(2010, 11, 21)
