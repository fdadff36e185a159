"""Language identification of a cleaned body with py3langid (the model ships in the package)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from frontlines.errors import UnsupportedLanguageError

# Only decide on text at least this long, and only when the (normalised) probability of the
# other language is at least this high: calibrated so that short English items, headlines and
# lower-case transcripts (tests/clean/test_language_check.py) are never rejected.
MIN_WORDS_TO_DECIDE = 25
MIN_CONFIDENCE = 0.95
# Long texts are identified from their start: enough for a sure answer, and fast.
MAX_CHARS_TO_IDENTIFY = 2000
ACCEPTED_LANGUAGES = frozenset({"en"})

_WORD = re.compile(r"\w+")
_PRIMARY_TAG = re.compile(r"^[A-Za-z]{2,3}")


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> tuple[str, float]:
    """The most likely ISO 639-1 language of `text` and its probability (0..1)."""
    language, probability = _identifier().classify(text[:MAX_CHARS_TO_IDENTIFY])
    return str(language), float(probability)


def check_language(doc_id: str, text: str, *, declared: str | None = None) -> str:
    """The document's language ("en"), or raise when it is clearly another one.

    A declared language (from the input metadata) other than English is trusted; otherwise the
    text decides, but only when it is long enough and the identification is confident.

    Raises:
        UnsupportedLanguageError: the document is declared or clearly identified as non-English.
    """
    declared_tag = _primary_tag(declared)
    if declared_tag and declared_tag not in ACCEPTED_LANGUAGES:
        raise UnsupportedLanguageError(doc_id, declared_tag)
    if len(_WORD.findall(text[:MAX_CHARS_TO_IDENTIFY])) < MIN_WORDS_TO_DECIDE:
        return "en"
    language, probability = identify_language(text)
    if language not in ACCEPTED_LANGUAGES and probability >= MIN_CONFIDENCE:
        raise UnsupportedLanguageError(doc_id, language)
    return "en"


def _primary_tag(declared: str | None) -> str | None:
    if not declared:
        return None
    match = _PRIMARY_TAG.match(declared.strip())
    return match.group(0).lower() if match else None
