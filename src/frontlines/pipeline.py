"""The only module that knows the order of stages: ingest, clean, nlp, extract, resolve, fuse.

Per-document error policy: a document that fails at any stage becomes a `Failure` naming it and
the problem; the rest of the batch goes on. Resources (gazetteer, spaCy pipeline) are loaded once
by `load_resources` and passed in. `Pipeline` holds settings and resources for a run (and the
public Python API); with `workers` > 1 the analysis runs in that many processes (`executor`),
each loading the model once, results taken in input order, store writes in this process.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Any

from spacy.language import Language

from frontlines.clean import clean_document
from frontlines.config import Settings, load_settings
from frontlines.errors import DocumentTimeoutError, FrontlinesError
from frontlines.executor import map_in_processes
from frontlines.executor_dask import map_on_dask
from frontlines.extract import extract_mentions
from frontlines.fuse import merge_events
from frontlines.gazetteer import Gazetteer, load_gazetteer
from frontlines.ingest import read_documents
from frontlines.ingest.ids import content_id
from frontlines.models import Analysis, Article, Document, Event, Failure, ResolvedPlace
from frontlines.nlp import analyse, load_nlp
from frontlines.nlp.pipeline import split_into_chunks
from frontlines.resolve import resolve_events
from frontlines.store import Store, content_hash

logger = logging.getLogger(__name__)

# Bodies longer than this are processed in parts of about this size (cut at paragraph breaks),
# one part at a time: a 5 MB document then needs the memory of a 200 KB one.
LONG_BODY_CHARS = 200_000
# Runs of at most this many documents per worker are processed in one process: a worker's
# start-up (loading the model, ~6 s) is worth more than a few documents (~0.2-0.4 s each).
SMALL_RUN_PER_WORKER = 2
# Seconds one document may spend in cleaning or in nlp -> extract -> resolve before it is
# reported and skipped. The largest bundled and dev documents take a few seconds; a document
# taking minutes is pathological (a parser or pattern gone quadratic), not big.
DOCUMENT_DEADLINE_SECONDS = 300.0


@dataclass(frozen=True, slots=True)
class Resources:
    """What every document needs and is loaded once per run."""

    settings: Settings
    gazetteer: Gazetteer
    nlp: Language


@dataclass(slots=True)
class DocumentResult:
    article: Article
    places: tuple[ResolvedPlace, ...]
    events: tuple[Event, ...]


@dataclass(slots=True)
class RunResult:
    """Everything one pipeline run produced, plus what failed."""

    documents: list[DocumentResult] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def load_resources(settings: Settings) -> Resources:
    """Load the gazetteer (default plus `settings.gazetteer_files`) and the spaCy pipeline."""
    gazetteer = load_gazetteer(settings)
    nlp = load_nlp(settings, gazetteer)
    return Resources(settings=settings, gazetteer=gazetteer, nlp=nlp)


@contextlib.contextmanager
def document_deadline(seconds: float, *, doc_id: str) -> Iterator[None]:
    """Raise DocumentTimeoutError in the block once it has run `seconds`.

    A SIGALRM timer: it interrupts Python code, not a long call inside a C extension (it fires
    when the call returns). Where no such timer can be set (Windows, a thread other than the
    main one, a timer already running), the block runs without a deadline.
    """
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        yield
        return

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise DocumentTimeoutError(doc_id, seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def clean_documents(
    documents: Iterable[Document | Failure],
    *,
    deadline_seconds: float = DOCUMENT_DEADLINE_SECONDS,
) -> Iterator[Article | Failure]:
    """Clean each document; failures (from ingest or cleaning) pass through as `Failure`s.
    A document taking longer than `deadline_seconds` to clean is a Failure too."""
    for item in documents:
        if isinstance(item, Failure):
            yield item
            continue
        try:
            with document_deadline(deadline_seconds, doc_id=item.origin or item.id):
                article = clean_document(item)
        except FrontlinesError as error:
            yield Failure(origin=item.origin or item.id, stage="clean", problem=_problem(error))
            continue
        yield article


def read_articles(
    inputs: Sequence[str], *, published: date | None = None, settings: Settings
) -> Iterator[Article | Failure]:
    """Ingest and clean: the part of the pipeline that needs no NLP resources."""
    documents = read_documents(inputs, published=published, max_chars=settings.max_document_chars)
    return clean_documents(documents)


def analyse_article(article: Article, resources: Resources) -> Analysis:
    return analyse(article, nlp=resources.nlp, gazetteer=resources.gazetteer)


def process_article(article: Article, resources: Resources) -> DocumentResult:
    """nlp -> extract -> resolve for one article. A very long body is processed in parts cut
    at paragraph breaks, one at a time, so memory stays bounded whatever the document's size;
    offsets are shifted back into the whole body."""
    if len(article.body) <= LONG_BODY_CHARS:
        return _process_whole(article, resources)
    places: list[ResolvedPlace] = []
    events: list[Event] = []
    offset = 0
    for part in split_into_chunks(article.body, LONG_BODY_CHARS):
        result = _process_whole(replace(article, body=part), resources)
        places.extend(replace(p, start=p.start + offset, end=p.end + offset) for p in result.places)
        events.extend(_shift_event(event, offset) for event in result.events)
        offset += len(part)
    return DocumentResult(article=article, places=tuple(places), events=tuple(events))


def _process_whole(article: Article, resources: Resources) -> DocumentResult:
    analysis = analyse_article(article, resources)
    mentions = extract_mentions(analysis)
    events = resolve_events(analysis, mentions)
    return DocumentResult(article=article, places=analysis.places, events=tuple(events))


def _shift_event(event: Event, offset: int) -> Event:
    if not offset:
        return event
    evidence = tuple(replace(e, start=e.start + offset, end=e.end + offset) for e in event.evidence)
    return replace(event, evidence=evidence)


def process_articles(
    articles: Iterable[Article | Failure],
    resources: Resources,
    *,
    deadline_seconds: float = DOCUMENT_DEADLINE_SECONDS,
) -> Iterator[DocumentResult | Failure]:
    """nlp -> extract -> resolve for each article, each within `deadline_seconds`."""
    for item in articles:
        yield (
            item
            if isinstance(item, Failure)
            else process_within_deadline(item, resources, deadline_seconds=deadline_seconds)
        )


def process_within_deadline(
    article: Article, resources: Resources, *, deadline_seconds: float = DOCUMENT_DEADLINE_SECONDS
) -> DocumentResult | Failure:
    """`process_article`, or a Failure naming the article when it fails or runs out of time."""
    try:
        with document_deadline(deadline_seconds, doc_id=article.origin or article.id):
            return process_article(article, resources)
    except FrontlinesError as error:
        return Failure(
            origin=article.origin or article.id, stage="extract", problem=_problem(error)
        )


# The resources of a worker process, loaded once by `_start_worker` (or, on a Dask worker, by
# the first task with those settings).
_WORKER_RESOURCES: list[Resources] = []
_DASK_RESOURCES: dict[Settings, Resources] = {}
_DASK_LOCK = threading.Lock()


def _start_worker(settings: Settings) -> None:
    _WORKER_RESOURCES.append(load_resources(settings))


def _process_in_worker(item: Article | Failure) -> DocumentResult | Failure:
    if isinstance(item, Failure):
        return item
    return process_within_deadline(item, _WORKER_RESOURCES[0])


def _process_on_dask(item: Article | Failure, settings: Settings) -> DocumentResult | Failure:
    if isinstance(item, Failure):
        return item
    with _DASK_LOCK:  # a worker with several threads loads the model once
        if settings not in _DASK_RESOURCES:
            _DASK_RESOURCES[settings] = load_resources(settings)
    return process_within_deadline(item, _DASK_RESOURCES[settings])


def _lost_in_worker(item: Article | Failure) -> Failure:
    if isinstance(item, Failure):
        return item
    return Failure(
        origin=item.origin or item.id,
        stage="extract",
        problem="a worker process died twice while processing it; run it alone with "
        "--workers 1 to see why.",
    )


def run_pipeline(
    inputs: Sequence[str],
    resources: Resources,
    *,
    published: date | None = None,
    merge: bool = True,
) -> RunResult:
    """The whole pipeline in memory over all inputs; events merged across documents unless
    `merge` is False."""
    return Pipeline(resources=resources).run(inputs, published=published, merge=merge)


def _problem(error: FrontlinesError) -> str:
    problem = getattr(error, "problem", None)
    return str(problem) if problem else str(error)


def iter_places(
    inputs: Sequence[str], resources: Resources, *, published: date | None = None
) -> Iterator[tuple[Article, tuple[ResolvedPlace, ...]] | Failure]:
    """Ingest, clean and analyse only: the places each document mentions (`frontlines places`)."""
    for item in read_articles(inputs, published=published, settings=resources.settings):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield item, analyse_article(item, resources).places
        except FrontlinesError as error:
            yield Failure(origin=item.origin or item.id, stage="nlp", problem=_problem(error))


@dataclass(slots=True)
class IngestTally:
    """What one ingest into the store did."""

    stored: int = 0
    already: int = 0
    events_in: int = 0
    events_written: int = 0
    events_removed: int = 0
    failures: list[Failure] = field(default_factory=list)
    documents: list[DocumentResult] = field(default_factory=list)


def ingest_into_store(
    inputs: Sequence[str],
    store: Store,
    *,
    settings: Settings,
    published: date | None = None,
    resources: Resources | None = None,
    workers: int = 1,
) -> IngestTally:
    """Incremental ingest: each document not yet stored (by content hash) goes through the
    pipeline and its events are merged into the stored events, one transaction per document,
    so an interrupted run resumes without loss or duplicates. Resources are loaded only when a
    new document needs them; the store is written from this process only."""
    pipeline = Pipeline(settings, resources=resources, workers=workers)
    return pipeline.ingest(inputs, store, published=published)


ProgressCallback = Callable[[], None]


class Pipeline:
    """The pipeline for one run or one program: settings in, resources loaded once on first use.

    `workers` > 1 runs nlp -> extract -> resolve in that many processes (each loads the model
    once); with a Dask `client` (see `executor_dask.dask_client`) it runs on that cluster's
    workers. The output is the same as with one worker, in the same order. A `Pipeline` with
    workers or a client never loads the spaCy model in this process.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        gazetteer: Sequence[str | Path] = (),
        workers: int = 1,
        resources: Resources | None = None,
        client: Any = None,
    ) -> None:
        base = settings or (resources.settings if resources else load_settings())
        extra = tuple(Path(p) for p in gazetteer)
        self.settings = replace(base, gazetteer_files=base.gazetteer_files + extra)
        self.workers = max(1, workers)
        self.client = client
        self._resources = resources
        self._gazetteer: Gazetteer | None = resources.gazetteer if resources else None

    @property
    def resources(self) -> Resources:
        """Gazetteer and spaCy pipeline, loaded on first use."""
        if self._resources is None:
            self._resources = load_resources(self.settings)
            self._gazetteer = self._resources.gazetteer
        return self._resources

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer alone (what the store needs), loaded on first use."""
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer(self.settings)
        return self._gazetteer

    def extract(
        self,
        text: str,
        *,
        published: date | None = None,
        url: str | None = None,
        outlet: str | None = None,
        merge: bool = True,
    ) -> list[Event]:
        """The events in one text, as `frontlines extract` gives them for a .txt file.

        Raises:
            FrontlinesError: the text cannot be cleaned or analysed (e.g. not English).
        """
        document = Document(
            id=content_id(text), text=text, published=published, url=url, outlet=outlet
        )
        result = process_article(clean_document(document), self.resources)
        return merge_events(list(result.events)) if merge else list(result.events)

    def process(
        self,
        articles: Iterable[Article | Failure],
        *,
        on_done: ProgressCallback | None = None,
    ) -> Iterator[DocumentResult | Failure]:
        """nlp -> extract -> resolve for each article, in input order, in `workers` processes.

        A stream of at most SMALL_RUN_PER_WORKER documents per worker is processed here, in
        one process: starting the workers (each loading the model) would cost more than it
        saves. The output is the same either way."""
        results: Iterator[DocumentResult | Failure]
        workers = self.workers
        if self.client is None and workers > 1:
            head = list(itertools.islice(articles, SMALL_RUN_PER_WORKER * workers + 1))
            if len(head) <= SMALL_RUN_PER_WORKER * workers:
                workers = 1
            articles = itertools.chain(head, articles)
        if self.client is not None:
            results = map_on_dask(
                _process_on_dask,
                articles,
                client=self.client,
                extra_args=(self.settings,),
                on_lost=_lost_in_worker,
            )
        elif workers == 1:
            results = process_articles(articles, self.resources)
        else:
            results = map_in_processes(
                _process_in_worker,
                articles,
                workers=workers,
                initializer=_start_worker,
                initargs=(self.settings,),
                on_lost=_lost_in_worker,
            )
        for item in results:
            if on_done is not None:
                on_done()
            yield item

    def run(
        self,
        inputs: Sequence[str],
        *,
        published: date | None = None,
        merge: bool = True,
        on_done: ProgressCallback | None = None,
    ) -> RunResult:
        """The whole pipeline in memory over all inputs (see `run_pipeline`)."""
        result = RunResult()
        articles = read_articles(inputs, published=published, settings=self.settings)
        for item in self.process(articles, on_done=on_done):
            if isinstance(item, Failure):
                logger.info("skipped %s: %s", item.origin, item.problem)
                result.failures.append(item)
            else:
                result.documents.append(item)
        events = [event for document in result.documents for event in document.events]
        result.events = merge_events(events) if merge else events
        return result

    def ingest(
        self,
        inputs: Sequence[str],
        store: Store,
        *,
        published: date | None = None,
        on_done: ProgressCallback | None = None,
    ) -> IngestTally:
        """Incremental ingest into `store` (see `ingest_into_store`); writes stay here."""
        tally = IngestTally()

        def new_articles() -> Iterator[Article]:
            for item in read_articles(inputs, published=published, settings=self.settings):
                if isinstance(item, Failure):
                    tally.failures.append(item)
                elif store.has_document(content_hash(item)):
                    tally.already += 1
                else:
                    yield item

        articles = new_articles()
        first = next(articles, None)
        if first is None:  # nothing new: no model, no worker is started
            return tally
        for item in self.process(_chain_one(first, articles), on_done=on_done):
            if isinstance(item, Failure):
                tally.failures.append(item)
                continue
            article = item.article
            try:
                outcome = store.add_document(article, item.events, gazetteer=self.gazetteer)
            except FrontlinesError as error:
                tally.failures.append(
                    Failure(
                        origin=article.origin or article.id, stage="store", problem=_problem(error)
                    )
                )
                continue
            if not outcome.stored:
                tally.already += 1
                continue
            tally.stored += 1
            tally.events_in += outcome.events_in
            tally.events_written += outcome.events_written
            tally.events_removed += outcome.events_removed
            tally.documents.append(item)
        return tally


def _chain_one(first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    yield first
    yield from rest


def extract_events(
    text: str,
    *,
    published: date | None = None,
    gazetteer: Sequence[str | Path] = (),
) -> list[Event]:
    """The events in one text (the public one-call API; `Pipeline` keeps the model loaded
    across calls — this loads it on every call).

    Args:
        text: the plain text of one report (a header block as in SCHEMA.md §1 is not read).
        published: its publication date, which anchors relative dates ("on Saturday").
        gazetteer: extra gazetteer files (SCHEMA §5 CSV, GeoNames, geoBoundaries) to add to
            the default world gazetteer.
    """
    return Pipeline(gazetteer=gazetteer).extract(text, published=published)
