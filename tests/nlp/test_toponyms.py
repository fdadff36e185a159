"""find_places on hand-written sentences in the style of conflict reporting and transcripts."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.config import Settings
from frontlines.gazetteer import Gazetteer
from frontlines.models import ResolvedPlace
from frontlines.nlp.toponyms import find_places


def _places(text: str, gazetteer: Gazetteer, **kwargs: object) -> list[ResolvedPlace]:
    return find_places(text, gazetteer, doc_id="t", **kwargs)  # type: ignore[arg-type]


def _by_mention(places: list[ResolvedPlace]) -> dict[str, ResolvedPlace]:
    return {p.mention: p for p in places}


@pytest.mark.parametrize(
    ("sentence", "mention", "place_id"),
    [
        ("Clashes erupted on the edge of Pol-e Khomri on Monday.", "Pol-e Khomri", None),
        ("The Taliban entered Shibirghan after the garrison surrendered.", "Shibirghan", None),
        ("Residents fled Mazari Sharif as the fighting neared.", "Mazari Sharif", None),
        ("Fighting spread across Jowzjan and into Faryab.", "Jowzjan", "t-jwz"),
        (
            "Militants attacked a checkpoint in Koran wa Monjan district.",
            "Koran wa Monjan",
            "t-bdk-kwm",
        ),
        (
            "Insurgents stormed the district centre of Arghanj Khowah.",
            "Arghanj Khowah",
            "t-bdk-akh",
        ),
    ],
)
def test_find_places_resolves_romanisation_variants(
    gazetteer: Gazetteer, sentence: str, mention: str, place_id: str | None
) -> None:
    place = _by_mention(_places(sentence, gazetteer))[mention]
    assert place.country_code == "AF"
    if place_id is not None:
        assert place.place_id == place_id
    assert place.rule.split("+")[0] in ("exact", "alt-name", "variant", "phonetic")


def test_find_places_resolves_named_districts_to_their_province(gazetteer: Gazetteer) -> None:
    places = _by_mention(_places("Pol-e Khomri and Shibirghan fell within hours.", gazetteer))
    assert places["Pol-e Khomri"].admin1 == "Baghlan"
    assert places["Shibirghan"].admin1 == "Jawzjan"


def test_find_places_hears_places_in_a_lowercase_transcript(gazetteer: Gazetteer) -> None:
    text = (
        "our correspondent says the taliban attacked a convoy in candy har last night and "
        "fighting in hell mend has displaced hundreds of families"
    )
    places = _by_mention(_places(text, gazetteer))
    assert places["candy har"].admin1 == "Kandahar"
    assert places["hell mend"].place_id == "t-hel"
    assert set(places) == {"candy har", "hell mend"}


@pytest.mark.parametrize(
    ("sentence", "province"),
    [
        ("Taliban fighters captured Fayzabad, Jawzjan, on Tuesday.", "Jawzjan"),
        ("Taliban fighters captured Fayzabad, Badakhshan, on Tuesday.", "Badakhshan"),
        ("Fighting reached Fayzabad district of Jawzjan province.", "Jawzjan"),
    ],
)
def test_find_places_follows_an_explicit_parent(
    gazetteer: Gazetteer, sentence: str, province: str
) -> None:
    place = _by_mention(_places(sentence, gazetteer))["Fayzabad"]
    assert place.admin1 == province
    assert "context" in place.rule


def test_find_places_uses_the_documents_other_places(gazetteer: Gazetteer) -> None:
    text = (
        "The governor of Jawzjan said Sheberghan was calm. "
        "Later, insurgents attacked a police post in Fayzabad."
    )
    assert _by_mention(_places(text, gazetteer))["Fayzabad"].admin1 == "Jawzjan"


def test_find_places_reads_district_and_province_pattern(gazetteer: Gazetteer) -> None:
    text = "Afghan forces detained two suspects in Marjeh district, Helmand province, yesterday."
    places = _by_mention(_places(text, gazetteer))
    assert places["Marjeh"].place_id == "t-hel-mrj"
    assert places["Marjeh"].level == "admin2"
    assert places["Helmand"].level == "admin1"


@pytest.mark.parametrize(
    "sentence",
    [
        "Afghan officials said the Tajik border post was quiet.",
        "Kabul Bank said its accounts were frozen.",
        "Police said the Bazar was closed after the blast.",
    ],
)
def test_find_places_ignores_nationalities_organisations_and_common_words(
    gazetteer: Gazetteer, sentence: str
) -> None:
    assert _places(sentence, gazetteer) == []


def test_find_places_lets_a_person_span_veto_a_name(gazetteer: Gazetteer) -> None:
    text = "Commander Qari Fayzabad told reporters the attack had failed."
    start = text.index("Qari")
    spans = [(start, start + len("Qari Fayzabad"), "PERSON")]
    assert _places(text, gazetteer, ner_spans=spans) == []


def test_find_places_marks_places_the_event_was_near(gazetteer: Gazetteer) -> None:
    place = _by_mention(_places("A bomb exploded near Lashkar Gah on Thursday.", gazetteer))[
        "Lashkar Gah"
    ]
    assert "near" in place.rule


def test_find_places_abstains_on_a_short_foreign_lookalike_in_a_focused_document(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "In Imam Sahib district, Kunduz province, the force detained Mullah Manda and "
        "searched a compound."
    )
    mentions = [p.mention for p in _places(text, gazetteer)]
    assert mentions == ["Imam Sahib", "Kunduz"]


def test_find_places_resolves_countries_and_foreign_towns(gazetteer: Gazetteer) -> None:
    text = "Shelling hit Kharkiv in Ukraine while Tigray and Aleppo saw air strikes."
    places = _by_mention(_places(text, gazetteer))
    assert places["Ukraine"].level == "country"
    assert places["Kharkiv"].country_code == "UA"
    assert places["Tigray"].country_code == "ET"
    assert places["Aleppo"].country_code == "SY"


def test_find_places_offsets_point_at_the_mention(
    gazetteer: Gazetteer, fixtures_dir: object
) -> None:
    from pathlib import Path

    text = (Path(str(fixtures_dir)) / "gazetteer" / "sentences.txt").read_text(encoding="utf-8")
    places = _places(text, gazetteer)
    assert len(places) >= 25
    for place in places:
        assert text[place.start : place.end] == place.mention
        assert 0.0 <= place.score <= 1.0
    assert all(a.end <= b.start for a, b in pairwise(places))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_find_places_never_crashes_and_keeps_offsets_valid(gazetteer: Gazetteer, text: str) -> None:
    places = _places(text, gazetteer)
    for place in places:
        assert text[place.start : place.end] == place.mention
    assert [p.start for p in places] == sorted(p.start for p in places)


def test_find_places_reads_a_people_as_a_region_only_where_it_is_one(gazetteer: Gazetteer) -> None:
    assert _places("Kachin fighters attacked an army post at dawn.", gazetteer) == []
    places = _by_mention(_places("Heavy fighting was reported in Kachin on Monday.", gazetteer))
    assert places["Kachin"].country_code == "MM"


def test_find_places_does_not_match_a_variant_inside_a_longer_name(gazetteer: Gazetteer) -> None:
    places = _places("Fighting continued in Tirin Kot on Sunday.", gazetteer)
    assert all(p.country_code == "AF" for p in places)


def test_find_places_keeps_a_capital_after_an_elision(gazetteer: Gazetteer) -> None:
    places = _by_mention(_places("Troops were sent to Côte d'Ivoire last year.", gazetteer))
    assert places["Côte d'Ivoire"].country_code == "CI"


def test_find_places_tells_a_person_from_a_village_named_after_one(gazetteer: Gazetteer) -> None:
    assert _places("Haji Ghulam told reporters the road was closed.", gazetteer) == []
    places = _by_mention(_places("Police searched the village of Haji Ghulam.", gazetteer))
    assert places["Haji Ghulam"].admin2 == "Maiwand"


def test_find_places_keeps_a_province_the_small_model_calls_a_person(gazetteer: Gazetteer) -> None:
    text = "Taliban fighters captured Fayzabad, Jawzjan, last night."
    start = text.index("Jawzjan")
    spans = [(start, start + len("Jawzjan"), "PERSON")]
    places = _by_mention(_places(text, gazetteer, ner_spans=spans))
    assert places["Jawzjan"].level == "admin1"
    assert places["Fayzabad"].admin1 == "Jawzjan"


def test_find_places_reads_the_town_of_x_bordering_y(gazetteer: Gazetteer) -> None:
    text = "The Taliban seized the town of Sher Khan Bandar, bordering Tajikistan, on Sunday."
    places = _by_mention(_places(text, gazetteer))
    town = places["Sher Khan Bandar"]
    assert (town.level, town.admin1, town.admin2) == ("place", "Kunduz", "Imam Sahib")
    assert "context" in town.rule
    assert places["Tajikistan"].level == "country"


@pytest.fixture(scope="module")
def world_gazetteer(settings: Settings) -> Gazetteer:
    """The default world gazetteer alone (no imported country): documents without a focus."""
    from dataclasses import replace

    from frontlines.gazetteer import load_gazetteer

    return load_gazetteer(replace(settings, gazetteer_files=()))


@pytest.mark.parametrize(
    "sentence",
    [
        "Fighting continued in Sangeen on Tuesday, residents said.",
        "Fano militia fighters ambushed a convoy on the main road.",
        "Fano fighters withdrew from the market before dawn.",
    ],
)
def test_find_places_does_not_send_unknown_names_abroad_without_a_focus(
    world_gazetteer: Gazetteer, sentence: str
) -> None:
    assert _places(sentence, world_gazetteer) == []


def test_find_places_drops_variants_abroad_when_a_province_sets_the_focus(
    world_gazetteer: Gazetteer,
) -> None:
    text = "clashes erupted in sangeen district of helmand province after the order was given"
    places = _places(text, world_gazetteer)
    # The world gazetteer knows Sangin (cities1000), in Helmand; nothing abroad is kept.
    assert [(p.mention, p.country_code, p.admin1) for p in places] == [
        ("sangeen", "AF", "Helmand"),
        ("helmand", "AF", "Helmand"),
    ]


def test_find_places_keeps_a_variant_of_a_big_towns_own_name(world_gazetteer: Gazetteer) -> None:
    places = _by_mention(
        _places("Heavy fighting was reported in Lashkar Gaah overnight.", world_gazetteer)
    )
    assert places["Lashkar Gaah"].country_code == "AF"


def test_find_places_keeps_an_exact_foreign_town_named_as_a_place(
    world_gazetteer: Gazetteer,
) -> None:
    places = _by_mention(_places("Protesters gathered in Fano on Saturday.", world_gazetteer))
    assert places["Fano"].country_code == "IT"


def test_find_places_drops_a_small_town_abroad_named_by_an_alternate_name(
    world_gazetteer: Gazetteer,
) -> None:
    text = "Two policemen were killed in Sur village, Kandahar province, on Friday."
    places = _places(text, world_gazetteer)
    assert all(p.country_code == "AF" for p in places)
    assert "Sur" not in _by_mention(places) or _by_mention(places)["Sur"].country_code == "AF"
    kyiv = _by_mention(_places("Missiles struck Kiev overnight.", world_gazetteer))["Kiev"]
    assert kyiv.country_code == "UA"


def test_find_places_ignores_a_word_inside_an_unknown_name_abroad(gazetteer: Gazetteer) -> None:
    text = "Security forces cleared Kosa Qala village after a gunfight."
    assert [p for p in _places(text, gazetteer) if p.country_code != "AF"] == []


def test_find_places_hears_no_town_abroad_in_common_words_of_a_transcript(
    world_gazetteer: Gazetteer,
) -> None:
    text = "clashes broke out near the border and order was restored after the angry crowd left"
    assert _places(text, world_gazetteer) == []


def test_find_places_appositive_type_word_makes_a_name_a_district(gazetteer: Gazetteer) -> None:
    text = "The Taliban on Sunday seized Jurm, a district east of the provincial capital."
    places = find_places(text, gazetteer, doc_id="t", ner_spans=[(29, 33, "PERSON")])
    assert [(p.mention, p.level) for p in places][:1] == [("Jurm", "admin2")]


def test_find_places_transcript_sound_alike_is_no_province_abroad(gazetteer: Gazetteer) -> None:
    text = "in kabul officials said the taliban captured two districts in bad a shawn province"
    places = find_places(text, gazetteer, doc_id="t", caseless=True)
    assert "Myanmar" not in {p.country for p in places}
    assert "Kabul" in {p.name for p in places}


def test_find_places_short_lowercase_word_is_no_town(gazetteer: Gazetteer) -> None:
    text = "the taliban took kuran wa munjan district and officials in kabul confirmed it"
    places = find_places(text, gazetteer, doc_id="t", caseless=True)
    assert all(p.mention != "wa" for p in places)


def test_find_places_a_people_listed_beside_typed_units_is_a_unit(gazetteer: Gazetteer) -> None:
    text = "The junta launched airstrikes on Wednesday in Sagaing Region and Kayah and Karen states"
    names = [(p.name, p.level) for p in _places(text, gazetteer)]
    assert ("Kayah", "admin1") in names
    assert ("Kachin", "admin1") not in [
        (p.name, p.level) for p in _places("Kachin fighters said they were attacked.", gazetteer)
    ]


def test_find_places_a_nationality_named_lets_its_country_s_places_in(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "Saudi Arabia said it destroyed a Houthi missile over Jazan in Saudi Arabia. "
        "Huge numbers of Yemenis flee Hodeidah as fighting nears."
    )
    places = {p.mention: p for p in _places(text, gazetteer)}
    assert "Hodeidah" in places and places["Hodeidah"].country == "Yemen"
    without = _places(
        "Saudi Arabia said it destroyed a missile over Jazan. Crowds flee Hodeidah.", gazetteer
    )
    assert all(p.mention != "Hodeidah" for p in without)


def test_find_places_a_tajik_romanisation_needs_its_province_named(gazetteer: Gazetteer) -> None:
    # Tajik- and Russian-sourced reports write Persian a as o: Shugnon is Shighnan.
    named = _places("The Taliban took the Shugnon district of Badakhshan province.", gazetteer)
    assert ("Shugnon", "Shighnan") in [(p.mention, p.name) for p in named]
    alone = _places("Fighting was reported in Shugnon.", gazetteer)
    assert all(p.name != "Shighnan" for p in alone)
