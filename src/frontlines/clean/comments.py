"""Finding a reader-comment section in plain text and splitting it into comments with authors.

Methods, in order, the first that fires wins: (1) a section header line ("Comments", "42 comments",
"Leave a reply", "You are viewing a single thread"), after article prose or followed by comment
furniture or comment language; (2) a strong author line that only comments have ("X said...",
"by x 3 days ago", "[–] x@instance 15 points", "u/x Jun 07 '22", "X's Avatar"); (3) a run of
author lines ("Albert F. · 3 days ago", a name line followed by a meta line) after prose; (4) a
post header of meta lines (timestamp, "Reply #60", "Posts: 1526"); (5) a numbered thread (items
restarting at 1 with @replies, or numbered items in a reader's voice to the end of the page);
(6) failing all, language (comment_language.py): from the first short paragraph in a reader's
voice, when a second one follows and some speak to other readers. The start is moved back over
the meta lines right before it (a post's number and timestamp belong to the post).
Inside the section each line is a header, an author line, a meta line (timestamp, "Reply",
like counts, "Edited 3 days ago by ..."), boilerplate, or comment text. All patterns are data in
data/clean/comments.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise

from frontlines.clean.boilerplate import body_line_reasons, boilerplate_reason
from frontlines.clean.comment_language import comment_cues
from frontlines.clean.lines import Line
from frontlines.clean.patterns import compile_alternatives, compile_line_pattern, read_data_json

# Lines seen recently: each is looked at several times (as itself, as the line after another).
LINE_CACHE_SIZE = 8192
# An author line only opens a comment section without a header when another author line follows
# within this many non-blank lines (a byline at the top of an article stays in the body).
# Calibrated on tests/fixtures/clean: the longest comment there is 7 lines.
MAX_LINES_BETWEEN_AUTHORS = 12
# Author names are short: a longer line is prose, not a name; an author line (name, timestamp,
# "says:") is at most this long.
MAX_AUTHOR_CHARS = 40
MAX_AUTHOR_WORDS = 4
MAX_AUTHOR_LINE_CHARS = 100
# An author line with its furniture has fewer words than this when it ends like a sentence.
MAX_AUTHOR_LINE_WORDS = 8
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
# A header without article prose before it opens the section only when comment furniture or a
# reader's words follow within this many lines ("61 comments" under a thread title).
FOLLOW_WINDOW = 6
# A poster's name and title above forum counters: at most this many lines of at most this many
# words ("Tair", "Superstar").
MAX_USER_LINES = 2
MAX_USER_LINE_WORDS = 3
# Lines after a lone author line read for a reader's voice.
COMMENT_LINES_READ = 3
# A post header: at least this many meta lines in a row, one of them a timestamp (SMF, XenForo).
MIN_POST_HEADER_LINES = 3
# A numbered item "1. ..." of a thread; numbering that restarts marks nested replies.
_NUMBERED = re.compile(r"(\d{1,3})\.\s+(\S.*)")
_MENTION = re.compile(r"(?<![\w@])@[\w.\-]{2,}")
# A paragraph that opens a comment section by its language alone is short: article paragraphs
# in a first-person voice (blogs) run longer. Calibrated on bench/real_pages: opening comments
# have 5-90 words, the longest first-person blog paragraph there 190.
MAX_OPENING_COMMENT_WORDS = 120
# A comment section found by language alone has at least this many paragraphs in a reader's
# voice (one such paragraph is as often the article's own closing remark).
MIN_LANGUAGE_COMMENTS = 2
# A comment section found by language alone is not reporting: at most this share of its
# paragraphs may read as reporting ("... officials said") and nothing personal.
MAX_REPORTING_SHARE = 0.2
# Quoted speech is the article's sources talking, not a reader: not read for reader cues.
_QUOTED = re.compile(r"[\"“][^\"“”]{0,600}[\"”]")
_AUTHOR_PREFIXES = re.compile(r"^(?:u/|blogger\s+|\[[–—-]\]\s*|[•*]\s*|\d+\.\s*|by\s+)", re.I)


@dataclass(frozen=True, slots=True)
class _Rules:
    headers: re.Pattern[str]
    strong_headers: re.Pattern[str]
    thread: re.Pattern[str]
    forum_labels: re.Pattern[str]
    authors: re.Pattern[str]  # one alternation, the author in group a0, a1, ...
    strong_authors: re.Pattern[str]  # likewise: lines only a comment section has
    name_only: re.Pattern[str]
    name_prefix: re.Pattern[str]
    handle_only: re.Pattern[str]
    timestamp: re.Pattern[str]
    meta: re.Pattern[str]
    anonymous: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = read_data_json("comments.json")
    return _Rules(
        headers=compile_alternatives(data["section_headers"]),
        strong_headers=compile_alternatives(data["strong_section_headers"]),
        thread=compile_alternatives(data["thread_lines"]),
        forum_labels=compile_line_pattern(data["forum_labels"]),
        authors=_author_alternation(data["author_lines"]),
        strong_authors=_author_alternation(data["strong_author_lines"]),
        name_only=compile_line_pattern(data["name_only"]),
        name_prefix=re.compile(data["name_prefix"]),
        handle_only=compile_line_pattern(data["handle_only"]),
        timestamp=compile_line_pattern("{TS}"),
        meta=compile_alternatives(data["meta_lines"]),
        anonymous=compile_line_pattern(data["anonymous_names"]),
    )


def _author_alternation(patterns: list[str]) -> re.Pattern[str]:
    return compile_line_pattern(
        "|".join(f"(?:{p.replace('(?P<author>', f'(?P<a{n}>')})" for n, p in enumerate(patterns))
    )


@dataclass(slots=True)
class CommentBlock:
    """One comment: its author (if any), its text lines, and how far in the page indents it."""

    author: str | None
    text_lines: list[Line] = field(default_factory=list)
    indent: int = 0


@dataclass(slots=True)
class CommentSection:
    """What the comment section holds: comments, and removed lines with their reasons."""

    comments: list[CommentBlock] = field(default_factory=list)
    removed: list[tuple[Line, str]] = field(default_factory=list)


@lru_cache(maxsize=LINE_CACHE_SIZE)
def is_section_header(text: str) -> bool:
    """ "Comments", "42 comments", "Leave a reply", ...: a line that opens a comment section."""
    return bool(text) and len(text) <= MAX_HEADER_CHARS and bool(_rules().headers.match(text))


@lru_cache(maxsize=LINE_CACHE_SIZE)
def is_meta_line(text: str) -> bool:
    """A timestamp, "Reply", a like count, an edit stamp: comment furniture, not comment text."""
    return bool(text) and len(text) <= MAX_HEADER_CHARS and bool(_rules().meta.match(text))


@lru_cache(maxsize=LINE_CACHE_SIZE)
def author_of(line: str, following: str | None) -> str | None:
    """The author named by a comment's author line, or None when the line is not one.

    `following` is the next non-blank line: a bare name counts as an author line only when a
    timestamp or other meta line follows it.
    """
    if not line or len(line) > MAX_AUTHOR_LINE_CHARS or _is_sentence(line):
        return None
    if is_meta_line(line) or is_section_header(line):
        return None
    strong = strong_author_of(line)
    if strong is not None:
        return strong
    bare_line = _rules().name_prefix.sub("", line.strip(), count=1)
    match = _rules().authors.match(line) or _rules().authors.match(bare_line)
    author = next((name for name in match.groupdict().values() if name), None) if match else None
    if author is not None and _is_name(author):
        return author.strip()
    if _rules().anonymous.match(line.strip()):
        return line.strip()
    if following is not None and is_meta_line(following):
        bare = _rules().name_prefix.sub("", line.strip(), count=1)
        if _is_name_only(bare) or _rules().handle_only.match(bare):
            return bare
    return None


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _is_sentence(line: str) -> bool:
    """A sentence with its stop, longer than any author line: no author line (a fast test)."""
    return bool(_PROSE_END.search(line)) and line.count(" ") >= MAX_AUTHOR_LINE_WORDS


def strong_author_of(line: str) -> str | None:
    """The author of a line only comment sections have ("Sage said...", "by dmix 3 days ago",
    "[–] x@lemmy.ml 15 points", "u/x Jun 07 '22", "X's Avatar"), or None."""
    if not line or len(line) > MAX_AUTHOR_LINE_CHARS or _is_sentence(line):
        return None
    match = _rules().strong_authors.match(line.strip())
    if match is None:
        return None
    author = next((name for name in match.groupdict().values() if name), None)
    return author.strip() if author and _is_name(author) else None


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

    Boilerplate lines are skipped, so the answer is the same on the cleaned body (idempotence).
    """
    # The lines the body would keep (the same rules as the body's, lists under "Read more:"
    # included), so that the answer is the same on the cleaned body.
    reasons = body_line_reasons([line.stripped for line in lines])
    content = [
        line
        for line, reason in zip(lines, reasons, strict=True)
        if not line.is_blank and reason is None
    ]
    position = _structural_start(content)
    # Language is also read before a structural start, so that the body left above a section
    # is not read as comments by a second cleaning (idempotence).
    by_language = _start_by_language(content if position is None else content[:position])
    if by_language is not None:
        position = by_language
    if position is None:
        return None
    if not is_section_header(content[position].stripped):
        while position > 0 and _is_post_meta(content[position - 1].stripped):
            position -= 1
        position = _back_over_user_lines(content, position)
    return content[position].index


