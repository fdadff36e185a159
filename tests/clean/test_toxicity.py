"""Toxicity scores flag insults and slurs in comments and leave ordinary comments low."""

from __future__ import annotations

import pytest

from frontlines.clean.toxicity import score_toxicity

INSULTS = [
    "You are an idiot Albert. Go back to your cave.",
    "Filthy cowards, all of them. Shoot the deserters.",
    "These savages should all be wiped out, they are animals.",
    "Shut up you paid shill, nobody believes your lies.",
    "What a f*cking disgrace, the whole army is full of morons.",
]
ORDINARY = [
    "Praying for the families in Kunduz.",
    "Does anyone know if the road to Kandahar is open?",
    "The government soldiers haven't been paid in four months. What did anyone expect?",
    "Good news finally. Hope they hold it this time.",
    "My cousin is in Fayzabad, he says the bazaar is closed.",
]


def test_score_toxicity_flags_insults() -> None:
    assert all(score > 0.5 for score in score_toxicity(INSULTS))


def test_score_toxicity_leaves_ordinary_comments_low() -> None:
    assert all(score < 0.5 for score in score_toxicity(ORDINARY))


def test_score_toxicity_scores_each_text_in_range() -> None:
    scores = score_toxicity(INSULTS + ORDINARY)
    assert len(scores) == len(INSULTS) + len(ORDINARY)
    assert all(0.0 <= score <= 1.0 for score in scores)


@pytest.mark.parametrize("texts", [[], ()])
def test_score_toxicity_of_nothing_is_empty(texts: list[str]) -> None:
    assert score_toxicity(texts) == []


def test_score_toxicity_model_part_equals_profanity_check_predict_prob() -> None:
    from profanity_check import predict_prob

    from frontlines.clean.toxicity import _model_predict

    texts = INSULTS + ORDINARY + ["", "Taliban take Yamgan", "fuck this war", "1,037 soldiers"]
    ours = _model_predict()(texts)
    reference = predict_prob(texts)
    assert [round(float(x), 9) for x in ours] == [round(float(x), 9) for x in reference]
