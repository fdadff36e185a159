"""Tolerant comparison of place, actor and claimant names, the way an analyst reads them.

Place names are compared in two steps: equal after plain normalisation (case, accents,
punctuation, administrative words such as "province"), else equal as a consonant skeleton that
folds transliteration variants (e/i, ou/u, o/u, doubled letters, w/v/y, q/k, a silent h after a
vowel), so "Pul-i-Khumri" = "Pol-e Khomri" and "Hilmand province" = "Helmand". Actors and
claimants are compared token by token with a fuzzy ratio, ignoring parenthesised years.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

import pycountry
from rapidfuzz import fuzz

# A token of one name matches a token of the other at or above this rapidfuzz ratio; calibrated
# on defence/defense, Hayat Tahrir al-Sham/al Sham, Mazar-i/Mazar-e spellings in the gold set.
TOKEN_MATCH_RATIO = 80.0
# Share of the shorter name's tokens that must match, and of the longer name's tokens; calibrated
# so "Civilians" = "Civilians (Afghanistan)" but "Military Forces of Ukraine" != "... of Russia"
# and "Afghanistan" != "Military Forces of Afghanistan".
SHORTER_COVERAGE = 0.75
LONGER_COVERAGE = 0.5

_PARENTHESISED = re.compile(r"\([^)]*\)")
_YEARS_IN_PARENTHESES = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_VOWEL_THEN_H = re.compile(r"(?<=[aeiouy])h(?![aeiou])")
_SKELETON_DROPS = re.compile(r"[aeiouwy]")
_DOUBLED = re.compile(r"(.)\1+")


@cache
def _folding() -> dict[str, Any]:
    path = resources.files("frontlines") / "data" / "eval" / "name_folding.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _ascii_lower(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def place_tokens(name: str) -> list[str]:
    """Lower-case ASCII tokens of a place name without administrative words or "al-" prefixes."""
    folding = _folding()
    place_words = set(folding["place_words"])
    prefixes = tuple(f"{p}-" for p in folding["article_prefixes"])
    text = _ascii_lower(_PARENTHESISED.sub(" ", name)).replace("'", "").replace("’", "")
    tokens = []
    for raw in text.split():
        word = raw
        for prefix in prefixes:
            if word.startswith(prefix) and len(word) > len(prefix) + 2:
                word = word[len(prefix) :]
                break
        for part in _NON_ALNUM.split(word):
            if part and part not in place_words:
                tokens.append(part)
    return tokens


def normalise_place(name: str) -> str:
    """Plain normal form: place tokens joined ("Mazar-e Sharif" -> mazaresharif)."""
    return "".join(place_tokens(name))


def place_key(name: str) -> str:
    """The consonant skeleton that folds transliteration variants ("Shibirghan" -> shbrghn)."""
    plain = normalise_place(name).replace("v", "w").replace("q", "k").replace("ph", "f")
    skeleton = _SKELETON_DROPS.sub("", _VOWEL_THEN_H.sub("", plain))
    skeleton = _DOUBLED.sub(r"\1", skeleton)
    return skeleton or plain


def places_match(first: str, second: str) -> bool:
    """True when two place names are the same place up to spelling; empty names never match."""
    if not first.strip() or not second.strip():
        return False
    plain_first, plain_second = normalise_place(first), normalise_place(second)
    if plain_first and plain_first == plain_second:
        return True
    return bool(plain_first) and place_key(first) == place_key(second)


@cache
def _country_code(name: str) -> str | None:
    try:
        return str(pycountry.countries.lookup(name.strip()).alpha_2)
    except LookupError:
        return None


def countries_match(first: str, second: str) -> bool:
    """True when two country names name the same country: equal, the same ISO code per
    pycountry ("Syria" = "Syrian Arab Republic", but "Niger" != "Nigeria"), or, when either is
    unknown to pycountry, one name starting the other ("Russia" = "Russian Federation")."""
    plain_first, plain_second = normalise_place(first), normalise_place(second)
    if not plain_first or not plain_second:
        return False
    if plain_first == plain_second:
        return True
    code_first, code_second = _country_code(first), _country_code(second)
    if code_first and code_second:
        return code_first == code_second
    shorter, longer = sorted((plain_first, plain_second), key=len)
    return longer.startswith(shorter) and len(shorter) >= 4


def name_tokens(name: str) -> list[str]:
    """Tokens of an actor or claimant name, without parenthesised years and stop words, with
    synonyms folded ("army" -> "military")."""
    folding = _folding()
    stop_words = set(folding["actor_stop_words"])
    synonyms: dict[str, str] = folding["token_synonyms"]
    text = _ascii_lower(_YEARS_IN_PARENTHESES.sub(" ", name))
    return [synonyms.get(t, t) for t in _NON_ALNUM.split(text) if t and t not in stop_words]


def short_forms(name: str) -> list[str]:
    """The name and, for ACLED's 'SHORT: Long name' and 'Name - Alias' forms, each part
    ('M23: March 23 Movement' -> 'M23', 'March 23 Movement')."""
    forms = [name]
    for separator in (": ", " - "):
        if separator in name:
            forms.extend(part for part in name.split(separator) if part.strip())
    return forms


def names_match(first: str | None, second: str | None) -> bool:
    """True when two actor or claimant names name the same party (token-wise fuzzy overlap),
    also when one is the short form of an ACLED 'SHORT: Long name' ('JNIM' = 'JNIM: Group for
    Support of Islam and Muslims')."""
    if not first or not second:
        return False
    if any(
        _tokens_match(one, other)
        for one in short_forms(first)
        for other in short_forms(second)
        if one != first or other != second
    ):
        return True
    return _tokens_match(first, second)


def _tokens_match(first: str, second: str) -> bool:
    tokens_first, tokens_second = name_tokens(first), name_tokens(second)
    if not tokens_first or not tokens_second:
        return False
    if tokens_first == tokens_second:
        return True
    shorter, longer = sorted((tokens_first, tokens_second), key=len)
    matched = sum(1 for token in shorter if _has_similar_token(token, longer))
    return matched / len(shorter) >= SHORTER_COVERAGE and matched / len(longer) >= LONGER_COVERAGE


def _has_similar_token(token: str, candidates: list[str]) -> bool:
    return any(fuzz.ratio(token, other) >= TOKEN_MATCH_RATIO for other in candidates)


def claimants_match(first: str | None, second: str | None) -> bool:
    """True when two claimant lists ('; '-separated) share a claimant (`claimant_matches`)."""
    if not first or not second:
        return False
    firsts = [part for part in first.split(";") if part.strip()]
    seconds = [part for part in second.split(";") if part.strip()]
    return any(claimant_matches(one, other) for one in firsts for other in seconds)


def claimant_matches(first: str | None, second: str | None) -> bool:
    """True when two claimants speak for the same party: names_match, or every word of the
    shorter (role words such as "spokesman", "office" and "provincial" left out) is in the
    longer ("Taliban" = "Taliban spokesman Zabihullah Mujahid", "Balkh governor's office" =
    "Provincial governor's office")."""
    if names_match(first, second):
        return True
    if not first or not second:
        return False
    role_words = set(_folding()["claimant_role_words"])
    tokens_first = [t for t in name_tokens(first) if t not in role_words]
    tokens_second = [t for t in name_tokens(second) if t not in role_words]
    if not tokens_first or not tokens_second:
        return False
    shorter, longer = sorted((tokens_first, tokens_second), key=len)
    return all(_has_similar_token(token, longer) for token in shorter)