def _back_over_user_lines(content: list[Line], position: int) -> int:
    """A post header opening with forum counters ("Joined", "Messages") has the poster's name
    and title right above it ("Tair", "Superstar"): the post starts at the name."""
    if not _rules().forum_labels.match(content[position].stripped):
        return position
    start = position
    while (
        start > 0
        and position - start < MAX_USER_LINES
        and _is_user_line(content[start - 1].stripped)
    ):
        start -= 1
    return start


def _structural_start(content: list[Line]) -> int | None:
    texts = [line.stripped for line in content]
    authors = [
        author_of(text, texts[number + 1] if number + 1 < len(texts) else None) is not None
        for number, text in enumerate(texts)
    ]
    metas = [is_meta_line(text) for text in texts]
    numbering = _numbering(content)
    seen_prose = False
    for position, text in enumerate(texts):
        if is_section_header(text) and (
            seen_prose
            or bool(_rules().strong_headers.match(text))
            or _comments_follow(content, position)
        ):
            return position
        if strong_author_of(text) is not None:
            return position
        if seen_prose and (
            _opens_author_run(authors, position) or _author_then_comment(content, authors, position)
        ):
            return position
        if (authors[position] or metas[position]) and _opens_post_header(content, position):
            return position
        if _opens_numbered_thread(numbering, position):
            return position
        seen_prose = seen_prose or is_prose(text)
    return None


