"""HTML pages: the main text (trafilatura) and the reader-comment section, kept apart.

Methods, in order: (1) a comment container found by its id/class ("comments", "comment-list",
"disqus_thread", ...) is cut out of the page and rendered line by line, so authors and
timestamps stay on their own lines; the rest goes to trafilatura for the main text; (2) with no
such container, trafilatura's own comment extraction is used; (3) when trafilatura finds no
main text (a fragment, a feed summary), the visible text line by line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import overload

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
# An author or date line is at most this long (as clean/comments.py reads author lines).
MAX_AUTHOR_LINE_CHARS = 100
# A comment container holds at least one short comment; less is a link or a counter.
MIN_CONTAINER_CHARS = 40
# Deepest element nesting libxml2 builds a tree for with `huge_tree` (its default is 256);
# trafilatura reads trees this deep (checked at 2,000). Deeper pages are read as a text stream.
MAX_TREE_DEPTH = 2048
# Entities left in text after parsing: named ones, decimal and hexadecimal, with a semicolon.
_LEFTOVER_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
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

    A page nested deeper than libxml2 builds trees for (MAX_TREE_DEPTH) is read as a stream of
    visible text instead, so its text is not lost with the elements past the limit.

    Raises:
        CleanError: the page cannot be parsed or has no main text.
    """
    tree, too_deep = _parse(page, doc_id=doc_id)
    if too_deep:
        return _streamed_text(page, doc_id=doc_id)
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
        title=unescape_leftover_entities(getattr(result, "title", None) or title),
        text=unescape_leftover_entities(text),
        comments=unescape_leftover_entities(comments.strip()),
    )


@overload
def unescape_leftover_entities(text: str) -> str: ...
@overload
def unescape_leftover_entities(text: None) -> None: ...
def unescape_leftover_entities(text: str | None) -> str | None:
    """The text with entities a page escaped twice ("&amp;amp;" shows as "&amp;") read once
    more. Only complete, known entities with their semicolon are read: "AT&T" or "R&D" stay."""
    if not text or "&" not in text:
        return text
    return _LEFTOVER_ENTITY.sub(lambda match: html.unescape(match.group(0)), text)


def _streamed_text(page: str, *, doc_id: str) -> HtmlText:
    """Title and visible text, line by line, from a parser that builds no tree."""
    reader = _TextStream()
    try:
        reader.feed(page)
        reader.close()
    except AssertionError as error:
        # The standard library's parser asserts on malformed marked sections ('<![CDA'): the
        # page is broken, which is a bad input, not a crash (found by bench/fuzz_readers.py).
        raise CleanError(
            doc_id, f"the HTML page cannot be read ({error}); check the page or pass its text."
        ) from None
    text = "\n".join(reader.lines()).strip()
    if not text:
        raise CleanError(
            doc_id,
            f"the HTML page is nested deeper than {MAX_TREE_DEPTH} elements and has no visible "
            "text; check the page or pass its text instead.",
        )
    title = " ".join("".join(reader.title).split()) or None
    return HtmlText(title=title, text=text, comments="")


class _TextStream(HTMLParser):
    """Visible text of a page of any depth: a new line at each block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skipping = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping += 1
        elif tag == "title":
            self._in_title = True
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skipping:
            self.parts.append(data)

    def lines(self) -> list[str]:
        found = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return [line for line in found if line]


def _fallback_text(tree: lxml_html.HtmlElement) -> str:
    """Every line of visible text, for fragments trafilatura finds no article in."""
    body = tree.find("body")
    return "\n".join(_render_lines(body if body is not None else tree)).strip()


def _parse(page: str, *, doc_id: str) -> tuple[lxml_html.HtmlElement, bool]:
    """The page's tree, and whether libxml2 cut it short for nesting too deep (past
    MAX_TREE_DEPTH even with `huge_tree`, which lifts its default limit of 256)."""
    parser = lxml_html.HTMLParser(encoding="utf-8", huge_tree=True)
    try:
        tree = lxml_html.document_fromstring(page.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise CleanError(
            doc_id, f"the HTML could not be parsed ({error}); check that the file is a web page."
        ) from error
    too_deep = any("depth" in entry.message.lower() for entry in parser.error_log)
    return tree, too_deep or _tree_depth(tree) > MAX_TREE_DEPTH


def _tree_depth(tree: lxml_html.HtmlElement) -> int:
    """How many elements deep the tree goes (counted without recursion)."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


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
    if parent is None:
        return
    try:
        element.drop_tree()
    except ValueError:
        # lxml refuses to join a tail holding control characters to its neighbour's text
        # (found by bench/fuzz_readers.py); the tail is dropped with the element instead.
        parent.remove(element)


def _is_line_named(element: lxml_html.HtmlElement) -> bool:
    return bool(OWN_LINE_CLASS.search(f"{element.get('class', '')} {element.get('itemprop', '')}"))


def _is_inside_short_named_line(
    element: lxml_html.HtmlElement, root: lxml_html.HtmlElement
) -> bool:
    """True for the name inside an author line (`<div class="comment-author"><cite class="fn">
    Albert F.</cite> says:</div>`): the line is the parent, and splitting the name from "says:"
    would leave two lines that no longer read as one author line."""
    parent = element.getparent()
    if parent is None or element is root or not _is_line_named(parent):
        return False
    return len(parent.text_content().strip()) <= MAX_AUTHOR_LINE_CHARS


def _render_lines(root: lxml_html.HtmlElement) -> list[str]:
    """The element's text, a line per block element or author/date-like element; walked with
    an explicit stack, so a deeply nested comment section cannot exhaust Python's stack."""
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        if text:
            lines.append(text)
        buffer.clear()

    # (element, entering): entering renders the element's start and children; leaving its end.
    stack: list[tuple[lxml_html.HtmlElement, bool, bool]] = [(root, True, False)]
    while stack:
        element, entering, own_line = stack.pop()
        if not entering:
            if own_line:
                flush()
            if element is not root:
                buffer.append(element.tail or "")
            continue
        if not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS:
            if element is not root:
                buffer.append(element.tail or "")
            continue
        own_line = element.tag in BLOCK_TAGS or (
            _is_line_named(element) and not _is_inside_short_named_line(element, root)
        )
        if own_line:
            flush()
        buffer.append(element.text or "")
        stack.append((element, False, own_line))
        stack.extend((child, True, False) for child in reversed(element))
    flush()
    return lines
