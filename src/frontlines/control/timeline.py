"""District control timelines: dated changes from events, and each district's status on a day.

`build_changes` reads each event in a district (admin2) in this order: (1) an explicit contested
statement in its evidence; (2) its type, when it is a transfer of territory; (3) any other explicit
control statement in its evidence ("fell to", "retook", "abandoned"). A status asserted only as a
party's claim becomes `unconfirmed`. `control_as_of` walks a district's changes up to a day: on
each day the status most sources report wins (a tie between two parties is `contested`); the
disagreeing reports of the deciding days are kept in `conflicting`.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.resources import files
from typing import Any, Protocol

from frontlines.fuse import district_mentions
from frontlines.models import ControlChange, ControlRecord, Event, Evidence, GazetteerEntry

# Reports within this many days of the deciding change that disagree with it are `conflicting`
# (calibrated on tests/fixtures/merge: outlets publish the same capture 0-1 day apart).
CONFLICT_WINDOW_DAYS = 1
# ACLED inter code of state forces: their side of a transfer is the government.
STATE_FORCES_INTER = 1
# Order to break ties between statuses reported by equally many sources on one day.
STATUS_PRECEDENCE = ("contested", "controlled", "government", "unconfirmed")


# A district named in evidence is trusted over the event's placement from this search score up
# (the gazetteer's exact / alt-name / variant / phonetic matches; not its fuzzy ones).
DISTRICT_MATCH_MIN_SCORE = 0.6


class DistrictSearch(Protocol):
    """The part of `gazetteer.Gazetteer` control needs: candidates for a name, best first."""

    def search(self, name: str, limit: int = 10) -> list[tuple[GazetteerEntry, float, str]]: ...


@dataclass(frozen=True, slots=True)
class Cue:
    status: str
    pattern: re.Pattern[str]


CONTROL_DATA: dict[str, Any] = json.loads(
    files("frontlines.data").joinpath("control/cues.json").read_text(encoding="utf-8")
)
CUES = tuple(
    Cue(c["status"], re.compile(c["pattern"], re.IGNORECASE)) for c in CONTROL_DATA["cues"]
)
TRANSFER_TYPES: dict[str, str] = dict(CONTROL_DATA["event_types"])
CLAIMANT_SIDES: dict[str, tuple[str, ...]] = {
    side: tuple(names)
    for side, names in CONTROL_DATA["claimants"].items()
    if not side.startswith("_")
}
UNIDENTIFIED_PREFIXES = tuple(CONTROL_DATA["unidentified_actor_prefixes"])
TAKERS_IN_TEXT: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (str(taker["name"]), re.compile(taker["pattern"], re.IGNORECASE))
    for taker in CONTROL_DATA["takers_in_text"]["actors"]
)


def statement_status(text: str) -> str | None:
    """The control status an evidence sentence states explicitly, or None."""
    for cue in CUES:
        if cue.pattern.search(text):
            return cue.status
    return None


def taker_and_state(event: Event) -> tuple[str | None, str | None]:
    """(the non-state side, the state side) among the event's two actors."""
    sides = [(event.actor1, event.inter1), (event.actor2, event.inter2)]
    state = next((name for name, inter in sides if name and inter == STATE_FORCES_INTER), None)
    other = next((name for name, inter in sides if name and inter != STATE_FORCES_INTER), None)
    return other, state


def event_status(event: Event) -> tuple[str, str | None] | None:
    """(status, actor) an event says about its district, or None when it says nothing.

    The actor of `controlled` is the non-state side (None when no such actor is named); of
    `government`, the state forces.
    """
    stated = {s for s in (statement_status(e.text) for e in event.evidence) if s}
    by_type = TRANSFER_TYPES.get(event.event_type) or TRANSFER_TYPES.get(event.sub_event_type)
    taker, state = taker_and_state(event)
    if "contested" in stated:
        status = "contested"
    elif by_type == "transfer":
        status = transfer_status(event, stated)
    elif by_type:
        status = by_type
    elif stated:
        status = min(stated, key=STATUS_PRECEDENCE.index)
        if status == "government" and taker and not state:
            status = "controlled"  # "the Taliban retook the district"
    else:
        return None
    if status != "government" and is_unidentified(taker):
        taker = taker_in_text(event) or taker
    actor = {"contested": None, "government": state}.get(status, taker)
    if is_self_serving_claim(event, status):
        status = "unconfirmed"
    return status, actor