def _author_then_comment(content: list[Line], authors: list[bool], position: int) -> bool:
    """A single author line followed by text in a reader's voice (structure and language)."""
    if not authors[position]:
        return False
    following = [
        line.stripped
        for line in content[position + 1 : position + 1 + FOLLOW_WINDOW]
        if not is_meta_line(line.stripped)
    ][:COMMENT_LINES_READ]
    return bool(following) and _reads_as_comment(" ".join(following))


def _is_user_line(text: str) -> bool:
    return _is_name_only(text) and len(text.split()) <= MAX_USER_LINE_WORDS and not is_prose(text)


def _is_post_meta(text: str) -> bool:
    return is_meta_line(text) and not is_prose(text)


def _comments_follow(content: list[Line], position: int) -> bool:
    """Comment furniture or a reader's words within FOLLOW_WINDOW lines after a header."""
    window = content[position + 1 : position + 1 + FOLLOW_WINDOW]
    for offset, line in enumerate(window, start=position + 1):
        text = line.stripped
        if is_meta_line(text) or author_of(text, _next_text(content, offset)) is not None:
            return True
    return bool(window) and _reads_as_comment(window[0].stripped)


def _opens_post_header(content: list[Line], position: int) -> bool:
    """A run of meta lines with a timestamp, then text: a forum post's header; or an author
    line followed by such a run ("1. Worm" then "Posts: 15,679", "Joined: ...")."""
    run = 0
    has_timestamp = False
    led_by_author = author_of(content[position].stripped, _next_text(content, position))
    if led_by_author is not None:
        has_timestamp = True
        position += 1
        run -= 1  # the author line stands for one meta line
    for line in content[position:]:
        if not _is_post_meta(line.stripped):
            break
        run += 1
        has_timestamp = has_timestamp or bool(_rules().timestamp.match(line.stripped))
    return run >= MIN_POST_HEADER_LINES and has_timestamp and position + run < len(content)


@dataclass(frozen=True, slots=True)
class _Numbering:
    """Per content line, what the numbered items from there to the end of the page show
    (computed in one pass from the end, so a page of 10,000 items costs no more than one)."""

    items: list[re.Match[str] | None]
    restarts: list[bool]  # numbering restarts (1., 2., 1.) at or after the line
    mentions: list[bool]  # an item at or after the line has an @reply
    to_the_end: list[bool]  # every line after it is an item or indented under one


