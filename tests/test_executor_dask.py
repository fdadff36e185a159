"""`frontlines ingest --scheduler` and `--dask-workers` on a real Dask cluster on 127.0.0.1:
the same store as one process; an unreachable scheduler is one line, quickly."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.cli.demo_cmd import sample_reports_dir
from frontlines.cli.main import main

distributed = pytest.importorskip("distributed")

SAMPLES = sample_reports_dir()
INPUTS = [
    str(SAMPLES / "01_badakhshan_districts_fall.txt"),
    str(SAMPLES / "03_kunduz_helmand_airstrikes.txt"),
    str(SAMPLES / "08_wire_batch.jsonl"),
]


@pytest.fixture(autouse=True)
def _private_cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINES_CACHE_DIR", str(cache_dir))


@pytest.fixture
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as local_cluster:
        yield local_cluster


def _export(database: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", "--db", str(database), "--format", "jsonl"]) == 0
    return capsys.readouterr().out


def test_executor_dask_scheduler_stores_what_one_process_stores(
    cluster: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    on_dask, alone = tmp_path / "dask.db", tmp_path / "one.db"
    address = cluster.scheduler_address
    assert address.startswith("tcp://127.0.0.1:")
    assert main(["ingest", *INPUTS, "--db", str(on_dask), "--scheduler", address]) == 0
    assert "0 failed" in capsys.readouterr().out
    assert main(["ingest", *INPUTS, "--db", str(alone), "--workers", "1"]) == 0
    capsys.readouterr()
    exported = _export(on_dask, capsys)
    assert exported and exported == _export(alone, capsys)
    # Both workers did work: the model was loaded on each worker, never in this process.
    loaded = cluster_workers_with_model(cluster)
    assert loaded and all(loaded.values())


def cluster_workers_with_model(cluster: Any) -> dict[str, bool]:
    with distributed.Client(cluster, set_as_default=False) as client:
        result: dict[str, bool] = client.run(_has_model)
    return result


def _has_model() -> bool:
    from frontlines import pipeline

    return bool(pipeline._DASK_RESOURCES)


def test_executor_dask_local_workers_ingest_and_reingest_adds_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    database = tmp_path / "local.db"
    assert main(["ingest", INPUTS[1], "--db", str(database), "--dask-workers", "1"]) == 0
    first = capsys.readouterr().out
    assert "ingested 1 documents (0 already stored, 0 failed)" in first
    assert main(["ingest", INPUTS[1], "--db", str(database), "--dask-workers", "1"]) == 0
    assert "ingested 0 documents (1 already stored, 0 failed)" in capsys.readouterr().out


def test_executor_dask_unreachable_scheduler_is_one_line_within_10_s(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    started = time.monotonic()
    status = main(
        ["ingest", INPUTS[1], "--db", str(tmp_path / "x.db"), "--scheduler", "tcp://127.0.0.1:9"]
    )
    elapsed = time.monotonic() - started
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1 and elapsed < 10
    assert len(err) == 1 and "Could not reach the Dask scheduler at tcp://127.0.0.1:9" in err[0]
