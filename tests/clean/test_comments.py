"""Finding the reader-comment section in plain text and splitting it into authored comments."""

from __future__ import annotations

import pytest

from frontlines.clean import clean_document
from frontlines.clean.comments import author_of, find_section_start
from frontlines.clean.lines import split_lines
from frontlines.models import Document

ARTICLE = (
    "Taliban fighters captured Arghanj Khwah district in Badakhshan on Saturday, officials said.\n"
    "Government forces withdrew to Fayzabad, the provincial capital, after two days of fighting.\n"
)


@pytest.mark.parametrize(
    "header",
    [
        "Comments",
        "42 comments",
        "Reader comments (7)",
        "Leave a reply",
        "Join the discussion",
        "Sort by: Newest",
        "3 thoughts on “Taliban capture Arghanj Khwah”",
    ],
)
def test_find_section_start_at_a_header(header: str) -> None:
    text = ARTICLE + "\n" + header + "\nThis will end badly for everyone.\n"
    lines = split_lines(text)
    assert find_section_start(lines) == 3


def test_find_section_start_from_a_run_of_author_lines_without_header() -> None:
    text = ARTICLE + (
        "\nHamid K. · 2 hours ago\nThe army just gave it away.\n"
        "Lena · 1 hour ago\nPoor people of Badakhshan.\n"
    )
    assert find_section_start(split_lines(text)) == 3


def test_find_section_start_none_for_an_article_with_a_byline() -> None:
    text = "By Farid Ahmad Noori\nJuly 5, 2021\n\n" + ARTICLE * 4
    assert find_section_start(split_lines(text)) is None


@pytest.mark.parametrize(
    ("line", "following", "author"),
    [
        ("Albert F. · 3 days ago", None, "Albert F."),
        ("Mirwais_K · 5h", None, "Mirwais_K"),
        ("Karim Jan says:", None, "Karim Jan"),
        ("Posted by desert_fox on July 4, 2021 at 18:22", None, "desert_fox"),
        ("sasha_1987", "2 days ago", "sasha_1987"),
        ("Reply · 3d", None, None),
        ("The army just gave it away.", "2 hours ago", None),
    ],
)
def test_author_of_reads_the_name_from_an_author_line(
    line: str, following: str | None, author: str | None
) -> None:
    assert author_of(line, following) == author


def test_clean_document_comment_offsets_point_into_original() -> None:
    text = ARTICLE + (
        "\n12 comments\nAlbert F. · 3 days ago\nEveryone knows Pakistan is behind this.\n"
        "Edited 3 days ago by Albert F.\nReply\n14 likes\n"
        "sasha_1987\n2 days ago\nYou are an idiot Albert.\nReply\n"
    )
    article = clean_document(Document(id="c1", text=text))
    assert article.kind == "article-with-comments"
    assert [c.author for c in article.comments] == ["Albert F.", "sasha_1987"]
    for comment in article.comments:
        assert article.original[comment.start : comment.end] == comment.text
    assert "Pakistan" not in article.body
    assert "idiot" not in article.body
    assert article.body == ARTICLE.strip()


def test_clean_document_comment_count_under_the_headline_is_not_the_section() -> None:
    text = "Taliban capture Arghanj Khwah\n3 comments\n\n" + ARTICLE
    article = clean_document(Document(id="c2", text=text))
    assert article.comments == ()
    assert [(r.text, r.reason) for r in article.removed] == [("3 comments", "comment-header")]
    assert article.body == "Taliban capture Arghanj Khwah\n\n" + ARTICLE.strip()
