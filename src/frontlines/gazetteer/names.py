"""Name keys for matching place names across spellings: normalised, folded and skeleton keys.

- `normalise_name`: lowercase, diacritics and apostrophes removed, punctuation to single spaces.
- `fold_key`: romanisation variants folded (kh/x/h, q/k, gh/g, sh/ch, vowels to one class,
  doubled letters, i/e/-i-/wa connectors and hyphens/spaces removed): "Mazar-e Sharif" and
  "Mazar-i-Sharif" share one; so do "Jawzjan"/"Jowzjan"/"Jozjan".
- `skeleton_key`: the fold key without vowels (a word-initial vowel kept as "A"): a phonetic key
  for speech-recognition mishearings and vowel-only variants ("candy har" = Kandahar).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_APOSTROPHES = re.compile(r"['’‘`ʿʾ´ʻʼ]")
_NON_ALNUM = re.compile(r"[^0-9a-z\u0600-\u06ff\u0400-\u04ff]+")
_FINAL_SOFT_H = re.compile(r"(?<=[aeiouy])h$")
_REPEATS = re.compile(r"(.)\1+")
# A letter or digit outside Basic Latin..Latin Extended-B and Latin Extended Additional.
_NON_LATIN_LETTER = re.compile(r"[^\W\u0000-\u024f\u1e00-\u1eff]")


@dataclass(frozen=True, slots=True)
class VariantRules:
    """Romanisation folding rules loaded from data/gazetteer/variant_rules.json."""

    connectors: frozenset[str]
    generic_words: frozenset[str]
    digraphs: tuple[tuple[str, str], ...]
    letters: dict[str, str]
    vowels: frozenset[str]
    digraph_pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def variant_rules() -> VariantRules:
    """The folding rules shipped with the package (loaded once)."""
    raw = json.loads(
        resources.files("frontlines.data.gazetteer").joinpath("variant_rules.json").read_text()
    )
    digraphs = tuple((str(a), str(b)) for a, b in raw["digraphs"])
    pattern = re.compile("|".join(re.escape(a) for a, _ in digraphs))
    return VariantRules(
        connectors=frozenset(raw["connectors"]),
        generic_words=frozenset(raw["generic_words"]),
        digraphs=digraphs,
        letters={str(k): str(v) for k, v in raw["letters"].items()},
        vowels=frozenset(raw["vowels"]),
        digraph_pattern=pattern,
    )


@lru_cache(maxsize=200_000)
def normalise_name(name: str) -> str:
    """Lowercase, strip diacritics and apostrophes, turn any other punctuation into one space."""
    if name.isascii():
        stripped = name
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = _APOSTROPHES.sub("", stripped.lower())
    return _NON_ALNUM.sub(" ", lowered).strip()


def name_tokens(normalised: str) -> list[str]:
    """The tokens of a normalised name that carry it: connectors and generic words dropped
    (unless nothing would remain)."""
    rules = variant_rules()
    tokens = normalised.split()
    kept = [t for t in tokens if t not in rules.connectors and t not in rules.generic_words]
    return kept or tokens


@lru_cache(maxsize=200_000)
def fold_token(token: str) -> str:
    """One token with romanisation variants folded; vowels become 'a' (repeats collapsed later)."""
    rules = variant_rules()
    token = _FINAL_SOFT_H.sub("", token) or token
    by_digraph = dict(rules.digraphs)
    token = rules.digraph_pattern.sub(lambda m: by_digraph[m.group(0)], token)
    out = []
    for position, ch in enumerate(token):
        mapped = rules.letters.get(ch, ch)
        if mapped in rules.vowels and not (position == 0 and mapped == "w"):
            mapped = "a"
        out.append(mapped)
    return "".join(out)


def fold_tokens(tokens: list[str]) -> str:
    """Fold key of already-normalised tokens (connectors/generic words already removed)."""
    return _REPEATS.sub(r"\1", "".join(fold_token(t) for t in tokens))


@lru_cache(maxsize=200_000)
def fold_key(name: str) -> str:
    """The romanisation-folded key of a name ("Pol-e Khomri" and "Pul-i-Khumri" share one)."""
    return fold_tokens(name_tokens(normalise_name(name)))


def skeleton_of_fold(folded: str) -> str:
    """Consonant skeleton of a fold key: vowels dropped, a leading vowel kept as 'A'."""
    if not folded:
        return ""
    head = "A" if folded[0] == "a" else folded[0]
    return _REPEATS.sub(r"\1", head + folded[1:].replace("a", ""))


def skeleton_key(name: str) -> str:
    """Phonetic key: the fold key without vowels ("candy har", "Kandahar" -> "kndHr")."""
    return skeleton_of_fold(fold_key(name))


def is_latin_name(name: str) -> bool:
    """True when the name is written in Latin script (diacritics allowed: "Ḩamāh")."""
    if not name:
        return False
    return name.isascii() or _NON_LATIN_LETTER.search(name) is None
