"""Imports flow one way: a stage imports the shared vocabulary and earlier stages, never later."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).parent.parent / "src" / "frontlines"

# Rank of each top-level part of the package, in data-flow order. A module may import parts of
# lower or equal rank only. Presentation (cli, api, web, report) sits on top of everything.
RANKS = {
    "models": 0,
    "errors": 0,
    "config": 0,
    "gazetteer": 1,
    "ingest": 2,
    "clean": 3,
    "nlp": 4,
    "extract": 5,
    "resolve": 6,
    "fuse": 7,
    "control": 8,
    "store": 9,
    "exports": 9,
    "executor": 9,
    "executor_dask": 9,
    "pipeline": 10,
    "eval": 11,
    "cli": 12,
    "api": 12,
    "web": 12,
    "report": 12,
    "__main__": 13,
    # The package's front door re-exports the public API (`Pipeline`, `extract_events`), lazily.
    "__init__": 13,
    "data": 0,
}


def _part_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE_DIR)
    return relative.parts[0].removesuffix(".py")


def _imported_parts(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            pieces = name.split(".")
            if pieces[0] == "frontlines" and len(pieces) > 1:
                parts.add(pieces[1])
    return parts


MODULES = sorted(PACKAGE_DIR.rglob("*.py"))


def test_architecture_every_part_has_a_rank() -> None:
    unknown = {_part_of(path) for path in MODULES} - set(RANKS)
    assert not unknown, f"give these parts a rank in RANKS: {sorted(unknown)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_architecture_imports_flow_one_way(path: Path) -> None:
    own_rank = RANKS.get(_part_of(path), 99)
    later = {part for part in _imported_parts(path) if RANKS.get(part, 99) > own_rank}
    assert not later, f"{path.name} imports later stages: {sorted(later)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_architecture_every_module_has_a_docstring(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{path} needs a one-line docstring of its responsibility"
