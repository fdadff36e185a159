"""`frontlines eval` from the command line, on prediction files written from the gold set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontlines.cli.main import main
from frontlines.eval.gold import read_gold


def write_predictions_from_gold(gold_dir: Path, path: Path, *, shift_days: int = 0) -> int:
    """A SCHEMA §3 prediction file that restates every gold event (optionally re-dated)."""
    from datetime import date, timedelta

    count = 0
    with path.open("w", encoding="utf-8") as out:
        for line in (gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            report = json.loads(line)
            for event in report["events"]:
                day = date.fromisoformat(event["event_date"]) + timedelta(days=shift_days)
                record = {
                    **event,
                    "event_date": day.isoformat(),
                    "sources": [{"doc_id": report["doc_id"]}],
                }
                out.write(json.dumps(record) + "\n")
                count += 1
    return count


def test_eval_cmd_scores_restated_gold_as_perfect(
    fixtures_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    predictions = tmp_path / "events.jsonl"
    count = write_predictions_from_gold(fixtures_dir / "gold", predictions)
    status = main(
        ["eval", str(fixtures_dir / "gold"), "--predictions", str(predictions), "--format", "json"]
    )
    record = json.loads(capsys.readouterr().out)
    assert status == 0
    assert record["fields"]["detection"]["hits"] == count
    for name in ("detection", "event_type", "sub_event_type", "actor1", "admin2", "date"):
        assert record["fields"][name]["f1"] == 1.0, name
    assert record["not_events"]["violated"] == 0


def test_eval_cmd_date_window_decides_whether_late_dates_count(
    fixtures_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    predictions = tmp_path / "late.jsonl"
    write_predictions_from_gold(fixtures_dir / "gold", predictions, shift_days=2)
    main(
        ["eval", str(fixtures_dir / "gold"), "--predictions", str(predictions), "--format", "json"]
    )
    strict = json.loads(capsys.readouterr().out)
    main(
        [
            "eval",
            str(fixtures_dir / "gold"),
            "--predictions",
            str(predictions),
            "--format",
            "json",
            "--date-window",
            "2",
        ]
    )
    loose = json.loads(capsys.readouterr().out)
    dated = strict["fields"]["date"]["gold"]
    assert strict["fields"]["detection"]["recall"] == 1.0
    assert strict["fields"]["date"]["hits"] == 0
    assert loose["fields"]["detection"]["recall"] == 1.0
    assert loose["fields"]["date"]["hits"] == dated > 0


def test_eval_cmd_prints_a_table_with_the_confusion_matrix(
    fixtures_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    predictions = tmp_path / "events.jsonl"
    write_predictions_from_gold(fixtures_dir / "gold", predictions)
    assert main(["eval", str(fixtures_dir / "gold"), "--predictions", str(predictions)]) == 0
    out = capsys.readouterr().out
    assert "detection" in out and "claims" in out
    assert "gold \\ predicted" in out and "(none)" in out


def test_eval_cmd_reports_a_missing_gold_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "gold.jsonl"
    status = main(["eval", str(missing), "--predictions", str(tmp_path / "p.jsonl")])
    err = capsys.readouterr().err
    assert status == 1
    assert "No gold file" in err and len(err.strip().splitlines()) == 1


def test_eval_cmd_refuses_predictions_for_ucdp_place_gold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tmp_path / "places.csv"
    rows.write_text(
        "location_adm1_name,location_adm2_name,location_where_name\n"
        "Hilmand province,Nad Ali district (Marja),\n",
        encoding="utf-8",
    )
    assert main(["eval", str(rows), "--predictions", str(tmp_path / "p.jsonl")]) == 2
    assert "UCDP" in capsys.readouterr().err


def test_eval_cmd_runs_the_pipeline_on_given_inputs(
    fixtures_dir: Path,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("FRONTLINES_CACHE_DIR", str(cache_dir))
    gold_dir = fixtures_dir / "gold"
    report = gold_dir / "af-2021-06-29-helmand-airstrike-claim.txt"
    status = main(["eval", str(gold_dir), "--run", str(report), "--format", "json"])
    record = json.loads(capsys.readouterr().out)
    assert status == 0
    assert record["failures"] == 0
    detection = record["fields"]["detection"]
    # Only one report ran: its predictions are judged, every other gold event is missed.
    assert detection["predicted"] >= 1
    assert detection["hits"] <= 1
    assert detection["gold"] == sum(len(r.events) for r in read_gold(gold_dir).reports)
