"""Analyst-style pairing of predicted and gold events: document, place, date window, type."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from frontlines.eval.matching import align_events, gazetteer_place_matcher, is_compatible
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


def test_is_compatible_accepts_spelling_variants_and_a_day_off() -> None:
    predicted = replace(
        SHEBERGHAN, admin1="Jawzjan", admin2="Sheberghan", event_date=date(2021, 8, 8)
    )
    assert is_compatible(SHEBERGHAN, predicted, window_days=1)


def test_is_compatible_rejects_a_date_outside_the_window() -> None:
    predicted = replace(SHEBERGHAN, event_date=date(2021, 8, 10))
    assert not is_compatible(SHEBERGHAN, predicted, window_days=1)
    assert is_compatible(SHEBERGHAN, predicted, window_days=3)


def test_is_compatible_needs_the_district_gold_names() -> None:
    other_district = replace(SHEBERGHAN, admin2="Aqchah", location="Aqchah")
    only_province = replace(SHEBERGHAN, admin2="", location="Jowzjan")
    town_as_location = replace(SHEBERGHAN, admin2="", location="Sheberghan")
    assert not is_compatible(SHEBERGHAN, other_district, window_days=1)
    assert not is_compatible(SHEBERGHAN, only_province, window_days=1)
    assert is_compatible(SHEBERGHAN, town_as_location, window_days=1)


def test_is_compatible_rejects_another_document_or_province() -> None:
    assert not is_compatible(SHEBERGHAN, replace(SHEBERGHAN, doc_id="x"), window_days=1)
    assert not is_compatible(SHEBERGHAN, replace(SHEBERGHAN, admin1="Faryab"), window_days=1)
    assert not is_compatible(SHEBERGHAN, replace(SHEBERGHAN, event_date=None), window_days=1)


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


def test_align_events_reports_a_type_mismatch_as_a_pair() -> None:
    predicted = replace(SHEBERGHAN, event_type="Strategic developments")
    alignment = align_events([SHEBERGHAN], [predicted])
    assert len(alignment.pairs) == 1
    assert alignment.pairs[0][1].event_type == "Strategic developments"


def test_is_compatible_accepts_the_gold_town_when_the_province_is_missing() -> None:
    kharkiv = replace(
        SHEBERGHAN,
        doc_id="kharkiv-report",
        country="Ukraine",
        admin1="Kharkiv",
        admin2="",
        location="Kharkiv",
    )
    town_only = replace(kharkiv, admin1="", location="Kharkiv")
    other_town = replace(kharkiv, admin1="", location="Donetsk")
    assert is_compatible(kharkiv, town_only, window_days=1)
    assert not is_compatible(kharkiv, other_town, window_days=1)


def test_gazetteer_place_matcher_accepts_names_of_one_entry(gazetteer: Any) -> None:
    same_place = gazetteer_place_matcher(gazetteer.lookup)
    assert not places_match("Yamgan", "Girwan")
    assert same_place("Yamgan", "Girwan")
    assert same_place("Pul-i-Khumri", "Pol-e Khomri")
    assert not same_place("Yamgan", "Jurm")
    assert not same_place("Yamgan", "")
