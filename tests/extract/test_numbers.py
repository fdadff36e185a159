"""Counts: digits and words, vague quantities, ranges, and what each number counts."""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.extract.numbers import find_quantities, parse_number_words, total


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["thirty"], 30),
        (["a", "thousand"], 1000),
        (["1,037"], 1037),
        (["two", "hundred", "and", "twelve"], 212),
        (["thirty", "-", "five"], 35),
        (["three", "thousand", "four", "hundred"], 3400),
    ],
)
def test_numbers_parse_number_words(words: list[str], value: int) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The security force killed two insurgents and detained several others.",
            [("killed", 2), ("detained", 3)],
        ),
        ("Dozens of militants were killed in the airstrike.", [("killed", 12)]),
        ("Hundreds of civilians fled the fighting.", [("displaced", 100)]),
        ("More than a thousand Afghan soldiers crossed into Tajikistan.", [("troops", 1000)]),
        (
            "Thirty-five civilians were killed and 12 wounded in the blast.",
            [("killed", 35), ("wounded", 12)],
        ),
        ("Between 10 and 15 people were injured.", [("wounded", 10)]),
        ("Ten to fifteen villagers were abducted by gunmen.", [("abducted", 10)]),
        ("The attack left three dead and four injured.", [("killed", 3), ("wounded", 4)]),
        ("The death toll rose to 15 on Sunday.", [("killed", 15)]),
        ("Three members of one family, including two children, were killed.", [("killed", 3)]),
        ("Police arrested 23 protesters in Addis Ababa in 2020.", [("detained", 23)]),
    ],
)
def test_numbers_find_quantities_by_category(
    nlp: Any, sentence: str, expected: list[tuple[str, int]]
) -> None:
    doc = nlp(sentence)
    found = [(q.category, q.value) for q in find_quantities(doc[:])]
    assert found == expected


def test_numbers_singular_person_object_counts_one(nlp: Any) -> None:
    doc = nlp("An Afghan and coalition security force killed an insurgent and detained a leader.")
    found = {(q.category, q.value, q.is_leader) for q in find_quantities(doc[:])}
    assert ("killed", 1, False) in found
    assert ("detained", 1, True) in found


def test_numbers_a_breakdown_after_a_figure_adds_nothing(nlp: Any) -> None:
    doc = nlp(
        "The government said eight soldiers were killed, as well as eight assailants \u2014 "
        "four at the embassy and four at military headquarters."
    )
    assert total(find_quantities(doc[:]), "killed") == 16
