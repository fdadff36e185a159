"""map_in_processes: results in input order from real worker processes; a dying worker's items
are retried once, then reported; memory bounded by the items in flight."""

from __future__ import annotations

import os
from pathlib import Path

from frontlines.executor import ITEMS_AHEAD_PER_WORKER, map_in_processes

# Set by `_remember` in each worker: the marker file an item that kills its worker looks for.
_STATE: dict[str, str] = {}


def _remember(marker: str) -> None:
    _STATE["marker"] = marker


def _square_or_die(item: int) -> tuple[int, int, int]:
    """item squared, with the worker's pid; item 13 kills its worker every time, item 7 kills
    it the first time only (a marker file says it has been tried)."""
    marker = Path(_STATE["marker"])
    if item == 13:
        os._exit(3)
    if item == 7 and not marker.exists():
        marker.touch()
        os._exit(3)
    return item, item * item, os.getpid()


def _lost(item: int) -> tuple[int, int, int]:
    return item, -1, 0


def test_executor_results_come_in_input_order_from_several_processes(tmp_path: Path) -> None:
    items = [i for i in range(40) if i not in {7, 13}]
    results = list(
        map_in_processes(
            _square_or_die,
            items,
            workers=2,
            initializer=_remember,
            initargs=(str(tmp_path / "tried"),),
            on_lost=_lost,
        )
    )
    assert [r[:2] for r in results] == [(i, i * i) for i in items]
    assert os.getpid() not in {r[2] for r in results}


def test_executor_retries_a_dead_workers_items_once_then_reports_them(tmp_path: Path) -> None:
    items = list(range(3 * 2 * ITEMS_AHEAD_PER_WORKER))
    results = list(
        map_in_processes(
            _square_or_die,
            items,
            workers=2,
            initializer=_remember,
            initargs=(str(tmp_path / "tried"),),
            on_lost=_lost,
        )
    )
    # Every item exactly once, in order; 7 succeeded on its retry, 13 died twice and is reported.
    assert [r[0] for r in results] == items
    by_item = {r[0]: r[1] for r in results}
    assert by_item[7] == 49
    assert by_item[13] == -1
    assert all(by_item[i] == i * i for i in items if i != 13)
