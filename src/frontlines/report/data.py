"""One pass over the store for a report: a frozen `ReportData` that the text, the tables, the
charts and the map all read, so their numbers always agree.

The pass reads the period's events as light `EventSummary` records (the fields a report counts);
only the few events the report lists in full are then read as whole `Event`s, by id."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from frontlines.control import control_as_of
from frontlines.models import ControlChange, ControlRecord, Event
from frontlines.report.layouts import (
    DAY_BUCKETS_UP_TO_DAYS,
    WEEK_BUCKETS_UP_TO_DAYS,
    Layout,
    load_layout,
)
from frontlines.report.request import ReportRequest, Scope, resolve_scope
from frontlines.store import DocumentTally, EventQuery, EventSummary, SeenBefore, Store

# Map dots: events of one type within 0.01° (~1 km) of each other are one dot.
MAP_GRID_DECIMALS = 2
# Per-source claims the report does not list: the type is already the event's own heading.
CLAIM_FIELDS_NOT_SHOWN = frozenset({"event_type"})


@dataclass(frozen=True, slots=True)
class EventLine:
    """One event as the report lists it, with its note, sources, certainty and claims."""

    event_id: str
    day: date | None
    event_type: str
    sub_event_type: str
    place: str
    actors: str
    fatalities: int
    notes: str
    outlets: tuple[str, ...]
    certainty: str  # reported | claimed | unconfirmed
    claimed_by: str | None
    claims: tuple[str, ...]  # "fatalities = 21 (claimed by the Ministry of Defense)"
    novelty: tuple[str, ...] = ()  # "new place: Darqad", "new actor: ISKP"

    @property
    def is_claim(self) -> bool:
        """Asserted by a party only (certainty claimed or unconfirmed): shown as a claim."""
        return self.certainty != "reported"


@dataclass(frozen=True, slots=True)
class ControlReport:
    """One dated report of a district's status in the period (kept side by side, not merged)."""

    day: date
    status: str
    actor: str | None
    sources: tuple[str, ...]
    event_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ControlClaim:
    """All the period's reports of one status and actor for a district, with their sources."""

    status: str
    actor: str | None
    first: date
    last: date
    reports: int  # dated control changes behind it
    sources: tuple[str, ...]
    event_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ControlHeadline:
    """A district whose control was reported on in the period: before, after, and every report."""

    country: str
    admin1: str
    admin2: str
    before: ControlRecord | None  # status the day before the period; None: nothing known
    after: ControlRecord  # status at the end of the period
    reports: tuple[ControlReport, ...]

    @property
    def changed(self) -> bool:
        if self.before is None:
            return True
        return (self.before.status, self.before.actor) != (self.after.status, self.after.actor)

    @property
    def claims(self) -> tuple[ControlClaim, ...]:
        """The reports grouped by what they say (status and actor), earliest first: one line
        per competing version, never merged into one."""
        grouped: dict[tuple[str, str | None], list[ControlReport]] = defaultdict(list)
        for report in self.reports:
            grouped[(report.status, report.actor)].append(report)
        claims = [
            ControlClaim(
                status=status,
                actor=actor,
                first=min(r.day for r in reports),
                last=max(r.day for r in reports),
                reports=len(reports),
                sources=tuple(sorted({s for r in reports for s in r.sources})),
                event_ids=tuple(sorted({i for r in reports for i in r.event_ids})),
            )
            for (status, actor), reports in grouped.items()
        ]
        return tuple(sorted(claims, key=lambda c: (c.first, c.status, c.actor or "")))

    def top_claims(self, limit: int) -> tuple[ControlClaim, ...]:
        """The `limit` versions most reports give, in date order (the rest are counted)."""
        kept = sorted(self.claims, key=lambda c: (-c.reports, -len(c.sources), c.first))[:limit]
        return tuple(c for c in self.claims if c in kept)

    @property
    def disputed(self) -> bool:
        """Reports in the period disagree about the status or the actor."""
        return len({(r.status, r.actor) for r in self.reports}) > 1 or bool(self.after.conflicting)


