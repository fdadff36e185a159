"""The not-event filter: each cue names its reason; reported events pass."""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.extract.filters import not_event_reason
from frontlines.extract.triggers import find_triggers


def _reason(nlp: Any, sentence: str, published_year: int | None = 2021) -> str | None:
    doc = nlp(sentence)
    sent = doc[:]
    matches = find_triggers(sent)
    assert matches, f"no trigger in: {sentence}"
    return not_event_reason(sent, doc[matches[0].head], published_year=published_year)


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Officials fear the Taliban will capture Ghazni soon.", "future or hypothetical"),
        ("The Taliban did not attack the convoy.", "negated"),
        ("The group threatened to attack the capital.", "habitual, aggregate or planned"),
        (
            "Commanders are eager to retake the city before winter.",
            "purpose ('an operation to capture')",
        ),
        ("The insurgents tried in vain to seize the bridge.", "plan, threat or attempt"),
        (
            "The city is on the verge of falling to the insurgents.",
            "habitual, aggregate or planned",
        ),
        ("If the army withdraws from Imam Sahib, the road to Kunduz is open.", "conditional"),
        ("The Taliban captured Kunduz in 2015.", "background"),
        ("Militants shell the outskirts every night.", "habitual, aggregate or planned"),
        (
            "The leader conducts roadside bomb attacks against the police.",
            "habitual (simple present)",
        ),
        ("Did the army retake the district?", "question"),
    ],
)
def test_filters_name_the_reason(nlp: Any, sentence: str, reason: str) -> None:
    assert _reason(nlp, sentence) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Taliban fighters captured the district center on Sunday.",
        "Gunmen killed five civilians in an attack on a village in Zamfara state.",
        "Afghan commandos have retaken the district after two days of fighting.",
        "A roadside bomb had exploded near the market before dawn.",
    ],
)
def test_filters_let_reported_events_through(nlp: Any, sentence: str) -> None:
    assert _reason(nlp, sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials say at least 29 people were killed in two separate incidents Sunday.",
        "At least 17 people were killed in three attacks across the country.",
    ],
)
def test_filter_a_toll_over_several_events_is_an_aggregate(nlp: Any, sentence: str) -> None:
    assert _reason(nlp, sentence) in (
        "aggregate over several events ('in two separate incidents')",
        "habitual, aggregate or planned",
    )


def test_filter_a_trend_read_as_a_participle_is_a_trend(nlp: Any) -> None:
    reason = _reason(nlp, "The United Nations reports escalating fighting in the north.")
    assert reason == "trend ('fighting has intensified')"


@pytest.mark.parametrize(
    "sentence",
    [
        "The raid took place a week after the rebel alliance signed a peace deal with the army.",
        "The ambush came two months after militants attacked a checkpoint in the same district.",
    ],
)
def test_filter_a_clause_weeks_before_the_event_is_its_backdrop(nlp: Any, sentence: str) -> None:
    doc = nlp(sentence)
    sent = next(iter(doc.sents))
    trigger = next(t for t in sent if t.lower_ in ("signed", "attacked"))
    reason = not_event_reason(sent, trigger)
    assert reason is not None and reason.startswith("backdrop")


def test_filter_a_clause_a_day_before_stays_an_event(nlp: Any) -> None:
    doc = nlp("Troops entered the city on Monday, a day after they seized the airport.")
    sent = next(iter(doc.sents))
    trigger = next(t for t in sent if t.lower_ == "seized")
    assert not_event_reason(sent, trigger) is None


def test_filter_a_constant_habit_is_no_event(nlp: Any) -> None:
    assert (
        _reason(nlp, "Fighters were constantly attacking villages from the lake.")
        == "habitual, aggregate or planned"
    )


def test_filter_an_undated_present_progressive_is_ongoing(nlp: Any) -> None:
    assert (
        _reason(nlp, "Across the city, protesters are demanding democratic rights.")
        == "ongoing (present progressive)"
    )
    assert _reason(nlp, "On Friday, protesters are marching through Yangon.") is None


def test_filter_a_live_present_progressive_is_an_event(nlp: Any) -> None:
    assert _reason(nlp, "The Taliban are attacking the city of Kunduz right now.") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Militants have taken control of fifteen provincial capitals in just the past week.",
        "The Taliban captured several districts in the north on Sunday.",
    ],
)
def test_filter_a_count_of_places_taken_is_an_aggregate(nlp: Any, sentence: str) -> None:
    assert _reason(nlp, sentence) == "aggregate ('captured 15 provincial capitals')"


def test_filter_two_places_taken_stay_an_event(nlp: Any) -> None:
    assert _reason(nlp, "Taliban fighters captured two districts in Badakhshan on Sunday.") is None


def test_filter_a_relative_clause_describing_an_actor_is_no_event(nlp: Any) -> None:
    reason = _reason(
        nlp,
        "Nearly all of Darfur is held by the RSF, which has also taken over much of Kordofan.",
    )
    assert reason is not None


def test_filter_no_information_that_it_happened_is_no_event(nlp: Any) -> None:
    assert _reason(
        nlp, "A spokesman said he had no information that the rebels had captured Rutshuru."
    ) == ("habitual, aggregate or planned")


def test_filter_an_undated_perfect_with_a_bare_plural_object_sums_up(nlp: Any) -> None:
    reason = _reason(nlp, "It has destroyed schools, health clinics and even entire villages.")
    assert reason == "aggregate ('has carried out attacks')"
    assert _reason(nlp, "The Taliban have destroyed the bridge in Kunduz on Sunday.") is None


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        (
            "The paramilitary RSF has since taken over the capital Khartoum and western Sudan.",
            "summary ('has since taken over the capital')",
        ),
        (
            "Burkina's capital Ouagadougou has been attacked three times.",
            "aggregate ('attacked three times', 'in four regions')",
        ),
        (
            "Nearly 60 people were killed in violence targeting villages in four regions across "
            "the country.",
            "aggregate ('attacked three times', 'in four regions')",
        ),
    ],
)
def test_filter_summaries_and_spread_counts_are_no_single_event(
    nlp: Any, sentence: str, reason: str
) -> None:
    assert _reason(nlp, sentence) == reason


def test_filter_a_month_and_year_long_before_publication_is_background(nlp: Any) -> None:
    doc = nlp("The RSF began fighting the army in April 2023 over the integration of forces.")
    sent = doc[:]
    head = doc[find_triggers(sent)[0].head]
    assert not_event_reason(sent, head, published_year=2024, published_month=6) == "background"
    assert not_event_reason(sent, head, published_year=2023, published_month=5) is None


def test_filter_what_was_not_done_is_no_event(nlp: Any) -> None:
    assert _reason(nlp, "Soldiers were hurt in Goma, without agreeing on a truce.") == "negated"
