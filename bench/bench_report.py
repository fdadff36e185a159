"""Situation report speed (`frontlines report`): a weekly report over 10,000 events, as HTML,
PDF and Markdown; recorded, not asserted (targets: PDF <= 10 s, HTML <= 3 s).

The events are generated in the shape of the store's real ones (tests/fixtures/merge: typed,
placed in the districts of tests/fixtures/gazetteer/af_small.csv, dated, counted, with sources,
evidence sentences, claims and control statements), seeded so every run sees the same store,
and merged into a temporary SQLite store through `Store.add_events` like an ingest would. Each
format is timed in a fresh process (`frontlines report ... -o FILE`), so matplotlib, Jinja2 and
WeasyPrint start cold as they do for a user.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from frontlines.models import Claim, Event, Evidence, Source
from frontlines.store import open_store
from frontlines.store.codec import event_from_json

REPO_DIR = Path(__file__).resolve().parent.parent
RESULTS = REPO_DIR / "bench" / "results" / "report.json"
GAZETTEER = REPO_DIR / "tests" / "fixtures" / "gazetteer" / "af_small.csv"
TEMPLATES = REPO_DIR / "tests" / "fixtures" / "merge" / "events.jsonl"
OUTLETS = ("Kabul Frontline News", "Northern Wire", "Asia Security Desk", "Pamir Post", "TOLO")
CLAIMANTS = ("Afghan Ministry of Defense", "Taliban spokesman", None, None, None)
# The week reported on, and the month before it (earlier events make places and actors known).
WEEK_START = date(2021, 7, 5)
HISTORY_DAYS = 28
BATCH = 500


def districts() -> list[dict[str, str]]:
    with GAZETTEER.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["level"] == "admin2"]


def templates() -> list[Event]:
    lines = TEMPLATES.read_text(encoding="utf-8").splitlines()
    return [event_from_json(json.loads(line)) for line in lines if line.strip()]


def generated_event(
    n: int, day: date, rng: random.Random, shapes: list[Event], places: list[dict[str, str]]
) -> Event:
    """One event: a real template moved to a district, a day, new figures and outlets."""
    shape = rng.choice(shapes)
    place = rng.choice(places)
    village = f"{place['name']} village {n % 97}"
    lat = float(place["lat"]) + rng.uniform(-0.15, 0.15)
    lon = float(place["lon"]) + rng.uniform(-0.15, 0.15)
    fatalities = 0 if rng.random() < 0.45 else int(rng.expovariate(1 / 6)) + 1
    outlets = rng.sample(OUTLETS, rng.choice((1, 1, 1, 2, 3)))
    claimant = rng.choice(CLAIMANTS)
    doc_ids = [f"bench-{n}-{i}" for i in range(len(outlets))]
    text = (
        f"{shape.actor1 or 'Gunmen'} {shape.sub_event_type.lower()} in {village} of the "
        f"{place['admin2'] or place['name']} district of {place['admin1']} province, "
        f"killing {fatalities}, officials said."
    )
    return replace(
        shape,
        event_id=f"bench-{n:06d}",
        event_date=day,
        date_min=day,
        date_max=day,
        admin1=place["admin1"],
        admin2=place["name"],
        location=village,
        latitude=lat,
        longitude=lon,
        geo_precision=rng.choice((1, 1, 2, 3)),
        time_precision=rng.choice((1, 1, 1, 2)),
        fatalities=fatalities,
        source="; ".join(outlets),
        notes=text,
        sources=tuple(
            Source(doc_id, f"https://example.org/{doc_id}", outlet, day)
            for doc_id, outlet in zip(doc_ids, outlets, strict=True)
        ),
        evidence=(Evidence(doc_ids[0], 0, len(text), text),),
        claims=(Claim(doc_ids[0], claimant, "fatalities", fatalities),) if claimant else (),
        claimed_by=claimant,
        certainty="claimed" if claimant and rng.random() < 0.5 else "reported",
        place_id=f"bench-place-{n}",
    )


def fill_store(url: str, events_in_week: int, seed: int) -> int:
    """Generate until the week holds `events_in_week` stored events; return the store's total."""
    rng = random.Random(seed)
    shapes, places = templates(), districts()
    store = open_store(url)
    try:
        n = 0
        history = [WEEK_START - timedelta(days=HISTORY_DAYS - d) for d in range(HISTORY_DAYS)]
        earlier = [
            generated_event((n := n + 1), rng.choice(history), rng, shapes, places)
            for _ in range(events_in_week // 5)
        ]
        for start in range(0, len(earlier), BATCH):
            store.add_events(earlier[start : start + BATCH])
        while count_week(store) < events_in_week:
            missing = events_in_week - count_week(store)
            batch = [
                generated_event(
                    (n := n + 1), WEEK_START + timedelta(days=rng.randrange(7)), rng, shapes, places
                )
                for _ in range(min(BATCH, missing))
            ]
            store.add_events(batch)
        return store.count_events()
    finally:
        store.close()


def count_week(store: Any) -> int:
    from frontlines.store import EventQuery

    query = EventQuery(since=WEEK_START, until=WEEK_START + timedelta(days=6))
    return sum(1 for _ in store.iter_events(query))


def time_report(db: Path, format_name: str, out_dir: Path) -> dict[str, Any]:
    out = out_dir / f"report.{format_name}"
    command = [
        sys.executable,
        "-m",
        "frontlines",
        "report",
        "--db",
        str(db),
        "--from",
        WEEK_START.isoformat(),
        "--to",
        (WEEK_START + timedelta(days=6)).isoformat(),
        "--template",
        "weekly",
        "--format",
        format_name,
        "-o",
        str(out),
    ]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    subprocess.run(command, check=True)
    seconds = time.perf_counter() - started
    return {
        "format": format_name,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(_children_cpu() - cpu_before, 2),
        "bytes": out.stat().st_size,
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def git_commit() -> str:
    found = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO_DIR
    )
    return found.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000, help="events in the reported week")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--repeat", type=int, default=3, help="runs per format (best is kept)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--db", type=Path, help="keep the generated store here; an existing one is reused"
    )
    parser.add_argument("--fill-only", action="store_true", help="generate the store, no reports")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "bench.db"
        started = time.perf_counter()
        if db.exists():
            store = open_store(f"sqlite:///{db}")
            total = store.count_events()
            store.close()
        else:
            total = fill_store(f"sqlite:///{db}", args.events, args.seed)
        fill_seconds = time.perf_counter() - started
        if args.fill_only:
            print(f"{total} events in {db} ({fill_seconds:.0f} s)")
            return
        runs = {
            name: [time_report(db, name, Path(folder)) for _ in range(args.repeat)]
            for name in ("html", "pdf", "md")
        }
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": f"{platform.machine()} {platform.python_version()}",
        "events_in_week": args.events,
        "events_in_store": total,
        "fill_seconds": round(fill_seconds, 1),
        "runs": runs,
        "best_seconds": {name: min(r["seconds"] for r in rs) for name, rs in runs.items()},
        "best_cpu_seconds": {name: min(r["cpu_seconds"] for r in rs) for name, rs in runs.items()},
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