def taker_in_text(event: Event) -> str | None:
    """A non-state actor the evidence names, for events that name no (identified) taker."""
    for name, pattern in TAKERS_IN_TEXT:
        if any(pattern.search(e.text) for e in event.evidence):
            return name
    return None


def transfer_status(event: Event, stated: set[str]) -> str:
    """A non-violent transfer goes to its first actor — unless that is the state and the text
    says it withdrew or handed over (reports often make the side that leaves the subject)."""
    if event.inter1 == STATE_FORCES_INTER and "controlled" not in stated:
        return "government"
    return "controlled"


def claimant_side(claimant: str) -> str | None:
    """`state` / `non_state` when a claimant names one side of the conflict, else None."""
    text = f" {claimant.casefold()} "
    for side, names in CLAIMANT_SIDES.items():
        if any(name in text for name in names):
            return side
    return None


def is_self_serving_claim(event: Event, status: str) -> bool:
    """True when only the side that gains the district asserts the change (an unconfirmed claim).

    A party conceding a loss, a neutral source, or any second party's report confirms it.
    """
    if status not in ("controlled", "government") or event.certainty == "reported":
        return False
    if event.certainty == "unconfirmed":
        return True
    gaining_side = "state" if status == "government" else "non_state"
    claimants = [c for c in (event.claimed_by or "").split("; ") if c]
    return bool(claimants) and all(claimant_side(c) == gaining_side for c in claimants)


def source_names(event: Event) -> tuple[str, ...]:
    return tuple(sorted({s.outlet or s.doc_id for s in event.sources}))


def district_key(item: Event | ControlChange) -> tuple[str, str, str]:
    return (item.country, item.admin1, item.admin2)


def change_date(event: Event) -> date | None:
    """The day an event changes its district's control: its date, else the earliest it allows."""
    return event.event_date or event.date_min


# A district name as written before "district": capitalised words with the lower-case joining
# words of Dari/Pashto/Arabic names ("Kuran wa Munjan", "Pul-e Khumri").
WRITTEN_DISTRICT = re.compile(r"\b([A-Z][\w'-]+(?:\s+(?:wa|e|i|al|ul|[A-Z][\w'-]+))*)\s+district\b")


def control_district(event: Event, gazetteer: DistrictSearch | None = None) -> str:
    """The district (admin2) whose control an event speaks about.

    Methods in order: (1) with a gazetteer, the one district of the event's province that its
    evidence names ("the Kishim district"), when exactly one resolves — a report datelined in
    the provincial capital is about the district it names; (2) the event's own admin2; (3) for
    an event placed in a province only, the one district its evidence names, under the name the
    report gives it — a gazetteer without districts (the default one) still yields a timeline.
    """
    named = district_mentions(e.text for e in event.evidence)
    if gazetteer is not None and event.admin1:
        resolved: set[str] = set()
        for name in named:
            for entry, score, _rule in gazetteer.search(name, limit=5):
                if (
                    entry.level == "admin2"
                    and entry.admin1 == event.admin1
                    and score >= DISTRICT_MATCH_MIN_SCORE
                ):
                    resolved.add(entry.name)
                    break
        if len(resolved) == 1:
            return resolved.pop()
    if event.admin2 or not event.admin1:
        return event.admin2
    written = {m.group(1) for e in event.evidence for m in WRITTEN_DISTRICT.finditer(e.text)}
    return written.pop() if len(named) == 1 and len(written) == 1 else ""


def build_changes(
    events: Iterable[Event], *, gazetteer: DistrictSearch | None = None
) -> list[ControlChange]:
    """Dated control changes per district (admin2), from transfer events and control statements.

    Events on the same day with the same status and actor are one change. Undated events and
    events without a district say nothing about control. With a gazetteer, a district the
    evidence names outranks the event's placement (`control_district`).
    """
    grouped: dict[tuple[str, str, str, date, str, str], list[Event]] = defaultdict(list)
    for event in events:
        when = change_date(event)
        district = control_district(event, gazetteer)
        if not district or when is None:
            continue
        found = event_status(event)
        if found is None:
            continue
        status, actor = found
        grouped[(event.country, event.admin1, district, when, status, actor or "")].append(event)
    changes = [_change(key, members) for key, members in grouped.items()]
    return sorted(changes, key=_change_order)


