"""Analyst-style pairing of predicted and gold events: document, type family, nearest place."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from frontlines.eval.matching import (
    align_events,
    dates_agree,
    gazetteer_place_matcher,
    is_compatible,
    type_family,
)
from frontlines.eval.names import places_match
from frontlines.eval.records import ScoredEvent

SHEBERGHAN = ScoredEvent(
    doc_id="jowzjan-report",
    event_type="Battles",
    sub_event_type="Non-state actor overtakes territory",
    actor1="Taliban",
    actor2="Military Forces of Afghanistan (2004-2021)",
    country="Afghanistan",
    admin1="Jowzjan",
    admin2="Shibirghan",
    location="Shibirghan",
    event_date=date(2021, 8, 7),
)


def test_is_compatible_needs_the_document_and_the_type_family() -> None:
    assert is_compatible(SHEBERGHAN, replace(SHEBERGHAN, admin1="Faryab", event_date=None))
    assert is_compatible(SHEBERGHAN, replace(SHEBERGHAN, event_type="Explosions/Remote violence"))
    assert not is_compatible(SHEBERGHAN, replace(SHEBERGHAN, doc_id="x"))
    assert not is_compatible(SHEBERGHAN, replace(SHEBERGHAN, event_type="Protests"))
    assert type_family("Riots") == type_family("Protests") == "Demonstrations"


def test_dates_agree_within_the_window_only() -> None:
    a_day_off = replace(SHEBERGHAN, event_date=date(2021, 8, 8))
    three_days_off = replace(SHEBERGHAN, event_date=date(2021, 8, 10))
    assert dates_agree(SHEBERGHAN, a_day_off, window_days=1)
    assert not dates_agree(SHEBERGHAN, three_days_off, window_days=1)
    assert dates_agree(SHEBERGHAN, three_days_off, window_days=3)
    assert not dates_agree(SHEBERGHAN, replace(SHEBERGHAN, event_date=None), window_days=1)


def test_align_events_prefers_the_nearest_place_then_date() -> None:
    elsewhere = replace(SHEBERGHAN, admin1="Faryab", admin2="Qaysar", location="Qaysar")
    spelled_apart = replace(
        SHEBERGHAN, admin1="Jawzjan", admin2="Sheberghan", event_date=date(2021, 8, 9)
    )
    alignment = align_events([SHEBERGHAN], [elsewhere, spelled_apart])
    assert alignment.pairs[0][1] is spelled_apart
    assert alignment.spurious == (elsewhere,)


def test_align_events_pairs_one_to_one_preferring_the_same_type() -> None:
    arrest = replace(SHEBERGHAN, event_type="Strategic developments", sub_event_type="Arrests")
    predicted_arrest = replace(arrest, event_date=date(2021, 8, 8))
    predicted_battle = replace(SHEBERGHAN, event_date=date(2021, 8, 8))
    duplicate_battle = replace(SHEBERGHAN)
    alignment = align_events(
        [arrest, SHEBERGHAN], [predicted_arrest, predicted_battle, duplicate_battle]
    )
    pairs = {(g.event_type, p.event_type) for g, p in alignment.pairs}
    assert pairs == {("Strategic developments", "Strategic developments"), ("Battles", "Battles")}
    assert len(alignment.spurious) == 1 and not alignment.missed


def test_align_events_reports_a_type_mismatch_within_the_family_as_a_pair() -> None:
    predicted = replace(SHEBERGHAN, event_type="Explosions/Remote violence")
    alignment = align_events([SHEBERGHAN], [predicted])
    assert len(alignment.pairs) == 1
    assert alignment.pairs[0][1].event_type == "Explosions/Remote violence"
    other_family = replace(SHEBERGHAN, event_type="Strategic developments")
    assert not align_events([SHEBERGHAN], [other_family]).pairs


def test_gazetteer_place_matcher_accepts_names_of_one_entry(gazetteer: Any) -> None:
    same_place = gazetteer_place_matcher(gazetteer.lookup)
    assert not places_match("Yamgan", "Girwan")
    assert same_place("Yamgan", "Girwan")
    assert same_place("Pul-i-Khumri", "Pol-e Khomri")
    assert not same_place("Yamgan", "Jurm")
    assert not same_place("Yamgan", "")
