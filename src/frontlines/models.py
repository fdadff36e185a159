"""The frozen records handed from one pipeline stage to the next: the project's shared vocabulary.

Data flows one way: Document (ingest) -> Article (clean) -> Analysis (nlp: spaCy doc + places)
-> Mention (extract) -> Event (resolve) -> merged Event (fuse) -> ControlRecord (control).
Public field names follow ../shared/SCHEMA.md (and ACLED's export columns where ACLED has one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class Document:
    """One raw input document as read by `ingest` (SCHEMA.md §1). Either `text` or `html` is set."""

    id: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    title: str | None = None
    kind: str | None = None  # article | transcript | press-release | post (as given)
    language: str | None = None
    origin: str = ""  # where it was read from: "path", "path:line", a URL, or "-"


@dataclass(frozen=True, slots=True)
class Failure:
    """A document (or input) that could not be processed; the batch goes on without it."""

    origin: str  # the file, file:line, URL or document id that failed
    stage: str  # ingest | clean | nlp | extract | resolve | store | ...
    problem: str  # one sentence: what failed, the value, what to do

    def message(self) -> str:
        return f"{self.origin}: {self.problem}"


# --------------------------------------------------------------------------- clean


@dataclass(frozen=True, slots=True)
class Comment:
    """A reader comment: kept for context, scored for abuse, never evidence for an event."""

    author: str | None
    text: str
    start: int  # offsets into Article.original
    end: int
    toxicity: float  # 0..1
    parent: int | None = None  # index in Article.comments of the comment this one answers


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the original text removed from the body, and why (nothing is lost)."""

    text: str
    reason: str  # boilerplate | caption | edit-stamp | share | comment-header | ...
    start: int  # offsets into Article.original
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned document (SCHEMA.md §2): the body alone, comments and removed pieces kept apart."""

    id: str
    body: str  # evidence offsets point into this text
    original: str  # the text that comment/removed offsets point into
    title: str | None = None
    kind: str = "article"  # article | article-with-comments | transcript | press-release | post
    language: str = "en"
    comments: tuple[Comment, ...] = ()
    removed: tuple[Removed, ...] = ()
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    origin: str = ""

    @property
    def is_transcript(self) -> bool:
        return self.kind == "transcript"


# --------------------------------------------------------------------------- gazetteer / places

LEVELS = ("country", "admin1", "admin2", "place")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One row of the gazetteer (SCHEMA.md §5)."""

    id: str
    name: str
    level: str  # country | admin1 | admin2 | place
    country_code: str  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    alt_names: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A place mention in a body resolved to a gazetteer entry (SCHEMA.md §4)."""

    doc_id: str
    mention: str  # the text as written
    start: int  # offsets into Article.body
    end: int
    name: str  # the gazetteer name
    level: str
    country: str  # country name
    country_code: str
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    score: float  # 0..1
    rule: str = ""  # which rule matched (exact, alt-name, variant, phonetic, context, ...)
    place_id: str = ""  # gazetteer id

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "mention": self.mention,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "level": self.level,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "score": round(self.score, 3),
            "rule": self.rule,
            "place_id": self.place_id,
        }


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class DateRange:
    """When an event happened as far as the text supports it (ACLED time_precision 1..3)."""

    event_date: date | None
    date_min: date | None
    date_max: date | None
    time_precision: int  # 1 day, 2 within a week, 3 within a month; 3 also for unresolved
    expression: str | None = None  # the words the date came from ("last night", dateline, ...)


# --------------------------------------------------------------------------- evidence, actors


class Inter(IntEnum):
    """ACLED's actor-type codes (inter1/inter2); an int, so `Inter.CIVILIANS == 7`."""

    STATE_FORCES = 1
    REBEL_GROUP = 2
    POLITICAL_MILITIA = 3
    IDENTITY_MILITIA = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_OTHER_FORCES = 8


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words behind an event or field: offsets into the cleaned body of one document."""

    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Source:
    doc_id: str
    url: str | None
    outlet: str | None
    published: date | None


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure or fact asserted by a party, or a per-source value where sources disagree."""

    doc_id: str
    claimed_by: str | None
    field: str  # fatalities | troops | actor1 | event_type | ...
    value: str | int | None


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor with its ACLED inter code (1 state forces ... 8 external/other)."""

    name: str
    inter: int
    text: str = ""  # as written in the text
    start: int = -1  # offsets into Article.body, -1 when inferred
    end: int = -1


# --------------------------------------------------------------------------- nlp, extract


@dataclass(frozen=True, slots=True)
class Analysis:
    """The nlp stage's output for one article: the spaCy doc and the places it mentions."""

    article: Article
    doc: Any  # spacy.tokens.Doc over article.body
    places: tuple[ResolvedPlace, ...] = ()
    gazetteer: Any = None  # the gazetteer.Gazetteer the places were resolved with (for resolve)


