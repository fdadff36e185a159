"""Benchmark: the API and web map on a store of 100,000 events — p95 of filtered
`GET /api/events`, `frontlines serve` ready time, and the map's first paint in chromium.

The events are generated from the shapes of real ones: the bundled samples' events (as
`frontlines demo` stores them) are copied with new ids, dates spread over two years, places
and figures varied; their sources and evidence stay, so every event opens with its documents.

    .venv/bin/python bench/bench_api.py [--events 100000] [--output bench/results/api.json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import httpx

from frontlines.models import Event
from frontlines.store.sql import SqlStore

BIN = Path(sys.executable).parent
REQUESTS_PER_QUERY = 60
WARMUP_REQUESTS = 5
START_DAY = date(2020, 1, 1)
SPAN_DAYS = 730
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Filters an analyst would use; each is timed on its own.
QUERIES = {
    "month + province": {"since": "2021-03-01", "until": "2021-03-31", "admin1": "Kunduz"},
    "type since a date": {"event_type": "Battles", "since": "2021-06-01"},
    "bbox 1x1 degree": {"bbox": "68.5,36.2,69.5,37.2"},
    "fatalities >= 20": {"min_fatalities": 20},
    "actor + quarter": {"actor": "taliban", "since": "2021-01-01", "until": "2021-03-31"},
    "text + province": {"q": "surrender", "admin1": "Badakhshan"},
    "no filter, by fatalities": {"sort": "-fatalities"},
}


def build_store(path: Path, count: int) -> int:
    """Demo store, then `count` generated events shaped like its events."""
    subprocess.run(
        [str(BIN / "frontlines"), "demo", "--db", str(path)], check=True, stdout=subprocess.DEVNULL
    )
    store = SqlStore(f"sqlite:///{path}")
    try:
        shapes = list(store.iter_events())
        places = sorted(
            {
                (e.admin1, e.admin2, e.location, e.latitude, e.longitude)
                for e in shapes
                if e.latitude is not None
            }
        )
        rng = random.Random(12)
        batch: list[Event] = []
        for number in range(count - len(shapes)):
            batch.append(_variant(rng.choice(shapes), rng.choice(places), number, rng))
            if len(batch) == 5000:
                _insert(store, batch)
                batch = []
        _insert(store, batch)
        return store.count_events()
    finally:
        store.close()


def _variant(shape: Event, place: tuple, number: int, rng: random.Random) -> Event:
    day = START_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
    admin1, admin2, location, lat, lon = place
    return replace(
        shape,
        event_id=hashlib.sha256(f"bench-{number}".encode()).hexdigest()[:16],
        event_date=day,
        date_min=day,
        date_max=day,
        admin1=admin1,
        admin2=admin2,
        location=location,
        latitude=round(lat + rng.uniform(-0.3, 0.3), 5),
        longitude=round(lon + rng.uniform(-0.3, 0.3), 5),
        fatalities=rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 12, 21, 31]),
    )


def _insert(store: SqlStore, events: list[Event]) -> None:
    if events:
        with store.engine.begin() as conn:
            store._insert_events(conn, events, None)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 2)


def serve(path: Path, port: int) -> tuple[subprocess.Popen[bytes], float, float]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            str(BIN / "frontlines"),
            "serve",
            "--db",
            str(path),
            "--port",
            str(port),
            "--rate-limit",
            "100000",
        ],
        stderr=subprocess.DEVNULL,
    )
    while True:
        try:
            probe = f"http://127.0.0.1:{port}/api/events?limit=1"
            if httpx.get(probe, timeout=5).status_code == 200:
                return process, time.perf_counter() - started, _cpu_seconds(process.pid)
        except httpx.TransportError:
            time.sleep(0.02)


def time_queries(base: str) -> dict[str, dict[str, float]]:
    results = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for name, params in QUERIES.items():
            for _ in range(WARMUP_REQUESTS):
                client.get("/api/events", params={**params, "limit": 100})
            times, sizes = [], []
            for _ in range(REQUESTS_PER_QUERY):
                started = time.perf_counter()
                response = client.get("/api/events", params={**params, "limit": 100})
                times.append((time.perf_counter() - started) * 1000)
                sizes.append(response.json()["count"])
            times.sort()
            results[name] = {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
                "items": sizes[0],
            }
        started = time.perf_counter()
        client.get("/api/facets")
        results["facets (filter menus)"] = {
            "p50_ms": round((time.perf_counter() - started) * 1000, 1),
            "p95_ms": 0.0,
            "items": 0,
        }
    return results


def first_paint(base: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        started = time.perf_counter()
        page.goto(base + "/")
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
        ready = time.perf_counter() - started
        paint = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
        shown = page.locator("#event-list li").count()
        page.screenshot(path="bench/results/web/bench-100k-map.png")
        browser.close()
    return {
        "first_contentful_paint_s": round(paint / 1000, 3),
        "map_ready_s": round(ready, 2),
        "events_listed": shown,
    }


def time_serve_only(path: Path, port: int, runs: int = 3) -> dict[str, object]:
    """`frontlines serve` ready time (wall and CPU), `runs` fresh processes on one store."""
    timings = []
    for _ in range(runs):
        process, ready, ready_cpu = serve(path, port)
        process.terminate()
        process.wait(timeout=10)
        timings.append({"serve_ready_s": round(ready, 2), "serve_ready_cpu_s": ready_cpu})
    return {
        "store": str(path),
        "runs": timings,
        "best_serve_ready_s": min(t["serve_ready_s"] for t in timings),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--output", type=Path, default=Path("bench/results/api.json"))
    parser.add_argument(
        "--serve-only",
        type=Path,
        metavar="DB",
        help="only time `frontlines serve` until ready on this existing store, best of 3",
    )
    args = parser.parse_args()
    if args.serve_only:
        print(json.dumps(time_serve_only(args.serve_only, args.port), indent=2))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        stored = build_store(path, args.events)
        built = time.perf_counter() - started
        process, ready, ready_cpu = serve(path, args.port)
        try:
            base = f"http://127.0.0.1:{args.port}"
            queries = time_queries(base)
            paint = first_paint(base)
        finally:
            process.terminate()
            process.wait(timeout=10)
    result = {
        "events": stored,
        "build_s": round(built, 1),
        "serve_ready_s": round(ready, 2),
        "serve_ready_cpu_s": ready_cpu,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "queries": queries,
        **paint,
    }
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
