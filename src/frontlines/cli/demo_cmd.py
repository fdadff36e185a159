"""`frontlines demo`: the main job on the embedded defaults — the bundled sample reports, the
default gazetteer and the SQLite store — and a summary an analyst can read at a glance."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from importlib import resources as package_files
from pathlib import Path
from typing import TextIO

from frontlines.cli.common import add_gazetteer_argument, report_failures, settings_from_args
from frontlines.cli.store_cmd import add_db_argument, database_url, ingest_summary
from frontlines.models import ControlChange, Event
from frontlines.store import open_store


def sample_reports_dir() -> Path:
    """The folder of bundled sample reports shipped inside the package."""
    return Path(str(package_files.files("frontlines") / "data" / "samples"))


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="run the whole pipeline on the bundled sample reports and print a summary",
    )
    demo.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="inputs to use instead of the bundled samples",
    )
    add_gazetteer_argument(demo)
    add_db_argument(demo)
    demo.set_defaults(run=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    # The NLP pipeline is imported here so other verbs start without loading spaCy.
    from frontlines.pipeline import ingest_into_store

    inputs = args.inputs or [str(sample_reports_dir())]
    settings = settings_from_args(args)
    store = open_store(database_url(args.db, settings))
    try:
        tally = ingest_into_store(inputs, store, settings=settings)
        failed = report_failures(tally.failures)
        sys.stdout.write(ingest_summary(tally, failed, store) + "\n")
        events = list(store.iter_events())
        changes = list(store.iter_control_changes())
        print_summary(events, changes, sys.stdout)
    finally:
        store.close()
    return 1 if failed else 0


def print_summary(events: Sequence[Event], changes: Sequence[ControlChange], out: TextIO) -> None:
    """Events by type and by province, then the dated control changes per district."""
    _write_counts("Events by type", Counter(_type_label(e) for e in events), out)
    _write_counts("Events by province", Counter(e.admin1 or "(unplaced)" for e in events), out)
    out.write(f"\nControl changes ({len(changes)}):\n")
    for change in sorted(changes, key=lambda c: (c.date, c.admin1, c.admin2, c.status)):
        actor = f" ({change.actor})" if change.actor else ""
        out.write(
            f"  {change.date.isoformat()}  {change.admin2}, {change.admin1}: "
            f"{change.status}{actor}\n"
        )


def _type_label(event: Event) -> str:
    return f"{event.event_type} / {event.sub_event_type}"


def _write_counts(title: str, counts: Counter[str], out: TextIO) -> None:
    out.write(f"\n{title}:\n")
    for label, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        out.write(f"  {count:4d}  {label}\n")
