"""The nlp stage: model + actor ruler, places written over NER, long bodies in chunks."""

from __future__ import annotations

from typing import Any

from frontlines.models import Article
from frontlines.nlp import analyse
from frontlines.nlp.pipeline import PLACES_SPAN_KEY, parse_body, split_into_chunks


def test_pipeline_actor_ruler_labels_dictionary_actors(nlp: Any) -> None:
    doc = nlp("Tigrayan forces and Afghan Air Forces clashed with Wagner mercenaries.")
    actors = {(ent.text, ent.ent_id_) for ent in doc.ents if ent.label_ == "ACTOR"}
    assert ("Tigrayan forces", "TPLF: Tigray People's Liberation Front") in actors
    assert ("Afghan Air Forces", "Military Forces of Afghanistan") in actors
    assert ("Wagner mercenaries", "Wagner Group") in actors


def test_pipeline_places_override_ner_labels(nlp: Any, gazetteer: Any) -> None:
    text = "Taliban fighters entered Imam Sahib and Khan Abad districts of Kunduz province."
    article = Article(id="p1", body=text, original=text)
    analysis = analyse(article, nlp=nlp, gazetteer=gazetteer)
    place_texts = {span.text for span in analysis.doc.spans[PLACES_SPAN_KEY]}
    assert {"Khan Abad", "Kunduz"} <= place_texts
    labels = {ent.text: ent.label_ for ent in analysis.doc.ents}
    assert labels["Khan Abad"] in ("GPE", "LOC")
    assert analysis.gazetteer is gazetteer


def test_pipeline_line_breaks_end_sentences(nlp: Any) -> None:
    doc = nlp(
        "Taliban Capture Key District\nKABUL, Afghanistan (July 5, 2021)\nFighting continued."
    )
    for sent in doc.sents:
        assert "\n" not in sent.text.strip()
    starts = {sent.start_char for sent in doc.sents}
    assert doc.text.index("KABUL") in starts
    assert doc.text.index("Fighting") in starts


def test_pipeline_chunks_are_lossless_and_bounded() -> None:
    paragraph = "Fighting was reported near the airport on Sunday. " * 40
    text = "\n\n".join(paragraph for _ in range(30))
    chunks = list(split_into_chunks(text, 5000))
    assert "".join(chunks) == text
    assert max(len(chunk) for chunk in chunks) <= 5000


def test_pipeline_long_body_is_parsed_in_chunks_with_body_offsets(nlp: Any) -> None:
    paragraph = "Taliban fighters attacked a checkpoint in Kunduz on Sunday, officials said. " * 30
    text = "\n\n".join(paragraph.strip() for _ in range(12))
    assert len(text) > 20_000
    doc = parse_body(text, nlp)
    assert doc.text == text
    last = [t for t in doc if t.text == "Kunduz"][-1]
    assert text[last.idx : last.idx + len("Kunduz")] == "Kunduz"


def test_pipeline_a_wire_dateline_ends_before_the_first_sentence(nlp: Any) -> None:
    doc = nlp(
        "BANGKOK -- Airstrikes by Burma's military on two villages killed nearly a dozen "
        "civilians.\n\nKABUL, Afghanistan (AP) \u2014 The Taliban captured Kunduz on Sunday."
    )
    starts = {sent[0].text for sent in doc.sents}
    assert {"Airstrikes", "The"} <= starts
    assert "BANGKOK" in starts and "KABUL" in starts


def test_pipeline_a_timeline_label_stays_with_its_sentence(nlp: Any) -> None:
    # Timelines open each entry with a date and a place before a colon; the entry's sentence
    # must keep that place.
    text = "Timeline\nAugust 8 – Taloqan: The capital of Takhar province falls to the Taliban."
    doc = nlp(text)
    entry = next(sent for sent in doc.sents if "Taloqan" in sent.text)
    assert "falls to the Taliban" in entry.text


def test_pipeline_an_all_caps_speaker_label_is_not_joined(nlp: Any) -> None:
    doc = nlp("REPORTER: Fighting continued near the airport.\nANCHOR: Thank you.")
    speaker = next(sent for sent in doc.sents if "Thank" in sent.text)
    assert "Fighting" not in speaker.text
