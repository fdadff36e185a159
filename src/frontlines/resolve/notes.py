"""ACLED-style one-sentence `notes` for an event, from templates in data/ontology/notes.json."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from importlib import resources

UNKNOWN_ACTOR = "an unidentified armed group"


@lru_cache(maxsize=1)
def note_templates() -> dict[str, str]:
    text = resources.files("frontlines.data").joinpath("ontology/notes.json").read_text("utf-8")
    templates: dict[str, str] = json.loads(text)["templates"]
    return templates


def _place_phrase(location: str, admin1: str, country: str) -> tuple[str, str]:
    """('in Kohistan (Badakhshan, Afghanistan)', 'Kohistan (Badakhshan, Afghanistan)')."""
    parents = [p for p in (admin1, country) if p and p != location]
    name = location or admin1 or country
    if not name:
        return "at an unknown location", "an unknown location"
    full = f"{name} ({', '.join(parents)})" if parents else name
    return f"in {full}", full


def write_note(
    *,
    sub_event_type: str,
    event_date: date | None,
    actor1: str,
    actor2: str,
    location: str,
    admin1: str,
    country: str,
    fatalities: int,
    claimed_by: str | None = None,
) -> str:
    """One sentence: 'On 5 July 2021, Taliban took control of Jurm (Badakhshan, Afghanistan).'"""
    template = note_templates().get(sub_event_type, "{date}{actor1}: {place}")
    place, place_name = _place_phrase(location, admin1, country)
    when = f"On {event_date.day} {event_date:%B %Y}, " if event_date else ""
    who = actor1 or UNKNOWN_ACTOR
    fields = {
        "date": when,
        "actor1": who,
        "actor2_or_unknown": actor2 or UNKNOWN_ACTOR,
        "actor2_or_civilians": actor2 or "civilians",
        "actor2_or_people": actor2 or "people",
        "actor2_or_forces": actor2 or "security forces",
        "place": place,
        "place_name": place_name,
        "against": f" against {actor2}" if actor2 else "",
        "from_actor2": f" from {actor2}" if actor2 else "",
        "by_actor2": f" by {actor2}" if actor2 else "",
        "with_actor2": f" with {actor2}" if actor2 else "",
        "of_actor1": f" ({actor1})" if actor1 else "",
    }
    sentence = template.format(**fields).strip()
    sentence = sentence[:1].upper() + sentence[1:] + "."
    if fatalities:
        sentence += f" {fatalities} reported fatalities."
    if claimed_by:
        sentence += f" According to {claimed_by}."
    return sentence
