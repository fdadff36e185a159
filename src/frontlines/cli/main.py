"""Entry point of the `frontlines` command: builds the parser from one module per verb.

Each command module exposes `register(subparsers) -> None`, adding its sub-parser with
`set_defaults(run=callable)`; the callable takes the parsed arguments and returns an exit status
(0 success, 1 bad input or data error, 2 usage).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from frontlines import __version__
from frontlines.errors import FrontlinesError

# One module per verb (or family of verbs), in the order `--help` lists them.
COMMAND_MODULES = (
    "frontlines.cli.demo_cmd",
    "frontlines.cli.clean_cmd",
    "frontlines.cli.extract_cmd",
    "frontlines.cli.store_cmd",
    "frontlines.cli.control_cmd",
    "frontlines.cli.report_cmd",
    "frontlines.cli.eval_cmd",
    "frontlines.cli.gazetteer_cmd",
    "frontlines.cli.serve_cmd",
)

EXIT_OK, EXIT_DATA_ERROR, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="frontlines",
        description="Turn raw conflict reporting into an ACLED-compatible event dataset.",
    )
    parser.add_argument("--version", action="version", version=f"frontlines {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def _log_level(args: argparse.Namespace) -> int:
    if args.debug:
        return logging.DEBUG
    if getattr(args, "verbose", False):
        return logging.INFO
    return logging.ERROR if getattr(args, "quiet", False) else logging.WARNING


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=_log_level(args),
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        status: int = args.run(args)
    except FrontlinesError as error:
        if args.debug:
            raise
        print(f"frontlines: {error}", file=sys.stderr)
        return EXIT_DATA_ERROR
    except KeyboardInterrupt:
        print("frontlines: interrupted.", file=sys.stderr)
        return 130
    return status