def _numbering(content: list[Line]) -> _Numbering:
    count = len(content)
    items = [_NUMBERED.match(line.stripped) for line in content]
    restarts, mentions, to_the_end = [False] * count, [False] * count, [True] * count
    next_number: int | None = None
    for position in range(count - 1, -1, -1):
        item = items[position]
        after = position + 1 < count
        restarts[position] = after and restarts[position + 1]
        mentions[position] = after and mentions[position + 1]
        to_the_end[position] = not after or (
            to_the_end[position + 1]
            and (items[position + 1] is not None or content[position + 1].text[:1].isspace())
        )
        if item is not None:
            number = int(item.group(1))
            restarts[position] |= next_number is not None and next_number <= number
            mentions[position] |= bool(_MENTION.search(item.group(2)))
            next_number = number
    return _Numbering(items=items, restarts=restarts, mentions=mentions, to_the_end=to_the_end)


def _opens_numbered_thread(numbering: _Numbering, position: int) -> bool:
    """ "1. ..." opening a thread: numbering that restarts with @replies, or items in a
    reader's voice that restart, have @replies or run to the end of the page."""
    item = numbering.items[position]
    if item is None:
        return False
    restarts, mentions = numbering.restarts[position], numbering.mentions[position]
    if restarts and mentions:
        return True
    return _reads_as_comment(item.group(2)) and (
        restarts or mentions or numbering.to_the_end[position]
    )


def _reads_as_comment(text: str) -> bool:
    return comment_cues(_QUOTED.sub(" ", text)).is_comment_like


def _start_by_language(content: list[Line]) -> int | None:
    """The first short paragraph in a reader's voice, when another follows and some of them
    speak to other readers (an article in the first person does not).

    Paragraphs are read from the end of the page back, and the reading stops once more of them
    read as reporting than any start could allow: an article above a few comments costs a few
    paragraphs, not all of them.
    """
    blocks = _paragraphs(content)
    count = len(blocks)
    personal = reporting = addressing = 0
    best: int | None = None
    for number in range(count - 1, -1, -1):
        position, text = blocks[number]
        cue = comment_cues(_QUOTED.sub(" ", text))
        personal += cue.is_comment_like
        reporting += cue.reporting > 0 and not cue.is_comment_like
        addressing += cue.addresses_readers
        if reporting > MAX_REPORTING_SHARE * count:
            break  # the reporting seen already rules out this paragraph and every earlier one
        if (
            cue.is_comment_like
            and not cue.reporting
            and len(text.split()) <= MAX_OPENING_COMMENT_WORDS
            and personal >= MIN_LANGUAGE_COMMENTS
            and addressing > 0
            and reporting <= MAX_REPORTING_SHARE * (count - number)
        ):
            best = position
    return best


def _paragraphs(content: list[Line]) -> list[tuple[int, str]]:
    """(position of the first line, text) per paragraph; each line is one when none has a gap."""
    has_gaps = any(b.index > a.index + 1 for a, b in pairwise(content))
    blocks: list[tuple[int, str]] = []
    for position, line in enumerate(content):
        gap = position == 0 or not has_gaps or line.index > content[position - 1].index + 1
        if gap:
            blocks.append((position, line.stripped))
        else:
            first, text = blocks[-1]
            blocks[-1] = (first, f"{text} {line.stripped}")
    return blocks


def is_prose(text: str) -> bool:
    """A line of article text: a sentence of some words with its stop (headlines have none)."""
    return (
        len(text.split()) >= MIN_PROSE_WORDS
        and bool(_PROSE_END.search(text))
        and not is_section_header(text)
    )


def _opens_author_run(authors: list[bool], position: int) -> bool:
    """An author line with another one within MAX_LINES_BETWEEN_AUTHORS lines after it."""
    return authors[position] and any(
        authors[position + 1 : position + 2 + MAX_LINES_BETWEEN_AUTHORS]
    )


def _next_text(content: list[Line], position: int) -> str | None:
    return content[position + 1].stripped if position + 1 < len(content) else None


