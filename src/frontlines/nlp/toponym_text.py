"""Tokens and context of a text for toponym recognition: offsets, casing, sentence starts, and
the context patterns around a candidate ("X district, Y province", "the town of X", "near X")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontlines.gazetteer.names import normalise_name

# A text is treated as caseless (speech-recognition transcript) when fewer than this share of its
# alphabetic tokens start with a capital; calibrated on lowercased news paragraphs (~0) vs
# ordinary news text (>= 0.08).
CASELESS_MAX_CAPITAL_SHARE = 0.03

# "d'Ivoire", "al-Qaim" style elisions: a short lowercase prefix, then a capital.
_ELIDED_CAPITAL = re.compile(r"^[a-z]{1,2}['’][A-Z]")
# "Mali's", "Kharkiv’s": the possessive is no part of the name.
_POSSESSIVE = re.compile(r"['’]s$")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# What may separate the tokens of one place name: a space, a hyphen, or both.
_NAME_GAP = re.compile(r"[ \t\u00a0]?[-\u2010\u2011]?[ \t\u00a0]?['‘’`]?")
_SENTENCE_END = re.compile(r"[.!?:;\"“”(\[\n]\s*$")
# A level word right after a name: "Maiwand district", "Helmand province", "Kunduz city".
TYPE_AFTER = re.compile(
    r"[ \t-]*(district|districts|province|provinces|village|town|city|area|valley|"
    r"regional state|region|oblast|governorate|state|township|raion|rayon|woreda|lga|county|"
    r"territory|municipality)\b",
    re.IGNORECASE,
)
# A level word in apposition after a name: "Jurm, a district east of ...", "Dand, the town".
TYPE_APPOSITION = re.compile(
    r",\s+(?:a|an|the)\s+(?:[a-z]+\s+)?(district|province|village|town|city)\b",
)
# A level word right before a name: "the town of X", "Dand district of", "the X province".
TYPE_BEFORE = re.compile(
    r"\b(district|province|village|town|city|region|governorate|oblast|township)\s+of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# Between a place and its parent: ", ", " in ", " of ", "district of", "district, ", "in the".
PARENT_GAP = re.compile(
    r"^\s*\)?\s*(?:district|village|town|city|area|valley|locality)?\s*"
    r"(?:,|\(|\bin\b|\bof\b|,\s*in\b)\s*"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
NEAR_BEFORE = re.compile(
    r"\b(near|outside|around|close to|on the outskirts of|the outskirts of|north of|south of|"
    r"east of|west of|km from|kilometres from|kilometers from|miles from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "in X", "into X", "across X": a name after these is a place even if NER calls it a person.
LOCATIVE_BEFORE = re.compile(
    r"\b(in|into|across|near|outside|around|towards?|throughout|inside)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
TITLE_BEFORE = re.compile(
    r"\b(mr|mrs|ms|dr|gen|general|col|colonel|maj|major|capt|captain|lt|sgt|president|minister|"
    r"commander|mullah|maulvi|haji|sheikh|spokesman|governor|chief)\.?\s+$",
    re.IGNORECASE,
)
LEVEL_OF_TYPE = {
    "district": "admin2",
    "districts": "admin2",
    "province": "admin1",
    "provinces": "admin1",
    "oblast": "admin1",
    "governorate": "admin1",
    "state": "admin1",
    "region": "admin1",
    "township": "admin2",
    "regional state": "admin1",
    "raion": "admin2",
    "rayon": "admin2",
    "woreda": "admin2",
    "lga": "admin2",
    "county": "admin2",
    "territory": "admin2",
    "municipality": "admin2",
    "village": "place",
    "town": "place",
    "city": "place",
}


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    norm: str
    capitalised: bool
    sentence_initial: bool


def tokenize(text: str) -> list[Token]:
    """Word tokens with offsets, normalised form, capitalisation and sentence-initial flag."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = match.group(0)
        initial = not tokens or bool(_SENTENCE_END.search(text[tokens[-1].end : start]))
        tokens.append(
            Token(
                start=start,
                end=end,
                text=word,
                norm=normalise_name(_POSSESSIVE.sub("", word)),
                capitalised=word[:1].isupper() or _ELIDED_CAPITAL.match(word) is not None,
                sentence_initial=initial,
            )
        )
    return tokens


def is_caseless(tokens: list[Token]) -> bool:
    """True for lowercase (speech-recognition) text: almost no token starts with a capital."""
    alphabetic = [t for t in tokens if t.text[:1].isalpha()]
    if not alphabetic:
        return True
    share = sum(t.capitalised for t in alphabetic) / len(alphabetic)
    return share < CASELESS_MAX_CAPITAL_SHARE


def joins_name(text: str, left: Token, right: Token) -> bool:
    """True when two adjacent tokens may belong to one place name (space/hyphen between)."""
    gap = text[left.end : right.start]
    return bool(gap) and _NAME_GAP.fullmatch(gap) is not None


def type_after(text: str, end: int) -> str | None:
    """The level ('admin1', 'admin2', 'place') a type word right after `end` asks for."""
    match = TYPE_AFTER.match(text, end, min(len(text), end + 20))
    return LEVEL_OF_TYPE.get(match.group(1).lower()) if match else None


def type_in_apposition(text: str, end: int) -> str | None:
    """The level an appositive right after `end` asks for ("Jurm, a district east of ...")."""
    match = TYPE_APPOSITION.match(text, end, min(len(text), end + 40))
    return LEVEL_OF_TYPE.get(match.group(1).lower()) if match else None


def type_after_span(text: str, end: int) -> int:
    """The end offset of a type word right after `end` (or `end` when there is none)."""
    match = TYPE_AFTER.match(text, end, min(len(text), end + 20))
    return match.end() if match else end


def type_before(text: str, start: int) -> str | None:
    """The level a "the town of X" / "province of X" construction before `start` asks for."""
    match = TYPE_BEFORE.search(text, max(0, start - 30), start)
    return LEVEL_OF_TYPE.get(match.group(1).lower()) if match else None


def is_near(text: str, start: int) -> bool:
    """True when the words before `start` say the event is near the place, not in it."""
    return NEAR_BEFORE.search(text, max(0, start - 40), start) is not None


def is_after_locative(text: str, start: int) -> bool:
    """True when a locative preposition ("in", "into", "near") comes right before `start`."""
    return LOCATIVE_BEFORE.search(text, max(0, start - 20), start) is not None


def has_title_before(text: str, start: int) -> bool:
    """True when a personal title ("Gen.", "Governor") precedes: the name is a person's."""
    return TITLE_BEFORE.search(text, max(0, start - 15), start) is not None


def is_parent_gap(text: str, child_end: int, parent_start: int) -> bool:
    """True when the text between two places reads "X, Y" / "X district of Y" / "X in Y"."""
    if parent_start - child_end > 40:
        return False
    return PARENT_GAP.match(text[child_end:parent_start]) is not None
