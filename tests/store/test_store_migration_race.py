"""Two processes opening a new SQLite database at once migrate it once (issue 15, probe 2)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from frontlines.store import open_store
from frontlines.store.schema import LATEST_VERSION

# Processes started per round, and rounds: the race lost 2 of 20 tries with two processes.
WRITERS = 4
ROUNDS = 2

_OPEN_WHEN_TOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from frontlines.errors import FrontlinesError
    from frontlines.store import open_store

    go = Path(sys.argv[2])
    Path(sys.argv[3]).touch()  # imported, waiting
    while not go.exists():
        time.sleep(0.001)
    try:
        store = open_store(sys.argv[1])
    except FrontlinesError as error:
        print(error)
        sys.exit(1)
    print(store.schema_version())
    """
)


def _race(url: str, go: Path) -> list[subprocess.CompletedProcess[str]]:
    ready = [go.with_name(f"ready-{number}") for number in range(WRITERS)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN_WHEN_TOLD, url, str(go), str(flag)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for flag in ready
    ]
    started = time.monotonic()
    while not all(flag.exists() for flag in ready) and time.monotonic() - started < 30:
        time.sleep(0.01)
    go.touch()  # all at once, on a database none of them has created
    results = []
    for process in processes:
        out, err = process.communicate(timeout=60)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return results


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_store_migration_concurrent_processes_on_new_database(
    tmp_path: Path, round_number: int
) -> None:
    url = f"sqlite:///{tmp_path / f'new-{round_number}.db'}"
    results = _race(url, tmp_path / f"go-{round_number}")
    for result in results:
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.strip() == str(LATEST_VERSION)
    store = open_store(url)
    assert store.schema_version() == LATEST_VERSION
    store.close()