@dataclass(frozen=True, slots=True)
class MapPoint:
    """The events of one type at one spot."""

    latitude: float
    longitude: float
    event_type: str
    fatalities: int
    events: int = 1


@dataclass(frozen=True, slots=True)
class ControlPoint:
    latitude: float
    longitude: float
    admin2: str
    status: str
    actor: str | None


@dataclass(frozen=True, slots=True)
class Bucket:
    """Fatalities and events on one day, in one week (from Monday) or one month of the period."""

    start: date
    label: str
    fatalities: int
    events: int


@dataclass(frozen=True, slots=True)
class MethodBox:
    """How the report was made: what was counted, what was left out, how precise it is."""

    store: str  # the store's URL without its password
    outlets: tuple[tuple[str, int], ...]  # (outlet, events it reports), most first
    source_documents: int  # distinct documents behind the period's events
    documents: DocumentTally  # stored documents published in the period
    geo_precision: tuple[tuple[int, int], ...]  # (ACLED code, events)
    time_precision: tuple[tuple[int, int], ...]
    claimed_events: int  # events asserted only by a party (certainty claimed / unconfirmed)
    unplaced_events: int  # events without coordinates (not on the map)
    event_ids: tuple[str, ...]  # every event of the report, sorted
    query: str  # the command that lists the same events


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything a report shows, computed once."""

    title: str
    template: str
    start: date
    end: date
    scope: str
    total_events: int
    total_fatalities: int
    event_types: tuple[str, ...]  # most events first
    provinces: tuple[str, ...]  # "admin1" or "admin1 (country)", most events first
    counts: tuple[tuple[str, str, int], ...]  # (province, event type, events)
    bucket: str  # day | week | month
    timeline: tuple[Bucket, ...]
    headlines: tuple[ControlHeadline, ...]
    top_by_fatalities: tuple[EventLine, ...]
    top_by_novelty: tuple[EventLine, ...]
    points: tuple[MapPoint, ...]
    control_points: tuple[ControlPoint, ...]
    method: MethodBox
    chart_provinces: int
    list_event_ids_up_to: int
    headline_districts: int  # districts the headline table shows (changed and disputed first)
    claims_per_district: int  # versions shown per district

    @property
    def is_empty(self) -> bool:
        return self.total_events == 0

    def count(self, province: str, event_type: str) -> int:
        return self._count_map().get((province, event_type), 0)

    def province_total(self, province: str) -> int:
        return sum(n for p, _t, n in self.counts if p == province)

    def type_total(self, event_type: str) -> int:
        return sum(n for _p, t, n in self.counts if t == event_type)

    def _count_map(self) -> dict[tuple[str, str], int]:
        return {(p, t): n for p, t, n in self.counts}


def build_report_data(request: ReportRequest, store: Store) -> ReportData:
    """Read the period's events and control history once and aggregate them for every section.

    Raises:
        ReportRequestError: the period is reversed or the country / a province is unknown.
    """
    scope = resolve_scope(request, store)
    layout = load_layout(request.template, request.start, request.end)
    events = list(_scope_events(store, request, scope))
    seen = store.seen_before(request.start)
    changes = [c for c in store.iter_control_changes() if scope.holds(c.country, c.admin1)]
    changes = [c for c in changes if c.date <= request.end]
    end_state = control_as_of(changes, request.end)
    many_countries = len({e.country for e in events}) > 1
    counts = Counter((_province(e, many_countries), e.event_type) for e in events)
    novelties = _novelties(events, seen)
    top_by_fatalities = _top_by_fatalities(events, layout)
    top_by_novelty = _top_by_novelty(events, novelties, layout)
    listed = _full_events(store, [*top_by_fatalities, *top_by_novelty])
    return ReportData(
        title=layout.title,
        template=layout.name,
        start=request.start,
        end=request.end,
        scope=scope.label(),
        total_events=len(events),
        total_fatalities=sum(e.fatalities for e in events),
        event_types=_by_total(counts, index=1),
        provinces=_by_total(counts, index=0),
        counts=tuple(sorted((p, t, n) for (p, t), n in counts.items())),
        bucket=_bucket_kind(request.start, request.end),
        timeline=_timeline(events, request.start, request.end),
        headlines=_headlines(changes, request.start, request.end),
        top_by_fatalities=_event_lines(top_by_fatalities, listed, novelties),
        top_by_novelty=_event_lines(top_by_novelty, listed, novelties),
        points=tuple(_map_points(events)),
        control_points=_control_points(end_state, events, store),
        method=_method_box(events, store, request, scope),
        chart_provinces=layout.chart_provinces,
        list_event_ids_up_to=layout.list_event_ids_up_to,
        headline_districts=layout.headline_districts,
        claims_per_district=layout.claims_per_district,
    )


def _scope_events(store: Store, request: ReportRequest, scope: Scope) -> Iterator[EventSummary]:
    """The period's events in scope, by date then id (one store query per province asked)."""
    if not scope.provinces:
        query = EventQuery(since=request.start, until=request.end, country=scope.country)
        yield from store.iter_event_summaries(query)
        return
    found: list[EventSummary] = []
    for country, admin1 in scope.provinces:
        query = EventQuery(since=request.start, until=request.end, country=country, admin1=admin1)
        found.extend(store.iter_event_summaries(query))
    yield from sorted(found, key=lambda e: (e.event_date or date.min, e.event_id))


