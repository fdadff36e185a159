"""clean_document as a whole: nothing is lost, offsets hold, kinds, the SCHEMA §2 record, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from frontlines.clean import article_to_json, clean_document
from frontlines.clean.gold import read_gold
from frontlines.clean.lines import split_lines
from frontlines.errors import CleanError
from frontlines.models import Article, Document

GOLD_FILES = sorted((Path(__file__).parent.parent / "fixtures" / "clean").glob("*.gold.txt"))


def _place_of(article: Article, start: int, end: int) -> str:
    """Where a line of `original` went: removed, a comment, or (by elimination) the body."""
    if any(r.start >= start and r.end <= end for r in article.removed):
        return "removed"
    if any(c.start < end and c.end > start for c in article.comments):
        return "comment"
    return "body"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name.removesuffix(".gold.txt"))
def test_clean_document_loses_no_line(path: Path) -> None:
    gold = read_gold(path)
    article = clean_document(Document(id=gold.name, text=gold.text, kind=gold.kind))
    body_lines = set(article.body.split("\n"))
    body_words = set(_words(article.body))
    for line in split_lines(article.original):
        if line.is_blank:
            continue
        place = _place_of(article, line.start, line.end)
        if place == "body" and article.is_transcript:
            # segmentation adds stops and capitals and turns quote/unquote into marks
            assert set(_words(line.text)) - {"quote", "unquote"} <= body_words
        elif place == "body":
            assert line.stripped in body_lines


def test_clean_document_removed_offsets_point_into_original() -> None:
    text = (
        "Taliban take Khash district\nIllustrative Image\n"
        "The Taliban took Khash district on Saturday, the governor's spokesman said.\n"
        "Photo: Hoshang Hashimi/AFP\nAdvertisement\n"
    )
    article = clean_document(Document(id="r1", text=text))
    assert [r.reason for r in article.removed] == ["caption", "caption", "advertisement"]
    for removed in article.removed:
        assert article.original[removed.start : removed.end] == removed.text
    assert article.body == (
        "Taliban take Khash district\n\n"
        "The Taliban took Khash district on Saturday, the governor's spokesman said."
    )


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, "article"),
        ("article", "article"),
        ("press-release", "press-release"),
        ("post", "post"),
    ],
)
def test_clean_document_kind_without_comments_is_the_given_kind(
    given: str | None, expected: str
) -> None:
    text = (
        "KABUL, Afghanistan (July 6, 2021)\nAfghan forces cleared Taliban fighters from Nad-e Ali."
    )
    assert clean_document(Document(id="k", text=text, kind=given)).kind == expected


def test_clean_document_keeps_document_metadata() -> None:
    from datetime import date

    document = Document(
        id="m1",
        text="Government forces retook Khash district on Wednesday, police said.",
        url="https://example.org/khash",
        outlet="Kabul Daily Monitor",
        published=date(2021, 7, 7),
        title="Khash retaken",
        origin="samples/khash.txt",
    )
    article = clean_document(document)
    assert (article.url, article.outlet, article.published, article.title, article.origin) == (
        document.url,
        document.outlet,
        document.published,
        document.title,
        document.origin,
    )


def test_article_to_json_has_the_schema_fields() -> None:
    text = (
        "Taliban fighters captured Yamgan district, officials said.\n\nComments\n"
        "Albert F. · 3 days ago\nThis is a disgrace.\n"
    )
    record = article_to_json(clean_document(Document(id="j1", text=text)))
    assert set(record) >= {"id", "title", "kind", "language", "body", "comments", "removed"}
    assert record["comments"][0]["author"] == "Albert F."
    assert set(record["comments"][0]) >= {"author", "text", "start", "end", "toxicity"}
    assert set(record["removed"][0]) >= {"text", "reason"}


@pytest.mark.parametrize("text", ["", "   \n\n  \t "])
def test_clean_document_without_text_raises_clean_error(text: str) -> None:
    with pytest.raises(CleanError, match="no text"):
        clean_document(Document(id="empty", text=text))


def test_clean_document_normalises_windows_newlines() -> None:
    text = "Taliban took Yamgan district.\r\nIllustrative Image\r\nOfficials confirmed it."
    article = clean_document(Document(id="crlf", text=text))
    assert "\r" not in article.original
    assert article.body == "Taliban took Yamgan district.\n\nOfficials confirmed it."