def _change(key: tuple[str, str, str, date, str, str], members: Sequence[Event]) -> ControlChange:
    country, admin1, admin2, when, status, actor = key
    evidence: set[Evidence] = {e for event in members for e in event.evidence}
    return ControlChange(
        country=country,
        admin1=admin1,
        admin2=admin2,
        status=status,
        actor=actor or None,
        date=when,
        event_ids=tuple(sorted({event.event_id for event in members})),
        sources=tuple(sorted({name for event in members for name in source_names(event)})),
        evidence=tuple(sorted(evidence, key=lambda e: (e.doc_id, e.start, e.end, e.text))),
    )


def _change_order(change: ControlChange) -> tuple[str, str, str, date, int, str]:
    return (
        *district_key(change),
        change.date,
        STATUS_PRECEDENCE.index(change.status),
        change.actor or "",
    )


def control_as_of(changes: Iterable[ControlChange], as_of: date) -> list[ControlRecord]:
    """Each district's status on `as_of` (SCHEMA.md §6), from the changes up to that day."""
    by_district: dict[tuple[str, str, str], list[ControlChange]] = defaultdict(list)
    for change in changes:
        if change.date <= as_of:
            by_district[district_key(change)].append(change)
    return [
        _district_record(key, sorted(items, key=_change_order))
        for key, items in sorted(by_district.items())
    ]


def is_unidentified(actor: str | None) -> bool:
    """No actor named, or an unidentified armed group."""
    return not actor or actor.startswith(UNIDENTIFIED_PREFIXES)


def _named_actor(change: ControlChange, day: Sequence[ControlChange]) -> str | None:
    """An unidentified group's change is credited to the one named actor of the same status that
    day, if there is exactly one (reports differ in how precisely they name the taker)."""
    if change.status not in ("controlled", "unconfirmed") or not is_unidentified(change.actor):
        return change.actor
    named = {
        c.actor
        for c in day
        if c.status == change.status and c.actor and not is_unidentified(c.actor)
    }
    return named.pop() if len(named) == 1 else change.actor


def _day_winner(day: Sequence[ControlChange]) -> tuple[str, str | None]:
    """The status and actor most sources report on one day; two parties tied make it contested."""
    support: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for change in day:
        support[(change.status, _named_actor(change, day))] |= set(change.sources) or {
            change.date.isoformat()
        }
    best = max(len(s) for s in support.values())
    leaders = sorted(
        (key for key, s in support.items() if len(s) == best),
        key=lambda key: (STATUS_PRECEDENCE.index(key[0]), key[1] or ""),
    )
    confirmed = [key for key in leaders if key[0] in ("controlled", "government")]
    if len(confirmed) > 1:
        return ("contested", None)
    return leaders[0]


def _keyed(change: ControlChange, days: dict[date, list[ControlChange]]) -> tuple[str, str | None]:
    return (change.status, _named_actor(change, days[change.date]))


def _district_record(key: tuple[str, str, str], changes: Sequence[ControlChange]) -> ControlRecord:
    days: dict[date, list[ControlChange]] = defaultdict(list)
    for change in changes:
        days[change.date].append(change)
    current: tuple[str, str | None] | None = None
    since = changes[0].date
    run: list[ControlChange] = []
    for day in sorted(days):
        winner = _day_winner(days[day])
        if current and winner[0] == "unconfirmed" and current[0] != "unconfirmed":
            if winner[1] == current[1]:
                winner = current  # a claim of what is already confirmed changes nothing
            elif current[0] == "controlled" or current[0] == "government":
                winner = current if winner[1] is None else winner
        if winner != current:
            current, since, run = winner, day, []
        agreeing = [c for c in days[day] if _keyed(c, days) == winner]
        run.extend(agreeing or days[day])  # none agree: a contested day of disagreeing reports
    status, actor = current if current else ("unconfirmed", None)
    last_day = max(days)
    window = timedelta(days=CONFLICT_WINDOW_DAYS)
    conflicting = sorted(
        {
            (c.status, source, c.date)
            for c in changes
            if c.date >= last_day - window and _keyed(c, days) != (status, actor)
            for source in (c.sources or ("",))
        },
        key=lambda item: (item[2], item[0], item[1]),
    )
    return ControlRecord(
        country=key[0],
        admin1=key[1],
        admin2=key[2],
        status=status,
        actor=actor,
        since=since,
        event_ids=tuple(sorted({i for c in run for i in c.event_ids})),
        sources=tuple(sorted({s for c in run for s in c.sources})),
        conflicting=tuple(conflicting),
    )
