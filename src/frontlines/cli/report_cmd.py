"""`frontlines report`: a situation report (HTML, PDF or Markdown) for a period from the store."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from frontlines.cli.store_cmd import database_url
from frontlines.config import load_settings
from frontlines.errors import ReportRequestError
from frontlines.report import (
    FORMATS,
    ReportRequest,
    build_report_data,
    check_period,
    render_report,
)
from frontlines.report.layouts import TEMPLATE_NAMES
from frontlines.store import open_store

EXIT_OK, EXIT_USAGE = 0, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = subparsers.add_parser(
        "report",
        help="write a situation report for a period from the store (html, pdf or md)",
        description="Headline control changes, events by type and province, fatalities over "
        "time, top events, a map and a method box, for the events of a period in the store.",
    )
    report.add_argument("--db", required=True, metavar="URL", help="database URL or SQLite path")
    report.add_argument("--from", dest="start", required=True, metavar="DATE", help="first day")
    report.add_argument("--to", dest="end", required=True, metavar="DATE", help="last day")
    report.add_argument("--country", metavar="C", help="only this country (as the store names it)")
    report.add_argument(
        "--admin1", action="append", default=[], metavar="P", help="only this province; repeatable"
    )
    report.add_argument(
        "--template",
        choices=TEMPLATE_NAMES,
        help="daily or weekly layout (default: daily for 1-2 days, else weekly)",
    )
    report.add_argument("--format", choices=FORMATS, required=True)
    report.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    report.set_defaults(run=run_report)


def _usage(message: str) -> int:
    print(f"frontlines report: {message}", file=sys.stderr)
    return EXIT_USAGE


def _date(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ReportRequestError(f"{option} '{value}' is not a date; use YYYY-MM-DD.") from error


def _sqlite_path(url: str) -> Path | None:
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == "sqlite:///:memory:":
        return None
    return Path(url.removeprefix(prefix))


def run_report(args: argparse.Namespace) -> int:
    try:
        request = ReportRequest(
            start=_date(args.start, "--from"),
            end=_date(args.end, "--to"),
            country=args.country,
            admin1=tuple(args.admin1),
            template=args.template,
        )
        check_period(request.start, request.end)
    except ReportRequestError as error:
        return _usage(str(error))
    if args.format == "pdf" and not args.output and sys.stdout.isatty():
        return _usage("a PDF is not written to a terminal; give -o FILE (or redirect stdout).")
    url = database_url(args.db, load_settings())
    path = _sqlite_path(url)
    if path is not None and not path.is_file():
        return _usage(f"no store at {path}; give the --db of a store `frontlines ingest` filled.")
    store = open_store(url)
    try:
        data = build_report_data(request, store)
    except ReportRequestError as error:
        return _usage(str(error))
    finally:
        store.close()
    content = render_report(data, args.format)  # rendered in full before anything is written
    if args.output:
        Path(args.output).write_bytes(content)
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    return EXIT_OK
