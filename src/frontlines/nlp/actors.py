"""The actor dictionary (data/actors/): phrases -> canonical ACLED actors, for the ruler and scans.

Four data files make it (see data/actors/PROVENANCE.md): `actors.json` (state-force nouns and
templates, generic actors, country suffixes, regimes), `countries.csv` (every ISO 3166 country
with ACLED's spelling and its nationality words), `groups.csv` (named armed, political and
external actors with aliases and acronyms) and `ambiguous.json` (phrases whose reading depends
on the conflict). `unknown_groups.json` names armed groups the dictionary lacks.
"""

from __future__ import annotations

import csv
import io
import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import pycountry

from frontlines.models import Inter

ACTOR_LABEL = "ACTOR"
# Placeholder replaced by the event's country at resolve time ("Military Forces of {country}").
COUNTRY_PLACEHOLDER = "{country}"
GENERIC_ARMED_GROUP = "Unidentified Armed Group"
STATE_FORCE_KINDS = ("military", "police", "government")
# A line with at least this share of upper-case letters is a headline in capitals: acronyms
# there ("IS", "AA") are ordinary words, so they are not matched.
CAPITALS_LINE_SHARE = 0.8

_ARMED_GROUPS = frozenset({Inter.REBEL_GROUP, Inter.POLITICAL_MILITIA, Inter.IDENTITY_MILITIA})
_UNARMED = frozenset({Inter.RIOTERS, Inter.PROTESTERS, Inter.CIVILIANS})
# Words about a group's sponsor or ally ("Iran-backed militia"), which are not its name.
AFFILIATION_PREFIXES = ("pro-", "anti-")
AFFILIATION_SUFFIXES = (
    "-backed",
    "-led",
    "-linked",
    "-aligned",
    "-allied",
    "-affiliated",
    "-based",
)
# A line where at least this share of words is capitalised is a title ("Release of Pro-Iran
# Militants"): capitals there do not mark names, so no unknown group is named from it.
TITLE_LINE_SHARE = 0.75
# Abbreviations with dots ("U.S.", "U.N."), possessive 's, then words with inner - ' ’ /.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[-'’/]\w+)*")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One canonical actor, its ACLED inter code and, where it belongs to one, its country."""

    name: str
    inter: int
    country: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor found in a text: the entry and the character offsets of the words naming it."""

    entry: ActorEntry
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ContextRule:
    """One reading of an ambiguous phrase, chosen by the document's country or its words."""

    actor: str | None
    countries: frozenset[str]
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AmbiguousPhrase:
    """A phrase whose actor depends on context: rules in order, else the default (None: no
    actor)."""

    default: str | None
    rules: tuple[ContextRule, ...]


@dataclass(frozen=True, slots=True)
class Country:
    """A country as ACLED spells it, how its forces are named, and the words that denote it."""

    iso3: str
    name: str
    forces_of: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """Lower-cased phrases (space-separated tokens) mapped to canonical actors.

    `phrases` is what the entity ruler matches (ambiguous phrases with their default reading);
    `acronyms` are matched as written; `ambiguous` holds the context rules; `inters` gives the
    inter code of every canonical name, templates included."""

    phrases: dict[str, ActorEntry]
    inters: dict[str, int]
    acronyms: dict[str, ActorEntry] = field(default_factory=dict)
    ambiguous: dict[str, AmbiguousPhrase] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)  # lower-case name/word -> Country
    names: dict[str, ActorEntry] = field(default_factory=dict)  # canonical name -> entry
    scan_only: dict[str, ActorEntry] = field(default_factory=dict)  # phrases the ruler lacks

    def lookup(self, phrase: str) -> ActorEntry | None:
        return self.phrases.get(phrase.lower())


# --------------------------------------------------------------------------- loading


def _read_text(name: str) -> str:
    return resources.files("frontlines.data").joinpath(f"actors/{name}").read_text("utf-8")


def _read_json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_read_text(name))
    return data


