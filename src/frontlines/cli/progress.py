"""A one-line progress display for long runs: documents done, rate, ETA — on a terminal only."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from typing import TextIO

from frontlines.ingest import read_documents
from frontlines.models import Document

# Seconds between redraws: often enough to look alive, rarely enough to cost nothing.
REDRAW_SECONDS = 0.5
# Inputs the total cannot be counted for in advance (they can be read only once).
UNCOUNTABLE_PREFIXES = ("-", "http://", "https://")


class Progress:
    """Call `tick()` once per document done and `close()` at the end. Draws nothing unless
    `enabled` (the CLI enables it when stderr is a terminal and not --quiet)."""

    def __init__(
        self,
        *,
        enabled: bool,
        total: int | None = None,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.enabled = enabled
        self.total = total
        self.done = 0
        self._stream = stream or sys.stderr
        self._clock = clock
        self._started = clock()
        self._drawn_at = 0.0
        self._width = 0

    def tick(self) -> None:
        self.done += 1
        now = self._clock()
        if self.enabled and (now - self._drawn_at >= REDRAW_SECONDS or self.done == self.total):
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The progress line: '120/500 documents, 4.8/s, ETA 1m19s'."""
        elapsed = (self._clock() if now is None else now) - self._started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        done = f"{self.done}/{self.total}" if self.total is not None else f"{self.done}"
        text = f"{done} documents, {rate:.1f}/s"
        if self.total is not None and rate > 0:
            text += f", ETA {format_seconds(max(0, self.total - self.done) / rate)}"
        return text

    def _draw(self, now: float) -> None:
        text = self.line(now)
        self._stream.write("\r" + text.ljust(self._width))
        self._stream.flush()
        self._width = len(text)
        self._drawn_at = now

    def close(self) -> None:
        """Clear the line, so later messages start on a clean line."""
        if self.enabled and self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()


def format_seconds(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


def count_documents(inputs: Sequence[str]) -> int | None:
    """How many documents the inputs hold (reading them once, without cleaning), or None when
    an input can only be read once (standard input, a URL)."""
    if any(name.startswith(UNCOUNTABLE_PREFIXES) for name in inputs):
        return None
    return sum(1 for item in read_documents(inputs) if isinstance(item, Document))


def progress_for(inputs: Sequence[str], *, quiet: bool, stream: TextIO | None = None) -> Progress:
    """A Progress for a run over `inputs`: drawn only when `stream` (stderr) is a terminal."""
    stream = stream or sys.stderr
    enabled = not quiet and stream.isatty()
    total = count_documents(inputs) if enabled else None
    return Progress(enabled=enabled, total=total, stream=stream)
