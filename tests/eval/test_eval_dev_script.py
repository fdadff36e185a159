"""scripts/eval_dev.py: skipped cleanly without data; results written as JSON and markdown."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).parent.parent.parent / "scripts" / "eval_dev.py"


@pytest.fixture(scope="module")
def eval_dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_dev_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_eval_dev_skips_cleanly_without_development_data(
    eval_dev: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results"
    assert eval_dev.main(["--data", str(tmp_path / "absent"), "--out", str(out)]) == 0
    assert "no development data" in capsys.readouterr().out
    assert not out.exists()


def test_eval_dev_markdown_lists_every_measure(eval_dev: ModuleType) -> None:
    record = {
        "date": "2021-08-08T00:00:00Z",
        "commit": "abc123",
        "isaf": {"releases": 3, "predicted_events": 4, "measures": {"found": 0.5}},
        "ucdp": {
            "triples": 2,
            "rows": 3,
            "measures": {
                "admin2": {
                    "accuracy": 0.5,
                    "precision": 1.0,
                    "correct": 1,
                    "answered": 1,
                    "total": 2,
                }
            },
        },
    }
    text = eval_dev.markdown(record)
    assert "commit `abc123`" in text
    assert "| found | 0.500 |" in text
    assert "| admin2 | 0.500 | 1.000 | 1 | 1 | 2 |" in text


def test_eval_dev_names_the_checked_out_commit(eval_dev: ModuleType) -> None:
    commit = eval_dev.git_commit()
    assert commit == "unknown" or len(commit) == 40
