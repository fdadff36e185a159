"""Merge reports of the same event from many documents into one event with every source.

Method, in order: (1) events with the same id are one event; (2) block by country, province and
event type; (3) within a block, sweep by date and score pairs that pass the hard constraints
(`scoring.is_mergeable`); (4) join the best-scoring pairs first, keeping every cluster
consistent (complete linkage on the hard constraints, so different districts never meet);
(5) combine each cluster; repeat until nothing merges. The input is put in a canonical order
first, so the output does not depend on input order, and a merged output merges to itself.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from frontlines.fuse.scoring import (
    MERGE_THRESHOLD,
    date_bounds,
    is_mergeable,
    is_named_like_province,
    similarity,
    text_words,
)
from frontlines.models import Claim, Event, Evidence, Source

CERTAINTY_ORDER = ("reported", "claimed", "unconfirmed")
FATALITIES = "fatalities"
# A block larger than this is swept by date instead of compared all-pairs (keeps merging linear).
MAX_DAYS_BETWEEN_CANDIDATES = 5


def canonical_key(event: Event) -> tuple[str, str]:
    """Sort key that is total on distinct events, so sorting removes any input-order dependence."""
    return (event.event_id, json.dumps(event.to_json(), sort_keys=True, default=str))


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge events that report the same happening; return them sorted by event_id.

    Order-independent (any permutation of the input gives the same output) and idempotent
    (merging the output again changes nothing).
    """
    current = collapse_same_ids(events)
    while True:
        merged = merge_pass(current)
        if len(merged) == len(current):
            return merged
        current = merged


def collapse_same_ids(events: Iterable[Event]) -> list[Event]:
    """Events sharing an event_id are one event (a document processed twice): combine them."""
    by_id: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_id[event.event_id].append(event)
    collapsed = [combine(sorted(set(group), key=canonical_key)) for group in by_id.values()]
    return sorted(collapsed, key=canonical_key)


def block_key(event: Event) -> tuple[str, str, str]:
    return (event.country, event.admin1, event.event_type)


def merge_pass(events: Sequence[Event]) -> list[Event]:
    """One round of clustering and combining over canonically ordered events."""
    blocks: dict[tuple[str, str, str], list[Event]] = defaultdict(list)
    for event in events:
        blocks[block_key(event)].append(event)
    result: list[Event] = []
    for key in sorted(blocks):
        for cluster in cluster_block(blocks[key]):
            result.append(combine(cluster))
    return sorted(result, key=canonical_key)


def sort_by_start(events: Sequence[Event]) -> list[Event]:
    def start(event: Event) -> tuple[int, str]:
        bounds = date_bounds(event)
        return (bounds[0].toordinal() if bounds else 0, event.event_id)

    return sorted(events, key=start)


def candidate_pairs(events: Sequence[Event]) -> list[tuple[float, str, str]]:
    """Pairs (score, id_a, id_b) above the threshold, best first; a date sweep bounds the work."""
    ordered = sort_by_start(events)
    words = {event.event_id: text_words(event) for event in ordered}
    pairs: list[tuple[float, str, str]] = []
    for i, first in enumerate(ordered):
        first_bounds = date_bounds(first)
        for second in ordered[i + 1 :]:
            second_bounds = date_bounds(second)
            if (
                first_bounds
                and second_bounds
                and (second_bounds[0] - first_bounds[1]).days > MAX_DAYS_BETWEEN_CANDIDATES
            ):
                break
            if not is_mergeable(first, second):
                continue
            score = similarity(first, second, words[first.event_id], words[second.event_id])
            if score >= MERGE_THRESHOLD:
                low, high = sorted((first.event_id, second.event_id))
                pairs.append((round(score, 9), low, high))
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    return pairs


def cluster_block(events: Sequence[Event]) -> list[list[Event]]:
    """Greedy best-first clustering with complete linkage on the hard constraints."""
    by_id = {event.event_id: event for event in events}
    cluster_of = {event_id: event_id for event_id in by_id}
    members: dict[str, list[str]] = {event_id: [event_id] for event_id in by_id}
    for _score, first_id, second_id in candidate_pairs(events):
        a, b = cluster_of[first_id], cluster_of[second_id]
        if a == b:
            continue
        if not all(is_mergeable(by_id[x], by_id[y]) for x in members[a] for y in members[b]):
            continue
        keep, gone = min(a, b), max(a, b)
        members[keep].extend(members.pop(gone))
        for event_id in members[keep]:
            cluster_of[event_id] = keep
    return [
        sorted((by_id[event_id] for event_id in ids), key=canonical_key)
        for _root, ids in sorted(members.items())
    ]


# --------------------------------------------------------------------------- combining


