"""Quality on the development data (`make eval-dev`): ISAF releases, UCDP place names, and the
annotated set, written with the date and git commit to bench/results/quality.json and .md.

The development data live in ../shared/data (or $FRONTLINES_SHARED_DATA); when they are absent
the script says so and exits 0. The AF gazetteer (gazetteer-af/AF.csv) is added to the default
one for ISAF and UCDP; the annotated set runs with the quality gate's gazetteers.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from frontlines.config import Settings, load_settings
from frontlines.eval.formatting import format_table
from frontlines.eval.suites import (
    evaluate_gold,
    evaluate_isaf,
    evaluate_ucdp,
    gold_gazetteer_files,
)
from frontlines.gazetteer import load_gazetteer
from frontlines.pipeline import Resources, load_resources

REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = Path(
    os.environ.get("FRONTLINES_SHARED_DATA", REPO_DIR.parent / "shared" / "data")
)
GOLD_DIR = REPO_DIR / "tests" / "fixtures" / "gold"
HELDOUT_DIR = REPO_DIR / "tests" / "fixtures" / "gold-heldout"
TEST_GAZETTEER = REPO_DIR / "tests" / "fixtures" / "gazetteer" / "af_small.csv"
RESULTS_DIR = REPO_DIR / "bench" / "results"
ISAF_FILE = Path("isaf-press-releases") / "isaf_dev.jsonl"
UCDP_FILE = Path("ucdp-aec") / "afghanistan_subset.csv"
AF_GAZETTEER = Path("gazetteer-af") / "AF.csv"


def git_commit() -> str:
    """The checked-out commit (read-only `git rev-parse HEAD`), or "unknown"."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO_DIR, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip()


def with_gazetteers(settings: Settings, *files: Path) -> Settings:
    extra = tuple(f for f in files if f.is_file() and f not in settings.gazetteer_files)
    return replace(settings, gazetteer_files=settings.gazetteer_files + extra)


def run_dev_suites(data_dir: Path, *, limit: int | None) -> dict[str, Any]:
    """ISAF and UCDP with the AF gazetteer, the annotated set with the gate's gazetteers."""
    results: dict[str, Any] = {}
    dev_settings = with_gazetteers(load_settings(), data_dir / AF_GAZETTEER)
    dev_resources = load_resources(dev_settings)
    started = time.perf_counter()
    isaf = evaluate_isaf(data_dir / ISAF_FILE, resources=dev_resources, limit=limit)
    results["isaf"] = {**isaf.to_json(), "seconds": round(time.perf_counter() - started, 1)}
    started = time.perf_counter()
    ucdp = evaluate_ucdp(data_dir / UCDP_FILE, gazetteer=dev_resources.gazetteer, limit=limit)
    results["ucdp"] = {**ucdp.to_json(), "seconds": round(time.perf_counter() - started, 1)}
    for name, folder in (("gold", GOLD_DIR), ("gold_heldout", HELDOUT_DIR)):
        results[name] = run_gold_suite(folder, nlp=dev_resources.nlp)
    return results


def run_gold_suite(folder: Path, *, nlp: Any) -> dict[str, Any]:
    """An annotated set with the quality gate's gazetteers (plus the folder's own)."""
    settings = with_gazetteers(load_settings(), TEST_GAZETTEER, *gold_gazetteer_files(folder))
    resources = Resources(settings=settings, gazetteer=load_gazetteer(settings), nlp=nlp)
    started = time.perf_counter()
    summary = evaluate_gold(folder, resources=resources).to_json()
    return {
        "documents": summary["documents"],
        "fields": summary["fields"],
        "not_events": {k: v for k, v in summary["not_events"].items() if k != "violations"},
        "confusion": summary["confusion"],
        "groups": summary.get("groups", {}),
        "seconds": round(time.perf_counter() - started, 1),
    }


