"""Sentence shapes that are not plain prose: a leading dateline, a headline, and the run-on
'sentences' of transcripts split at their main clauses."""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Span

from frontlines.extract.entities import doc_text

# Sentences at least this long (tokens) are checked for run-on main clauses (transcripts); a
# written sentence rarely reaches it (calibrated on the gold transcripts and ISAF releases).
RUN_ON_MIN_TOKENS = 45


MAIN_CLAUSE_DEPS = frozenset({"ROOT", "conj", "parataxis", "advcl"})


# Headline detection (calibrated on ISAF release titles and news headlines): a line without
# closing punctuation whose words are mostly capitalised, or a fragment this short.
HEADLINE_CAPITALISED_SHARE = 0.6


HEADLINE_MIN_WORDS = 3
# A line this short without closing punctuation is a title even in sentence case (news sites'
# headlines and teasers: 'At least 100 killed in RSF attack on Sudanese village').
HEADLINE_MAX_WORDS = 20


# "KABUL, Afghanistan (Aug. 6, 2012) -" / "DAKAR, Senegal (Reuters) —": a dateline opening a
# sentence is not part of the event's words (its place is where the report was filed).
DATELINE_PREFIX = re.compile(
    r"^(?:.{0,200}?\s)?[A-Z][A-Z.'-]{2,}(?:\s[A-Z][A-Z.'-]+)*"
    r"(?:(?:,\s+[A-Z][A-Za-z.' ]{1,30}?)?(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*\([^)]{2,40}\)\s*[-–—:]*|(?:,\s+[A-Z][A-Za-z.' ]{1,30}?)?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*[-–—:])\s*"
)


def strip_dateline(sent: Span) -> Span | None:
    """The sentence without a leading dateline ('KABUL, Afghanistan (Jan. 22, 2013) ...')."""
    match = DATELINE_PREFIX.match(sent.text)
    if match is None:
        return sent
    cut = sent.start_char + match.end()
    for token in sent:
        if token.idx >= cut:
            return sent.doc[token.i : sent.end]
    return None


def split_run_on(sent: Span) -> list[Span]:
    """A run-on sentence (speech-recognition transcripts: no punctuation, one 'sentence' per
    bulletin) is cut before each main clause that has its own subject, so that each clause is
    typed, filtered and placed on its own. Ordinary sentences come back whole."""
    if len(sent) < RUN_ON_MIN_TOKENS:
        return [sent]
    cuts: set[int] = set()
    for token in sent:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ not in MAIN_CLAUSE_DEPS:
            continue
        if not any(child.dep_ in ("nsubj", "nsubjpass") for child in token.children):
            continue
        start = token.left_edge.i
        if sent.start < start:
            cuts.add(start)
    bounds = [sent.start, *sorted(cuts), sent.end]
    pieces = [sent.doc[a:b] for a, b in pairwise(bounds) if b - a > 0]
    return pieces or [sent]


def is_headline(sent: Span) -> bool:
    """A title line ('Coalition Forces Target Taliban Leader with Air Strike in Logar'): no
    closing punctuation and most words capitalised. Titles restate the body's events."""
    text = sent.text.strip()
    if not text or text[-1] in ".!?\"'”’":
        return False
    words = [t for t in sent if t.is_alpha]
    if len(words) < HEADLINE_MIN_WORDS:
        return True
    if _is_own_line(sent) and len(words) <= HEADLINE_MAX_WORDS and text[0].isupper():
        return True  # a sentence-case title on its own line ('At least 100 killed in ...')
    capitalised = sum(1 for t in words if t.text[0].isupper())
    return capitalised / len(words) >= HEADLINE_CAPITALISED_SHARE


def _is_own_line(sent: Span) -> bool:
    """The sentence is a whole line with more text after it (the last line of a text cut short
    is a broken sentence, not a title)."""
    text = doc_text(sent.doc)
    before = text[: sent.start_char].rstrip(" \t")
    end = sent.start_char + len(sent.text.rstrip())  # the line breaks may end the sentence
    after = text[end:].lstrip(" \t")
    return (not before or before.endswith("\n")) and after.startswith("\n") and bool(after.strip())
