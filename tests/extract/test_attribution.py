"""Attribution: according to X, X said/claimed, X's statement; certainty."""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.extract.attribution import find_attribution
from frontlines.extract.triggers import find_triggers


def _attribution(nlp: Any, sentence: str) -> tuple[str | None, str]:
    doc = nlp(sentence)
    match = find_triggers(doc[:])[0]
    found = find_attribution(doc[:], doc[match.head])
    return found.claimed_by, found.certainty


@pytest.mark.parametrize(
    ("sentence", "claimed_by", "certainty"),
    [
        (
            "Twenty Taliban fighters were killed in the clash, according to the Afghan Ministry of "
            "Defense.",
            "Afghan Ministry of Defense",
            "claimed",
        ),
        (
            "The Taliban claimed that their fighters had captured the border crossing.",
            "Taliban",
            "claimed",
        ),
        (
            "Five civilians were killed in the blast, a hospital doctor said.",
            "Hospital doctor",
            "reported",
        ),
        ("Militants reportedly seized two villages near the town.", None, "unconfirmed"),
        (
            "The army's statement said 30 militants were killed in the airstrike.",
            "Army",
            "claimed",
        ),
    ],
)
def test_attribution_source_and_certainty(
    nlp: Any, sentence: str, claimed_by: str | None, certainty: str
) -> None:
    assert _attribution(nlp, sentence) == (claimed_by, certainty)


def test_attribution_a_country_speaks_for_its_government(nlp: Any) -> None:
    claimed_by, _ = _attribution(nlp, "Ukraine says two missiles struck the railway station.")
    assert claimed_by == "Ukraine"


def test_attribution_the_subject_of_a_passive_report_is_what_is_said(nlp: Any) -> None:
    claimed_by, _ = _attribution(
        nlp, "Nearly 90 civilians were reported killed in the same districts on Saturday."
    )
    assert claimed_by is None


def test_attribution_media_reports_name_the_media(nlp: Any) -> None:
    doc = nlp("French media reports say French troops entered Timbuktu on Monday.")
    sent = next(iter(doc.sents))
    trigger = next(t for t in sent if t.lower_ == "entered")
    assert find_attribution(sent, trigger).claimed_by == "French media"


def test_attribution_a_hyphenated_source_keeps_its_word_whole(nlp: Any) -> None:
    doc = nlp("A high-ranking security officer says the Taliban seized the city.")
    sent = next(iter(doc.sents))
    trigger = next(t for t in sent if t.lower_ == "seized")
    assert find_attribution(sent, trigger).claimed_by == "High-ranking security officer"


def test_attribution_speakers_the_parser_stranded_still_speak(nlp: Any) -> None:
    claimed_by, _ = _attribution(
        nlp,
        "Fighters rampaged through a village in Sennar, killing at least 85 people, including "
        "women and children, authorities and residents said Saturday.",
    )
    assert claimed_by == "Authorities"
