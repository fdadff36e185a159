"""`frontlines eval`: measure extraction quality against an annotated set (or ISAF / UCDP gold)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from typing import Any

from frontlines.cli.common import add_gazetteer_argument, parse_date, settings_from_args
from frontlines.eval.formatting import format_key_values, format_report, format_table
from frontlines.eval.matching import DEFAULT_DATE_WINDOW_DAYS
from frontlines.eval.suites import (
    GOLD_FORMATS,
    detect_gold_format,
    evaluate_gold,
    evaluate_isaf,
    evaluate_ucdp,
    gold_gazetteer_files,
)

EXIT_USAGE = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="compare extracted events with an annotated set; print precision/recall/F1",
        description="Score events against gold: the annotated set (a folder with gold.jsonl and "
        "its .txt reports), ISAF press releases (isaf_dev.jsonl) or UCDP place names (.csv). "
        "Without --predictions or --run the pipeline runs on the gold set's own texts.",
    )
    parser.add_argument("gold", metavar="GOLD", help="gold folder or file")
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--predictions", metavar="FILE", help="SCHEMA §3 JSON Lines of predicted events"
    )
    source.add_argument(
        "--run",
        dest="run_inputs",
        nargs="+",
        metavar="INPUT",
        default=[],
        help="run the pipeline on these inputs",
    )
    parser.add_argument("--gold-format", choices=GOLD_FORMATS, default="auto")
    parser.add_argument(
        "--date-window",
        type=int,
        default=DEFAULT_DATE_WINDOW_DAYS,
        metavar="DAYS",
        help="dates this many days apart still match (default %(default)s)",
    )
    parser.add_argument("--limit", type=int, default=None, help="score only the first N items")
    parser.add_argument(
        "--published",
        type=parse_date,
        default=None,
        metavar="DATE",
        help="with --run: publication date for documents that have none",
    )
    add_gazetteer_argument(parser)
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(run=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    kind = detect_gold_format(args.gold) if args.gold_format == "auto" else args.gold_format
    needs_pipeline = args.predictions is None
    if kind == "ucdp" and (args.predictions or args.run_inputs):
        print(
            "frontlines: UCDP gold scores place names only; drop --predictions/--run.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    settings = settings_from_args(args)
    if kind == "frontlines" and not args.run_inputs:
        extra = tuple(
            p for p in gold_gazetteer_files(args.gold) if p not in settings.gazetteer_files
        )
        settings = replace(settings, gazetteer_files=settings.gazetteer_files + extra)
    if kind == "ucdp":
        from frontlines.gazetteer import load_gazetteer

        ucdp = evaluate_ucdp(args.gold, gazetteer=load_gazetteer(settings), limit=args.limit)
        return _print(ucdp.to_json(), args.format, _ucdp_text(ucdp.to_json()))
    resources = None
    if needs_pipeline:
        from frontlines.pipeline import load_resources

        resources = load_resources(settings)
    if kind == "isaf":
        isaf = evaluate_isaf(
            args.gold, resources=resources, predictions=args.predictions, limit=args.limit
        )
        return _print(isaf.to_json(), args.format, _isaf_text(isaf.to_json()))
    report = evaluate_gold(
        args.gold,
        resources=resources,
        predictions=args.predictions,
        run_inputs=args.run_inputs,
        window_days=args.date_window,
        published=args.published,
    )
    return _print(report.to_json(), args.format, format_report(report, title=f"gold: {args.gold}"))


def _print(record: dict[str, Any], output: str, text: str) -> int:
    if output == "json":
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(text)
    return 0


def _isaf_text(record: dict[str, Any]) -> str:
    head = format_key_values(
        f"ISAF releases: {record['releases']} ({record['predicted_events']} predicted events)",
        record["measures"].items(),
    )
    rows = [
        [label, str(v["found"]), str(v["releases"]), f"{v['rate']:.3f}"]
        for label, v in record["per_label_type_found"].items()
    ]
    return (
        head + "\n" + format_table(rows, header=["ISAF label", "found", "releases", "rate"]) + "\n"
    )


def _ucdp_text(record: dict[str, Any]) -> str:
    rows = [
        [
            name,
            f"{m['accuracy']:.3f}",
            f"{m['precision']:.3f}",
            str(m["correct"]),
            str(m["answered"]),
            str(m["total"]),
        ]
        for name, m in record["measures"].items()
    ]
    title = f"UCDP place names: {record['triples']} distinct triples ({record['rows']} rows)\n"
    return (
        title
        + format_table(
            rows, header=["measure", "accuracy", "precision", "correct", "answered", "total"]
        )
        + "\n"
    )