def _read_csv(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_read_text(name))))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def normalise_phrase(phrase: str) -> str:
    """Phrase as the dictionary keys it: lower case, curly quotes straightened, tokens spaced."""
    return " ".join(token for token, _, _ in _tokens(phrase.lower()))


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) with a trailing possessive split off ("Russia's" -> Russia, 's)."""
    found: list[tuple[str, int, int]] = []
    for match in _TOKEN.finditer(text.replace("’", "'")):
        word, start, end = match.group(), match.start(), match.end()
        if len(word) > 2 and word[-2:].lower() == "'s":
            found.append((word[:-2], start, end - 2))
            found.append((word[-2:], end - 2, end))
        else:
            found.append((word, start, end))
    return found


def country_words() -> tuple[Country, ...]:
    """Every country of the dictionary with the words that name it or its people."""
    return _countries()


@lru_cache(maxsize=1)
def _countries() -> tuple[Country, ...]:
    return tuple(
        Country(
            iso3=row["iso3"],
            name=row["country"],
            forces_of=row["forces_of"] or row["country"],
            words=tuple(_split(row["words"])),
        )
        for row in _read_csv("countries.csv")
    )


def _state_force_phrases(data: dict[str, Any]) -> dict[str, ActorEntry]:
    """Country words x force nouns -> 'Military Forces of X' / 'Police Forces of X'."""
    phrases: dict[str, ActorEntry] = {}
    templates: dict[str, str] = data["state_force_templates"]
    nouns: dict[str, list[str]] = data["state_force_nouns"]
    country_only = set(data.get("country_only_kinds", []))
    country_only_nouns = set(data.get("country_only_nouns", []))
    for kind, words in nouns.items():
        if kind in country_only:  # "the government" alone is too often a speaker, not a party
            continue
        generic = ActorEntry(templates[kind], Inter.STATE_FORCES)
        for noun in [*words, *data.get("state_force_bare_nouns", {}).get(kind, [])]:
            if noun not in country_only_nouns:
                phrases.setdefault(normalise_phrase(noun), generic)
    standalone = {row["iso3"]: row for row in _read_csv("countries.csv")}
    normalised_nouns = {kind: [normalise_phrase(n) for n in words] for kind, words in nouns.items()}
    for country in _countries():
        entries = {
            kind: ActorEntry(
                templates[kind].format(country=country.forces_of), Inter.STATE_FORCES, country.name
            )
            for kind in STATE_FORCE_KINDS
        }
        for word in (normalise_phrase(w) for w in country.words):
            for kind, words in normalised_nouns.items():
                for noun in words:
                    phrases[f"{word} {noun}"] = entries[kind]
        row = standalone[country.iso3]
        for kind, column in (("military", "military_standalone"), ("police", "police_standalone")):
            for phrase in _split(row[column]):
                phrases[normalise_phrase(phrase)] = entries[kind]
    return phrases


def _is_acronym(phrase: str) -> bool:
    letters = [ch for ch in phrase if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 2 and " " not in phrase


def _ambiguous(data: dict[str, Any]) -> dict[str, AmbiguousPhrase]:
    readings: dict[str, AmbiguousPhrase] = {}
    for item in data["entries"]:
        reading = AmbiguousPhrase(
            default=item["default"],
            rules=tuple(
                ContextRule(
                    actor=rule["actor"],
                    countries=frozenset(rule.get("countries", [])),
                    words=tuple(normalise_phrase(w) for w in rule.get("words", [])),
                )
                for rule in item["rules"]
            ),
        )
        for phrase in item["phrases"]:
            key = phrase if _is_acronym(phrase) else normalise_phrase(phrase)
            readings[key] = reading
    return readings


def _inter_of_name(name: str, names: dict[str, ActorEntry]) -> int:
    if name in names:
        return names[name].inter
    if name.startswith(("Military Forces of", "Police Forces of", "Government of")):
        return Inter.STATE_FORCES
    return Inter.POLITICAL_MILITIA


@lru_cache(maxsize=1)
def load_actor_dictionary() -> ActorDictionary:
    """The shipped actor dictionary, read once."""
    data = _read_json("actors.json")
    phrases = _state_force_phrases(data)
    acronyms: dict[str, ActorEntry] = {}
    acronym_entries: dict[str, list[ActorEntry]] = {}
    case_sensitive = frozenset(data.get("case_sensitive_acronyms", []))
    for actor in data["actors"]:
        entry = ActorEntry(actor["name"], Inter(int(actor["inter"])))
        for phrase in actor["phrases"]:
            phrases[normalise_phrase(phrase)] = entry
    for row in _read_csv("groups.csv"):
        entry = ActorEntry(row["name"], Inter(int(row["inter"])), row["country"] or None)
        for phrase in _split(row["aliases"]):
            phrases[normalise_phrase(phrase)] = entry
        for acronym in _split(row["acronyms"]):
            acronyms[acronym.replace("’", "'")] = entry
            if len(acronym) >= 3 and acronym.isupper() and acronym not in case_sensitive:
                # two-letter and mixed-case acronyms ("LeT") in lower case are ordinary words
                phrases.setdefault(normalise_phrase(acronym), entry)
                acronym_entries.setdefault(normalise_phrase(acronym), []).append(entry)
    names = {entry.name: entry for entry in [*phrases.values(), *acronyms.values()]}
    ambiguous = _ambiguous(_read_json("ambiguous.json"))
    for key, reading in ambiguous.items():
        phrase = normalise_phrase(key)
        default = reading.default
        written_as_acronym = _is_acronym(key)
        if default is None:
            acronyms.pop(key, None)
            if not written_as_acronym or phrases.get(phrase) in acronym_entries.get(phrase, ()):
                phrases.pop(phrase, None)
            continue
        entry = names.get(default) or ActorEntry(default, _inter_of_name(default, names))
        if written_as_acronym:
            acronyms[key] = entry
        if not written_as_acronym or len(key) >= 3:  # "IS" in lower case is a verb
            phrases[phrase] = entry
    scan_kinds = data.get("scan_only_kinds", [])
    scan_prefixes = tuple(data["state_force_templates"][kind].split("{")[0] for kind in scan_kinds)
    scan_only = {
        k: v for k, v in phrases.items() if scan_prefixes and v.name.startswith(scan_prefixes)
    }
    for key in scan_only:
        del phrases[key]
    inters: dict[str, int] = {entry.name: entry.inter for entry in phrases.values()}
    inters.update({entry.name: entry.inter for entry in scan_only.values()})
    inters.update({entry.name: entry.inter for entry in acronyms.values()})
    for reading in ambiguous.values():
        for actor in [reading.default, *(rule.actor for rule in reading.rules)]:
            if actor is not None:
                inters.setdefault(actor, _inter_of_name(actor, names))
    countries: dict[str, Country] = {}
    for country in _countries():
        for word in (country.name, country.iso3, *country.words):
            countries.setdefault(normalise_phrase(word), country)
    return ActorDictionary(
        phrases=phrases,
        inters=inters,
        acronyms=acronyms,
        ambiguous=ambiguous,
        countries=countries,
        names=names,
        scan_only=scan_only,
    )


# --------------------------------------------------------------------------- countries


@lru_cache(maxsize=512)
def _country(name: str) -> Country | None:
    dictionary = load_actor_dictionary()
    key = normalise_phrase(name)
    if key in dictionary.countries:
        return dictionary.countries[key]
    try:
        iso3 = str(pycountry.countries.lookup(name.strip()).alpha_3)
    except LookupError:
        return None
    return dictionary.countries.get(iso3.lower())


def acled_country(country: str | None) -> str | None:
    """A country in ACLED's spelling from any name, code or nationality word ("Syrian Arab
    Republic", "SYR", "Syrian" -> "Syria"); None when it names no country."""
    if not country or not country.strip():
        return None
    found = _country(country)
    return found.name if found else None


def _regime_suffix(country: str, on: date | None) -> str:
    if on is None:
        return ""
    for period in _read_regimes().get(country, []):
        since = date.fromisoformat(period["since"])
        until = date.fromisoformat(period["until"]) if "until" in period else None
        if since <= on and (until is None or on < until):
            return f" {period['suffix']}"
    return ""


@lru_cache(maxsize=1)
def _read_regimes() -> dict[str, list[dict[str, str]]]:
    regimes: dict[str, list[dict[str, str]]] = _read_json("actors.json")["regimes"]
    return regimes


def state_forces(
    country: str | None, kind: str = "military", *, on: date | None = None
) -> str | None:
    """ACLED's name for a country's military or police ("Military Forces of Sudan"; with a date
    in a dated regime, "Military Forces of Sudan (2019-)"); None for no or an unknown country.

    Args:
        country: any spelling, code or nationality word of the country.
        kind: "military" or "police".
        on: the event date, to pick ACLED's regime years where the data has them."""
    found = _country(country) if country and country.strip() else None
    if found is None or kind not in STATE_FORCE_KINDS:
        return None
    template: str = _read_json("actors.json")["state_force_templates"][kind]
    return template.format(country=found.forces_of) + _regime_suffix(found.name, on)


def has_country_placeholder(name: str) -> bool:
    return COUNTRY_PLACEHOLDER in name


@lru_cache(maxsize=1)
def _suffixing() -> tuple[frozenset[str], dict[str, dict[str, str]]]:
    data = _read_json("actors.json")
    return frozenset(data["country_suffixed"]), data["country_variants"]


def with_country(name: str, country: str | None) -> str | None:
    """A canonical name with its country filled in, never with the placeholder left:
    'Military Forces of {country}' + Mali -> 'Military Forces of Mali', 'Civilians' + Haiti ->
    'Civilians (Haiti)', 'Islamic State' + Nigeria -> 'Islamic State (West Africa)'; None when
    the name needs a country and none (or no known one) is given."""
    known = acled_country(country)
    if has_country_placeholder(name):
        if known is None:
            return None
        kind = next((k for k in STATE_FORCE_KINDS if name.startswith(k.title())), "military")
        template: str = _read_json("actors.json")["state_force_templates"][kind]
        if name == template:
            return state_forces(known, kind)
        return name.replace(COUNTRY_PLACEHOLDER, known)
    suffixed, variants = _suffixing()
    if name in suffixed and known:
        return variants.get(name, {}).get(known, f"{name} ({known})")
    return name


def fill_country(name: str, country: str | None) -> str:
    """'Military Forces of {country}' -> 'Military Forces of Mali'; generic groups get '(Mali)'.

    Without a country the placeholder is dropped ('Military Forces'); a country the dictionary
    does not know is used as given."""
    filled = with_country(name, country)
    if filled is not None:
        return filled
    if has_country_placeholder(name):
        if country and country.strip():
            return name.replace(COUNTRY_PLACEHOLDER, country.strip())
        return name.replace(" of " + COUNTRY_PLACEHOLDER, "").replace(COUNTRY_PLACEHOLDER, "")
    return name


# --------------------------------------------------------------------------- context


def _words_of(text: str) -> str:
    return f" {normalise_phrase(text)} "


def _reading(
    reading: AmbiguousPhrase, words: str, country: str | None, names: dict[str, ActorEntry]
) -> ActorEntry | None:
    known = acled_country(country)
    for rule in reading.rules:
        if (known is not None and known in rule.countries) or any(
            f" {word} " in words for word in rule.words
        ):
            return _entry_named(rule.actor, names, known)
    return _entry_named(reading.default, names, known)


def _entry_named(
    name: str | None, names: dict[str, ActorEntry], country: str | None
) -> ActorEntry | None:
    if name is None:
        return None
    if name in names:
        return names[name]
    if has_country_placeholder(name):
        filled = with_country(name, country)
        return ActorEntry(filled or name, Inter.STATE_FORCES, country if filled else None)
    return ActorEntry(name, _inter_of_name(name, names))


def is_ambiguous(phrase: str) -> bool:
    """True when the phrase names different actors in different conflicts ("coalition", "SNA")."""
    ambiguous = load_actor_dictionary().ambiguous
    return phrase.strip() in ambiguous or normalise_phrase(phrase) in ambiguous


def resolve_phrase(phrase: str, *, text: str, country: str | None = None) -> ActorEntry | None:
    """The actor a dictionary phrase names in this document: for ambiguous phrases the first
    context rule that fires (the document's country, then its words), else the default; for
    other phrases the dictionary entry. None: the phrase names no actor here.

    Args:
        phrase: the words as matched ("coalition air strikes", "SNA", "ADF").
        text: the document (or as much of it as is known), for the context words.
        country: the document's or event's country, any spelling."""
    dictionary = load_actor_dictionary()
    key = phrase.strip().replace("’", "'")
    reading = dictionary.ambiguous.get(key) or dictionary.ambiguous.get(normalise_phrase(key))
    if reading is not None:
        return _reading(reading, _words_of(text), country, dictionary.names)
    return dictionary.acronyms.get(key) or dictionary.lookup(normalise_phrase(key))


# --------------------------------------------------------------------------- scanning


def _capitals_lines(text: str) -> list[tuple[int, bool]]:
    """(line start, is a line in capitals) for every line, in order."""
    lines: list[tuple[int, bool]] = []
    start = 0
    for line in text.split("\n"):
        letters = [ch for ch in line if ch.isalpha()]
        upper = sum(ch.isupper() for ch in letters)
        lines.append((start, len(letters) > 3 and upper / len(letters) >= CAPITALS_LINE_SHARE))
        start += len(line) + 1
    return lines


def _title_lines(text: str) -> list[tuple[int, bool]]:
    """(line start, is a title) for every line: most of its words capitalised."""
    lines: list[tuple[int, bool]] = []
    start = 0
    for line in text.split("\n"):
        words = [w for w in line.split() if w[:1].isalpha()]
        capitalised = sum(w[:1].isupper() for w in words)
        lines.append((start, len(words) >= 4 and capitalised / len(words) >= TITLE_LINE_SHARE))
        start += len(line) + 1
    return lines


def _in_capitals_line(lines: list[tuple[int, bool]], offset: int) -> bool:
    index = bisect_right(lines, (offset, True)) - 1
    return lines[index][1] if index >= 0 else False


@lru_cache(maxsize=1)
def _longest_phrase() -> int:
    dictionary = load_actor_dictionary()
    keys = [*dictionary.phrases, *dictionary.ambiguous, *dictionary.scan_only]
    return max(len(key.split()) for key in keys)


def find_actors(text: str, *, country: str | None = None) -> list[ActorMatch]:
    """Every dictionary actor named in `text`, longest phrase first, in text order.

    Methods, in order at each position: an ambiguous phrase read in context (`resolve_phrase`),
    an acronym as written (not in an all-capitals line), a phrase in any case. State forces and
    generic actors get `country` ("the army" in a Malian report -> "Military Forces of Mali");
    without a country a bare force noun keeps the '{country}' template. Armed groups the
    dictionary does not know are added by name (`find_unknown_groups`)."""
    dictionary = load_actor_dictionary()
    tokens = _tokens(text)
    lowered = [token.lower() for token, _, _ in tokens]
    words = f" {' '.join(lowered)} "
    longest = _longest_phrase()
    lines = _capitals_lines(text)
    found: list[ActorMatch] = []
    i = 0
    while i < len(tokens):
        match: tuple[int, ActorEntry | None] | None = None
        acronym_ok = not _in_capitals_line(lines, tokens[i][1])
        for size in range(min(longest, len(tokens) - i), 0, -1):
            raw = " ".join(token for token, _, _ in tokens[i : i + size])
            key = " ".join(lowered[i : i + size])
            if raw in dictionary.ambiguous and acronym_ok:
                match = (
                    size,
                    _reading(dictionary.ambiguous[raw], words, country, dictionary.names),
                )
            elif key in dictionary.ambiguous and not _is_acronym(raw):
                match = (
                    size,
                    _reading(dictionary.ambiguous[key], words, country, dictionary.names),
                )
            elif raw in dictionary.acronyms and acronym_ok:
                match = (size, dictionary.acronyms[raw])
            elif key in dictionary.phrases and not (_is_acronym_key(key) and raw != raw.upper()):
                match = (size, dictionary.phrases[key])
            elif key in dictionary.scan_only:
                match = (size, dictionary.scan_only[key])
            if match is not None:
                break
        if match is None:
            i += 1
            continue
        size, entry = match
        if entry is not None:
            size += _generic_tail(tokens, lowered, text, i + size, entry, dictionary)
            start, end = tokens[i][1], tokens[i + size - 1][2]
            found.extend(_coordinated_forces(tokens, lowered, text, i, entry, dictionary))
            found.append(ActorMatch(_placed(entry, country), start, end, text[start:end]))
        i += size
    for unknown in find_unknown_groups(text):
        overlapping = [m for m in found if unknown.start < m.end and m.start < unknown.end]
        # A named group beats the generic noun inside it ("the Twirwaneho militia").
        if all(m.entry.name.startswith(GENERIC_ARMED_GROUP) for m in overlapping):
            found = [m for m in found if m not in overlapping]
            found.append(_placed_match(unknown, country))
    return sorted(found, key=lambda m: m.start)


def _placed_match(match: ActorMatch, country: str | None) -> ActorMatch:
    return ActorMatch(_placed(match.entry, country), match.start, match.end, match.text)


def _generic_tail(
    tokens: list[tuple[str, int, int]],
    lowered: list[str],
    text: str,
    after: int,
    entry: ActorEntry,
    dictionary: ActorDictionary,
) -> int:
    """'Mai-Mai fighters', 'M23 rebels': a generic armed noun right after a named armed group is
    part of its mention; the number of tokens it adds."""
    if entry.name.startswith(GENERIC_ARMED_GROUP) or entry.inter not in _ARMED_GROUPS:
        return 0
    if after >= len(tokens) or not _adjacent(text, tokens[after - 1], tokens[after]):
        return 0
    tail = dictionary.phrases.get(lowered[after])
    return 1 if tail is not None and tail.name == GENERIC_ARMED_GROUP else 0


def _coordinated_forces(
    tokens: list[tuple[str, int, int]],
    lowered: list[str],
    text: str,
    i: int,
    entry: ActorEntry,
    dictionary: ActorDictionary,
) -> list[ActorMatch]:
    """'French and Malian troops', 'Afghan and coalition forces': a nationality word coordinated
    with a force phrase names that country's forces of the same kind."""
    if entry.inter not in (Inter.STATE_FORCES, Inter.EXTERNAL_OTHER_FORCES):
        return []
    kind = "police" if entry.name.startswith("Police") else "military"
    found: list[ActorMatch] = []
    j = i - 1
    while (
        j >= 1
        and lowered[j] in ("and", ",", "or")
        and _adjacent_loose(text, tokens[j - 1], tokens[j + 1])
    ):
        country = dictionary.countries.get(lowered[j - 1])
        if country is None:
            break
        name = state_forces(country.name, kind)
        if name is None:
            break
        word = tokens[j - 1]
        found.append(
            ActorMatch(
                ActorEntry(name, Inter.STATE_FORCES, country.name), word[1], word[2], word[0]
            )
        )
        j -= 2
    return found[::-1]


def _adjacent_loose(text: str, first: tuple[str, int, int], last: tuple[str, int, int]) -> bool:
    """No sentence break between two tokens of a short coordination."""
    gap = text[first[2] : last[1]]
    return len(gap) < 12 and not any(ch in gap for ch in ".;:\n")


@lru_cache(maxsize=1)
def _acronym_keys() -> frozenset[str]:
    dictionary = load_actor_dictionary()
    return frozenset(normalise_phrase(acronym) for acronym in dictionary.acronyms)


def _is_acronym_key(key: str) -> bool:
    """A phrase that is only an acronym in lower case ("hts"): matched in any case only when the
    text writes it in capitals or the whole text is lower case (a transcript)."""
    return key in _acronym_keys()


def _placed(entry: ActorEntry, country: str | None) -> ActorEntry:
    if not country:
        return entry
    filled = with_country(entry.name, country)
    if filled is None or filled == entry.name:
        return entry
    return ActorEntry(filled, entry.inter, entry.country or acled_country(country))


# --------------------------------------------------------------------------- unknown groups


@dataclass(frozen=True, slots=True)
class _UnknownGroupRules:
    heads: dict[str, int]
    suffixes: dict[str, str]
    links: tuple[str, ...]
    ethnic_heads: frozenset[str]
    ethnic_names: dict[str, str]  # lower -> as written
    not_names: frozenset[str]
    longest_head: int


@lru_cache(maxsize=1)
def _unknown_group_rules() -> _UnknownGroupRules:
    data = _read_json("unknown_groups.json")
    heads = {normalise_phrase(k): int(v) for k, v in data["head_nouns"].items()}
    head_words = {word for head in heads for word in head.split()}
    return _UnknownGroupRules(
        heads=heads,
        suffixes={normalise_phrase(k): v for k, v in data["name_suffix"].items()},
        links=tuple(sorted((normalise_phrase(k) for k in data["links"]), key=len, reverse=True)),
        ethnic_heads=frozenset(normalise_phrase(k) for k in data["ethnic_heads"]),
        ethnic_names={normalise_phrase(k): k for k in data["ethnic_names"]},
        not_names=frozenset(normalise_phrase(k) for k in data["not_names"]) | head_words,
        longest_head=max(len(head.split()) for head in heads),
    )


_NAME_CONNECTORS = frozenset(
    {"al", "el", "de", "du", "des", "la", "of", "and", "wa", "ul", "e", "i"}
)


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ul|bin|ibn|de|da|di|du)-[A-Z]")


def _is_name_token(token: str) -> bool:
    """A word of a proper name: capitalised, 'al-Sham'-like, or a short number ('400 Mawozo')."""
    return (
        token[:1].isupper()
        or bool(_ARTICLE_PREFIX.match(token))
        or (token[:1].isdigit() and len(token) <= 4)
    )


def _adjacent(text: str, first: tuple[str, int, int], second: tuple[str, int, int]) -> bool:
    """Two tokens in one phrase: only spaces or hyphens (no line break, no punctuation) between."""
    gap = text[first[2] : second[1]]
    return all(ch in " -" for ch in gap)


def _head_at(lowered: list[str], i: int, rules: _UnknownGroupRules) -> int:
    for size in range(min(rules.longest_head, len(lowered) - i), 0, -1):
        head = " ".join(lowered[i : i + size])
        if head in rules.heads or head in rules.ethnic_heads:
            return size
    return 0


def _name_before(tokens: list[tuple[str, int, int]], text: str, i: int) -> tuple[int, int] | None:
    """Token range [first, i) of the capitalised name just before a head noun."""
    first = i
    while first > 0 and _adjacent(text, tokens[first - 1], tokens[first]):
        word = tokens[first - 1][0]
        if not (_is_name_token(word) or (word.lower() in _NAME_CONNECTORS and first - 1 > 0)):
            break
        first -= 1
    while first < i and not _is_name_token(tokens[first][0]):
        first += 1
    return (first, i) if first < i else None


def _name_after(tokens: list[tuple[str, int, int]], text: str, j: int) -> tuple[int, int] | None:
    """Token range of the capitalised name that starts at j, up to the first ordinary word."""
    end = j
    while end < len(tokens) and (end == j or _adjacent(text, tokens[end - 1], tokens[end])):
        word = tokens[end][0]
        if not (_is_name_token(word) or (word.lower() in _NAME_CONNECTORS and end > j)):
            break
        end += 1
    while end > j and not _is_name_token(tokens[end - 1][0]):
        end -= 1
    return (j, end) if end > j else None


def _group_name(words: list[str], head: str, rules: _UnknownGroupRules) -> list[str] | None:
    """The name's words without leading role words; None when nothing of a name is left (no
    capitalised word), or when the words, or the words with the head noun, already name a
    country, a nationality or a dictionary actor ("Islamic State militants")."""
    if _names_known_actor(words, head, rules):
        return None
    while words and words[0].lower() in rules.not_names:
        words = words[1:]
    if not any(word[:1].isupper() and word.lower() not in rules.not_names for word in words):
        return None
    if any(_is_affiliation(word) for word in words):
        return None
    return words


def _is_affiliation(word: str) -> bool:
    """'Iran-backed', 'pro-Iran', 'Taliban-linked': a word about a group's sponsor, not its name."""
    lower = word.lower()
    return lower.startswith(AFFILIATION_PREFIXES) or lower.endswith(AFFILIATION_SUFFIXES)


def _names_known_actor(words: list[str], head: str, rules: _UnknownGroupRules) -> bool:
    dictionary = load_actor_dictionary()
    whole = normalise_phrase(" ".join([*words, head]))
    if whole in dictionary.phrases or whole in dictionary.ambiguous:
        return True
    if any(word in dictionary.acronyms for word in words):
        return True
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            key = normalise_phrase(" ".join(words[start : start + size]))
            if key in rules.ethnic_names:
                continue
            known = dictionary.phrases.get(key)
            if key in dictionary.countries or (size == len(words) and key in dictionary.ambiguous):
                return True
            if known is not None and known.inter not in _UNARMED:
                return True
    return False


def find_unknown_groups(text: str) -> list[ActorMatch]:
    """Armed groups the dictionary does not know, named as the text names them.

    Two forms, driven by unknown_groups.json: a capitalised name before a head noun ("the
    Twirwaneho militia", "Zamfara vigilantes") and a head noun, a link and a name ("fighters of
    the Popular Resistance Committees"). The head noun gives the inter code; ACLED's suffix is
    added where it keeps one ("Twirwaneho Militia"); an ethnic name before a militia noun gives
    "{X} Ethnic Militia" (inter 4). Lower-case text (transcripts) names no new group."""
    rules = _unknown_group_rules()
    tokens = _tokens(text)
    lowered = [token.lower() for token, _, _ in tokens]
    titles = _title_lines(text)
    found: list[ActorMatch] = []
    i = 0
    while i < len(tokens):
        size = _head_at(lowered, i, rules)
        if not size or _in_capitals_line(titles, tokens[i][1]):
            i += size or 1
            continue
        head = " ".join(lowered[i : i + size])
        span = _name_before(tokens, text, i)
        after = i + size
        if span is None:
            span = _linked_name(tokens, lowered, text, after, rules)
        entry = _unknown_entry(tokens, span, head, rules) if span else None
        if entry is not None and span is not None:
            span = _trimmed(tokens, span, rules)
            start = tokens[min(span[0], i)][1]
            end = tokens[max(span[1], after) - 1][2]
            found.append(ActorMatch(entry, start, end, text[start:end]))
            i = max(span[1], after)
            continue
        i += size
    return found


def _trimmed(
    tokens: list[tuple[str, int, int]], span: tuple[int, int], rules: _UnknownGroupRules
) -> tuple[int, int]:
    first = span[0]
    while first < span[1] - 1 and tokens[first][0].lower() in rules.not_names:
        first += 1
    return first, span[1]


def _linked_name(
    tokens: list[tuple[str, int, int]],
    lowered: list[str],
    text: str,
    after: int,
    rules: _UnknownGroupRules,
) -> tuple[int, int] | None:
    for link in rules.links:
        size = len(link.split())
        if " ".join(lowered[after : after + size]) == link:
            return _name_after(tokens, text, after + size)
    return None


def _unknown_entry(
    tokens: list[tuple[str, int, int]],
    span: tuple[int, int],
    head: str,
    rules: _UnknownGroupRules,
) -> ActorEntry | None:
    words = [token for token, _, _ in tokens[span[0] : span[1]]]
    if words and words[-1] == "'s":
        return None  # "Hemedti's fighters": a person's men, named by the dictionary or not at all
    named = _group_name(words, head, rules)
    if named is None:
        return None
    name = " ".join(named)
    ethnic = rules.ethnic_names.get(normalise_phrase(name))
    if ethnic is not None:
        if head not in rules.ethnic_heads:
            return None
        return ActorEntry(f"{ethnic} Ethnic Militia", Inter.IDENTITY_MILITIA)
    if head not in rules.heads:
        return None  # "Zamfara gunmen": only an ethnic name makes such a noun a group
    suffix = rules.suffixes.get(head)
    if suffix and not name.lower().endswith(suffix.lower()):
        name = f"{name} {suffix}"
    return ActorEntry(name, Inter(rules.heads[head]))


def name_unknown_group(text: str) -> ActorEntry | None:
    """The first armed group in `text` that the dictionary does not know, named as the text
    names it ("the Twirwaneho militia" -> 'Twirwaneho Militia', inter 3), or None."""
    found = find_unknown_groups(text)
    return found[0].entry if found else None


def home_country_code(actor_name: str) -> str | None:
    """ISO alpha-2 code of the one country a canonical actor belongs to ("Taliban" -> "AF",
    "Military Forces of Sudan" -> "SD"); None for actors of no single country (Civilians,
    Protesters, transnational groups) or names the dictionary does not hold."""
    entry = load_actor_dictionary().names.get(actor_name)
    if entry is None or not entry.country:
        return None
    country = _country(entry.country)
    if country is None:
        return None
    found = pycountry.countries.get(alpha_3=country.iso3)
    return str(found.alpha_2) if found is not None else None
