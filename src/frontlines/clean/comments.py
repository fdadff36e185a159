"""Finding a reader-comment section in plain text and splitting it into comments with authors.

Methods, in order: (1) a section header line ("Comments", "42 comments", "Leave a reply",
"Join the discussion", "Sort by: Newest"); (2) failing that, the first of a run of author lines
("Albert F. · 3 days ago", a name line followed by a timestamp line) close to each other.
Inside the section each line is a header, an author line, a meta line (timestamp, "Reply",
like counts, "Edited 3 days ago by ..."), boilerplate, or comment text. All patterns are data in
data/clean/comments.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from frontlines.clean.boilerplate import boilerplate_reason
from frontlines.clean.lines import Line
from frontlines.clean.patterns import compile_alternatives, compile_line_pattern, read_data_json

# An author line only opens a comment section without a header when another author line follows
# within this many non-blank lines (a byline at the top of an article stays in the body).
# Calibrated on tests/fixtures/clean: the longest comment there is 7 lines.
MAX_LINES_BETWEEN_AUTHORS = 12
# Author names are short: a longer line is prose, not a name; an author line (name, timestamp,
# "says:") is at most this long.
MAX_AUTHOR_CHARS = 40
MAX_AUTHOR_WORDS = 4
MAX_AUTHOR_LINE_CHARS = 100
# Article prose before a comment section: a sentence line with at least this many words.
MIN_PROSE_WORDS = 5
_PROSE_END = re.compile(r"[.!?][\"”’')]*\Z")
# Headers and meta lines are short ("Sort by: Newest", "Like · Reply · 21 · 2d").
MAX_HEADER_CHARS = 200
# A bare name after a "Reply" line opens the next comment only with two words or more ("Sayed
# Hashimi"): a single word there is as often a one-word comment ("lol", "Agreed").
MIN_BARE_NAME_WORDS = 2
# A name-only line ends like a name, not like a sentence.
_SENTENCE_END = re.compile(r"[.!?:;,\"”)]\Z")
_INITIAL_END = re.compile(r"\b\w\.\Z")


@dataclass(frozen=True, slots=True)
class _Rules:
    headers: re.Pattern[str]
    thread: re.Pattern[str]
    authors: re.Pattern[str]  # one alternation, the author in group a0, a1, ...
    name_only: re.Pattern[str]
    meta: re.Pattern[str]
    anonymous: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = read_data_json("comments.json")
    return _Rules(
        headers=compile_alternatives(data["section_headers"]),
        thread=compile_alternatives(data["thread_lines"]),
        authors=compile_line_pattern(
            "|".join(
                f"(?:{p.replace('(?P<author>', f'(?P<a{n}>')})"
                for n, p in enumerate(data["author_lines"])
            )
        ),
        name_only=compile_line_pattern(data["name_only"]),
        meta=compile_alternatives(data["meta_lines"]),
        anonymous=compile_line_pattern(data["anonymous_names"]),
    )


@dataclass(slots=True)
class CommentBlock:
    """One comment: its author (if any) and its text lines."""

    author: str | None
    text_lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class CommentSection:
    """What the comment section holds: comments, and removed lines with their reasons."""

    comments: list[CommentBlock] = field(default_factory=list)
    removed: list[tuple[Line, str]] = field(default_factory=list)


def is_section_header(text: str) -> bool:
    """ "Comments", "42 comments", "Leave a reply", ...: a line that opens a comment section."""
    return bool(text) and len(text) <= MAX_HEADER_CHARS and bool(_rules().headers.match(text))


def is_meta_line(text: str) -> bool:
    """A timestamp, "Reply", a like count, an edit stamp: comment furniture, not comment text."""
    return bool(text) and len(text) <= MAX_HEADER_CHARS and bool(_rules().meta.match(text))


def author_of(line: str, following: str | None) -> str | None:
    """The author named by a comment's author line, or None when the line is not one.

    `following` is the next non-blank line: a bare name counts as an author line only when a
    timestamp or other meta line follows it.
    """
    if not line or len(line) > MAX_AUTHOR_LINE_CHARS:
        return None
    if is_meta_line(line) or is_section_header(line):
        return None
    match = _rules().authors.match(line)
    author = next((name for name in match.groupdict().values() if name), None) if match else None
    if author is not None and _is_name(author):
        return author.strip()
    if _rules().anonymous.match(line.strip()):
        return line.strip()
    if following is not None and is_meta_line(following) and _is_name_only(line):
        return line.strip()
    return None


def _is_name(name: str | None) -> bool:
    if not name:
        return False
    name = name.strip()
    return len(name) <= MAX_AUTHOR_CHARS and len(name.split()) <= MAX_AUTHOR_WORDS


def _is_name_only(line: str) -> bool:
    text = line.strip()
    if not _is_name(text) or is_meta_line(text) or is_section_header(text):
        return False
    if _SENTENCE_END.search(text) and not _INITIAL_END.search(text):
        return False
    return bool(_rules().name_only.match(text))


def find_section_start(lines: list[Line]) -> int | None:
    """Index (into `lines`) where the reader-comment section starts, or None.

    A section only starts after some article prose (a "3 comments" link under the headline is
    not the section). Boilerplate lines are skipped, so the answer is the same on the cleaned
    body (idempotence).
    """
    content = [
        line for line in lines if not line.is_blank and boilerplate_reason(line.stripped) is None
    ]
    seen_prose = False
    for position, line in enumerate(content):
        if seen_prose and (
            is_section_header(line.stripped) or _opens_author_run(content, position)
        ):
            return line.index
        seen_prose = seen_prose or is_prose(line.stripped)
    return None


def is_prose(text: str) -> bool:
    """A line of article text: a sentence of some words with its stop (headlines have none)."""
    return (
        len(text.split()) >= MIN_PROSE_WORDS
        and bool(_PROSE_END.search(text))
        and not is_section_header(text)
    )


def _opens_author_run(content: list[Line], position: int) -> bool:
    if author_of(content[position].stripped, _next_text(content, position)) is None:
        return False
    last = min(len(content), position + 2 + MAX_LINES_BETWEEN_AUTHORS)
    return any(
        author_of(content[later].stripped, _next_text(content, later)) is not None
        for later in range(position + 1, last)
    )


def _next_text(content: list[Line], position: int) -> str | None:
    return content[position + 1].stripped if position + 1 < len(content) else None


def split_comments(lines: list[Line]) -> CommentSection:
    """Split the lines of a comment section into comments (with authors) and removed lines."""
    section = CommentSection()
    content = [line for line in lines if not line.is_blank]
    current: CommentBlock | None = None
    meta_since_text = False
    previous_index = -2
    for position, line in enumerate(content):
        text = line.stripped
        paragraph_break = line.index > previous_index + 1
        previous_index = line.index
        header_or_meta = _header_or_meta(text)
        if header_or_meta is not None:
            section.removed.append((line, header_or_meta))
            meta_since_text = True
            if header_or_meta == "comment-header":
                current = None
            continue
        author = author_of(text, _next_text(content, position))
        if author is None and _opens_after_meta(text, meta_since_text or current is None):
            author = text
        if author is not None:
            current = CommentBlock(author=_clean_author(author))
            section.comments.append(current)
            section.removed.append((line, "comment-author"))
            meta_since_text = False
            continue
        reason = boilerplate_reason(text)
        if reason is not None:
            section.removed.append((line, reason))
            meta_since_text = True
            continue
        if current is None or (current.author is None and paragraph_break and current.text_lines):
            current = CommentBlock(author=None)
            section.comments.append(current)
        elif meta_since_text and current.text_lines:
            current = CommentBlock(author=None)  # text after a comment's "Reply" line
            section.comments.append(current)
        current.text_lines.append(line)
        meta_since_text = False
    section.comments = [block for block in section.comments if block.text_lines]
    return section


def _opens_after_meta(text: str, after_meta: bool) -> bool:
    """A bare name right after a header or a comment's meta line ("Like · Reply · 2d") is the
    next comment's author (Facebook-style threads put the timestamp after the text)."""
    return after_meta and _is_name_only(text) and len(text.split()) >= MIN_BARE_NAME_WORDS


def _header_or_meta(text: str) -> str | None:
    rules = _rules()
    if len(text) <= MAX_HEADER_CHARS and (rules.headers.match(text) or rules.thread.match(text)):
        return "comment-header"
    if is_meta_line(text):
        return "comment-meta"
    return None


def _clean_author(author: str) -> str:
    return author.strip().lstrip("@").strip()
