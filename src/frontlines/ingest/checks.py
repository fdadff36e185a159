"""Checking the inputs of a run before anything slow (the spaCy model) is loaded."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from frontlines.ingest.paths import STDIN, SUPPORTED, URL_SCHEMES, reader_for
from frontlines.models import Failure

STAGE = "ingest"


def check_inputs(inputs: Sequence[str]) -> list[Failure]:
    """One Failure per input path that cannot be read at all: missing, unreadable, not a
    regular file or folder, or a file of an unsupported type. `-` and URLs are not checked
    (they can only be read once, by the run itself)."""
    failures: list[Failure] = []
    for name in inputs:
        if name == STDIN or name.lower().startswith(URL_SCHEMES):
            continue
        problem = _problem_with(Path(name))
        if problem:
            failures.append(Failure(origin=name, stage=STAGE, problem=problem))
    return failures


def _problem_with(path: Path) -> str | None:
    if path.is_dir():
        if not os.access(path, os.R_OK | os.X_OK):
            return "the folder cannot be read (permission denied); check its permissions."
        return None
    if not path.exists():
        return "no such file or folder; check the path."
    if not path.is_file():
        return (
            "is not a regular file (a pipe, socket or device); give a file or folder, "
            "or pipe the data into - for standard input."
        )
    if not os.access(path, os.R_OK):
        return "the file cannot be read (permission denied); check its permissions."
    if reader_for(path.name) is None:
        return (
            f"the extension of '{path.name}' is not supported; "
            f"give one of {SUPPORTED}, a folder, a feed URL or - for standard input."
        )
    return None
