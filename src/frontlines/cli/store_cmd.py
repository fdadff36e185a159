"""`frontlines ingest`, `events` and `export`: the event store from the command line."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from frontlines.cli.common import (
    add_gazetteer_argument,
    add_input_arguments,
    add_workers_argument,
    inputs_unreadable,
    parse_date,
    positive_int,
    report_failures,
    settings_from_args,
)
from frontlines.config import Settings, load_settings
from frontlines.exports import write_acled_csv, write_geojson, write_jsonl
from frontlines.models import Event
from frontlines.store import EventQuery, Store, open_store

if TYPE_CHECKING:
    from frontlines.pipeline import IngestTally

EXPORT_FORMATS = ("acled-csv", "geojson", "jsonl")
# Width of the place and actor columns of `frontlines events --format table`.
TABLE_PLACE_WIDTH = 28
TABLE_ACTORS_WIDTH = 48


def database_url(value: str | None, settings: Settings) -> str:
    """A database URL from --db: a URL as given, a bare path as a SQLite file, else the setting."""
    if not value:
        return settings.db_url
    return value if "://" in value else f"sqlite:///{value}"


def add_db_argument(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument(
        "--db",
        required=required,
        metavar="URL",
        help="database URL (sqlite:///frontlines.db, postgresql://…) or a SQLite file path; "
        "default FRONTLINES_DB_URL or ./frontlines.db",
    )


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ingest = subparsers.add_parser(
        "ingest",
        help="extract events from documents into the store (idempotent, resumable)",
        description="Store each document not stored yet (by content hash) with its events, "
        "merged into the stored events; one transaction per document.",
    )
    add_input_arguments(ingest)
    add_gazetteer_argument(ingest)
    add_db_argument(ingest)
    add_workers_argument(ingest)
    cluster = ingest.add_mutually_exclusive_group()
    cluster.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="run the analysis on this Dask scheduler's workers (store writes stay here)",
    )
    cluster.add_argument(
        "--dask-workers",
        type=positive_int,
        metavar="N",
        help="run the analysis on a local Dask cluster of N processes on 127.0.0.1",
    )
    ingest.set_defaults(run=run_ingest)

    events = subparsers.add_parser("events", help="list stored events, filtered")
    add_db_argument(events)
    events.add_argument("--since", type=parse_date, metavar="DATE", help="on or after DATE")
    events.add_argument("--until", type=parse_date, metavar="DATE", help="on or before DATE")
    events.add_argument("--type", metavar="T", help="event type or sub-event type (exact)")
    events.add_argument("--place", metavar="P", help="location, district or province contains P")
    events.add_argument("--actor", metavar="A", help="either actor contains A")
    events.add_argument("--text", metavar="Q", help="an evidence sentence contains Q")
    events.add_argument("--format", choices=("table", "jsonl"), default="table")
    events.set_defaults(run=run_events)

    export = subparsers.add_parser("export", help="export every stored event")
    add_db_argument(export, required=True)
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    export.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    export.set_defaults(run=run_export)


def ingest_summary(tally: IngestTally, failed: int, store: Store) -> str:
    return (
        f"ingested {tally.stored} documents ({tally.already} already stored, {failed} failed): "
        f"{tally.events_in} events extracted, {tally.events_written} stored events new or "
        f"updated, {tally.events_removed} merged away; the store now holds "
        f"{store.count_events()} events from {store.count_documents()} documents."
    )


def run_ingest(args: argparse.Namespace) -> int:
    # The NLP pipeline is imported here so the store verbs work without loading it.
    from frontlines.cli.progress import progress_for
    from frontlines.pipeline import Pipeline

    if inputs_unreadable(args):
        return 1
    settings = settings_from_args(args)
    store = open_store(database_url(args.db, settings))
    progress = progress_for(args.inputs, quiet=args.quiet)
    try:
        with contextlib.ExitStack() as stack:
            client = None
            if args.scheduler or args.dask_workers:
                from frontlines.executor_dask import dask_client

                client = stack.enter_context(
                    dask_client(scheduler=args.scheduler, workers=args.dask_workers)
                )
            pipeline = Pipeline(settings, workers=args.workers, client=client)
            tally = pipeline.ingest(
                args.inputs, store, published=args.published, on_done=progress.tick
            )
        progress.close()
        failed = report_failures(tally.failures, sys.stderr)
        if not args.quiet:
            print(ingest_summary(tally, failed, store))
    finally:
        progress.close()
        store.close()
    return 1 if failed else 0


def run_events(args: argparse.Namespace) -> int:
    store = open_store(database_url(args.db, load_settings()))
    query = EventQuery(
        since=args.since,
        until=args.until,
        event_type=args.type,
        place=args.place,
        actor=args.actor,
        text=args.text,
    )
    try:
        events = store.iter_events(query)
        if args.format == "jsonl":
            write_jsonl(events, sys.stdout)
        else:
            write_table(events, sys.stdout)
    finally:
        store.close()
    return 0


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def write_table(events: Iterable[Event], out: TextIO) -> int:
    """A fixed-width table for people: date, type, place, actors, fatalities, sources."""
    header = (
        f"{'date':<10}  {'sub-event type':<36}  {'place':<{TABLE_PLACE_WIDTH}}  "
        f"{'actors':<{TABLE_ACTORS_WIDTH}}  {'fat':>4}  src  event_id"
    )
    out.write(header + "\n")
    count = 0
    for event in events:
        place = ", ".join(p for p in (event.location, event.admin1) if p)
        actors = " vs ".join(a for a in (event.actor1, event.actor2) if a)
        day = event.event_date.isoformat() if event.event_date else "?"
        out.write(
            f"{day:<10}  {_cut(event.sub_event_type, 36):<36}  "
            f"{_cut(place, TABLE_PLACE_WIDTH):<{TABLE_PLACE_WIDTH}}  "
            f"{_cut(actors, TABLE_ACTORS_WIDTH):<{TABLE_ACTORS_WIDTH}}  "
            f"{event.fatalities:>4}  {len(event.sources):>3}  {event.event_id}\n"
        )
        count += 1
    return count


def run_export(args: argparse.Namespace) -> int:
    store = open_store(database_url(args.db, load_settings()))
    try:
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                export_events(store, args.format, out)
        else:
            export_events(store, args.format, sys.stdout)
    finally:
        store.close()
    return 0


def export_events(store: Store, format_name: str, out: TextIO) -> int:
    """Stream every stored event to `out` in one of EXPORT_FORMATS; return how many."""
    events = store.iter_events()
    if format_name == "acled-csv":
        return write_acled_csv(events, out)
    if format_name == "geojson":
        return write_geojson(events, out)
    return write_jsonl(events, out)
