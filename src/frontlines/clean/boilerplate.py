"""Recognising boilerplate lines in an article body (captions, share bars, ads, edit stamps...).

The patterns, grouped by the reason recorded in `Removed.reason`, are data in
data/clean/boilerplate.json; each must match a whole line.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from frontlines.clean.patterns import compile_line_pattern, read_data_json

# "Published", "Last updated:" — a label whose date is on the next line.
MAX_STAMP_LABEL_CHARS = 20
# Lines seen recently (a section is checked while finding comments and again in the body).
LINE_CACHE_SIZE = 4096
_LIST_HEADER = re.compile(r"[^:|»>]{1,40}[:|»>]?\Z")
_SENTENCE_END = re.compile(r"[.!?]\Z")
# A caption ends with its date or credit: "..., Oct. 2, 2015.", "(Reuters)".
_CAPTION_END = re.compile(r"(?:\d{4}|\))\.?\Z")
# Only lines of this many words are checked for repetition ("Share" twice is a share bar).
MIN_REPEATED_WORDS = 4
# A caption cut off by the page's "read more" fold ends mid-sentence on a lower-case word; a
# repeated line that long is never a headline.
_CUT_OFF_END = re.compile(r"\s[a-z]+\Z")
MIN_CUT_OFF_CAPTION_WORDS = 15
# Lines longer than this are article prose, never boilerplate (longest caption seen in our
# hand-written fixtures and the samples is ~230 characters).
MAX_BOILERPLATE_CHARS = 300
# A script header flattened into one line: at least this many of its field labels.
MIN_INLINE_SCRIPT_LABELS = 3
# Text before the header's first label that goes with it (a slug: 'Transcript/Script ...').
MAX_SCRIPT_SLUG_CHARS = 100
# Cookie and consent banners run long ("We use cookies ... privacy policy ..."); up to this.
MAX_BANNER_CHARS = 1200


@cache
def _rules() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex with a named group per reason (one C-level match per line), and group names."""
    reasons: dict[str, list[str]] = read_data_json("boilerplate.json")["reasons"]
    groups = {f"r{number}": reason for number, reason in enumerate(reasons)}
    branches = [
        f"(?P<{group}>{'|'.join(f'(?:{p})' for p in reasons[reason])})"
        for group, reason in groups.items()
    ]
    return compile_line_pattern("|".join(branches)), groups


@cache
def _banners() -> re.Pattern[str]:
    patterns: list[str] = read_data_json("boilerplate.json")["banners"]
    return compile_line_pattern("|".join(f"(?:{p})" for p in patterns))


@cache
def _inline_script_labels() -> re.Pattern[str]:
    labels: list[str] = read_data_json("boilerplate.json")["inline_script_labels"]
    return re.compile(r"\b(?:" + "|".join(labels) + r")\s*:")


def inline_script_header(line: str) -> tuple[int, int] | None:
    """(start, end) of a broadcaster's script header flattened into one line ('... HEADLINE:
    ... TEASER: ... EDITOR NOTES:))'), or None: its slug, fields and the closing '))' of the
    last field. The teaser restates the story; none of it is reporting."""
    labels = list(_inline_script_labels().finditer(line))
    if len(labels) < MIN_INLINE_SCRIPT_LABELS:
        return None
    first, last = labels[0], labels[-1]
    closing = line.find("))", last.end())
    end = closing + 2 if closing != -1 else len(line)
    slug = line[: first.start()]
    start = (
        0
        if len(slug) <= MAX_SCRIPT_SLUG_CHARS and not _SENTENCE_END.search(slug.strip())
        else first.start()
    )
    return start, end


@lru_cache(maxsize=LINE_CACHE_SIZE)
def boilerplate_reason(line: str) -> str | None:
    """Why a (stripped) line is boilerplate ("caption", "share", ...), or None when it is text."""
    if not line or len(line) > MAX_BANNER_CHARS:
        return None
    if _banners().match(line):
        return "banner"
    if len(line) > MAX_BOILERPLATE_CHARS:
        return None
    pattern, groups = _rules()
    match = pattern.match(line)
    return groups[match.lastgroup] if match and match.lastgroup else None


def body_line_reasons(lines: list[str]) -> list[str | None]:
    """A reason per stripped line ("" = blank), None for lines to keep.

    Whole-line patterns first; then lines continuing a boilerplate header: the linked headlines
    under "Related stories" / "Read more:", and the date under a bare "Published" / "Updated".
    """
    reasons: list[str | None] = []
    in_related_list = False
    list_header_only = False  # the list's header seen, none of its items yet
    after_stamp_label = False
    for line in lines:
        if not line:
            reasons.append(None)
            # 'Related Stories', a blank line, then the list (VOA's layout).
            in_related_list = in_related_list and list_header_only
            after_stamp_label = False
            continue
        reason = boilerplate_reason(line)
        if reason in (None, "navigation") and in_related_list and is_list_item(line):
            reason = "related"
        if reason is None and after_stamp_label and _timestamp().match(line):
            reason = "edit-stamp"
        list_header_only = reason == "related" and not in_related_list and is_list_header(line)
        # The list goes on over its captions, bylines and dates (removed for their own reason).
        in_related_list = (in_related_list and reason is not None) or (
            reason == "related" and is_list_header(line)
        )
        after_stamp_label = reason == "edit-stamp" and len(line) <= MAX_STAMP_LABEL_CHARS
        reasons.append(reason)
    for number, reason in _repeated_lines(lines, reasons).items():
        reasons[number] = reason
    return reasons


def _repeated_lines(lines: list[str], reasons: list[str | None]) -> dict[int, str]:
    """A kept line given twice on consecutive lines is a photo's alt text and its caption (both
    removed as "caption" when it reads as a sentence), or a repeated headline (the copy removed
    as "duplicate"). Consecutive in the text: a line removed between two copies leaves them apart
    in the body as well (a blank line), so a second cleaning decides the same."""
    found: dict[int, str] = {}
    for number in range(1, len(lines)):
        line = lines[number]
        if (
            line
            and line == lines[number - 1]
            and reasons[number] is None
            and reasons[number - 1] is None
            and len(line.split()) >= MIN_REPEATED_WORDS
        ):
            if _SENTENCE_END.search(line) or _CAPTION_END.search(line) or _is_cut_off(line):
                found[number - 1] = "caption"
                found[number] = "caption"
            else:
                found[number] = "duplicate"
    return found


def _is_cut_off(line: str) -> bool:
    """A long line that stops mid-sentence ('... condemns the attack on innocent civilians in')."""
    return len(line.split()) >= MIN_CUT_OFF_CAPTION_WORDS and bool(_CUT_OFF_END.search(line))


@cache
def _timestamp() -> re.Pattern[str]:
    return compile_line_pattern("{TS}")


def is_list_header(line: str) -> bool:
    """A related-stories line with nothing after its marker ("Read more:", "Related stories")."""
    return len(line) <= 40 and bool(_LIST_HEADER.match(line))


def is_list_item(line: str) -> bool:
    """A line of a related-stories list: a headline, or its teaser, caption, section, byline or
    date (VOA's lists run 'caption / section / headline / teaser / byline / date', the teaser
    and caption often cut off with '…'): no closing sentence stop."""
    return len(line) <= MAX_BOILERPLATE_CHARS and not _SENTENCE_END.search(line)
