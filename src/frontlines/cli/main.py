"""Entry point of the `frontlines` command: builds the parser from one module per verb.

Each command module exposes `register(subparsers) -> None`, adding its sub-parser with
`set_defaults(run=callable)`; the callable takes the parsed arguments and returns an exit status
(0 success, 1 bad input or data error, 2 usage).

When the command line names a verb, only the module that registers it is imported: a verb's
module may import heavy libraries (SQLAlchemy, trafilatura, the evaluation code), and
`frontlines serve` or `frontlines report` should not pay for the others' at start-up. `--help`
and unknown verbs build the whole parser.
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
# The verbs each module registers (tests/cli/test_main.py checks this against `register`).
VERB_MODULES = {
    "demo": "frontlines.cli.demo_cmd",
    "clean": "frontlines.cli.clean_cmd",
    "extract": "frontlines.cli.extract_cmd",
    "places": "frontlines.cli.extract_cmd",
    "ingest": "frontlines.cli.store_cmd",
    "events": "frontlines.cli.store_cmd",
    "export": "frontlines.cli.store_cmd",
    "control": "frontlines.cli.control_cmd",
    "report": "frontlines.cli.report_cmd",
    "eval": "frontlines.cli.eval_cmd",
    "gazetteer": "frontlines.cli.gazetteer_cmd",
    "serve": "frontlines.cli.serve_cmd",
    "token": "frontlines.cli.serve_cmd",
}

EXIT_OK, EXIT_DATA_ERROR, EXIT_USAGE = 0, 1, 2


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The command's parser with the verbs of `modules` (all of them by default)."""
    parser = argparse.ArgumentParser(
        prog="frontlines",
        description="Turn raw conflict reporting into an ACLED-compatible event dataset.",
    )
    parser.add_argument("--version", action="version", version=f"frontlines {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in modules:
        importlib.import_module(module_name).register(subparsers)
    return parser


def modules_for(argv: Sequence[str]) -> tuple[str, ...]:
    """The command modules a command line needs: the one registering its verb, if it names a
    known verb first (after the global options), else all of them."""
    for word in argv:
        if word == "--debug":
            continue
        if word in VERB_MODULES:
            return (VERB_MODULES[word],)
        break
    return COMMAND_MODULES


def _log_level(args: argparse.Namespace) -> int:
    if args.debug:
        return logging.DEBUG
    if getattr(args, "verbose", False):
        return logging.INFO
    return logging.ERROR if getattr(args, "quiet", False) else logging.WARNING


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(modules_for(words))
    args = parser.parse_args(words)
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
