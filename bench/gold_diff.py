"""Print, per report of the annotated set, the gold events next to the predicted ones.

Usage: .venv/bin/python bench/gold_diff.py [DOC_ID_SUBSTRING ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from frontlines.config import load_settings
from frontlines.pipeline import load_resources, run_pipeline

GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "gold"


def main(filters: list[str]) -> None:
    settings = load_settings(gazetteer_files=(GOLD / "gazetteer.csv",))
    resources = load_resources(settings)
    for line in (GOLD / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        doc_id = gold["doc_id"]
        if filters and not any(f in doc_id for f in filters):
            continue
        result = run_pipeline([str(GOLD / f"{doc_id}.txt")], resources, merge=False)
        print(f"==== {doc_id}")
        for event in gold["events"]:
            print(
                "  G",
                event["sub_event_type"],
                "|",
                event["actor1"],
                "|",
                event.get("actor2"),
                "|",
                event["admin1"],
                event.get("admin2"),
                event["event_date"],
                "f=",
                event["fatalities"],
                "c=",
                event.get("claimed_by"),
            )
        for event in result.events:
            print(
                "  P",
                event.sub_event_type,
                "|",
                event.actor1,
                "|",
                event.actor2,
                "|",
                event.admin1,
                event.admin2,
                event.event_date,
                "f=",
                event.fatalities,
                "c=",
                event.claimed_by,
                "::",
                event.evidence[0].text[:110].replace("\n", " "),
            )
        for failure in result.failures:
            print("  FAIL", failure.message())


if __name__ == "__main__":
    main(sys.argv[1:])
