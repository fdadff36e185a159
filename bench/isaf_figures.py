"""Run nlp -> extract -> resolve over the ISAF dev releases and print the four ISAF figures.

Usage: .venv/bin/python bench/isaf_figures.py [--limit N] [--show-misses KIND]
Figures: event found (>=1 event), province correct (gold province among the events' admin1),
date exact (the main event's date == gold_start_date), killed exact (sum-free: the largest
fatality figure among events == gold_min_killed).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from frontlines.config import load_settings
from frontlines.extract import extract_mentions
from frontlines.gazetteer import load_gazetteer
from frontlines.gazetteer.names import fold_key
from frontlines.models import Article, Event
from frontlines.nlp import analyse, load_nlp
from frontlines.resolve import resolve_events

ISAF = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "isaf-press-releases"
    / "isaf_dev.jsonl"
)
# ISAF labels -> ACLED sub-event types that count as "the same kind of event".
ISAF_TO_ACLED = {
    "detention": {"Arrests"},
    "airstrike": {"Air/drone strike"},
    "insurgentskilled": {"Armed clash", "Air/drone strike"},
    "captureandkill": {"Armed clash", "Arrests"},
    "civiliancasualty": {
        "Attack",
        "Remote explosive/landmine/IED",
        "Armed clash",
        "Air/drone strike",
    },
}


def main_event(events: list[Event]) -> Event | None:
    """The release's main event: the first one reported (ledes come first)."""
    return min(events, key=lambda e: e.evidence[0].start) if events else None


def province_key(name: str) -> str:
    return fold_key(name).replace(" ", "")


def run(limit: int | None, show: str | None, gazetteers: list[str]) -> None:
    settings = load_settings(gazetteer_files=tuple(Path(g) for g in gazetteers))
    gazetteer = load_gazetteer(settings)
    nlp = load_nlp(settings, gazetteer)
    rows = [
        json.loads(line) for line in ISAF.read_text(encoding="utf-8").split("\n") if line.strip()
    ][:limit]
    found = province = dated = killed = typed = 0
    started = time.perf_counter()
    for row in rows:
        text = row["text"]
        article = Article(
            id=row["press_release_id"], body=text, original=text, kind="press-release"
        )
        analysis = analyse(article, nlp=nlp, gazetteer=gazetteer)
        events = resolve_events(analysis, extract_mentions(analysis))
        event = main_event(events)
        gold_provinces = {province_key(p) for p in row["gold_province"] if p}
        got_provinces = {province_key(e.admin1) for e in events if e.admin1}
        ok = {
            "found": event is not None,
            "province": bool(gold_provinces & got_provinces) or not gold_provinces,
            "date": event is not None and str(event.event_date) == row["gold_start_date"],
            "killed": max((e.fatalities for e in events), default=0) == row["gold_min_killed"],
            "type": any(
                e.sub_event_type in ISAF_TO_ACLED.get(label, set())
                for e in events
                for label in row["gold_event_type"]
            ),
        }
        found += ok["found"]
        province += ok["province"]
        dated += ok["date"]
        killed += ok["killed"]
        typed += ok["type"]
        if show and not ok[show]:
            print(
                "----",
                row["press_release_id"],
                row["gold_event_type"],
                row["gold_province"],
                row["gold_start_date"],
                "killed",
                row["gold_min_killed"],
            )
            print(text[:700])
            for e in events:
                print(
                    "  >>",
                    e.sub_event_type,
                    e.event_date,
                    e.admin1,
                    e.location,
                    e.fatalities,
                    e.actor1,
                    "|",
                    e.actor2,
                )
    elapsed = time.perf_counter() - started
    n = len(rows)
    print(f"releases {n}  docs/s {n / elapsed:.1f}")
    print(f"event found    {found / n:.3f}")
    print(f"province ok    {province / n:.3f}")
    print(f"date exact     {dated / n:.3f}")
    print(f"killed exact   {killed / n:.3f}")
    print(f"type matches   {typed / n:.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--gazetteer", action="append", default=[], help="extra gazetteer file(s), e.g. AF.csv"
    )
    parser.add_argument("--show-misses", choices=("found", "province", "date", "killed", "type"))
    args = parser.parse_args()
    run(args.limit, args.show_misses, args.gazetteer)
    sys.exit(0)
