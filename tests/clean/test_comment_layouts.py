"""Comment sections in the layouts of real pages (hand-written in tests/fixtures/clean/layouts)."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest

from frontlines.clean import clean_document
from frontlines.clean.lines import split_lines
from frontlines.models import Article, Document

LAYOUTS = Path(__file__).resolve().parents[1] / "fixtures" / "clean" / "layouts"
EXPECTED: dict[str, dict[str, object]] = json.loads((LAYOUTS / "layouts.json").read_text())
COMMENT_FURNITURE = frozenset({"comment-header", "comment-meta", "comment-author"})


def _clean(name: str, *, kind: str | None = None) -> Article:
    text = (LAYOUTS / name).read_text(encoding="utf-8")
    return clean_document(Document(id=name, text=text, kind=kind))


def _section_start_line(article: Article) -> str | None:
    """The first line of the comment section: the first comment, with the header, author and
    meta lines right before it."""
    if not article.comments:
        return None
    lines = [line for line in split_lines(article.original) if not line.is_blank]
    furniture = {r.start for r in article.removed if r.reason in COMMENT_FURNITURE}
    first = min(c.start for c in article.comments)
    number = next(n for n, line in enumerate(lines) if line.start <= first <= line.end)
    while number > 0 and any(
        lines[number - 1].start <= start <= lines[number - 1].end for start in furniture
    ):
        number -= 1
    return lines[number].stripped


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_comment_section_starts_where_the_layout_says(name: str) -> None:
    article = _clean(name)
    start = EXPECTED[name]["start"]
    got = _section_start_line(article)
    if start is None:
        assert got is None
    else:
        assert got is not None and got.startswith(str(start))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_comment_authors_are_read_from_the_layout(name: str) -> None:
    article = _clean(name)
    assert [c.author for c in article.comments if c.author] == EXPECTED[name]["authors"]


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if EXPECTED[n]["keep"]))
def test_article_sentences_stay_in_the_body(name: str) -> None:
    article = _clean(name)
    assert str(EXPECTED[name]["keep"]) in article.body
    assert all(str(EXPECTED[name]["keep"]) not in c.text for c in article.comments)


def test_page_that_is_only_comments_has_an_empty_body() -> None:
    article = _clean("forum_only.txt")
    assert article.body == ""
    assert len(article.comments) == 4
    assert article.kind == "article-with-comments"


def test_declared_article_with_comments_without_any_warns_naming_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="frontlines.clean"):
        article = _clean("first_person_blog.txt", kind="article-with-comments")
    assert article.comments == ()
    assert "first_person_blog.txt" in caplog.text and "no reader comment" in caplog.text


def test_comment_section_a_hundred_times_the_article_is_split_whole() -> None:
    article = (LAYOUTS / "avatar_name_age.txt").read_text(encoding="utf-8").split("\n\n")[1]
    comments = "".join(
        f"\nReader{number} {number % 11 + 1} months\n\n"
        f"You are wrong about the road, number {number}.\n"
        for number in range(len(article.split()) * 100 // 8)
    )
    text = "Fighting resumes near Sheberghan\n\n" + article + "\n" + comments
    started = time.perf_counter()
    cleaned = clean_document(Document(id="long", text=text))
    elapsed = time.perf_counter() - started
    assert cleaned.body.endswith("two local officials said.")
    assert len(cleaned.comments) == len(article.split()) * 100 // 8
    assert elapsed < 30  # linear: about a second here; a quadratic split would take minutes


def test_numbered_items_of_an_article_are_no_thread() -> None:
    text = (
        "The ministry listed its demands on Monday.\n\n"
        "1. The release of all prisoners held since June.\n"
        "2. The reopening of the road to the border crossing.\n"
        "3. Talks under the supervision of the elders, officials said.\n"
    )
    article = clean_document(Document(id="list", text=text))
    assert article.comments == ()
    assert "3. Talks under the supervision" in article.body


@pytest.mark.parametrize(
    ("name", "parents"),
    [("numbered_thread.txt", [None, 0, None, 2]), ("forum_only.txt", [None, 0, None, 2])],
)
def test_nested_replies_know_their_parent_by_indentation(name: str, parents: list[int]) -> None:
    assert [c.parent for c in _clean(name).comments] == parents


def test_reply_to_a_named_reader_knows_its_parent() -> None:
    text = (
        "Clashes resumed on the outskirts of Sheberghan on Thursday, two local officials said.\n\n"
        "Hamid K. · 2 hours ago\nThe army just gave the town away.\n"
        "Lena · 1 hour ago\nPoor people of Jawzjan.\n"
        "Omid · 40 minutes ago\n@Hamid K. nobody gave anything away, they were surrounded.\n"
    )
    article = clean_document(Document(id="reply", text=text))
    assert [c.author for c in article.comments] == ["Hamid K.", "Lena", "Omid"]
    assert [c.parent for c in article.comments] == [None, None, 0]
