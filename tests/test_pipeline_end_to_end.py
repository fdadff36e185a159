"""The pipeline end to end on the bundled samples: order of stages, failures, long bodies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from frontlines import pipeline
from frontlines.cli.demo_cmd import sample_reports_dir
from frontlines.models import Article


def test_pipeline_samples_give_events_with_evidence_in_their_bodies(resources: Any) -> None:
    result = pipeline.run_pipeline([str(sample_reports_dir())], resources, merge=False)
    assert not result.failures
    assert len(result.documents) >= 10
    bodies = {d.article.id: d.article.body for d in result.documents}
    assert result.events
    for event in result.events:
        for evidence in event.evidence:
            assert bodies[evidence.doc_id][evidence.start : evidence.end] == evidence.text


def test_pipeline_never_takes_evidence_from_reader_comments(resources: Any) -> None:
    result = pipeline.run_pipeline([str(sample_reports_dir())], resources, merge=False)
    with_comments = [d for d in result.documents if d.article.comments]
    assert with_comments, "the samples include articles with comment sections"
    for document in with_comments:
        for comment in document.article.comments:
            for event in document.events:
                for evidence in event.evidence:
                    assert evidence.text not in comment.text


def test_pipeline_bad_input_is_reported_and_the_batch_goes_on(
    resources: Any, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "published: 2021-07-05\n---\nTaliban fighters captured the Khash district of "
        "Badakhshan province on Sunday, officials said.\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = pipeline.run_pipeline([str(tmp_path)], resources)
    assert {Path(f.origin).name for f in result.failures} == {"empty.txt", "binary.txt"}
    assert len(result.documents) == 1
    assert result.events


def test_pipeline_long_body_is_processed_in_parts_with_offsets_into_the_whole(
    resources: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    paragraphs = [
        "Taliban fighters captured the Khash district of Badakhshan province on Sunday, "
        "local officials said.",
        "The weather was hot and the markets of the provincial capital stayed open.",
        "Afghan Air Force jets struck Taliban positions near Kunduz city on Monday, killing "
        "12 insurgents, the Ministry of Defense said.",
    ]
    body = "\n\n".join(paragraphs)
    article = Article(id="long", body=body, original=body, published=None)
    whole = pipeline.process_article(article, resources)
    monkeypatch.setattr(pipeline, "LONG_BODY_CHARS", 120)
    parted = pipeline.process_article(article, resources)
    assert [e.event_type for e in parted.events] == [e.event_type for e in whole.events]
    assert len(parted.events) >= 2
    for event in parted.events:
        for evidence in event.evidence:
            assert body[evidence.start : evidence.end] == evidence.text
    for place in parted.places:
        assert body[place.start : place.end] == place.mention
    assert {p.name for p in whole.places} <= {p.name for p in parted.places}