def _province(event: EventSummary, many_countries: bool) -> str:
    name = event.admin1 or "(province unknown)"
    return f"{name} ({event.country})" if many_countries and event.country else name


def _by_total(counts: Counter[tuple[str, str]], *, index: int) -> tuple[str, ...]:
    totals: Counter[str] = Counter()
    for key, n in counts.items():
        totals[key[index]] += n
    return tuple(name for name, _n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))


def _bucket_kind(start: date, end: date) -> str:
    days = (end - start).days + 1
    if days <= DAY_BUCKETS_UP_TO_DAYS:
        return "day"
    return "week" if days <= WEEK_BUCKETS_UP_TO_DAYS else "month"


def _bucket_start(day: date, kind: str) -> date:
    if kind == "day":
        return day
    if kind == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _next_bucket(start: date, kind: str) -> date:
    if kind == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=1 if kind == "day" else 7)


BUCKET_LABELS = {"day": "{:%Y-%m-%d}", "week": "week of {:%Y-%m-%d}", "month": "{:%B %Y}"}


def _timeline(events: Sequence[EventSummary], start: date, end: date) -> tuple[Bucket, ...]:
    """Every day (or week) of the period, with zero where nothing was reported."""
    kind = _bucket_kind(start, end)
    fatalities: Counter[date] = Counter()
    counted: Counter[date] = Counter()
    for event in events:
        if event.event_date:
            key = _bucket_start(event.event_date, kind)
            fatalities[key] += event.fatalities
            counted[key] += 1
    buckets = []
    current = _bucket_start(start, kind)
    while current <= end:
        label = BUCKET_LABELS[kind].format(current)
        buckets.append(Bucket(current, label, fatalities[current], counted[current]))
        current = _next_bucket(current, kind)
    return tuple(buckets)


