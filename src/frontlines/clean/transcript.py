"""Speech-recognition transcripts: detecting them and making their run-on text into sentences.

Segmentation is rule-based, deterministic and idempotent: (1) "quote ... unquote" becomes
quotation marks; (2) a sentence stop is added before speaker changes (">>", "anchor:"), after a
closing quote, before discourse markers ("and now", "meanwhile", "thank you", time phrases that
open a clause), before clause openings (a pronoun subject, "the government says", "what is"),
and, in very long sentences, before "and the"-like clause joins — never after a preposition,
article or conjunction; (3) each sentence starts with a capital, and known place/actor names get
theirs back (data/clean/transcript_names.txt). Word lists are in data/clean/transcript.json.
Mishearings ("candy har") are left to the gazetteer's phonetic matching.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from frontlines.clean.patterns import read_data_json, read_word_list

# Detection, calibrated on the hand-written transcripts in tests/fixtures/clean and the samples:
# real articles have ~10% capitalised words and a stop every ~20 words.
MIN_TRANSCRIPT_WORDS = 40
MAX_CAPITALISED_WORD_RATIO = 0.04
MAX_STOPS_PER_WORD = 0.025
# Above this share of upper-case letters the text is closed captions in capitals.
MIN_ALL_CAPS_LETTER_RATIO = 0.9
MIN_ALL_CAPS_LETTERS = 40
# Segmentation: no stop is added before a sentence has this many words; a sentence this long
# is split at the next clause join ("and the", "but they").
MIN_SENTENCE_WORDS = 5
MAX_SENTENCE_WORDS = 30
# A subject without a determiner opens a clause when an attribution verb follows this closely
# ("... bulletin government forces say"); further away it is more often an object.
BARE_SUBJECT_WINDOW = 2

# Speaker turns ("BLITZER: ...", "HOST: ...", "(VOICEOVER)") on at least this many lines make a
# text a transcript even when it is written with capitals (a broadcaster's own transcript).
MIN_SPEAKER_TURNS = 3

_WORD = re.compile(r"\S+")
_TERMINAL = re.compile(r"[.!?…][\"”’')\]]*\Z")
_NO_STOP_AFTER = re.compile(r"[.!?…,;:\-–—][\"”’')\]]*\Z")
_CLOSERS = re.compile(r"[\"”’')\]]+\Z")
_STOP_RUN = re.compile(r"[.!?]")
_EDGE_PUNCT = re.compile(r"^[\"“”'‘’(\[]+|[\"“”'‘’)\].,;:!?…]+$")
_FIRST_LETTER = re.compile(r"^([\"“'‘(\[]*)([^\W\d_])")
_PRONOUN_I = re.compile(r"\bi\b(?=(?:'|’)(?:m|ve|ll|d)\b|\s|[.,!?]|\Z)")


@dataclass(frozen=True, slots=True)
class _Rules:
    speakers: frozenset[str]
    markers: dict[str, tuple[tuple[str, ...], ...]]  # by first word, longest first
    conditional: frozenset[tuple[str, ...]]
    subject_starters: frozenset[str]
    long_splitters: tuple[tuple[str, ...], ...]
    no_break_after: frozenset[str]
    pronouns: frozenset[str]
    no_break_before_pronoun: frozenset[str]
    determiners: frozenset[str]
    attribution_verbs: frozenset[str]
    attribution_window: int
    question_words: frozenset[str]
    subject_determiners: frozenset[str]
    subject_window: int
    finite_verbs: frozenset[str]
    auxiliaries: frozenset[str]
    quote: re.Pattern[str]
    names: re.Pattern[str]
    canonical: dict[str, str]


@cache
def _rules() -> _Rules:
    data = read_data_json("transcript.json")
    clauses = data["clause_starts"]
    markers = sorted((tuple(m.split()) for m in data["boundary_markers"]), key=len, reverse=True)
    opens = "|".join(re.escape(q) for q in data["quote_open"])
    closes = "|".join(re.escape(q) for q in data["quote_close"])
    names = sorted(read_word_list("transcript_names.txt"), key=len, reverse=True)
    return _Rules(
        speakers=frozenset(m.lower() for m in data["speaker_markers"]),
        markers=_by_first_word(markers),
        conditional=frozenset(tuple(m.split()) for m in data["conditional_markers"]["markers"]),
        subject_starters=frozenset(data["conditional_markers"]["subject_starters"]),
        long_splitters=tuple(tuple(m.split()) for m in data["long_sentence_splitters"]),
        no_break_after=frozenset(data["no_break_after"]["words"]),
        pronouns=frozenset(clauses["pronoun_subjects"]),
        no_break_before_pronoun=frozenset(clauses["no_break_before_pronoun"]),
        determiners=frozenset(clauses["determiners"]),
        attribution_verbs=frozenset(clauses["attribution_verbs"]),
        attribution_window=int(clauses["attribution_window"]),
        question_words=frozenset(clauses["question_words"]),
        subject_determiners=frozenset(clauses["subject_determiners"]),
        subject_window=int(clauses["subject_window"]),
        finite_verbs=frozenset(clauses["finite_verbs"]),
        auxiliaries=frozenset(clauses["auxiliaries"]),
        quote=re.compile(
            rf"\b(?:{opens})\b[,:]?\s+(.+?)[,]?\s+\b(?:{closes})\b", re.IGNORECASE | re.DOTALL
        ),
        names=re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE
        ),
        canonical={name.lower(): name for name in names},
    )


def _by_first_word(
    phrases: list[tuple[str, ...]],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        table.setdefault(phrase[0], []).append(phrase)
    return {word: tuple(group) for word, group in table.items()}


@cache
def _speaker_label() -> re.Pattern[str]:
    labels: list[str] = read_data_json("transcript.json")["speaker_labels"]
    return re.compile(r"\s*(?:" + "|".join(f"(?:{p})" for p in labels) + r")\s*", re.IGNORECASE)


def speaker_label_end(line: str) -> int:
    """Where a speaker label opening `line` ends ("WOLF BLITZER, CNN ANCHOR: ", "HOST: ",
    "(VOICEOVER)"), 0 when the line opens with none."""
    match = _speaker_label().match(line)
    return match.end() if match else 0


def has_speaker_turns(lines: Sequence[str]) -> bool:
    """At least MIN_SPEAKER_TURNS lines open with a speaker label."""
    turns = 0
    for line in lines:
        turns += speaker_label_end(line) > 0
        if turns >= MIN_SPEAKER_TURNS:
            return True
    return False


def is_transcript(text: str) -> bool:
    """Whether text reads like speech recognition: long, barely capitalised, few sentence stops."""
    words = _WORD.findall(text)
    if len(words) < MIN_TRANSCRIPT_WORDS:
        return False
    stops = len(_STOP_RUN.findall(text)) / len(words)
    if stops > MAX_STOPS_PER_WORD:
        return False
    return _is_all_caps(text) or _capitalised_ratio(words) <= MAX_CAPITALISED_WORD_RATIO


def _capitalised_ratio(words: list[str]) -> float:
    capitalised = sum(1 for word in words if word[:1].isupper() or word[1:2].isupper())
    return capitalised / len(words)


def _is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_ALL_CAPS_LETTERS:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= MIN_ALL_CAPS_LETTER_RATIO


def segment_transcript(text: str) -> str:
    """Run-on transcript text made into capitalised sentences; line breaks are kept."""
    if _is_all_caps(text):
        text = text.lower()
    text = _rules().quote.sub(lambda m: f'"{m.group(1)}"', text)
    lines = [_segment_line(line) for line in text.split("\n")]
    return restore_names("\n".join(lines))


def restore_names(text: str) -> str:
    """Known place and actor names written with their capitals."""
    rules = _rules()
    text = rules.names.sub(lambda m: rules.canonical[m.group(0).lower()], text)
    return _PRONOUN_I.sub("I", text)


def _segment_line(line: str) -> str:
    tokens = line.split()
    if not tokens:
        return ""
    keys = [_key(token) for token in tokens]
    since_stop = 0
    for index in range(len(tokens)):
        if (
            index > 0
            and since_stop >= MIN_SENTENCE_WORDS
            and _starts_sentence(tokens, keys, index, since_stop)
        ):
            previous = tokens[index - 1]
            if not _NO_STOP_AFTER.search(previous):
                tokens[index - 1] = _add_stop(previous)
        if index == 0 or _TERMINAL.search(tokens[index - 1]):
            tokens[index] = _capitalise(tokens[index])
            since_stop = 0
        since_stop += 1
    if not _TERMINAL.search(tokens[-1]) and not _NO_STOP_AFTER.search(tokens[-1]):
        tokens[-1] = _add_stop(tokens[-1])
    return " ".join(tokens)


def _add_stop(token: str) -> str:
    """A full stop after the word, inside any closing quotes or brackets."""
    match = _CLOSERS.search(token)
    cut = match.start() if match else len(token)
    return token[:cut] + "." + token[cut:]


def _starts_sentence(tokens: list[str], keys: list[str], index: int, since_stop: int) -> bool:
    rules = _rules()
    if tokens[index].lower() in rules.speakers or _closes_quote(tokens[index - 1]):
        return True
    if keys[index - 1] in rules.no_break_after:
        return False
    if _opens_clause_by_pattern(keys, index):
        return True
    for marker in rules.markers.get(keys[index], ()):
        if _matches_at(keys, index, marker):
            if marker not in rules.conditional:
                return True
            return _opens_clause(keys, index + len(marker))
    if since_stop >= MAX_SENTENCE_WORDS:
        return any(_matches_at(keys, index, splitter) for splitter in rules.long_splitters)
    return False


def _opens_clause(keys: list[str], index: int) -> bool:
    """A subject follows, and it is not an attribution ("... last night, the ministry says")."""
    rules = _rules()
    if index >= len(keys) or keys[index] not in rules.subject_starters:
        return False
    window = keys[index + 1 : index + 1 + rules.attribution_window]
    return not any(word in rules.attribution_verbs for word in window)


def _opens_clause_by_pattern(keys: list[str], index: int) -> bool:
    """A pronoun subject ("... sunday night they were given"), an attributed noun phrase
    ("... care the government in kabul says"), or a question ("what is the situation")."""
    rules = _rules()
    word, following = keys[index], keys[index + 1 : index + 1 + rules.attribution_window]
    if word in rules.pronouns:
        return bool(following) and keys[index - 1] not in rules.no_break_before_pronoun
    if (
        word in rules.subject_determiners
        and keys[index - 1] not in rules.no_break_before_pronoun
        and _verb_follows_noun_phrase(following[: rules.subject_window])
    ):
        return True
    if word in rules.subject_starters and keys[index - 1] not in rules.no_break_before_pronoun:
        near = following[:BARE_SUBJECT_WINDOW]  # "government forces say", "officials say"
        if any(w in rules.attribution_verbs for w in near):
            return True
    if word in rules.determiners:
        return any(w in rules.attribution_verbs for w in following) and not any(
            w in rules.no_break_after - rules.determiners for w in following[:1]
        )
    return word in rules.question_words and bool(following) and following[0] in rules.auxiliaries


def _verb_follows_noun_phrase(window: list[str]) -> bool:
    """'car bomb exploded', 'taliban have': one to three words, then a finite verb."""
    rules = _rules()
    for position, word in enumerate(window):
        if word in rules.finite_verbs:
            return position >= 1
        if word in rules.no_break_after:
            return False
    return False


def _closes_quote(token: str) -> bool:
    return len(token) > 1 and token[-1] in '"”' and token[0] not in '"“'


def _matches_at(keys: list[str], index: int, phrase: tuple[str, ...]) -> bool:
    return tuple(keys[index : index + len(phrase)]) == phrase


def _key(token: str) -> str:
    stripped = _EDGE_PUNCT.sub("", token.lower())
    return stripped if stripped else token.lower()


def _capitalise(token: str) -> str:
    return _FIRST_LETTER.sub(lambda m: m.group(1) + m.group(2).upper(), token)
