"""Loading the cleaning pattern files under data/clean/ into compiled, whole-line regexes."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from frontlines.errors import CleanError

_MACRO = re.compile(r"\{([A-Z]+)\}")


def read_data_text(name: str) -> str:
    """The text of a file under frontlines/data/clean/."""
    return resources.files("frontlines").joinpath("data", "clean", name).read_text(encoding="utf-8")


def read_data_json(name: str) -> dict[str, Any]:
    data = json.loads(read_data_text(name))
    if not isinstance(data, dict):
        raise CleanError(
            name, "the pattern file is not a JSON object; restore it from the repository."
        )
    return data


def read_word_list(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a TXT word list."""
    lines = (line.strip() for line in read_data_text(name).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def macros() -> dict[str, str]:
    """The {NAME}/{TS}/... macros of comments.json, each expanded in terms of the others."""
    raw: dict[str, str] = read_data_json("comments.json")["macros"]
    expanded: dict[str, str] = {}
    for name in raw:
        expanded[name] = _expand(raw[name], raw, depth=0)
    return expanded


def _expand(pattern: str, raw: dict[str, str], *, depth: int) -> str:
    if depth > 5:
        raise CleanError("comments.json", f"macro expansion of '{pattern}' loops; fix the macros.")
    return _MACRO.sub(
        lambda m: "(?:" + _expand(raw[m.group(1)], raw, depth=depth + 1) + ")", pattern
    )


def compile_line_pattern(pattern: str) -> re.Pattern[str]:
    """A case-insensitive regex that must match a whole stripped line; macros expanded."""
    table = macros()
    source = _MACRO.sub(lambda m: "(?:" + table[m.group(1)] + ")", pattern)
    try:
        return re.compile(rf"(?:{source})\Z", re.IGNORECASE)
    except re.error as error:
        raise CleanError(
            "data/clean", f"the pattern '{pattern}' does not compile ({error}); fix the data file."
        ) from error


def compile_alternatives(patterns: list[str]) -> re.Pattern[str]:
    """One whole-line regex matching any of `patterns` (faster than trying each in turn)."""
    return compile_line_pattern("|".join(f"(?:{p})" for p in patterns))
