"""`frontlines` entry point: a verb loads only its own module, and every verb is reachable."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from frontlines.cli.main import COMMAND_MODULES, VERB_MODULES, build_parser, main, modules_for

# Libraries that reading the store never needs: the NLP stack, document readers, PDF layout.
NOT_FOR_READS = ("spacy", "trafilatura", "dateparser", "weasyprint", "frontlines.pipeline")


def _verbs(parser: argparse.ArgumentParser) -> set[str]:
    [subparsers] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(subparsers.choices)


@pytest.mark.parametrize("module_name", COMMAND_MODULES)
def test_main_verb_modules_name_what_each_module_registers(module_name: str) -> None:
    registered = _verbs(build_parser((module_name,)))
    assert registered == {v for v, m in VERB_MODULES.items() if m == module_name}


def test_main_full_parser_has_every_verb() -> None:
    assert _verbs(build_parser()) == set(VERB_MODULES)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["report", "--format", "html"], ("frontlines.cli.report_cmd",)),
        (["--debug", "serve"], ("frontlines.cli.serve_cmd",)),
        (["--help"], COMMAND_MODULES),
        (["no-such-verb"], COMMAND_MODULES),
        ([], COMMAND_MODULES),
    ],
)
def test_main_modules_for_a_command_line(argv: list[str], expected: tuple[str, ...]) -> None:
    assert modules_for(argv) == expected


def test_main_unknown_verb_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["no-such-verb"])
    assert stopped.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("verb", ["serve", "token", "events", "export"])
def test_main_store_verbs_start_without_the_nlp_stack(verb: str) -> None:
    """Parsing a reading verb's command line (what runs before its work) imports no NLP."""
    code = (
        "import json, sys\n"
        "from frontlines.cli.main import build_parser, modules_for\n"
        f"build_parser(modules_for([{verb!r}]))\n"
        f"print(json.dumps([m for m in {NOT_FOR_READS!r} if m in sys.modules]))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(found.stdout) == []