@dataclass(frozen=True, slots=True)
class Mention:
    """One event mention found in a sentence, before it is placed and dated (extract output)."""

    doc_id: str
    event_type: str
    sub_event_type: str
    disorder_type: str
    trigger: Evidence  # the trigger word(s)
    sentence: Evidence  # the whole sentence
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actor_1: Actor | None = None
    assoc_actor_2: Actor | None = None
    places: tuple[ResolvedPlace, ...] = ()  # places this mention is about, best first
    fatalities: int | None = None  # None: not reported
    quantities: tuple[tuple[str, int], ...] = ()  # ("troops", 1037), ("wounded", 4), ...
    claimed_by: str | None = None
    certainty: str = "reported"  # reported | claimed | unconfirmed
    civilian_targeting: bool = False
    confidence: float = 0.5
    extra_evidence: tuple[Evidence, ...] = ()


# --------------------------------------------------------------------------- events (SCHEMA §3)

ACLED_COLUMNS = (
    "event_id",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)


@dataclass(frozen=True, slots=True)
class Event:
    """A typed, placed, dated and counted event (SCHEMA.md §3), from one or many sources."""

    event_id: str
    event_date: date | None
    date_min: date | None
    date_max: date | None
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str = ""
    actor2: str = ""
    assoc_actor_2: str = ""
    inter1: int = 0
    inter2: int = 0
    interaction: int = 0
    civilian_targeting: str = ""  # "Civilian targeting" or ""
    country: str = ""
    iso: int = 0  # ISO 3166-1 numeric
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    fatalities: int = 0
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    tags: str = ""
    region: str = ""
    sources: tuple[Source, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    claims: tuple[Claim, ...] = ()
    claimed_by: str | None = None
    quantities: tuple[tuple[str, int], ...] = ()
    certainty: str = "reported"
    confidence: float = 0.5
    place_id: str = ""  # gazetteer id of `location`, for merging and control

    def to_json(self) -> dict[str, Any]:
        """The SCHEMA.md §3 JSON record."""
        return {
            "event_id": self.event_id,
            "event_date": _iso(self.event_date),
            "date_min": _iso(self.date_min),
            "date_max": _iso(self.date_max),
            "year": self.event_date.year if self.event_date else None,
            "time_precision": self.time_precision,
            "disorder_type": self.disorder_type,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "assoc_actor_1": self.assoc_actor_1,
            "inter1": self.inter1,
            "actor2": self.actor2,
            "assoc_actor_2": self.assoc_actor_2,
            "inter2": self.inter2,
            "interaction": self.interaction,
            "civilian_targeting": self.civilian_targeting,
            "iso": self.iso,
            "region": self.region,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "admin3": self.admin3,
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "source": self.source,
            "source_scale": self.source_scale,
            "notes": self.notes,
            "fatalities": self.fatalities,
            "tags": self.tags,
            "sources": [
                {
                    "doc_id": s.doc_id,
                    "url": s.url,
                    "outlet": s.outlet,
                    "published": _iso(s.published),
                }
                for s in self.sources
            ],
            "evidence": [
                {"doc_id": e.doc_id, "start": e.start, "end": e.end, "text": e.text}
                for e in self.evidence
            ],
            "claims": [
                {"doc_id": c.doc_id, "claimed_by": c.claimed_by, "field": c.field, "value": c.value}
                for c in self.claims
            ],
            "claimed_by": self.claimed_by,
            "quantities": dict(self.quantities),
            "certainty": self.certainty,
            "confidence": round(self.confidence, 3),
            "place_id": self.place_id,
        }


# --------------------------------------------------------------------------- control (SCHEMA §6)

CONTROL_STATUSES = ("controlled", "contested", "government", "unconfirmed")


@dataclass(frozen=True, slots=True)
class ControlChange:
    """One dated change of a district's status, with the events and sources behind it."""

    country: str
    admin1: str
    admin2: str
    status: str  # controlled | contested | government | unconfirmed
    actor: str | None
    date: date
    event_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class ControlRecord:
    """A district's status as of a date (SCHEMA.md §6)."""

    country: str
    admin1: str
    admin2: str
    status: str
    actor: str | None
    since: date
    event_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    conflicting: tuple[tuple[str, str, date], ...] = ()  # (status, source, date)

    def to_json(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "status": self.status,
            "actor": self.actor,
            "since": self.since.isoformat(),
            "event_ids": list(self.event_ids),
            "sources": list(self.sources),
            "conflicting": [
                {"status": s, "source": src, "date": d.isoformat()}
                for s, src, d in self.conflicting
            ],
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


__all__ = [
    "ACLED_COLUMNS",
    "CONTROL_STATUSES",
    "LEVELS",
    "Actor",
    "Analysis",
    "Article",
    "Claim",
    "Comment",
    "ControlChange",
    "ControlRecord",
    "DateRange",
    "Document",
    "Event",
    "Evidence",
    "Failure",
    "GazetteerEntry",
    "Mention",
    "Removed",
    "ResolvedPlace",
    "Source",
]
