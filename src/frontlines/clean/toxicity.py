"""Toxicity of reader comments, 0..1: a score that flags abuse and never censors.

Two signals, the higher wins: (1) alt-profanity-check's model (good on swearing), (2) a small
lexicon of insults and dehumanising words the model misses when no swear word is present
(data/clean/insults.txt).

The model is a scikit-learn CalibratedClassifierCV over LinearSVCs with sigmoid calibration.
Its arithmetic is done here in one NumPy step from the fitted weights (the same numbers as
`predict_prob`, checked by a test) because scikit-learn's per-call input validation costs
~2 ms per document; when the fitted model has another shape, `predict_prob` is used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from frontlines.clean.patterns import read_word_list

# The score a comment gets at least when it contains a lexicon term; above 0.5 so it is flagged.
# Calibrated on the insults in tests/fixtures/clean (the model gave them 0.2-0.8).
LEXICON_SCORE = 0.8


@dataclass(frozen=True, slots=True)
class _SigmoidEnsemble:
    """The fitted calibrated linear model as arrays: one row per cross-validation fold."""

    vectorizer: Any
    weights: Any  # (folds, vocabulary)
    intercepts: Any  # (folds,)
    slopes: Any  # sigmoid a per fold
    offsets: Any  # sigmoid b per fold

    def __call__(self, texts: list[str]) -> Any:
        features = self.vectorizer.transform(texts)
        decision = np.asarray(features @ self.weights.T) + self.intercepts
        return (1.0 / (1.0 + np.exp(self.slopes * decision + self.offsets))).mean(axis=1)


@cache
def _model_predict() -> Any:
    from profanity_check import profanity_check

    ensemble = _as_sigmoid_ensemble(profanity_check.vectorizer, profanity_check.model)
    return ensemble if ensemble is not None else profanity_check.predict_prob


def _as_sigmoid_ensemble(vectorizer: Any, model: Any) -> _SigmoidEnsemble | None:
    folds = getattr(model, "calibrated_classifiers_", None)
    if getattr(model, "method", None) != "sigmoid" or not folds:
        return None
    if any(len(fold.calibrators) != 1 or fold.estimator.coef_.shape[0] != 1 for fold in folds):
        return None
    return _SigmoidEnsemble(
        vectorizer=vectorizer,
        weights=np.vstack([fold.estimator.coef_.ravel() for fold in folds]),
        intercepts=np.array([fold.estimator.intercept_[0] for fold in folds]),
        slopes=np.array([fold.calibrators[0].a_ for fold in folds]),
        offsets=np.array([fold.calibrators[0].b_ for fold in folds]),
    )


@cache
def _lexicon() -> re.Pattern[str]:
    terms = sorted(read_word_list("insults.txt"), key=len, reverse=True)
    words = "|".join(re.escape(term).replace(r"\ ", r"\s+") for term in terms)
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


def score_toxicity(texts: Sequence[str]) -> list[float]:
    """A 0..1 toxicity score per text, computed in one batch."""
    if not texts:
        return []
    model_scores = _model_predict()(list(texts))
    lexicon = _lexicon()
    return [
        round(max(float(score), LEXICON_SCORE if lexicon.search(text) else 0.0), 4)
        for text, score in zip(texts, model_scores, strict=True)
    ]
