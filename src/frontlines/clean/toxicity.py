"""Toxicity of reader comments, 0..1: a score that flags abuse and never censors.

Two signals, the higher wins: (1) alt-profanity-check's linear model (good on swearing),
(2) a small lexicon of insults and dehumanising words the model misses when no swear word is
present (data/clean/insults.txt).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from frontlines.clean.patterns import read_word_list

# The score a comment gets at least when it contains a lexicon term; above 0.5 so it is flagged.
# Calibrated on the insults in tests/fixtures/clean (the model gave them 0.2-0.8).
LEXICON_SCORE = 0.8


@cache
def _model_predict() -> Any:
    from profanity_check import predict_prob

    return predict_prob


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
