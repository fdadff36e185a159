"""Helpers for extraction tests: analyse a hand-written report with the session's resources."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from frontlines.extract import extract_mentions
from frontlines.models import Analysis, Article, Mention
from frontlines.nlp import analyse

PUBLISHED = date(2021, 7, 5)


@pytest.fixture(scope="session")
def analyse_text(nlp: Any, gazetteer: Any) -> Callable[..., Analysis]:
    def run(text: str, *, published: date | None = PUBLISHED, doc_id: str = "t1") -> Analysis:
        article = Article(id=doc_id, body=text, original=text, published=published)
        return analyse(article, nlp=nlp, gazetteer=gazetteer)

    return run


@pytest.fixture(scope="session")
def mentions_of(analyse_text: Callable[..., Analysis]) -> Callable[..., list[Mention]]:
    def run(text: str, **kwargs: Any) -> list[Mention]:
        return extract_mentions(analyse_text(text, **kwargs))

    return run
