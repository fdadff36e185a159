"""Tolerant name comparison: transliteration variants of places, ACLED-style actor names."""

from __future__ import annotations

import pytest

from frontlines.eval.names import (
    claimants_match,
    countries_match,
    names_match,
    normalise_place,
    place_key,
    places_match,
)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Pul-i-Khumri", "Pol-e Khomri"),
        ("Puli Khumri", "Pul-i-Khumri"),
        ("Mazar-i-Sharif", "Mazar-e Sharif"),
        ("Sheberghan", "Shibirghan"),
        ("Jawzjan", "Jowzjan"),
        ("Hilmand province", "Helmand"),
        ("Nahri Sarraj district (Greshk)", "Nahr-e Saraj"),
        ("Qala-i-Naw", "Qal'ah-ye Now"),
        ("Wardak", "Vardak"),
        ("Herat District", "Herat"),
        ("Taloqan", "Taluqan"),
        ("As-Sweida", "Sweida"),
        ("Idlib", "Idleb"),
    ],
)
def test_places_match_folds_transliteration_variants(first: str, second: str) -> None:
    assert places_match(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Kunar", "Kunduz"),
        ("Paktia", "Paktika"),
        ("Balkh", "Baghlan"),
        ("Kabul", "Kapisa"),
        ("Khost wa Firing", "Khost"),
        ("Kandahar", ""),
    ],
)
def test_places_match_keeps_different_places_apart(first: str, second: str) -> None:
    assert not places_match(first, second)


def test_normalise_place_drops_administrative_words_and_punctuation() -> None:
    assert normalise_place("Mazar-e Sharif district") == "mazaresharif"
    assert place_key("Shibirghan") == place_key("Sheberghan") == "shbrghn"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Military Forces of Afghanistan", "Military Forces of Afghanistan (2004-2021)"),
        ("Civilians", "Civilians (Afghanistan)"),
        ("Afghan Ministry of Defense", "Ministry of Defence"),
        ("HTS: Hayat Tahrir al-Sham", "HTS: Hayat Tahrir al Sham"),
        ("taliban", "Taliban"),
    ],
)
def test_names_match_accepts_the_same_party(first: str, second: str) -> None:
    assert names_match(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Military Forces of Ukraine (2019-)", "Military Forces of Russia (2000-)"),
        ("Police Forces of Afghanistan", "Military Forces of Afghanistan (2004-2021)"),
        ("Afghanistan", "Military Forces of Afghanistan"),
        ("Rioters (Afghanistan)", "Protesters (Afghanistan)"),
        ("Taliban", None),
    ],
)
def test_names_match_rejects_different_parties(first: str, second: str | None) -> None:
    assert not names_match(first, second)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Taliban", "Taliban spokesman Zabihullah Mujahid", True),
        ("Balkh governor's office", "Provincial governor's office", True),
        ("Malian army", "Military Forces of Mali", True),
        ("Afghan Ministry of Defense", "Ministry of Defence", True),
        ("PDF: People's Defense Force", "Group", False),
        ("Taliban", "Afghan Ministry of Defense", False),
        ("Provincial police spokesman", "Afghan Ministry of Defense", False),
        (None, "Taliban", False),
    ],
)
def test_claimants_match_reads_the_party_behind_the_speaker(
    first: str | None, second: str, expected: bool
) -> None:
    assert claimants_match(first, second) is expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Syria", "Syrian Arab Republic", True),
        ("Russia", "Russian Federation", True),
        ("Afghanistan", "afghanistan", True),
        ("Niger", "Nigeria", False),
        ("Mali", "Malawi", False),
        ("Ukraine", "", False),
    ],
)
def test_countries_match_uses_iso_codes_before_spelling(
    first: str, second: str, expected: bool
) -> None:
    assert countries_match(first, second) is expected
