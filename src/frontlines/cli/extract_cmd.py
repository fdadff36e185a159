"""`frontlines extract` and `frontlines places`: run the pipeline in memory and print records."""

from __future__ import annotations

import argparse
import sys

from frontlines.cli.common import (
    add_gazetteer_argument,
    add_input_arguments,
    add_workers_argument,
    inputs_unreadable,
    report_failures,
    settings_from_args,
    write_jsonl,
)
from frontlines.cli.progress import progress_for
from frontlines.exports import write_acled_csv, write_geojson
from frontlines.models import Failure

EVENT_FORMATS = ("jsonl", "csv", "geojson")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    extract = subparsers.add_parser(
        "extract",
        help="extract events from documents and print them",
        description="Run the whole pipeline in memory over all inputs and print the events "
        "(merged across documents unless --no-merge).",
    )
    add_input_arguments(extract)
    add_gazetteer_argument(extract)
    extract.add_argument("--format", choices=EVENT_FORMATS, default="jsonl")
    extract.add_argument(
        "--no-merge", action="store_true", help="keep each document's events apart"
    )
    add_workers_argument(extract)
    extract.set_defaults(run=run_extract)

    places = subparsers.add_parser(
        "places",
        help="print the places each document mentions, resolved against the gazetteer",
    )
    add_input_arguments(places)
    add_gazetteer_argument(places)
    places.add_argument("--format", choices=("jsonl",), default="jsonl")
    places.set_defaults(run=run_places)


def run_extract(args: argparse.Namespace) -> int:
    if inputs_unreadable(args):
        return 1
    # The NLP pipeline is imported here so other verbs start without loading spaCy.
    from frontlines.pipeline import Pipeline

    pipeline = Pipeline(settings_from_args(args), workers=args.workers)
    progress = progress_for(args.inputs, quiet=args.quiet)
    try:
        result = pipeline.run(
            args.inputs, published=args.published, merge=not args.no_merge, on_done=progress.tick
        )
    finally:
        progress.close()
    events = sorted(result.events, key=lambda e: (e.event_date is None, e.event_date, e.event_id))
    if args.format == "csv":
        write_acled_csv(events, sys.stdout)
    elif args.format == "geojson":
        write_geojson(events, sys.stdout)
    else:
        write_jsonl((event.to_json() for event in events), sys.stdout)
    return 1 if report_failures(result.failures) else 0


def run_places(args: argparse.Namespace) -> int:
    if inputs_unreadable(args):
        return 1
    from frontlines.pipeline import iter_places, load_resources

    resources = load_resources(settings_from_args(args))
    failures: list[Failure] = []
    for item in iter_places(args.inputs, resources, published=args.published):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        _article, places = item
        write_jsonl(place.to_json() for place in places)
    return 1 if report_failures(failures) else 0
