"""`frontlines gazetteer build | import | info | search` through the real command line entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontlines.cli.main import main


@pytest.fixture()
def cli_env(monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> Path:
    monkeypatch.setenv("FRONTLINES_CACHE_DIR", str(cache_dir))
    monkeypatch.delenv("FRONTLINES_GAZETTEER", raising=False)
    return cache_dir


def test_gazetteer_build_reports_the_cache_file(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["gazetteer", "build"]) == 0
    assert str(cli_env) in capsys.readouterr().out


def test_gazetteer_search_prints_matches_with_their_rule(
    cli_env: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small = str(fixtures_dir / "gazetteer" / "af_small.csv")
    assert main(["gazetteer", "search", "Shibirghan", "--gazetteer", small, "--limit", "3"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records[0]["country"] == "Afghanistan"
    assert {r["rule"] for r in records} <= {"exact", "alt-name", "variant", "phonetic", "fuzzy"}
    assert any(r["id"] == "t-jwz-shb" for r in records)


def test_gazetteer_import_counts_levels(
    cli_env: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["gazetteer", "import", str(fixtures_dir / "gazetteer" / "af_small.csv")]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["levels"]["admin1"] >= 10
    assert report["levels"]["admin2"] >= 30


def test_gazetteer_info_counts_names(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "info"]) == 0
    assert json.loads(capsys.readouterr().out)["names"] >= 100_000


def test_gazetteer_import_of_a_missing_file_exits_1_with_one_line(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["gazetteer", "import", str(tmp_path / "nowhere.csv")]) == 1
    error = capsys.readouterr().err
    assert "nowhere.csv" in error and error.count("\n") == 1
