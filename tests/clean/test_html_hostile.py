"""HTML the clean stage must survive (issue 15, probe 6): deep nesting, entities escaped twice,
and WordPress author lines ("<cite class=fn>Albert F.</cite> says:") kept as one line."""

from __future__ import annotations

import pytest

from frontlines.clean import clean_document
from frontlines.clean.html import (
    MAX_TREE_DEPTH,
    _parse,
    _render_lines,
    extract_html,
    unescape_leftover_entities,
)
from frontlines.errors import CleanError
from frontlines.models import Document

SENTENCE = (
    "Taliban fighters attacked a checkpoint in Ghazni province on Monday, officials said, "
    "killing three policemen."
)


def _nested(depth: int, inner: str = f"<p>{SENTENCE}</p>") -> str:
    return (
        "<html><head><title>Ghazni attack</title></head><body>"
        + "<div>" * depth
        + inner
        + "</div>" * depth
        + "</body></html>"
    )


@pytest.mark.parametrize("depth", [300, 1000, MAX_TREE_DEPTH + 500, 50_000])
def test_extract_html_deeply_nested_page_keeps_its_text(depth: int) -> None:
    page = extract_html(_nested(depth), doc_id="deep")
    assert SENTENCE in page.text
    assert page.title == "Ghazni attack"


def test_clean_deeply_nested_page_body_is_the_sentence() -> None:
    article = clean_document(Document(id="deep", html=_nested(5_000)))
    assert article.body.strip() == SENTENCE


def test_render_lines_deep_comment_section_does_not_recurse() -> None:
    inner = "<span>x</span>" + "<span>" * 1_500 + "Albert F. wrote this" + "</span>" * 1_500
    tree, _ = _parse(f"<html><body><div>{inner}</div></body></html>", doc_id="deep")
    assert _render_lines(tree) == ["xAlbert F. wrote this"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kabul &amp; Kandahar", "Kabul & Kandahar"),
        ("&quot;dozens&quot; &#8212; &#x2014;", '"dozens" \u2014 \u2014'),
        ("AT&T and R&D &ampx &unknown; stay", "AT&T and R&D &ampx &unknown; stay"),
        ("no entities", "no entities"),
    ],
)
def test_unescape_leftover_entities(text: str, expected: str) -> None:
    assert unescape_leftover_entities(text) == expected


def test_extract_html_double_escaped_entities_are_read_once_more() -> None:
    page = extract_html(
        "<html><head><title>Kabul &amp;amp; Kandahar</title></head><body><article>"
        f"<p>{SENTENCE} Residents of Kabul &amp;amp; Kandahar fled.</p></article></body></html>",
        doc_id="entities",
    )
    assert "Kabul & Kandahar fled" in page.text and "&amp;" not in page.text
    assert page.title == "Kabul & Kandahar"


ARTICLE = (
    "<article><h1>Clashes in Kunduz</h1><p>Taliban fighters attacked police checkpoints in "
    "Kunduz province on Monday night, killing four officers, the provincial police spokesman "
    "said on Tuesday. Residents said the fighting lasted several hours.</p><p>The attack came "
    "a day after government forces cleared two villages nearby, officials said.</p></article>"
)
WORDPRESS_COMMENTS = "".join(
    f'<li class="comment"><div class="comment-author vcard"><cite class="fn">{author}</cite> '
    f'<span class="says">says:</span></div><div class="comment-meta">{when}</div>'
    f"<p>{text}</p></li>"
    for author, when, text in (
        (
            "Albert F.",
            "July 5, 2021 at 9:14 am",
            "This is all propaganda, nobody believes these numbers anymore honestly.",
        ),
        (
            "Marta K.",
            "July 5, 2021 at 10:02 am",
            "My cousin lives there and says the fighting was much worse than reported.",
        ),
    )
)


def test_wordpress_comments_keep_their_authors_apart() -> None:
    html = (
        "<html><head><title>Clashes</title></head><body>"
        f'{ARTICLE}<ol class="commentlist">{WORDPRESS_COMMENTS}</ol></body></html>'
    )
    article = clean_document(Document(id="wp", html=html))
    assert [comment.author for comment in article.comments] == ["Albert F.", "Marta K."]
    assert article.comments[1].text.startswith("My cousin lives there")
    assert "propaganda" not in article.body


def test_comment_section_followed_by_control_characters_is_cut_out() -> None:
    # Found by bench/fuzz_readers.py: lxml's drop_tree raised ValueError on such a tail.
    html = (
        f"<html><body><article><p>{SENTENCE}</p></article>"
        '<div id="comments"><p>Albert F.</p><p>What nonsense, this never happened here.</p>'
        "</div>\x01\x02 tail</body></html>"
    )
    page = extract_html(html, doc_id="control-tail")
    assert SENTENCE in page.text and "nonsense" in page.comments


def test_deep_page_with_a_broken_marked_section_is_a_clean_error() -> None:
    """Found by atheris: html.parser asserts on '<![CDA' in the streamed fallback."""
    page = "<div>" * 3000 + "<![CDA x" + "</div>" * 3000
    with pytest.raises(CleanError):
        extract_html(page, doc_id="fuzz")
