"""Splitting text into lines that remember their offsets, and joining kept lines into a body."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the original text: `text` is original[start:end] (no newline)."""

    index: int
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    """Every line of `text` with its offsets (newline characters excluded)."""
    lines: list[Line] = []
    start = 0
    for index, piece in enumerate(text.split("\n")):
        end = start + len(piece)
        lines.append(Line(index=index, start=start, end=end, text=piece))
        start = end + 1
    return lines


def join_body(lines: Iterable[Line]) -> str:
    """Kept lines joined: a blank line where the original had a gap between them, else a newline.

    Each line is stripped of surrounding spaces so a second cleaning gives the same text.
    """
    parts: list[str] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None:
            parts.append("\n\n" if line.index > previous.index + 1 else "\n")
        parts.append(line.text.strip())
        previous = line
    return "".join(parts)
