"""`frontlines demo`: the main job on the embedded defaults — the bundled sample reports, the
default gazetteer and a SQLite store — and a summary an analyst can read at a glance."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from importlib import resources as package_files
from pathlib import Path
from typing import TextIO

from frontlines.cli.common import add_gazetteer_argument, report_failures, settings_from_args
from frontlines.control import build_changes
from frontlines.models import ControlChange, Event
from frontlines.pipeline import RunResult, load_resources, run_pipeline


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
    demo.set_defaults(run=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    inputs = args.inputs or [str(sample_reports_dir())]
    resources = load_resources(settings_from_args(args))
    result = run_pipeline(inputs, resources)
    changes = build_changes(result.events)
    print_summary(result, changes, sys.stdout)
    return 1 if report_failures(result.failures) else 0


def print_summary(result: RunResult, changes: Sequence[ControlChange], out: TextIO) -> None:
    documents = result.documents
    comments = sum(len(d.article.comments) for d in documents)
    out.write(
        f"{len(documents)} documents read ({comments} reader comments kept apart, never "
        f"evidence), {len(result.failures)} skipped; {len(result.events)} events.\n"
    )
    _write_counts("Events by type", Counter(_type_label(e) for e in result.events), out)
    _write_counts(
        "Events by province", Counter(e.admin1 or "(unplaced)" for e in result.events), out
    )
    out.write(f"\nControl changes ({len(changes)}):\n")
    for change in sorted(changes, key=lambda c: (c.date, c.admin1, c.admin2)):
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
