"""HTML pages: the main text (trafilatura) and the reader-comment section, kept apart.

Methods, in order: (1) a comment container found by its id/class ("comments", "comment-list",
"disqus_thread", ...) is cut out of the page and rendered line by line, so authors and
timestamps stay on their own lines; the rest goes to trafilatura for the main text; (2) with no
such container, trafilatura's own comment extraction is used; (3) when trafilatura finds no
main text (a fragment, a feed summary), the visible text line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from frontlines.errors import CleanError

# Where comments live in common page layouts (WordPress, Disqus, news CMSs).
COMMENT_CONTAINER = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-?list|commentlist|comments-area|comment-section|"
    r"disqus_thread|discussion|responses|replies)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Elements that start a new line when a comment container is rendered as text.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "table",
        "td",
        "th",
        "time",
        "tr",
        "ul",
        "button",
    ]
)
# Inline elements that still get their own line: author names, dates, like counts.
OWN_LINE_CLASS = re.compile(r"author|user|name|nick|fn|date|time|meta|byline|likes|votes", re.I)
# A comment container holds at least one short comment; less is a link or a counter.
MIN_CONTAINER_CHARS = 40
SKIPPED_TAGS = frozenset(
    ["script", "style", "noscript", "svg", "form", "textarea", "input", "select", "template"]
)


@dataclass(frozen=True, slots=True)
class HtmlText:
    title: str | None
    text: str
    comments: str


def extract_html(page: str, *, doc_id: str) -> HtmlText:
    """Title, main text and comment text of an HTML page.

    Raises:
        CleanError: the page cannot be parsed or has no main text.
    """
    tree = _parse(page, doc_id=doc_id)
    title = _page_title(tree)
    container = _comment_container(tree)
    comments = ""
    if container is not None:
        comments = "\n".join(_render_lines(container))
        _drop(container)
    result = trafilatura.bare_extraction(
        tree, include_comments=container is None, with_metadata=True, favor_recall=True
    )
    text = str(getattr(result, "text", None) or "").strip()
    if not text:
        text = _fallback_text(tree)
    if not text:
        raise CleanError(
            doc_id,
            "the HTML page has no main text trafilatura can find; check the page or pass "
            "its text instead.",
        )
    if container is None:
        comments = getattr(result, "comments", None) or ""
    return HtmlText(
        title=getattr(result, "title", None) or title,
        text=text,
        comments=comments.strip(),
    )


def _fallback_text(tree: lxml_html.HtmlElement) -> str:
    """Every line of visible text, for fragments trafilatura finds no article in."""
    body = tree.find("body")
    return "\n".join(_render_lines(body if body is not None else tree)).strip()


def _parse(page: str, *, doc_id: str) -> lxml_html.HtmlElement:
    parser = lxml_html.HTMLParser(encoding="utf-8")
    try:
        tree = lxml_html.document_fromstring(page.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise CleanError(
            doc_id, f"the HTML could not be parsed ({error}); check that the file is a web page."
        ) from error
    return tree


def _page_title(tree: lxml_html.HtmlElement) -> str | None:
    titles = tree.xpath("//title")
    text = titles[0].text_content().strip() if titles else ""
    return text or None


def _comment_container(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The outermost comment-named element with the most text ("42 comments" links in the
    article header are named like the section too)."""
    best: lxml_html.HtmlElement | None = None
    best_length = MIN_CONTAINER_CHARS - 1
    for element in tree.iter():
        if not _is_comment_named(element) or _has_comment_named_ancestor(element):
            continue
        length = len(element.text_content().strip())
        if length > best_length:
            best, best_length = element, length
    return best


def _is_comment_named(element: lxml_html.HtmlElement) -> bool:
    if not isinstance(element.tag, str) or element.tag in ("html", "body", "a"):
        return False
    return bool(COMMENT_CONTAINER.search(f"{element.get('id', '')} {element.get('class', '')}"))


def _has_comment_named_ancestor(element: lxml_html.HtmlElement) -> bool:
    return any(_is_comment_named(ancestor) for ancestor in element.iterancestors())


def _drop(element: lxml_html.HtmlElement) -> None:
    parent = element.getparent()
    if parent is not None:
        element.drop_tree()


def _render_lines(root: lxml_html.HtmlElement) -> list[str]:
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        if text:
            lines.append(text)
        buffer.clear()

    def walk(element: lxml_html.HtmlElement) -> None:
        if isinstance(element.tag, str) and element.tag not in SKIPPED_TAGS:
            own_line = element.tag in BLOCK_TAGS or bool(
                OWN_LINE_CLASS.search(f"{element.get('class', '')} {element.get('itemprop', '')}")
            )
            if own_line:
                flush()
            buffer.append(element.text or "")
            for child in element:
                walk(child)
            if own_line:
                flush()
        buffer.append(element.tail or "")

    walk(root)
    flush()
    return lines
