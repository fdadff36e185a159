"""Invariants of matching and scoring on generated events (Hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.eval.matching import align_events
from frontlines.eval.metrics import evaluate
from frontlines.eval.records import GoldReport, GoldSet, ScoredEvent

DOCS = ("kunduz-report", "helmand-report")
TYPES = ("Battles", "Explosions/Remote violence", "Strategic developments")
PLACES = (("Kunduz", "Imam Sahib"), ("Kunduz", "Khanabad"), ("Helmand", "Nahr-e Saraj"))

events = st.builds(
    lambda doc, event_type, place, day, killed: ScoredEvent(
        doc_id=doc,
        event_type=event_type,
        admin1=place[0],
        admin2=place[1],
        location=place[1],
        event_date=date(2021, 7, 1) + timedelta(days=day),
        fatalities=killed,
    ),
    st.sampled_from(DOCS),
    st.sampled_from(TYPES),
    st.sampled_from(PLACES),
    st.integers(0, 4),
    st.integers(0, 3),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(events, max_size=6), st.lists(events, max_size=6))
def test_align_events_is_one_to_one_and_accounts_for_everything(
    gold: list[ScoredEvent], predicted: list[ScoredEvent]
) -> None:
    alignment = align_events(gold, predicted)
    assert len(alignment.pairs) + len(alignment.missed) == len(gold)
    assert len(alignment.pairs) + len(alignment.spurious) == len(predicted)
    assert all(g.doc_id == p.doc_id for g, p in alignment.pairs)


@settings(max_examples=60, deadline=None)
@given(st.lists(events, max_size=6), st.lists(events, max_size=6))
def test_evaluate_scores_stay_between_zero_and_one(
    gold: list[ScoredEvent], predicted: list[ScoredEvent]
) -> None:
    reports = tuple(
        GoldReport(doc_id=doc, events=tuple(e for e in gold if e.doc_id == doc)) for doc in DOCS
    )
    report = evaluate(GoldSet(reports=reports), predicted)
    for score in report.fields.values():
        assert 0.0 <= score.precision <= 1.0 and 0.0 <= score.recall <= 1.0
        assert score.hits <= min(score.predicted, score.gold)


@settings(max_examples=40, deadline=None)
@given(st.lists(events, max_size=6))
def test_evaluate_scores_gold_against_itself_perfectly(gold: list[ScoredEvent]) -> None:
    reports = tuple(
        GoldReport(doc_id=doc, events=tuple(e for e in gold if e.doc_id == doc)) for doc in DOCS
    )
    detection = evaluate(GoldSet(reports=reports), gold).fields["detection"]
    assert detection.hits == len(gold)
