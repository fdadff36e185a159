"""Options of the pipeline commands: inputs checked before the model loads, --workers gives the
same output as one process, -q, and the progress line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from frontlines.cli.demo_cmd import sample_reports_dir
from frontlines.cli.main import main
from frontlines.cli.progress import Progress, format_seconds, progress_for

SAMPLES = sample_reports_dir()


@pytest.fixture(autouse=True)
def _private_cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINES_CACHE_DIR", str(cache_dir))


@pytest.mark.parametrize("command", ["extract", "places", "ingest"])
def test_run_options_missing_input_is_reported_before_the_model_loads(
    command: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A model that does not exist: loading it first would fail with a spaCy message instead.
    monkeypatch.setenv("FRONTLINES_SPACY_MODEL", "no_such_spacy_model")
    missing = str(tmp_path / "nowhere.txt")
    extra = ["--db", str(tmp_path / "x.db")] if command == "ingest" else []
    assert main([command, str(SAMPLES), missing, *extra]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"frontlines: {missing}: no such file or folder; check the path."]
    assert not (tmp_path / "x.db").exists()


def test_run_options_unsupported_file_is_reported_before_the_model_loads(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTLINES_SPACY_MODEL", "no_such_spacy_model")
    picture = tmp_path / "map.png"
    picture.write_bytes(b"\x89PNG")
    assert main(["extract", str(picture)]) == 1
    err = capsys.readouterr().err
    assert "map.png" in err and "not supported" in err and "spaCy" not in err


def test_run_options_workers_2_prints_what_workers_1_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    outputs = []
    for workers in ("1", "2"):
        assert main(["extract", str(SAMPLES), "--no-merge", "--workers", workers]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    events = [json.loads(line) for line in outputs[0].splitlines()]
    assert len(events) > 10
    assert len({e["event_id"] for e in events}) == len(events)


def test_run_options_ingest_with_workers_stores_what_one_process_stores(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    exports = []
    for workers in ("1", "2"):
        database = tmp_path / f"w{workers}.db"
        assert main(["ingest", str(SAMPLES), "--db", str(database), "--workers", workers]) == 0
        assert "(0 already stored, 0 failed)" in capsys.readouterr().out
        assert main(["export", "--db", str(database), "--format", "jsonl"]) == 0
        exports.append(capsys.readouterr().out)
    assert exports[0] == exports[1] and exports[0]
    # Re-ingesting with workers adds nothing and starts no worker (nothing new to analyse).
    assert main(["ingest", str(SAMPLES), "--db", str(tmp_path / "w2.db"), "-q"]) == 0
    assert capsys.readouterr().out == ""


def test_run_options_workers_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(SAMPLES), "--workers", "0"])
    assert exit_info.value.code == 2
    assert "'0' is not a whole number of at least 1" in capsys.readouterr().err


def test_progress_line_shows_done_rate_and_eta() -> None:
    now = [100.0]
    stream = io.StringIO()
    progress = Progress(enabled=True, total=10, stream=stream, clock=lambda: now[0])
    for _ in range(4):
        now[0] += 0.5
        progress.tick()
    assert progress.line() == "4/10 documents, 2.0/s, ETA 3s"
    assert stream.getvalue().startswith("\r1/10 documents")
    progress.close()
    assert stream.getvalue().endswith("\r")


def test_progress_is_off_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = progress_for([str(SAMPLES)], quiet=False, stream=stream)
    progress.tick()
    progress.close()
    assert not progress.enabled and stream.getvalue() == ""


@pytest.mark.parametrize(
    ("seconds", "text"), [(4.4, "4s"), (79, "1m19s"), (3 * 3600 + 65, "3h01m")]
)
def test_progress_formats_eta(seconds: float, text: str) -> None:
    assert format_seconds(seconds) == text