def gold_markdown(gold: dict[str, Any], title: str) -> list[str]:
    """One annotated set's figures as markdown lines."""
    lines = [
        f"## {title}, {gold['documents']} reports",
        "",
        "| field | precision | recall | F1 | hits | predicted | gold |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, values in gold["fields"].items():
        lines.append(
            f"| {name} | {values['precision']:.3f} | {values['recall']:.3f} | "
            f"{values['f1']:.3f} | {values['hits']} | {values['predicted']} | "
            f"{values['gold']} |"
        )
    silence = gold["not_events"]
    lines += [
        "",
        f"Not-event sentences that stayed silent: {silence['silence']:.3f} "
        f"({silence['violated']} of {silence['total']} produced an event).",
        "",
    ]
    if gold.get("groups"):
        lines += [
            "| group | detection P | detection R | detection F1 | type F1 | gold events |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for name, fields in gold["groups"].items():
            found = fields["detection"]
            lines.append(
                f"| {name} | {found['precision']:.3f} | {found['recall']:.3f} | "
                f"{found['f1']:.3f} | {fields['event_type']['f1']:.3f} | {found['gold']} |"
            )
        lines.append("")
    return lines


def markdown(record: dict[str, Any]) -> str:
    """The figures as markdown tables (bench/results/quality.md)."""
    lines = [
        "# Quality on development data",
        "",
        f"Measured {record['date']} at commit `{record['commit']}` with `make eval-dev`.",
        "",
    ]
    for key, label in (("gold", "tests/fixtures/gold"), ("gold_heldout", "held out")):
        if key in record:
            lines += gold_markdown(record[key], f"Annotated set ({label})")
    if "isaf" in record:
        isaf = record["isaf"]
        lines += [
            f"## ISAF press releases ({isaf['releases']} releases, "
            f"{isaf['predicted_events']} predicted events)",
            "",
            "| measure | value |",
            "| --- | --- |",
            *(f"| {name} | {value:.3f} |" for name, value in isaf["measures"].items()),
            "",
        ]
    if "ucdp" in record:
        ucdp = record["ucdp"]
        lines += [
            f"## UCDP GED place names ({ucdp['triples']} distinct triples, {ucdp['rows']} rows)",
            "",
            "| measure | accuracy | precision | correct | answered | total |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for name, m in ucdp["measures"].items():
            lines.append(
                f"| {name} | {m['accuracy']:.3f} | {m['precision']:.3f} | {m['correct']} | "
                f"{m['answered']} | {m['total']} |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="shared data folder")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="where results are written")
    parser.add_argument("--limit", type=int, default=None, help="only the first N items")
    args = parser.parse_args(argv)
    if not (args.data / ISAF_FILE).is_file() or not (args.data / UCDP_FILE).is_file():
        print(f"eval-dev: no development data at {args.data}; skipped.")
        return 0
    results = run_dev_suites(args.data, limit=args.limit)
    record = {
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": git_commit(),
        "data": str(args.data),
        "limit": args.limit,
        **results,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "quality.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    (args.out / "quality.md").write_text(markdown(record), encoding="utf-8")
    gold_fields = results["gold"]["fields"]
    print(format_table(field_rows_from_json(gold_fields), header=FIELD_HEADER))
    print(json.dumps({"isaf": results["isaf"]["measures"]}, indent=2))
    print(json.dumps({"ucdp": results["ucdp"]["measures"]}, indent=2))
    print(f"eval-dev: wrote {args.out / 'quality.json'} and quality.md")
    return 0


FIELD_HEADER = ["field", "precision", "recall", "F1", "hits", "predicted", "gold"]


def field_rows_from_json(fields: dict[str, dict[str, Any]]) -> list[list[str]]:
    return [
        [
            name,
            f"{v['precision']:.3f}",
            f"{v['recall']:.3f}",
            f"{v['f1']:.3f}",
            str(v["hits"]),
            str(v["predicted"]),
            str(v["gold"]),
        ]
        for name, v in fields.items()
    ]


if __name__ == "__main__":
    sys.exit(main())
