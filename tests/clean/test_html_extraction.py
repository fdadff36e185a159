"""HTML pages: main text through trafilatura, the comment section kept apart with its authors."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.clean import clean_document
from frontlines.clean.html import extract_html
from frontlines.errors import CleanError
from frontlines.models import Document

HTML_DIR = Path(__file__).parent.parent / "fixtures" / "clean" / "html"


@pytest.fixture(scope="module")
def page() -> str:
    return (HTML_DIR / "wordpress_comments.html").read_text(encoding="utf-8")


def test_clean_document_html_keeps_comments_out_of_the_body(page: str) -> None:
    article = clean_document(Document(id="h1", html=page))
    assert article.kind == "article-with-comments"
    assert "Shighnan district in Badakhshan province on Saturday" in article.body
    assert "contested" in article.body
    for words in ("betrayal", "cowards", "Khorog", "Leave a Reply", "Click to enlarge"):
        assert words not in article.body


def test_clean_document_html_finds_each_comment_author(page: str) -> None:
    article = clean_document(Document(id="h1", html=page))
    assert [c.author for c in article.comments] == ["Navid", "J. Whitfield", "pamiri_girl"]
    assert "Fayzabad is next" in article.comments[1].text
    for comment in article.comments:
        assert article.original[comment.start : comment.end] == comment.text


def test_clean_document_html_takes_the_title_from_the_page(page: str) -> None:
    article = clean_document(Document(id="h1", html=page))
    assert article.title is not None
    assert article.title.startswith("Taliban capture Shighnan district")


def test_clean_document_html_without_comment_container_uses_trafilatura_comments() -> None:
    paragraph = (
        "<p>Government forces retook the centre of Khash district in Badakhshan on Wednesday, "
        "three days after it fell to the Taliban, the provincial police chief said. At least seven "
        "Taliban fighters and two policemen were killed in the operation.</p>"
    )
    html = (
        "<html><head><title>Khash retaken</title></head><body><article>"
        + paragraph
        + "</article><div id='commentsbox'><div class='commentbody'><p>Anonymous</p>"
        + "<p>They will lose it again.</p></div></div></body></html>"
    )
    article = clean_document(Document(id="h2", html=html))
    assert "Khash district" in article.body
    assert "lose it again" not in article.body
    assert [c.text for c in article.comments] == ["They will lose it again."]
    assert article.title == "Khash retaken"


def test_extract_html_of_a_page_without_text_raises_clean_error() -> None:
    with pytest.raises(CleanError, match="no main text"):
        extract_html("<html><body><script>var x = 1;</script></body></html>", doc_id="h3")


def test_clean_document_prefers_given_text_over_html() -> None:
    document = Document(id="h4", text="Taliban take Yamgan.", html="<p>Ignored page</p>")
    assert clean_document(document).body == "Taliban take Yamgan."


def test_clean_document_html_ignores_a_comment_count_link_in_the_header(page: str) -> None:
    with_link = page.replace(
        '<h1 class="entry-title">',
        '<span class="comments-link"><a href="#comments">3 comments</a></span>'
        '<h1 class="entry-title">',
    )
    article = clean_document(Document(id="h5", html=with_link))
    assert [c.author for c in article.comments] == ["Navid", "J. Whitfield", "pamiri_girl"]
    assert "betrayal" not in article.body
