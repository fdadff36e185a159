"""The actor dictionary (data/actors/actors.json) as phrases -> canonical actor, for the ruler."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

ACTOR_LABEL = "ACTOR"
# Placeholder replaced by the event's country at resolve time ("Military Forces of {country}").
COUNTRY_PLACEHOLDER = "{country}"
GENERIC_ARMED_GROUP = "Unidentified Armed Group"


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One canonical actor and its ACLED inter code."""

    name: str
    inter: int


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """Lower-cased phrases (space-separated tokens) mapped to canonical actors."""

    phrases: dict[str, ActorEntry]
    inters: dict[str, int]

    def lookup(self, phrase: str) -> ActorEntry | None:
        return self.phrases.get(phrase.lower())


def _read_actor_data() -> dict[str, Any]:
    path = resources.files("frontlines.data").joinpath("actors/actors.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _state_force_phrases(data: dict[str, Any]) -> dict[str, ActorEntry]:
    """Country words x force nouns -> 'Military Forces of X' / 'Police Forces of X'."""
    phrases: dict[str, ActorEntry] = {}
    templates: dict[str, str] = data["state_force_templates"]
    nouns: dict[str, list[str]] = data["state_force_nouns"]
    for kind, words in nouns.items():
        generic = ActorEntry(templates[kind], 1)
        for noun in words:
            phrases.setdefault(noun, generic)
    for country in data["countries"]:
        for kind, words in nouns.items():
            entry = ActorEntry(templates[kind].format(country=country["country"]), 1)
            for word in country["words"]:
                for noun in words:
                    phrases[f"{word} {noun}"] = entry
        military = ActorEntry(templates["military"].format(country=country["country"]), 1)
        police = ActorEntry(templates["police"].format(country=country["country"]), 1)
        for phrase in country.get("standalone", []):
            phrases[phrase] = police if "police" in phrase or phrase == "anp" else military
    return phrases


@lru_cache(maxsize=1)
def load_actor_dictionary() -> ActorDictionary:
    """The shipped actor dictionary, read once."""
    data = _read_actor_data()
    phrases = _state_force_phrases(data)
    for actor in data["actors"]:
        entry = ActorEntry(actor["name"], int(actor["inter"]))
        for phrase in actor["phrases"]:
            phrases[phrase.lower()] = entry
    inters = {entry.name: entry.inter for entry in phrases.values()}
    return ActorDictionary(phrases=phrases, inters=inters)


def has_country_placeholder(name: str) -> bool:
    return COUNTRY_PLACEHOLDER in name


def fill_country(name: str, country: str | None) -> str:
    """'Military Forces of {country}' -> 'Military Forces of Mali'; generic groups get '(Mali)'."""
    if has_country_placeholder(name):
        if country:
            return name.replace(COUNTRY_PLACEHOLDER, country)
        return name.replace(" of " + COUNTRY_PLACEHOLDER, "").replace(COUNTRY_PLACEHOLDER, "")
    if name in (GENERIC_ARMED_GROUP, "Civilians", "Protesters", "Rioters") and country:
        return f"{name} ({country})"
    return name
