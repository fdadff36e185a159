"""Name keys: romanisation variants share a fold key; mishearings share a skeleton."""

from __future__ import annotations

import pytest

from frontlines.gazetteer.names import fold_key, is_latin_name, normalise_name, skeleton_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Mazar-i-Sharif", "Mazar-e Sharif"),
        ("Sheberghan", "Shibirghan"),
        ("Pul-i-Khumri", "Pol-e Khomri"),
        ("Jawzjan", "Jowzjan"),
        ("Jowzjan", "Jozjan"),
        ("Kunduz", "Qunduz"),
        ("Lashkar Gah", "Lashkargah"),
        ("Kuran wa Munjan", "Koran-o-Monjan"),
        ("Maimanah", "Maymana"),
        ("Wardak", "Vardak"),
    ],
)
def test_fold_key_equates_romanisation_variants(one: str, other: str) -> None:
    assert fold_key(one) == fold_key(other)


@pytest.mark.parametrize(
    ("one", "other"), [("Kandahar", "Kunduz"), ("Herat", "Helmand"), ("Khost", "Kabul")]
)
def test_fold_key_keeps_different_places_apart(one: str, other: str) -> None:
    assert fold_key(one) != fold_key(other)


@pytest.mark.parametrize(
    ("heard", "name"),
    [("candy har", "Kandahar"), ("hell mend", "Helmand"), ("sheber gan", "Shibirghan")],
)
def test_skeleton_key_matches_speech_recognition_mishearings(heard: str, name: str) -> None:
    assert skeleton_key(heard) == skeleton_key(name)


def test_normalise_name_strips_diacritics_apostrophes_and_punctuation() -> None:
    assert normalise_name("Musa Qal‘ah") == "musa qalah"
    assert normalise_name("Mazār-e Sharīf") == "mazar e sharif"
    assert normalise_name("  Nad 'Ali ") == "nad ali"


def test_is_latin_name_rejects_arabic_script() -> None:
    assert is_latin_name("Fayzābād")
    assert not is_latin_name("فیض آباد")
