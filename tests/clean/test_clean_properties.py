"""Invariants of cleaning on any text (Hypothesis): idempotent, offsets valid, never crashes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlines.clean import clean_document
from frontlines.errors import CleanError
from frontlines.models import Article, Document

# Lines in the style of the inputs we see, mixed by Hypothesis into documents.
REALISTIC_LINES = [
    "Taliban fighters captured Yamgan district on Sunday, officials said.",
    "The district fell to the Taliban after government forces withdrew.",
    "Government forces retook Khash district on Wednesday.",
    "Illustrative Image",
    "Click to see full-size image",
    "Photo: Hoshang Hashimi/AFP",
    "Advertisement",
    "Read more:",
    "Share this article",
    "By Farid Ahmad Noori",
    "42 comments",
    "Sort by: Newest",
    "Albert F. · 3 days ago",
    "Edited 3 days ago by Albert F.",
    "Reply",
    "14 likes",
    "sasha_1987",
    "2 days ago",
    "You are an idiot, go back to your cave.",
    "Like · Reply · 2d",
    "Karim Jan says:",
    "the taliban say they took the district and now to candy har where fighting continues",
    "quote we will not surrender unquote",
    "KABUL, Afghanistan (July 6, 2021)",
    "",
    "   ",
]
LINES = st.one_of(
    st.sampled_from(REALISTIC_LINES),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
)
DOCUMENTS = st.lists(LINES, min_size=1, max_size=30).map("\n".join)
KINDS = st.sampled_from([None, "article", "transcript", "press-release", "post"])


def _clean_or_none(text: str, kind: str | None) -> Article | None:
    """The article, or None when the document is refused on purpose (no text, not English)."""
    try:
        return clean_document(Document(id="prop", text=text, kind=kind))
    except CleanError:
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DOCUMENTS, kind=KINDS)
def test_clean_document_is_idempotent_on_its_body(text: str, kind: str | None) -> None:
    article = _clean_or_none(text, kind)
    if article is None or not article.body.strip():
        return
    again = clean_document(Document(id="prop", text=article.body, kind=article.kind))
    assert again.body == article.body


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DOCUMENTS, kind=KINDS)
def test_clean_document_offsets_always_point_into_original(text: str, kind: str | None) -> None:
    article = _clean_or_none(text, kind)
    if article is None:
        return
    for comment in article.comments:
        assert article.original[comment.start : comment.end] == comment.text
        assert 0.0 <= comment.toxicity <= 1.0
    for removed in article.removed:
        assert article.original[removed.start : removed.end] == removed.text


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=2000), kind=KINDS)
def test_clean_document_never_crashes_on_arbitrary_text(text: str, kind: str | None) -> None:
    article = _clean_or_none(text, kind)
    assert article is None or isinstance(article.body, str)
