"""resolve_events: ids, dates, places, merging per place and day, notes, codes, claims."""

from __future__ import annotations

from datetime import date
from typing import Any

from frontlines.extract import extract_mentions
from frontlines.models import Article, Event
from frontlines.nlp import analyse
from frontlines.resolve import resolve_events
from frontlines.resolve.events import interaction_code, iso_numeric

PUBLISHED = date(2021, 7, 5)


def _events(nlp: Any, gazetteer: Any, text: str, doc_id: str = "r1") -> list[Event]:
    article = Article(
        id=doc_id, body=text, original=text, published=PUBLISHED, outlet="Kabul Frontline News"
    )
    analysis = analyse(article, nlp=nlp, gazetteer=gazetteer)
    return resolve_events(analysis, extract_mentions(analysis))


CLAIM = (
    "The Afghan Ministry of Defense said on Monday that 21 Taliban militants were killed in "
    "airstrikes in Nad Ali district of Helmand province on Sunday night.\n\n"
    "The airstrikes in Nad Ali also destroyed two Taliban vehicles, the ministry added."
)


def test_events_repeated_mentions_merge_into_one_event(nlp: Any, gazetteer: Any) -> None:
    events = _events(nlp, gazetteer, CLAIM)
    assert len(events) == 1
    event = events[0]
    assert event.sub_event_type == "Air/drone strike"
    assert event.admin1 == "Helmand"
    assert event.fatalities == 21
    assert event.event_date == date(2021, 7, 4)
    assert event.claimed_by == "Afghan Ministry of Defense"
    assert any(c.field == "fatalities" and c.value == 21 for c in event.claims)


def test_events_ids_are_stable_and_differ_by_document(nlp: Any, gazetteer: Any) -> None:
    first = _events(nlp, gazetteer, CLAIM)
    again = _events(nlp, gazetteer, CLAIM)
    other = _events(nlp, gazetteer, CLAIM, doc_id="r2")
    assert [e.event_id for e in first] == [e.event_id for e in again]
    assert first[0].event_id != other[0].event_id


def test_events_fields_follow_acled(nlp: Any, gazetteer: Any) -> None:
    text = (
        "Taliban fighters clashed with Afghan soldiers in Taloqan on Sunday, killing four soldiers."
    )
    events = _events(nlp, gazetteer, text)
    assert len(events) == 1
    event = events[0]
    assert (event.event_type, event.disorder_type) == ("Battles", "Political violence")
    assert event.actor1 == "Taliban" and event.inter1 == 2
    assert event.actor2 == "Military Forces of Afghanistan" and event.inter2 == 1
    assert event.interaction == 12
    assert event.iso == 4 and event.country == "Afghanistan"
    assert event.fatalities == 4
    assert event.notes.startswith("On 4 July 2021, Taliban clashed with Military Forces")
    assert event.sources[0].outlet == "Kabul Frontline News"
    evidence = event.evidence[0]
    assert text[evidence.start : evidence.end] == evidence.text


def test_events_generic_actors_get_the_country(nlp: Any, gazetteer: Any) -> None:
    text = "Gunmen shot dead a journalist in Jalalabad on Thursday."
    events = _events(nlp, gazetteer, text)
    assert events[0].actor1 == "Unidentified Armed Group (Afghanistan)"
    assert events[0].actor2 == "Civilians (Afghanistan)"
    assert events[0].civilian_targeting == "Civilian targeting"
    assert events[0].sub_event_type == "Attack"


def test_events_no_mentions_no_events(nlp: Any, gazetteer: Any) -> None:
    assert _events(nlp, gazetteer, "Wheat prices rose in Kunduz markets this week.") == []


def test_events_interaction_and_iso_codes() -> None:
    assert interaction_code(2, 1) == 12
    assert interaction_code(1, 0) == 10
    assert interaction_code(7, 3) == 37
    assert iso_numeric("UA") == 804
    assert iso_numeric("") == 0
