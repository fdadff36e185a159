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


_KINDS = ("stance", "address", "interjections", "insults", "reporting")


@cache
def _pattern() -> re.Pattern[str]:
    """One alternation with a named group per kind of cue: a single scan of the text."""
    data = read_data_json("comment_language.json")
    insults = sorted(read_word_list("insults.txt"), key=len, reverse=True)
    alternatives = {key: [f"(?:{p})" for p in data[key]] for key in _KINDS if key != "insults"}
    alternatives["insults"] = [re.escape(term).replace(r"\ ", r"\s+") for term in insults]
    groups = "|".join(f"(?P<{key}>{'|'.join(alternatives[key])})" for key in _KINDS)
    return re.compile(rf"(?<![\w@])(?:{groups})(?!\w)", re.IGNORECASE)


def comment_cues(text: str) -> Cues:
    """The reader-language cues in `text` (its first MAX_CHARS_READ characters)."""
    head = text[:MAX_CHARS_READ]
    counts = dict.fromkeys(_KINDS, 0)
    for match in _pattern().finditer(head):
        if match.lastgroup:
            counts[match.lastgroup] += 1
    return Cues(
        stance=counts["stance"],
        address=counts["address"],
        interjections=counts["interjections"],
        insults=counts["insults"],
        questions=len(_QUESTION.findall(head)),
        reporting=counts["reporting"],
    )
