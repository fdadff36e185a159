"""Per-field scores, confusion matrix and not-event silence on hand-made predictions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from frontlines.eval.metrics import NO_EVENT, FieldScore, detection_by_group, evaluate, overlaps
from frontlines.eval.records import GoldReport, GoldSet, ScoredEvent

CLAIM_TEXT = (
    "The Afghan Ministry of Defense said on Tuesday that 21 Taliban militants were killed in "
    "airstrikes in Nahr-e Saraj district of Helmand province on Monday night."
)
HABITUAL = "The ministry said its forces kill hundreds of terrorists every day across the country."

AIRSTRIKE = ScoredEvent(
    doc_id="helmand",
    event_type="Explosions/Remote violence",
    sub_event_type="Air/drone strike",
    actor1="Military Forces of Afghanistan (2004-2021)",
    actor2="Taliban",
    country="Afghanistan",
    admin1="Helmand",
    admin2="Nahr-e Saraj",
    location="Nahr-e Saraj",
    event_date=date(2021, 6, 28),
    fatalities=21,
    claimed_by="Afghan Ministry of Defense",
)
PROTEST = ScoredEvent(
    doc_id="herat",
    event_type="Protests",
    sub_event_type="Peaceful protest",
    actor1="Protesters (Afghanistan)",
    country="Afghanistan",
    admin1="Herat",
    admin2="Herat",
    location="Herat",
    event_date=date(2021, 9, 2),
)
GOLD = GoldSet(
    reports=(
        GoldReport(doc_id="helmand", events=(AIRSTRIKE,), not_events=(HABITUAL,)),
        GoldReport(doc_id="herat", events=(PROTEST,)),
    )
)


def test_evaluate_scores_perfect_predictions_one() -> None:
    report = evaluate(GOLD, [replace(AIRSTRIKE, evidence=(CLAIM_TEXT,)), PROTEST])
    for name in ("detection", "event_type", "sub_event_type", "actor1", "admin1", "admin2"):
        assert report.fields[name].f1 == 1.0, name
    assert report.fields["fatalities"] == FieldScore(hits=1, predicted=1, gold=1)
    assert report.fields["claims"].f1 == 1.0
    assert report.not_event_silence == 1.0


def test_evaluate_counts_wrong_fields_against_precision_and_recall() -> None:
    predicted = replace(
        AIRSTRIKE,
        actor1="Ministry of Defense",
        admin2="",
        location="Nahr-e Saraj",
        fatalities=12,
        claimed_by=None,
        event_date=date(2021, 6, 30),
    )
    report = evaluate(GOLD, [predicted])
    assert report.fields["detection"] == FieldScore(hits=1, predicted=1, gold=2)
    assert report.fields["admin2"] == FieldScore(hits=0, predicted=0, gold=2)
    assert report.fields["fatalities"] == FieldScore(hits=0, predicted=1, gold=1)
    assert report.fields["claims"] == FieldScore(hits=0, predicted=0, gold=1)
    assert report.fields["date"].hits == 0
    assert report.fields["actor1"].hits == 0
    assert report.fatalities_exact == (0, 1)


def test_evaluate_counts_equal_fatalities_on_pairs_zero_included() -> None:
    report = evaluate(GOLD, [replace(AIRSTRIKE, evidence=(CLAIM_TEXT,)), PROTEST])
    assert report.fatalities_exact == (2, 2)
    assert report.fatalities_exact_share == 1.0
    assert report.to_json()["fatalities_exact_on_matched"]["pairs"] == 2


def test_evaluate_flags_an_event_from_a_not_event_sentence() -> None:
    spurious = replace(
        AIRSTRIKE, event_type="Battles", admin2="", location="", evidence=(HABITUAL,)
    )
    report = evaluate(GOLD, [replace(AIRSTRIKE, evidence=(CLAIM_TEXT,)), spurious])
    assert report.not_events_violated == 1
    assert report.violations == (("helmand", HABITUAL),)
    assert report.not_event_silence == 0.0


def test_evaluate_builds_the_confusion_matrix_with_none() -> None:
    mistyped = replace(AIRSTRIKE, event_type="Battles", sub_event_type="Armed clash")
    report = evaluate(GOLD, [mistyped, replace(PROTEST, doc_id="helmand", admin1="Kandahar")])
    assert report.confusion["Explosions/Remote violence"] == {"Battles": 1}
    assert report.confusion["Protests"] == {NO_EVENT: 1}
    assert report.confusion[NO_EVENT] == {"Protests": 1}
    assert report.fields["event_type"] == FieldScore(hits=0, predicted=2, gold=2)


def test_evaluate_ignores_documents_outside_the_gold_set() -> None:
    report = evaluate(GOLD, [replace(PROTEST, doc_id="elsewhere")])
    assert report.fields["detection"] == FieldScore(hits=0, predicted=0, gold=2)


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        (HABITUAL, True),
        (
            "in the same statement the ministry said its forces kill hundreds of terrorists every"
            " day across the country and more",
            True,
        ),
        (CLAIM_TEXT, False),
        ("the", False),
    ],
)
def test_overlaps_finds_the_sentence_inside_longer_evidence(evidence: str, expected: bool) -> None:
    assert overlaps(evidence, HABITUAL) is expected


def test_field_score_handles_empty_counts() -> None:
    empty = FieldScore(hits=0, predicted=0, gold=0)
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)
    assert FieldScore(hits=2, predicted=4, gold=2).f1 == pytest.approx(2 / 3)


def test_detection_by_group_splits_by_kind_and_country() -> None:
    gold_set = GoldSet(
        reports=(
            GoldReport(doc_id="helmand", events=(AIRSTRIKE,), kind="transcript"),
            GoldReport(doc_id="herat", events=(PROTEST,), kind="article"),
        )
    )
    groups = detection_by_group(gold_set, [PROTEST])
    assert groups["kind:article"]["detection"] == FieldScore(hits=1, predicted=1, gold=1)
    assert groups["kind:transcript"]["detection"] == FieldScore(hits=0, predicted=0, gold=1)
    assert groups["country:Afghanistan"]["detection"].recall == 0.5


def test_evaluate_leaves_out_predictions_from_ignored_sentences() -> None:
    earlier = "The district had been overrun by the Taliban last week, residents said."
    gold_set = GoldSet(
        reports=(GoldReport(doc_id="helmand", events=(AIRSTRIKE,), ignored=(earlier,)),)
    )
    from_ignored = replace(
        AIRSTRIKE, event_type="Battles", event_date=date(2021, 6, 21), evidence=(earlier,)
    )
    report = evaluate(gold_set, [replace(AIRSTRIKE, evidence=(CLAIM_TEXT,)), from_ignored])
    assert report.fields["detection"] == FieldScore(hits=1, predicted=1, gold=1)
    assert not report.spurious
