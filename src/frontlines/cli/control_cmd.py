"""`frontlines control`: each district's control status as of a day, from inputs or the store."""

from __future__ import annotations

import argparse
import sys

from frontlines.cli.common import (
    add_gazetteer_argument,
    inputs_unreadable,
    parse_date,
    report_failures,
    settings_from_args,
    write_jsonl,
)
from frontlines.cli.store_cmd import database_url
from frontlines.control import build_changes, control_as_of
from frontlines.models import ControlChange, Failure
from frontlines.store import open_store

EXIT_USAGE = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    control = subparsers.add_parser(
        "control",
        help="print each district's control status as of a day",
        description="Run the pipeline in memory over INPUTs (or read the store with --db) and "
        "print one SCHEMA §6 record per district.",
    )
    control.add_argument(
        "inputs", nargs="*", metavar="INPUT", help="files, folders, feed URLs, or - for stdin"
    )
    control.add_argument(
        "--published",
        type=parse_date,
        default=None,
        metavar="DATE",
        help="publication date for documents that have none (anchors relative dates)",
    )
    add_gazetteer_argument(control)
    control.add_argument("--db", metavar="URL", help="read events from this store, not INPUTs")
    control.add_argument("--as-of", type=parse_date, required=True, metavar="DATE")
    control.add_argument("--format", choices=("jsonl",), default="jsonl")
    control.set_defaults(run=run_control)


def run_control(args: argparse.Namespace) -> int:
    if bool(args.inputs) == bool(args.db):
        print("frontlines control: give INPUT files or --db URL (one of them).", file=sys.stderr)
        return EXIT_USAGE
    failures: list[Failure] = []
    changes: list[ControlChange]
    settings = settings_from_args(args)
    if args.db:
        store = open_store(database_url(args.db, settings))
        try:
            changes = list(store.iter_control_changes())
        finally:
            store.close()
    else:
        from frontlines.pipeline import load_resources, run_pipeline

        if inputs_unreadable(args):
            return 1
        resources = load_resources(settings)
        result = run_pipeline(args.inputs, resources, published=args.published)
        failures = result.failures
        changes = build_changes(result.events, gazetteer=resources.gazetteer)
    write_jsonl((record.to_json() for record in control_as_of(changes, args.as_of)), sys.stdout)
    return 1 if report_failures(failures, sys.stderr) else 0
