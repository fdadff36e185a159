"""A wire dateline without a place ("July 5 (Reuters) -") anchors the relative dates of a text."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.resolve.dates import find_dateline, header_end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("July 5 (Reuters) - Fighters took the district on Sunday. It was 2021.", date(2021, 7, 5)),
        ("Nov. 20, 2011 (AP) — Insurgents attacked a checkpoint on Saturday.", date(2011, 11, 20)),
    ],
)
def test_wire_dateline_without_a_place_is_found(text: str, expected: date) -> None:
    assert find_dateline(text) == expected
    assert text[header_end(text) :].lstrip().startswith(("Fighters", "Insurgents"))


def test_a_month_and_day_in_the_text_is_no_wire_dateline() -> None:
    assert find_dateline("Fighting resumed. On July 5 (local time) the road closed.") is None
