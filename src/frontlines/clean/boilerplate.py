"""Recognising boilerplate lines in an article body (captions, share bars, ads, edit stamps...).

The patterns, grouped by the reason recorded in `Removed.reason`, are data in
data/clean/boilerplate.json; each must match a whole line.
"""

from __future__ import annotations

import re
from functools import cache

from frontlines.clean.patterns import compile_alternatives, read_data_json

# A headline in a list of related stories: short, no sentence stop at the end.
MAX_HEADLINE_CHARS = 120
_LIST_HEADER = re.compile(r"[^:|»>]{1,40}[:|»>]?\Z")
_SENTENCE_END = re.compile(r"[.!?]\Z")
# Lines longer than this are article prose, never boilerplate (longest caption seen in our
# hand-written fixtures and the samples is ~230 characters).
MAX_BOILERPLATE_CHARS = 300


@cache
def _rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    reasons: dict[str, list[str]] = read_data_json("boilerplate.json")["reasons"]
    return tuple((reason, compile_alternatives(patterns)) for reason, patterns in reasons.items())


def boilerplate_reason(line: str) -> str | None:
    """Why a (stripped) line is boilerplate ("caption", "share", ...), or None when it is text."""
    if not line or len(line) > MAX_BOILERPLATE_CHARS:
        return None
    for reason, pattern in _rules():
        if pattern.match(line):
            return reason
    return None


def is_list_header(line: str) -> bool:
    """A related-stories line with nothing after its marker ("Read more:", "Related stories")."""
    return len(line) <= 40 and bool(_LIST_HEADER.match(line))


def is_headline(line: str) -> bool:
    """Short and without a closing sentence stop: a linked headline, not prose."""
    return len(line) <= MAX_HEADLINE_CHARS and not _SENTENCE_END.search(line)
