"""Extraction knowledge read once from data/: ontology, triggers, cues, attribution, numbers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from frontlines.errors import ExtractError


@dataclass(frozen=True, slots=True)
class SubEventType:
    """One ACLED sub-event type with its parents."""

    sub_event_type: str
    event_type: str
    disorder_type: str
    definition: str


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger phrase (lemmas) and the sub-event type it signals."""

    words: tuple[str, ...]
    sub_event_type: str
    priority: int
    strength: float
    role: str = ""
    pos: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Modifier:
    """Cues that turn one sub-event type into another within a sentence."""

    source: str
    target: str
    cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything extraction knows about words, as loaded from the data files."""

    sub_events: dict[str, SubEventType]
    inter_codes: dict[int, str]
    triggers_by_first_word: dict[str, tuple[Trigger, ...]]
    irregular_forms: dict[str, str]
    not_event_governors: frozenset[str]
    accusation_verbs: frozenset[str]
    modal_auxiliaries: frozenset[str]
    conditional_markers: frozenset[str]
    negation_words: frozenset[str]
    not_event_phrases: tuple[str, ...]
    day_window_phrases: tuple[str, ...]
    background_phrases: tuple[str, ...]
    opinion_phrases: tuple[str, ...]
    modifiers: tuple[Modifier, ...]
    civilian_words: frozenset[str]
    civilian_targets: frozenset[str]
    state_targets: frozenset[str]
    territory_words: frozenset[str]
    person_words: frozenset[str]
    force_heads: frozenset[str]
    trend_words: frozenset[str]
    destination_preps: frozenset[str]
    movement_lemmas: frozenset[str]
    weapon_event_words: frozenset[str]
    non_event_heads: frozenset[str]
    duration_words: frozenset[str]
    route_words: frozenset[str]
    implicative_verbs: frozenset[str]
    anaphoric_group_nouns: frozenset[str]
    event_nouns: frozenset[str]
    other_event_markers: tuple[str, ...]
    speech_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    responsibility_words: frozenset[str]
    responsibility_negations: frozenset[str]
    denial_verbs: frozenset[str]
    denial_objects: frozenset[str]
    unconfirmed_cues: tuple[str, ...]
    party_words: frozenset[str]
    statement_nouns: frozenset[str]
    state_words: frozenset[str]
    number_units: dict[str, int]
    number_scales: dict[str, int]
    vague_quantities: dict[str, int]
    count_categories: dict[str, str]
    leader_words: frozenset[str]
    lower_bound_words: tuple[str, ...]
    total_words: frozenset[str]
    cumulative_nouns: frozenset[str]
    subset_phrases: tuple[str, ...]
    not_people: frozenset[str]


def _read_json(path: str) -> dict[str, Any]:
    resource = resources.files("frontlines.data").joinpath(path)
    try:
        data: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ExtractError(
            f"Could not read the extraction data file data/{path} ({error}); reinstall frontlines "
            "or fix the file."
        ) from error
    return data


def _sub_events(ontology: dict[str, Any]) -> dict[str, SubEventType]:
    table: dict[str, SubEventType] = {}
    for event in ontology["event_types"]:
        for sub in event["sub_event_types"]:
            table[sub["sub_event_type"]] = SubEventType(
                sub_event_type=sub["sub_event_type"],
                event_type=event["event_type"],
                disorder_type=event["disorder_type"],
                definition=sub["definition"],
            )
    return table


def _triggers(
    data: dict[str, Any], sub_events: dict[str, SubEventType]
) -> dict[str, tuple[Trigger, ...]]:
    grouped: dict[str, list[Trigger]] = {}
    for row in data["triggers"]:
        if row["sub_event_type"] not in sub_events:
            raise ExtractError(
                f"Trigger '{row['phrase']}' names an unknown sub-event type "
                f"'{row['sub_event_type']}'; fix data/extract/triggers.json."
            )
        trigger = Trigger(
            words=tuple(row["phrase"].lower().split()),
            sub_event_type=row["sub_event_type"],
            priority=int(row["priority"]),
            strength=float(row["strength"]),
            role=row.get("role", ""),
            pos=frozenset(row.get("pos", ())),
        )
        grouped.setdefault(trigger.words[0], []).append(trigger)
    return {
        first: tuple(sorted(items, key=lambda t: -len(t.words))) for first, items in grouped.items()
    }


def _count_categories(numbers: dict[str, Any]) -> dict[str, str]:
    table: dict[str, str] = {}
    for category, words in numbers["count_categories"].items():
        for word in words:
            table.setdefault(word, category)
    return table


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and index the data files once."""
    ontology = _read_json("ontology/acled.json")
    cues = _read_json("extract/cues.json")
    attribution = _read_json("extract/attribution.json")
    numbers = _read_json("extract/numbers.json")
    sub_events = _sub_events(ontology)
    triggers = _read_json("extract/triggers.json")
    return Lexicon(
        sub_events=sub_events,
        inter_codes={int(code): name for code, name in ontology["inter_codes"].items()},
        triggers_by_first_word=_triggers(triggers, sub_events),
        irregular_forms=dict(triggers.get("irregular_forms", {})),
        not_event_governors=frozenset(cues["not_event_governors"]),
        accusation_verbs=frozenset(cues["accusation_verbs"]),
        modal_auxiliaries=frozenset(cues["modal_auxiliaries"]),
        conditional_markers=frozenset(cues["conditional_markers"]),
        negation_words=frozenset(cues["negation_words"]),
        not_event_phrases=tuple(cues["not_event_phrases"]),
        day_window_phrases=tuple(cues["day_window_phrases"]),
        background_phrases=tuple(cues["background_phrases"]),
        opinion_phrases=tuple(cues["opinion_phrases"]),
        modifiers=tuple(Modifier(m["from"], m["to"], tuple(m["cues"])) for m in cues["modifiers"]),
        civilian_words=frozenset(cues["civilian_words"]),
        civilian_targets=frozenset(cues["civilian_targets"]),
        state_targets=frozenset(cues["state_targets"]),
        territory_words=frozenset(cues["territory_words"]),
        person_words=frozenset(cues["person_words"]),
        force_heads=frozenset(cues["force_heads"]),
        trend_words=frozenset(cues["trend_words"]),
        destination_preps=frozenset(cues["destination_preps"]),
        movement_lemmas=frozenset(cues["movement_lemmas"]),
        weapon_event_words=frozenset(cues["weapon_event_words"]),
        non_event_heads=frozenset(cues["non_event_heads"]),
        duration_words=frozenset(cues["duration_words"]),
        route_words=frozenset(cues["route_words"]),
        implicative_verbs=frozenset(cues["implicative_verbs"]),
        anaphoric_group_nouns=frozenset(cues["anaphoric_group_nouns"]),
        event_nouns=frozenset(cues["event_nouns"]),
        other_event_markers=tuple(cues["other_event_markers"]),
        speech_verbs=frozenset(attribution["speech_verbs"]),
        claim_verbs=frozenset(attribution["claim_verbs"]),
        responsibility_words=frozenset(attribution["responsibility_words"]),
        responsibility_negations=frozenset(attribution["responsibility_negations"]),
        denial_verbs=frozenset(attribution["denial_verbs"]),
        denial_objects=frozenset(attribution["denial_objects"]),
        unconfirmed_cues=tuple(attribution["unconfirmed_cues"]),
        party_words=frozenset(attribution["party_words"]),
        statement_nouns=frozenset(attribution["statement_nouns"]),
        state_words=frozenset(attribution["state_words"]),
        number_units=dict(numbers["units"]),
        number_scales=dict(numbers["scales"]),
        vague_quantities=dict(numbers["vague"]),
        count_categories=_count_categories(numbers),
        leader_words=frozenset(numbers["leader_words"]),
        lower_bound_words=tuple(numbers["lower_bound_words"]),
        total_words=frozenset(numbers["total_words"]),
        cumulative_nouns=frozenset(numbers["cumulative_nouns"]),
        subset_phrases=tuple(numbers["subset_phrases"]),
        not_people=frozenset(numbers["not_people"]),
    )


def sub_event(name: str) -> SubEventType:
    """The ontology row of a sub-event type (raises ExtractError for an unknown name)."""
    table = load_lexicon().sub_events
    if name not in table:
        raise ExtractError(
            f"Unknown ACLED sub-event type '{name}'; use one of data/ontology/acled.json."
        )
    return table[name]
