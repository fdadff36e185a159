"""Place resolution against the world gazetteer alone, on hand-written sentences in the style of
reports from conflicts outside Afghanistan: ACLED names, document geography, not-places."""

from __future__ import annotations

from dataclasses import replace

import pytest

from frontlines.config import Settings
from frontlines.gazetteer import Gazetteer
from frontlines.models import ResolvedPlace
from frontlines.nlp.toponyms import find_places


@pytest.fixture(scope="module")
def world(settings: Settings) -> Gazetteer:
    from frontlines.gazetteer import load_gazetteer

    return load_gazetteer(replace(settings, gazetteer_files=()))


def _places(text: str, gazetteer: Gazetteer) -> dict[str, ResolvedPlace]:
    return {p.mention: p for p in find_places(text, gazetteer, doc_id="t")}


@pytest.mark.parametrize(
    ("sentence", "mention", "country", "admin1"),
    [
        ("Fighting spread to Goma, in North Kivu, on Sunday.", "Goma", "CD", "North Kivu"),
        ("Gunmen attacked a camp near El Fasher on Monday.", "El Fasher", "SD", "North Darfur"),
        ("Insurgents raided Dikwa in Borno State overnight.", "Borno", "NG", "Borno"),
        ("Shelling hit Avdiivka in the Donetsk region.", "Avdiivka", "UA", "Donetsk"),
        ("Clashes were reported in Shan State last week.", "Shan", "MM", "Shan"),
        ("Fano fighters entered the Amhara Regional State capital.", "Amhara", "ET", "Amhara"),
        ("Troops were ambushed in the Lower Shabelle region.", "Lower Shabelle", "SO", None),
    ],
)
def test_find_places_names_provinces_of_the_world(
    world: Gazetteer, sentence: str, mention: str, country: str, admin1: str | None
) -> None:
    place = _places(sentence, world)[mention]
    assert place.country_code == country
    assert place.admin1 == (admin1 or mention)


@pytest.mark.parametrize(
    ("sentence", "mention", "country_name"),
    [
        (
            "Rebels advanced in the Democratic Republic of Congo.",
            "Democratic Republic of Congo",
            "Democratic Republic of Congo",
        ),
        ("Drones struck targets inside Russia.", "Russia", "Russia"),
        ("Protests spread across Palestine.", "Palestine", "Palestine"),
    ],
)
def test_find_places_writes_country_names_as_acled_does(
    world: Gazetteer, sentence: str, mention: str, country_name: str
) -> None:
    assert _places(sentence, world)[mention].country == country_name


def test_find_places_writes_provinces_without_diacritics(world: Gazetteer) -> None:
    places = _places("The army shelled villages in Badakhshan and Hama.", world)
    assert places["Badakhshan"].name == "Badakhshan"
    assert places["Hama"].admin1 == "Hama"
    assert places["Hama"].name.isascii()


def test_find_places_reads_the_document_country_for_same_named_towns(world: Gazetteer) -> None:
    text = (
        "Rebels in the Democratic Republic of Congo said they controlled Goma. "
        "Residents of Goma fled towards Rwanda."
    )
    assert {
        p.country_code for p in find_places(text, world, doc_id="t") if p.mention == "Goma"
    } == {"CD"}


def test_find_places_keeps_seas_and_regions_out_of_provinces(world: Gazetteer) -> None:
    text = "Militants attacked ships in the Red Sea as jihadists spread across the Sahel."
    assert set(_places(text, world)) == set()


def test_find_places_ignores_outlet_lines_labels_and_outlet_names(world: Gazetteer) -> None:
    text = (
        "Voice of America (Washington, DC)\n"
        "BYLINE: Victor Lymar\n"
        "Officials in northern Burkina Faso said the attack killed 12 people, "
        "Voice of America reported."
    )
    places = _places(text, world)
    assert set(places) == {"Burkina Faso"}


def test_find_places_takes_the_country_of_the_named_actors_when_places_leave_it_open(
    world: Gazetteer,
) -> None:
    text = "Fighters fired on protesters in Jalalabad on Wednesday."
    with_actor = find_places(text, world, doc_id="t", actor_countries=["AF"])
    assert [(p.country_code, p.admin1) for p in with_actor] == [("AF", "Nangarhar")]
    # The actors' countries only break a tie: a place name that points to one country wins.
    named = find_places(
        "Fighters fired on protesters in Jalalabad, Kyrgyzstan.",
        world,
        doc_id="t",
        actor_countries=["AF"],
    )
    assert {p.country_code for p in named} == {"KG"}


def test_find_places_a_name_the_ner_cut_short_is_still_no_place(world: Gazetteer) -> None:
    text = "Police arrested a spokesman for ousted leader Aung San Suu Kyi’s party in Yangon."
    start = text.index("Aung")
    spans = [(start, start + len("Aung San"), "PERSON")]
    found = {p.mention for p in find_places(text, world, doc_id="t", ner_spans=spans)}
    assert "Kyi" not in found and "Yangon" in found