def split_comments(lines: list[Line]) -> CommentSection:
    """Split the lines of a comment section into comments (with authors) and removed lines."""
    section = CommentSection()
    content = [line for line in lines if not line.is_blank]
    # A section without blank lines shows one comment per line (flattened threads).
    has_gaps = any(b.index > a.index + 1 for a, b in pairwise(content))
    current: CommentBlock | None = None
    meta_since_text = False
    label_pending = False
    previous_index = -2
    for position, line in enumerate(content):
        text = line.stripped
        paragraph_break = line.index > previous_index + 1
        previous_index = line.index
        header_or_meta = _header_or_meta(text)
        if header_or_meta is None and label_pending:
            header_or_meta = "comment-meta"  # "Jul 2005" under "Join Date"
        label_pending = bool(_rules().forum_labels.match(text))
        if header_or_meta is not None:
            section.removed.append((line, header_or_meta))
            meta_since_text = True
            if header_or_meta == "comment-header" and (current is None or current.text_lines):
                current = None  # a post title ("Re: ...") under its author stays in the post
            continue
        following = _next_text(content, position)
        if following is not None and _clean_author(text) == _clean_author(
            author_of(following, _next_text(content, position + 1)) or ""
        ):
            section.removed.append((line, "comment-author"))  # "Paul C" above "Paul C 5 months"
            continue
        author = author_of(text, following)
        if author is None and _opens_after_meta(text, meta_since_text or current is None):
            author = text
        if author is None and not section.comments and _is_user_line(text):
            ahead = [line.stripped for line in content[position + 1 : position + 3]]
            author = text if any(is_meta_line(t) for t in ahead) else None
        if (
            author is not None
            and current is not None
            and current.author is not None
            and not current.text_lines
            and strong_author_of(text) is None
        ):
            section.removed.append((line, "comment-meta"))  # a title under the name: "Superstar"
            continue
        if author is not None:
            current = CommentBlock(author=_clean_author(author), indent=_indent(line))
            section.comments.append(current)
            section.removed.append((line, "comment-author"))
            meta_since_text = False
            continue
        reason = boilerplate_reason(text)
        if reason is not None:
            section.removed.append((line, reason))
            meta_since_text = True
            continue
        numbered = current is not None and current.author is None and bool(_NUMBERED.match(text))
        if current is None or (
            current.author is None
            and (paragraph_break or numbered or not has_gaps)
            and current.text_lines
        ):
            current = CommentBlock(author=None, indent=_indent(line))
            section.comments.append(current)
        elif meta_since_text and current.text_lines:
            current = CommentBlock(author=None, indent=_indent(line))  # text after "Reply"
            section.comments.append(current)
        current.text_lines.append(line)
        meta_since_text = False
    section.comments = [block for block in section.comments if block.text_lines]
    return section


def thread_parents(blocks: list[CommentBlock]) -> list[int | None]:
    """The comment each comment replies to (an index into `blocks`), where the page shows it.

    Methods, in order: (1) a reply opening with "@name" answers the latest earlier comment by
    that author; (2) a comment indented deeper than the one before answers it, and one at the
    same depth answers the same parent (Lemmy, YouTube and forum threads nest by indentation);
    otherwise None (top level). Pages that indent no comment have no threads by (2).
    """
    parents: list[int | None] = []
    indented = len({block.indent for block in blocks}) > 1
    stack: list[int] = []  # the open chain of ancestors, shallowest first
    for number, block in enumerate(blocks):
        while stack and blocks[stack[-1]].indent >= block.indent:
            stack.pop()
        by_indent = stack[-1] if indented and stack else None
        parents.append(_mentioned_parent(blocks, number) if by_indent is None else by_indent)
        if parents[-1] is None:
            parents[-1] = _mentioned_parent(blocks, number)
        stack.append(number)
    return parents


def _mentioned_parent(blocks: list[CommentBlock], number: int) -> int | None:
    match = _MENTION.match(blocks[number].text_lines[0].stripped)
    if match is None:
        return None
    mentioned = match.group(0)[1:].casefold()
    for earlier in range(number - 1, -1, -1):
        author = (blocks[earlier].author or "").casefold()
        if author and (mentioned.startswith(author) or author.startswith(mentioned)):
            return earlier
    return None


def _indent(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip())


def _opens_after_meta(text: str, after_meta: bool) -> bool:
    """A bare name right after a header or a comment's meta line ("Like · Reply · 2d") is the
    next comment's author (Facebook-style threads put the timestamp after the text)."""
    words = text.split()
    return (
        after_meta
        and _is_name_only(text)
        and len(words) >= MIN_BARE_NAME_WORDS
        and all(word[:1].isupper() or not word[:1].isalpha() for word in words)
    )


def _header_or_meta(text: str) -> str | None:
    rules = _rules()
    if len(text) <= MAX_HEADER_CHARS and (rules.headers.match(text) or rules.thread.match(text)):
        return "comment-header"
    if is_meta_line(text):
        return "comment-meta"
    return None


def _clean_author(author: str) -> str:
    return _AUTHOR_PREFIXES.sub("", author.strip()).lstrip("@").strip()