def combine(cluster: Sequence[Event]) -> Event:
    """One event from the reports of it: every source and all evidence; ACLED's most conservative
    fatality figure; per-source figures kept as claims when they differ. A single event is
    returned unchanged."""
    if len(cluster) == 1:
        return cluster[0]
    place = min(
        cluster,
        key=lambda e: (
            is_named_like_province(e),
            e.geo_precision,
            not e.admin2,
            -e.confidence,
            e.event_id,
        ),
    )
    when = min(cluster, key=lambda e: (e.event_date is None, e.time_precision, e.event_id))
    actors = min(cluster, key=lambda e: (-len(named_actors(e)), -e.confidence, e.event_id))
    bounds = [b for b in (date_bounds(e) for e in cluster) if b]
    sources = merged_sources(cluster)
    return Event(
        event_id=min(e.event_id for e in cluster),
        event_date=when.event_date,
        date_min=min((b[0] for b in bounds), default=None),
        date_max=max((b[1] for b in bounds), default=None),
        time_precision=when.time_precision,
        disorder_type=place.disorder_type,
        event_type=place.event_type,
        sub_event_type=most_common(e.sub_event_type for e in cluster),
        actor1=actors.actor1,
        assoc_actor_1=actors.assoc_actor_1,
        actor2=actors.actor2,
        assoc_actor_2=actors.assoc_actor_2,
        inter1=actors.inter1,
        inter2=actors.inter2,
        interaction=actors.interaction,
        civilian_targeting=max(e.civilian_targeting for e in cluster),
        country=place.country,
        iso=place.iso,
        admin1=place.admin1,
        admin2=place.admin2 or next((e.admin2 for e in cluster if e.admin2), ""),
        admin3=place.admin3,
        location=place.location,
        latitude=place.latitude,
        longitude=place.longitude,
        geo_precision=place.geo_precision,
        fatalities=conservative_fatalities(cluster),
        source=joined(s.outlet for s in sources),
        source_scale=joined(part for e in cluster for part in e.source_scale.split("; ")),
        notes=when.notes or place.notes,
        tags=joined(part for e in cluster for part in e.tags.split("; ")),
        region=place.region,
        sources=sources,
        evidence=tuple(sorted({ev for e in cluster for ev in e.evidence}, key=evidence_key)),
        claims=merged_claims(cluster),
        claimed_by=joined(part for e in cluster for part in (e.claimed_by or "").split("; "))
        or None,
        quantities=merged_quantities(cluster),
        certainty=min((e.certainty for e in cluster), key=certainty_rank),
        confidence=max(e.confidence for e in cluster),
        place_id=place.place_id,
    )


def named_actors(event: Event) -> list[str]:
    return [a for a in (event.actor1, event.actor2, event.assoc_actor_1, event.assoc_actor_2) if a]


def certainty_rank(certainty: str) -> int:
    if certainty in CERTAINTY_ORDER:
        return CERTAINTY_ORDER.index(certainty)
    return len(CERTAINTY_ORDER)


def most_common(values: Iterable[str]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for value in values:
        counts[value] += 1
    return min(counts, key=lambda value: (-counts[value], value))


def joined(parts: Iterable[str | None]) -> str:
    return "; ".join(sorted({p.strip() for p in parts if p and p.strip()}))


def evidence_key(evidence: Evidence) -> tuple[str, int, int, str]:
    return (evidence.doc_id, evidence.start, evidence.end, evidence.text)


def merged_sources(cluster: Sequence[Event]) -> tuple[Source, ...]:
    by_doc: dict[str, Source] = {}
    for source in sorted(
        (s for e in cluster for s in e.sources),
        key=lambda s: (s.doc_id, s.url or "", s.outlet or "", s.published or date.min),
    ):
        by_doc.setdefault(source.doc_id, source)
    return tuple(by_doc[doc_id] for doc_id in sorted(by_doc))


def conservative_fatalities(cluster: Sequence[Event]) -> int:
    """ACLED: the lowest fatality figure any source reports (0 when no source reports one)."""
    reported = [e.fatalities for e in cluster if e.fatalities > 0]
    return min(reported) if reported else 0


def per_source_fatalities(event: Event) -> set[Claim]:
    """Each source's fatality figure: its claims if it has them, else the event's figure."""
    claimed = {c for c in event.claims if c.field == FATALITIES}
    covered = {c.doc_id for c in claimed}
    if event.fatalities > 0:
        claimed |= {
            Claim(s.doc_id, event.claimed_by, FATALITIES, event.fatalities)
            for s in event.sources
            if s.doc_id not in covered
        }
    return claimed


def claim_key(claim: Claim) -> tuple[str, str, str, str]:
    return (claim.field, claim.doc_id, claim.claimed_by or "", str(claim.value))


def merged_claims(cluster: Sequence[Event]) -> tuple[Claim, ...]:
    """All members' claims, plus one fatality claim per source when the figures disagree."""
    claims = {c for e in cluster for c in e.claims}
    figures = set().union(*(per_source_fatalities(e) for e in cluster))
    if len({c.value for c in figures}) > 1:
        claims |= figures
    return tuple(sorted(claims, key=claim_key))


def merged_quantities(cluster: Sequence[Event]) -> tuple[tuple[str, int], ...]:
    """Per quantity, the most conservative (lowest) figure."""
    lowest: dict[str, int] = {}
    for event in cluster:
        for name, value in event.quantities:
            lowest[name] = min(value, lowest.get(name, value))
    return tuple(sorted(lowest.items()))
