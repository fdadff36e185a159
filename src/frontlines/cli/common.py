"""Options and output helpers shared by several commands."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from frontlines.config import Settings, load_settings
from frontlines.models import Failure


def parse_date(value: str) -> date:
    """argparse type for YYYY-MM-DD."""
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date; use YYYY-MM-DD.") from error


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files, folders, feed URLs, or - for stdin"
    )
    parser.add_argument(
        "--published",
        type=parse_date,
        default=None,
        metavar="DATE",
        help="publication date for documents that have none (anchors relative dates)",
    )
    add_verbosity_arguments(parser)


def add_verbosity_arguments(parser: argparse.ArgumentParser) -> None:
    """-v (progress details in the log) and -q (errors only, no progress or summary)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-v", "--verbose", action="store_true", help="log each skipped document and each stage"
    )
    group.add_argument(
        "-q", "--quiet", action="store_true", help="print errors only: no progress, no summary"
    )


def add_workers_argument(parser: argparse.ArgumentParser) -> None:
    # Imported here: the executor loads multiprocessing and threadpoolctl, which only the
    # verbs that analyse documents need.
    from frontlines.executor import default_workers

    parser.add_argument(
        "--workers",
        type=positive_int,
        default=default_workers(),
        metavar="N",
        help="processes for the analysis, each loading the model once (default: the machine's "
        f"cores, here {default_workers()}); the output is the same for any N",
    )


def positive_int(value: str) -> int:
    """argparse type for a whole number of at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of at least 1.")
    return int(value)


def inputs_unreadable(args: argparse.Namespace, err: TextIO | None = None) -> bool:
    """Check the command's INPUTs before anything slow is loaded; print one line per input that
    cannot be read and return True when there was one."""
    # Imported here: the ingest package loads trafilatura and dateparser, which verbs that only
    # read the store (report, serve, events) do not need.
    from frontlines.ingest.checks import check_inputs

    return report_failures(check_inputs(args.inputs), err) > 0


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def report_failures(failures: Iterable[Failure], err: TextIO | None = None) -> int:
    """Print one line per failure; return how many there were."""
    err = err or sys.stderr
    count = 0
    for failure in failures:
        err.write(f"frontlines: {failure.message()}\n")
        count += 1
    return count


def add_gazetteer_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gazetteer",
        action="append",
        default=[],
        metavar="FILE",
        help="add a gazetteer source (SCHEMA §5 CSV, GeoNames dump, geoBoundaries GeoJSON); "
        "repeatable",
    )


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from the environment plus the command's --gazetteer and --db options."""
    extra = tuple(Path(p) for p in getattr(args, "gazetteer", []) or [])
    base = load_settings()
    return load_settings(
        gazetteer_files=base.gazetteer_files + extra,
        db_url=getattr(args, "db", None),
    )