def _headlines(
    changes: Sequence[ControlChange], start: date, end: date
) -> tuple[ControlHeadline, ...]:
    by_district: dict[tuple[str, str, str], list[ControlChange]] = defaultdict(list)
    for change in changes:
        by_district[(change.country, change.admin1, change.admin2)].append(change)
    headlines = []
    for key, history in sorted(by_district.items()):
        in_period = [c for c in history if start <= c.date <= end]
        if not in_period:
            continue
        before = control_as_of(history, start - timedelta(days=1))
        after = control_as_of(history, end)
        reports = tuple(
            ControlReport(c.date, c.status, c.actor, c.sources, c.event_ids)
            for c in sorted(in_period, key=lambda c: (c.date, c.status, c.actor or ""))
        )
        headlines.append(
            ControlHeadline(
                *key, before=before[0] if before else None, after=after[0], reports=reports
            )
        )
    headlines.sort(
        key=lambda h: (
            not h.changed,
            not h.disputed,
            -len(h.reports),
            h.after.since,
            h.admin1,
            h.admin2,
        )
    )
    return tuple(headlines)


def _outlets(event: Event) -> tuple[str, ...]:
    return tuple(sorted({s.outlet or s.doc_id for s in event.sources}))


def _claims(event: Event) -> tuple[str, ...]:
    outlet_of = {s.doc_id: s.outlet or s.doc_id for s in event.sources}
    lines = []
    for claim in event.claims:
        if claim.field in CLAIM_FIELDS_NOT_SHOWN:
            continue
        who = f"according to {claim.claimed_by}" if claim.claimed_by else "as reported"
        where = outlet_of.get(claim.doc_id, claim.doc_id)
        lines.append(f"{claim.field} = {claim.value} ({who}, {where})")
    return tuple(dict.fromkeys(lines))


def _place(event: Event) -> str:
    parts = [event.location, event.admin2, event.admin1, event.country]
    unique = [p for i, p in enumerate(parts) if p and p not in parts[:i]]
    return ", ".join(unique) or "(place unknown)"


def _novelties(events: Iterable[EventSummary], seen: SeenBefore) -> dict[str, tuple[str, ...]]:
    """What each event is first with: the first event of the period at a place or with an actor
    the store had not seen before the period is credited with it (by event id)."""
    places = set(seen.places)
    actors = set(seen.actors)
    found: dict[str, tuple[str, ...]] = {}
    for event in events:
        novelty: list[str] = []
        place_key = (event.country, event.admin1, event.location)
        if event.location and place_key not in places:
            novelty.append(f"new place: {event.location}")
            places.add(place_key)
        for actor in (event.actor1, event.actor2):
            if actor and actor not in actors:
                novelty.append(f"new actor: {actor}")
                actors.add(actor)
        if novelty:
            found[event.event_id] = tuple(novelty)
    return found


def _event_line(event: Event, novelties: dict[str, tuple[str, ...]]) -> EventLine:
    return EventLine(
        event_id=event.event_id,
        day=event.event_date,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        place=_place(event),
        actors=" vs ".join(a for a in (event.actor1, event.actor2) if a) or "unidentified",
        fatalities=event.fatalities,
        notes=event.notes,
        outlets=_outlets(event),
        certainty=event.certainty,
        claimed_by=event.claimed_by,
        claims=_claims(event),
        novelty=novelties.get(event.event_id, ()),
    )


def _top_by_fatalities(events: Sequence[EventSummary], layout: Layout) -> tuple[str, ...]:
    """Ids of the deadliest events, most outlets first among equals."""
    deadly = [event for event in events if event.fatalities > 0]
    deadly.sort(
        key=lambda e: (-e.fatalities, -len(e.outlets), e.event_date or date.min, e.event_id)
    )
    return tuple(event.event_id for event in deadly[: layout.top_events])


def _top_by_novelty(
    events: Sequence[EventSummary], novelties: dict[str, tuple[str, ...]], layout: Layout
) -> tuple[str, ...]:
    """Ids of the events first with the most new places and actors."""
    novel = [event for event in events if event.event_id in novelties]
    novel.sort(
        key=lambda e: (
            -len(novelties[e.event_id]),
            -e.fatalities,
            e.event_date or date.min,
            e.event_id,
        )
    )
    return tuple(event.event_id for event in novel[: layout.top_events])


