"""Mentions -> Events: dated, placed, counted, with notes, ids and evidence; one per place per day.

For each mention: the date comes from `dates.resolve_date` over its sentence (anchored on the
publication date, or the dateline when there is none); the place from
`geolocate.choose_event_place` (the mention's places first, then the document's). Actors get the
event's country ("Military Forces of {country}" -> "... of Mali"). Mentions of the same event type
at the same place on the same date in one document are merged (ACLED: one event per location per
day): the strongest mention gives the type and actors, fatalities follow
`_conservative_fatalities` (competing figures in one sentence were already reduced to the lowest;
a party's claim counts only when nobody else gives a figure), and every sentence is kept as
evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pycountry

from frontlines.extract.lexicon import load_lexicon
from frontlines.models import (
    Actor,
    Analysis,
    Claim,
    DateRange,
    Event,
    Mention,
    ResolvedPlace,
    Source,
)
from frontlines.nlp.actors import GENERIC_ARMED_GROUP, fill_country, load_actor_dictionary
from frontlines.resolve import dates, geolocate
from frontlines.resolve.ids import event_id_for
from frontlines.resolve.notes import write_note

# Quantity keys written into `tags` ("troops=1037").
# Characters before a mention's sentence handed to the date resolver as context.
CONTEXT_CHARS = 2_000
# Steps up the parse from a trigger word to the verb of its clause.
CLAUSE_SEARCH_DEPTH = 4
# Events that ended more than this many days before publication are background history.
BACKGROUND_DAYS = 31
# Inter codes of armed groups (rebels, militias) whose own tolls are claims.
NON_STATE_ARMED = frozenset({2, 3, 4})
TAGGED_QUANTITIES = ("troops", "protesters", "wounded", "detained", "abducted", "displaced")


@dataclass(frozen=True, slots=True)
class _Placed:
    """A mention with its resolved date and place."""

    mention: Mention
    when: DateRange
    place: ResolvedPlace | None
    geo_precision: int


def resolve_events(
    analysis: Analysis, mentions: Sequence[Mention], *, gazetteer: Any = None
) -> list[Event]:
    """Events of one document, one per event type, place and day, in text order."""
    if not mentions:
        return []
    gazetteer = gazetteer if gazetteer is not None else analysis.gazetteer
    article = analysis.article
    anchor = article.published or dates.find_dateline(article.body)
    header_end = dates.header_end(article.body)
    unknown = _unknown_place_names(analysis)
    placed = _carry_dates(
        [_place_and_date(m, analysis, anchor, gazetteer, header_end, unknown) for m in mentions]
    )
    placed = [item for item in placed if not _is_background(item, anchor)]
    groups: dict[tuple[str, str, date | None], list[_Placed]] = {}
    for item in placed:
        key = _merge_key(item)
        if not item.mention.places:
            key = _earlier_group_for(item, groups) or key
        groups.setdefault(key, []).append(item)
    folded = _fold_unplaced_takeovers(_fold_coarse_places(groups))
    return [_event_from_group(group, analysis) for group in folded]


def _fold_unplaced_takeovers(groups: list[list[_Placed]]) -> list[list[_Placed]]:
    """A lede that tells a takeover without its place ('M23 rebels have seized a town from the
    army') is the takeover the report then details ('The rebels took control of Kitshanga late
    on Thursday'): the same actor taking territory within a day, when that is the only one."""
    folded: list[list[_Placed]] = []
    for group in groups:
        target = _takeover_for(group, [g for g in groups if g is not group])
        if target is None:
            folded.append(group)
        else:
            target.extend(group)
    return [group for group in folded if group]


def _takeover_for(group: list[_Placed], others: list[list[_Placed]]) -> list[_Placed] | None:
    first = group[0]
    if first.mention.sub_event_type not in TERRITORY_SUB_EVENTS or _names_its_place(first):
        return None
    same = [
        other
        for other in others
        if other
        and other[0].mention.sub_event_type in TERRITORY_SUB_EVENTS
        and _same_actor1(other[0], first)
    ]
    # A roundup of several takeovers by the actor: which one the lede means cannot be told.
    if len(same) != 1 or not _within_a_day(same[0][0].when.event_date, first.when.event_date):
        return None
    target = same[0]
    if _names_its_place(target[0]) or _told_later(target, group):
        return target
    return None


def _told_later(first: list[_Placed], second: list[_Placed]) -> bool:
    return first[0].mention.sentence.start > second[0].mention.sentence.start


def _names_its_place(item: _Placed) -> bool:
    """Its own sentence names a place below the country (not the report's focus)."""
    return any(place.level != "country" for place in item.mention.places)


def _same_actor1(first: _Placed, second: _Placed) -> bool:
    one, two = first.mention.actor1, second.mention.actor1
    return one is not None and two is not None and one.name == two.name


def _within_a_day(first: date | None, second: date | None) -> bool:
    if first is None or second is None:
        return True
    return abs((first - second).days) <= 1


# Place levels from coarse to fine; a mention placed only at a coarse level ("the Taliban took
# the district center", placed at the province) is the same event as one of the same type and
# day placed inside it ("... captured Darqad district").
COARSE_LEVELS = ("country", "admin1")


def _fold_coarse_places(
    groups: dict[tuple[str, str, date | None], list[_Placed]],
) -> list[list[_Placed]]:
    """Groups in text order, each coarse-placed group folded into the one finer group of the
    same type and day inside its place. With several finer groups told after it ('strikes on
    the Kharkiv region killed 11' then '9 in Kharkiv city, 2 in Krasnohrad') the coarse
    group is their sum: it joins the first of them as evidence, its figure not counted again."""
    ordered = list(groups.values())
    folded: list[list[_Placed]] = []
    for group in ordered:
        inside = _finer_groups_for(group, ordered)
        if len(inside) == 1:
            inside[0].extend(group)
        elif len(inside) > 1 and all(_told_later(other, group) for other in inside):
            inside[0].extend(_without_figures(item) for item in group)
        else:
            folded.append(group)
    return [group for group in folded if group]


def _without_figures(item: _Placed) -> _Placed:
    return replace(item, mention=replace(item.mention, fatalities=None, quantities=()))


def _finer_groups_for(group: list[_Placed], ordered: list[list[_Placed]]) -> list[list[_Placed]]:
    coarse = group[0]
    place = _coarse_place(coarse)
    if place is None:
        return []
    return [
        other
        for other in ordered
        if other is not group
        and other[0].place is not None
        and _is_fine(other[0])
        and other[0].mention.event_type == coarse.mention.event_type
        and other[0].when.event_date == coarse.when.event_date
        and _is_inside(other[0].place, place)
        and not _opens_another_event(other[0])
    ]


def _opens_another_event(item: _Placed) -> bool:
    """'Meanwhile, three soldiers were wounded when their convoy was hit near Bagram': a
    sentence that says it tells another event is no detail of the lede before it."""
    opening = item.mention.sentence.text.lstrip().lower()
    return any(opening.startswith(marker) for marker in load_lexicon().other_event_markers)


def _coarse_place(item: _Placed) -> ResolvedPlace | None:
    """Where a mention is placed only coarsely: at a province or country its sentence names, or
    at the country its sentence names when only the document's focus placed it finer ('50
    civilians killed in a missile strike on a railway station in Ukraine')."""
    if not item.mention.places:
        return None
    if item.place is not None and item.place.level in COARSE_LEVELS:
        return item.place
    if _names_its_place(item):
        return None
    return next((p for p in item.mention.places if p.level == "country"), None)


def _is_fine(item: _Placed) -> bool:
    """Placed at a town or district that its own sentence names (not the document's focus)."""
    return (
        item.place is not None
        and bool(item.mention.places)
        and item.place.level not in COARSE_LEVELS
    )


def _is_inside(fine: ResolvedPlace, coarse: ResolvedPlace) -> bool:
    if fine.country_code != coarse.country_code:
        return False
    return coarse.level == "country" or (fine.admin1 or "") == (coarse.admin1 or coarse.name)


def _place_and_date(
    mention: Mention,
    analysis: Analysis,
    anchor: date | None,
    gazetteer: Any,
    header_end: int,
    unknown_places: Sequence[int] = (),
) -> _Placed:
    body = analysis.article.body
    # The text just before the sentence (its last sentences may carry the governing date); a
    # window, not the whole body, so that long documents are not re-read per mention. The
    # release header (title, dateline) is left out: its date is when the text was written.
    context_start = max(0, header_end, mention.sentence.start - CONTEXT_CHARS)
    context = body[context_start : mention.sentence.start]
    when = _date_of_trigger_clause(mention, analysis, anchor, context, header_end)
    if when is None:
        sentence = _without_header(body, mention.sentence.start, mention.sentence.end, header_end)
        when = dates.resolve_date(sentence, published=anchor, context=context)
    if when.expression == dates.UNDATED_EXPRESSION:
        when = _date_from_story(body, mention.sentence.end, anchor, header_end) or when
    place, precision = geolocate.choose_event_place(
        mention.places,
        analysis.places,
        gazetteer,
        names_unknown_place=any(
            mention.sentence.start <= start < mention.sentence.end for start in unknown_places
        ),
    )
    return _Placed(mention=mention, when=when, place=place, geo_precision=precision)


# Entity labels of place names; an unresolved one is a place the gazetteer lacks.
PLACE_NAME_LABELS = frozenset({"GPE", "LOC"})


def _unknown_place_names(analysis: Analysis) -> list[int]:
    """Where the document names a place ('the eastern town of Bunagana') that no resolved place
    covers: the start offsets of those names."""
    return [
        ent.start_char
        for ent in analysis.doc.ents
        if ent.label_ in PLACE_NAME_LABELS
        and ent.text[:1].isupper()
        and not any(p.start < ent.end_char and ent.start_char < p.end for p in analysis.places)
    ]


TERRITORY_SUB_EVENTS = frozenset(
    {
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Non-violent transfer of territory",
    }
)


def _earlier_group_for(
    item: _Placed, groups: dict[tuple[str, str, date | None], list[_Placed]]
) -> tuple[str, str, date | None] | None:
    """A mention naming no place of its own ('The protesters held photographs ...') belongs to
    the latest earlier event of the same type and date in the document."""
    for key in reversed(list(groups)):
        event_type, _, when = key
        if event_type == item.mention.event_type and when == item.when.event_date:
            return key
    return None


def _has_own_date(item: _Placed) -> bool:
    expression = item.when.expression
    if not expression:
        return False
    return expression.lower() in item.mention.sentence.text.lower()


def _carry_dates(placed: list[_Placed]) -> list[_Placed]:
    """A sentence that names no date of its own continues the story of the one before it
    ('The army said two soldiers were also killed.'): it takes that sentence's date."""
    carried: list[_Placed] = []
    for item in placed:
        if carried and not _has_own_date(item) and carried[-1].when.event_date is not None:
            item = _Placed(item.mention, carried[-1].when, item.place, item.geo_precision)
        carried.append(item)
    return carried


def _is_background(item: _Placed, anchor: date | None) -> bool:
    """An event dated well before the report ('Russia captured the city in March', in an August
    article) is background, not news; so is one dated only by a month earlier than the
    report's ('In late September, ...' in October), or by a bare month in a report with no
    date at all (news is dated by the day; a month names older history)."""
    if anchor is None:
        return dates.is_bare_month(item.when.expression)
    if dates.is_before_anchor_month(item.when, anchor):
        return True
    latest = item.when.date_max or item.when.event_date
    return latest is not None and (anchor - latest).days > BACKGROUND_DAYS


def _date_from_story(
    body: str, sentence_end: int, anchor: date | None, header_end: int
) -> DateRange | None:
    """An undated sentence: the date of the next sentences of its paragraph (a lede whose
    details follow), else the date the release's lede gives its story (a detail paragraph)."""
    following_start = max(sentence_end, header_end)
    following = body[following_start : following_start + CONTEXT_CHARS]
    lede = body[header_end : header_end + CONTEXT_CHARS].lstrip()
    return dates.following_date(following, published=anchor) or dates.following_date(
        lede, published=anchor
    )


def _without_header(body: str, start: int, end: int, header_end: int) -> str:
    """body[start:end] with the part inside the release header blanked (offsets kept): a first
    sentence that spaCy ran together with the dateline must not be dated by it."""
    if start >= header_end:
        return body[start:end]
    cut = min(header_end, end)
    return " " * (cut - start) + body[cut:end]


def _date_of_trigger_clause(
    mention: Mention, analysis: Analysis, anchor: date | None, context: str, header_end: int
) -> DateRange | None:
    """'The ministry said on Monday that 21 militants were killed on Sunday night': the date of
    the event is in the trigger's clause, not in the speech verb's. None when that clause names
    no date of its own."""
    doc = analysis.doc
    if doc is None:
        return None
    span = doc.char_span(mention.trigger.start, mention.trigger.end, alignment_mode="expand")
    if span is None:
        return None
    clause = _clause_of(span.root)
    start = max(clause.left_edge.idx, mention.sentence.start)
    end = min(clause.right_edge.idx + len(clause.right_edge.text), mention.sentence.end)
    if start <= mention.sentence.start and end >= mention.sentence.end:
        return None
    text = _without_header(analysis.article.body, start, end, header_end)  # not doc.text
    when = dates.resolve_date(text, published=anchor, context=context)
    own_words = when.expression is not None and when.expression.lower() in text.lower()
    return when if own_words and when.event_date is not None else None


def _clause_of(token: Any) -> Any:
    current = token
    for _ in range(CLAUSE_SEARCH_DEPTH):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def _merge_key(item: _Placed) -> tuple[str, str, date | None]:
    place = item.place
    place_key = (place.place_id or f"{place.name}|{place.admin1}|{place.country}") if place else ""
    return item.mention.event_type, place_key, item.when.event_date


def _best(group: list[_Placed]) -> _Placed:
    """The mention that gives the event its type and actors: one placed at a town or district
    before one placed only at a province or country, then the most confident, then the first."""
    return max(
        group,
        key=lambda item: (
            _is_fine(item),
            -item.mention.sentence.start,
        ),
    )


def _conservative_fatalities(group: list[_Placed]) -> int:
    """ACLED's conservative figure for one report. Per source (claimant): repeated reports of
    the same victims are not summed (the largest figure of one side is kept: later sentences
    repeat or detail the lede), figures for different named sides ('30 militants' and 'two
    soldiers') are added, and a figure with no side named may be any of them (it is not added:
    the total is at least it). A party's claim about its own action ('the Taliban claimed to
    have killed 12 policemen') counts only when nobody else gives a figure; between the other
    sources the report's fullest account is kept (one names the attackers' dead, another the
    whole toll: 'left the three attackers dead', 'left nine people dead')."""
    reported = [
        item
        for item in group
        if item.mention.certainty != "claimed" and not _armed_group_speaks(item.mention)
    ]
    by_source: dict[str, dict[str, int]] = {}
    for item in reported if any(i.mention.fatalities for i in reported) else group:
        figure = item.mention.fatalities
        if figure:
            side = item.mention.actor2.name if item.mention.actor2 else ""
            sides = by_source.setdefault(item.mention.claimed_by or "", {})
            sides[side] = max(sides.get(side, 0), figure)
    totals = [_source_total(sides) for sides in by_source.values()]
    if len(totals) > 1 and _same_victims_counted(list(by_source.values())):
        return min(totals)  # '12 soldiers were killed' / 'attackers killed 15 soldiers'
    return max(totals) if totals else 0


def _same_victims_counted(sources: list[dict[str, int]]) -> bool:
    """Every source gives a figure for the same one named side ('12 soldiers' / '15
    soldiers'): competing tolls, the lowest holds. Figures naming no side may count different
    people ('left nine people dead' / 'left the three attackers dead')."""
    keys = {frozenset(sides) for sides in sources}
    if len(keys) != 1:
        return False
    (only,) = keys
    return len(only) == 1 and "" not in only


def _armed_group_speaks(mention: Mention) -> bool:
    """'al Shabaab said 21 were killed': an armed group's own figure is its claim."""
    if not mention.claimed_by:
        return False
    dictionary = load_actor_dictionary()
    for part in mention.claimed_by.split(";"):
        entry = dictionary.lookup(part.strip())
        if entry is not None and entry.inter in NON_STATE_ARMED:
            return True
    return False


def _source_total(sides: dict[str, int]) -> int:
    """One source's figure: named sides added, an unnamed side's figure as a lower bound."""
    unnamed = sides.get("", 0)
    named = sum(figure for side, figure in sides.items() if side)
    return max(named, unnamed)


def _with_country(actor: Actor | None, country: str | None) -> tuple[str, int]:
    if actor is None:
        return "", 0
    return fill_country(actor.name, country), actor.inter


def interaction_code(inter1: int, inter2: int) -> int:
    """ACLED interaction: the two inter codes, lower first (10 when there is one actor)."""
    if not inter1 and not inter2:
        return 0
    if not inter2 or not inter1:
        return (inter1 or inter2) * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def iso_numeric(country_code: str) -> int:
    record = pycountry.countries.get(alpha_2=country_code) if country_code else None
    return int(record.numeric) if record is not None else 0


def _first_actor(group: list[_Placed], attribute: str) -> Actor | None:
    """The best mention's actor, unless it is an unnamed group and another mention of the event
    names who it was ('Russian rocket fire' beside 'killed in shelling in Zolochiv')."""
    best = _best(group)
    found = [
        actor for item in (best, *group) if (actor := getattr(item.mention, attribute)) is not None
    ]
    return next((a for a in found if not _is_unnamed(a)), found[0] if found else None)


def _is_unnamed(actor: Actor) -> bool:
    """An unidentified group, or state forces by default, that the text gives no words for."""
    return actor.start < 0 and (actor.name == GENERIC_ARMED_GROUP or "{country}" in actor.name)


def _other_side(group: list[_Placed], actor1: Actor | None) -> Actor | None:
    """actor2: the best mention's, else the first other mention's, never actor1 itself; a
    sentence that tells the event the other way round ('the militants opened fire' beside
    'troops killed 20 militants') gives its actor1."""
    best = _best(group)
    taken = actor1.name if actor1 is not None else None
    for item in (best, *group):
        patient, agent = item.mention.actor2, item.mention.actor1
        if patient is not None and patient.name != taken:
            return patient
        if patient is not None and agent is not None and agent.name != taken:
            return agent
    return None


def _quantities(group: list[_Placed]) -> tuple[tuple[str, int], ...]:
    merged: dict[str, int] = {}
    for item in group:
        for key, value in item.mention.quantities:
            merged[key] = max(merged.get(key, 0), value)
    return tuple(sorted(merged.items()))


def _claims(group: list[_Placed], fatalities: int, country: str) -> tuple[Claim, ...]:
    """Each claimant's figures and type, with the claimant's name filled for the country (no
    '{country}' template ever reaches a claim)."""
    claims: list[Claim] = []
    for item in group:
        mention = item.mention
        if mention.claimed_by is None:
            continue
        mention = replace(mention, claimed_by=fill_country(mention.claimed_by, country or None))
        if mention.fatalities is not None:
            claims.append(
                Claim(mention.doc_id, mention.claimed_by, "fatalities", mention.fatalities)
            )
        for key, value in mention.quantities:
            claims.append(Claim(mention.doc_id, mention.claimed_by, key, value))
        claims.append(
            Claim(mention.doc_id, mention.claimed_by, "event_type", mention.sub_event_type)
        )
    return tuple(dict.fromkeys(claims))


def _claimants(group: list[_Placed], country: str) -> str | None:
    """Everyone the group's sentences cite, in text order, '; '-joined (None when nobody)."""
    ordered = sorted(group, key=lambda item: item.mention.sentence.start)
    names = [
        fill_country(item.mention.claimed_by, country or None)
        for item in ordered
        if item.mention.claimed_by
    ]
    unique = list(dict.fromkeys(name for name in names if name))
    return "; ".join(unique) or None


def _finest_place(group: list[_Placed], best: _Placed) -> ResolvedPlace | None:
    """The best mention's place, or a finer one of the group inside it (see
    `_fold_coarse_places`)."""
    place = best.place or next((item.place for item in group if item.place), None)
    coarse = _coarse_place(best) or place
    if coarse is None or coarse.level not in COARSE_LEVELS:
        return place
    finer = [
        item.place
        for item in group
        if item.place is not None and _is_fine(item) and _is_inside(item.place, coarse)
    ]
    return finer[0] if finer else place


def _document_country(places: Sequence[ResolvedPlace]) -> tuple[str, str]:
    """For an event placed nowhere: the country (name, code) the report's places name most (its
    actors are that country's), or ("", "") when it names none."""
    counts = Counter((place.country, place.country_code) for place in places if place.country)
    return counts.most_common(1)[0][0] if counts else ("", "")


def _event_from_group(group: list[_Placed], analysis: Analysis) -> Event:
    article = analysis.article
    best = _best(group)
    mention = best.mention
    place = _finest_place(group, best)
    country, country_code = (
        (place.country, place.country_code) if place else _document_country(analysis.places)
    )
    first = _first_actor(group, "actor1")
    actor1, inter1 = _with_country(first, country)
    actor2, inter2 = _with_country(_other_side(group, first), country)
    assoc1, _ = _with_country(_first_actor(group, "assoc_actor_1"), country)
    assoc2, _ = _with_country(_first_actor(group, "assoc_actor_2"), country)
    fatalities = _conservative_fatalities(group)
    quantities = _quantities(group)
    claimed_by = _claimants(group, country)
    certainty = mention.certainty
    when = best.when
    evidence = tuple(
        dict.fromkeys(
            item.mention.sentence for item in sorted(group, key=lambda i: i.mention.sentence.start)
        )
    )
    location = place.name if place else ""
    admin1 = (place.admin1 or (place.name if place.level == "admin1" else "")) if place else ""
    admin2 = (place.admin2 or (place.name if place.level == "admin2" else "")) if place else ""
    return Event(
        event_id=event_id_for(mention, place),
        event_date=when.event_date,
        date_min=when.date_min,
        date_max=when.date_max,
        time_precision=when.time_precision,
        disorder_type=mention.disorder_type,
        event_type=mention.event_type,
        sub_event_type=mention.sub_event_type,
        actor1=actor1,
        assoc_actor_1=assoc1,
        actor2=actor2,
        assoc_actor_2=assoc2,
        inter1=inter1,
        inter2=inter2,
        interaction=interaction_code(inter1, inter2),
        civilian_targeting="Civilian targeting"
        if any(i.mention.civilian_targeting for i in group)
        else "",
        country=country,
        iso=iso_numeric(country_code),
        admin1=admin1,
        admin2=admin2,
        location=location,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=best.geo_precision,
        fatalities=fatalities,
        source=article.outlet or "",
        notes=write_note(
            sub_event_type=mention.sub_event_type,
            event_date=when.event_date,
            actor1=actor1,
            actor2=actor2,
            location=location,
            admin1=admin1,
            country=country,
            fatalities=fatalities,
            claimed_by=claimed_by,
        ),
        tags="; ".join(f"{k}={v}" for k, v in quantities if k in TAGGED_QUANTITIES),
        sources=(Source(article.id, article.url, article.outlet, article.published),),
        evidence=evidence,
        claims=_claims(group, fatalities, country),
        claimed_by=claimed_by,
        quantities=quantities,
        certainty=certainty,
        confidence=max(item.mention.confidence for item in group),
        place_id=place.place_id if place else "",
    )


__all__ = ["interaction_code", "iso_numeric", "resolve_events"]
