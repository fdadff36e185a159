"""Whether a piece of text reads like a reader's comment: stance, address to readers, swearing.

The cues are word patterns in data/clean/comment_language.json plus the insult lexicon of the
toxicity score (data/clean/insults.txt). Structure finds most comment sections; this is the
fallback for pages that show comments without any author or vote line, and a check that a
numbered list under an article is a thread of comments rather than the article's own list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from frontlines.clean.patterns import read_data_json, read_word_list

# A question or exclamation is a cue only at the end of a sentence a reader wrote.
_QUESTION = re.compile(r"[?!]\s*(?:$|[\"”’')]|\s)")
# Text longer than this is not read for cues past its start (a comment opens with its stance).
MAX_CHARS_READ = 600


@dataclass(frozen=True, slots=True)
class Cues:
    """What in a text speaks like a reader: each a count of matches."""

    stance: int
    address: int
    interjections: int
    insults: int
    questions: int
    reporting: int

    @property
    def is_comment_like(self) -> bool:
        """A stance, an address to readers, swearing or an insult, and more of these than of
        reporting words ("said", "officials")."""
        personal = self.stance + self.address + self.interjections + self.insults
        return personal > 0 and personal >= self.reporting

    @property
    def addresses_readers(self) -> bool:
        """Speaks to someone (you, @name), swears, insults or asks: what an article does not do."""
        return self.address + self.interjections + self.insults + self.questions > 0


@dataclass(frozen=True, slots=True)
class _Patterns:
    stance: re.Pattern[str]
    address: re.Pattern[str]
    interjections: re.Pattern[str]
    insults: re.Pattern[str]
    reporting: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    data = read_data_json("comment_language.json")

    def words(key: str) -> re.Pattern[str]:
        alternatives = "|".join(f"(?:{p})" for p in data[key])
        return re.compile(rf"(?<![\w@])(?:{alternatives})(?![\w])", re.IGNORECASE)

    insults = sorted(read_word_list("insults.txt"), key=len, reverse=True)
    insult = "|".join(re.escape(term).replace(r"\ ", r"\s+") for term in insults)
    return _Patterns(
        stance=words("stance"),
        address=words("address"),
        interjections=words("interjections"),
        insults=re.compile(rf"\b(?:{insult})\b", re.IGNORECASE),
        reporting=words("reporting"),
    )


def comment_cues(text: str) -> Cues:
    """The reader-language cues in `text` (its first MAX_CHARS_READ characters)."""
    head = text[:MAX_CHARS_READ]
    patterns = _patterns()
    return Cues(
        stance=len(patterns.stance.findall(head)),
        address=len(patterns.address.findall(head)),
        interjections=len(patterns.interjections.findall(head)),
        insults=len(patterns.insults.findall(head)),
        questions=len(_QUESTION.findall(head)),
        reporting=len(patterns.reporting.findall(head)),
    )