def _full_events(store: Store, event_ids: Sequence[str]) -> dict[str, Event]:
    """The whole stored events the report lists (notes, claims, sources), by id."""
    return {event.event_id: event for event in store.events_by_id(event_ids)}


def _event_lines(
    event_ids: Sequence[str], listed: dict[str, Event], novelties: dict[str, tuple[str, ...]]
) -> tuple[EventLine, ...]:
    """The lines of these events, in this order (an event an ingest replaced since the
    summaries were read is left out rather than shown stale)."""
    return tuple(_event_line(listed[i], novelties) for i in event_ids if i in listed)


def _map_points(events: Iterable[EventSummary]) -> Iterator[MapPoint]:
    """One dot per event type and spot (coordinates rounded to MAP_GRID_DECIMALS), summing the
    events and fatalities there: reports place many events on one town or district centre."""
    spots: dict[tuple[float, float, str], list[int]] = {}
    for event in events:
        if event.latitude is None or event.longitude is None:
            continue
        key = (
            round(event.latitude, MAP_GRID_DECIMALS),
            round(event.longitude, MAP_GRID_DECIMALS),
            event.event_type,
        )
        tally = spots.setdefault(key, [0, 0])
        tally[0] += 1
        tally[1] += event.fatalities
    for (latitude, longitude, event_type), (count, fatalities) in sorted(spots.items()):
        yield MapPoint(latitude, longitude, event_type, fatalities, count)


def _control_points(
    records: Sequence[ControlRecord], events: Sequence[EventSummary], store: Store
) -> tuple[ControlPoint, ...]:
    """Each district's end-of-period status, placed where the events behind it are (read from
    the store only for events before the period)."""
    located = {
        e.event_id: (e.latitude, e.longitude)
        for e in events
        if e.latitude is not None and e.longitude is not None
    }
    earlier = [i for record in records for i in record.event_ids if i not in located]
    located.update(
        (e.event_id, (e.latitude, e.longitude))
        for e in store.events_by_id(earlier)
        if e.latitude is not None and e.longitude is not None
    )
    points = []
    for record in records:
        spots = [located[i] for i in record.event_ids if i in located]
        if not spots:
            continue
        latitude = sorted(lat for lat, _lon in spots)[len(spots) // 2]
        longitude = sorted(lon for _lat, lon in spots)[len(spots) // 2]
        points.append(ControlPoint(latitude, longitude, record.admin2, record.status, record.actor))
    return tuple(points)


def _store_label(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _query_command(request: ReportRequest, scope: Scope, store_url: str) -> str:
    parts = [
        "frontlines events",
        f"--db {store_url}",
        f"--since {request.start.isoformat()}",
        f"--until {request.end.isoformat()}",
        "--format jsonl",
    ]
    if len(scope.provinces) == 1:
        parts.append(f"--place '{scope.provinces[0][1]}'")
    return " ".join(parts)


def _method_box(
    events: Sequence[EventSummary], store: Store, request: ReportRequest, scope: Scope
) -> MethodBox:
    outlets: Counter[str] = Counter(o for e in events for o in e.outlets)
    store_url = _store_label(store.url)
    return MethodBox(
        store=store_url,
        outlets=tuple(sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))),
        source_documents=len({doc_id for e in events for doc_id in e.doc_ids}),
        documents=store.document_tally(request.start, request.end),
        geo_precision=tuple(sorted(Counter(e.geo_precision for e in events).items())),
        time_precision=tuple(sorted(Counter(e.time_precision for e in events).items())),
        claimed_events=sum(1 for e in events if e.certainty != "reported"),
        unplaced_events=sum(1 for e in events if e.latitude is None or e.longitude is None),
        event_ids=tuple(sorted(e.event_id for e in events)),
        query=_query_command(request, scope, store_url),
    )
