"""choose_event_place on places found in hand-written sentences (ACLED geo_precision)."""

from __future__ import annotations

from frontlines.gazetteer import Gazetteer, normalise_name
from frontlines.nlp.toponyms import find_places
from frontlines.resolve.geolocate import choose_event_place, focus_place


def _choose(
    sentence: str, document: str, gazetteer: Gazetteer
) -> tuple[str | None, str | None, int]:
    doc_places = find_places(document, gazetteer, doc_id="d")
    start = document.index(sentence)
    candidates = [p for p in doc_places if start <= p.start < start + len(sentence)]
    place, precision = choose_event_place(candidates, doc_places, gazetteer)
    name = normalise_name(place.name).title() if place else None
    return name, (place.admin1 if place else None), precision


def test_choose_event_place_prefers_the_town_itself(gazetteer: Gazetteer) -> None:
    sentence = "A suicide bomber struck a market in Lashkar Gah, Helmand, on Friday."
    assert _choose(sentence, sentence, gazetteer) == ("Lashkar Gah", "Helmand", 1)


def test_choose_event_place_gives_precision_two_near_a_town(gazetteer: Gazetteer) -> None:
    sentence = "A roadside bomb exploded near Lashkar Gah on Thursday."
    _name, admin1, precision = _choose(sentence, sentence, gazetteer)
    assert (admin1, precision) == ("Helmand", 2)


def test_choose_event_place_gives_precision_two_for_a_district(gazetteer: Gazetteer) -> None:
    sentence = "The Taliban captured Yamgan district of Badakhshan province."
    assert _choose(sentence, sentence, gazetteer) == ("Yamgan", "Badakhshan", 2)


def test_choose_event_place_gives_precision_three_for_a_province(gazetteer: Gazetteer) -> None:
    sentence = "Clashes were reported across Takhar province."
    assert _choose(sentence, sentence, gazetteer) == ("Takhar", "Takhar", 3)


def test_choose_event_place_falls_back_to_the_documents_focus(gazetteer: Gazetteer) -> None:
    document = (
        "Fighting intensified in Kunduz province this week. Officials in Imam Sahib said the "
        "district was surrounded. Two soldiers were killed in the clashes."
    )
    name, admin1, precision = _choose(
        "Two soldiers were killed in the clashes.", document, gazetteer
    )
    assert (name, admin1) == ("Imam Sahib", "Kunduz")
    assert precision == 2


def test_choose_event_place_skips_a_place_from_another_province(gazetteer: Gazetteer) -> None:
    sentence = "Fighters from Takhar attacked Khash district, Badakhshan province, overnight."
    name, admin1, _precision = _choose(sentence, sentence, gazetteer)
    assert (name, admin1) == ("Khash", "Badakhshan")


def test_choose_event_place_without_places_is_none(gazetteer: Gazetteer) -> None:
    assert choose_event_place([], [], gazetteer) == (None, 3)
    assert focus_place([]) is None
