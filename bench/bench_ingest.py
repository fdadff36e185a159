"""Benchmark: ingest with cross-document merging — documents/s and peak memory at 1,000 and 10,000.

Documents are generated from templates (northern Afghanistan, 2021): each event is reported by
1-4 outlets with differing figures and dates a day apart, so merging does real work. By default
the store + merge path is measured on generated Events (what the NLP stages would hand over);
`--pipeline` runs the full NLP pipeline on generated texts instead (much slower).
Each size runs in a fresh subprocess so peak RSS is that run's alone.

    .venv/bin/python bench/bench_ingest.py                   # 1,000 and 10,000, store+merge
    .venv/bin/python bench/bench_ingest.py --sizes 200 --pipeline
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from frontlines.models import Article, Event, Evidence, Source

DISTRICTS = {
    "Kunduz": ["Imam Sahib", "Dasht-e Archi", "Chahar Dara", "Khanabad", "Qal'ah-ye Zal"],
    "Badakhshan": ["Kishim", "Jurm", "Baharak", "Warduj", "Yamgan"],
    "Takhar": ["Baharak", "Farkhar", "Chah Ab", "Darqad", "Bangi"],
    "Balkh": ["Shor Tepah", "Dehdadi", "Chimtal", "Khulm", "Zari"],
    "Faryab": ["Qaysar", "Dawlatabad", "Almar", "Pashtun Kot", "Shirin Tagab"],
    "Jowzjan": ["Aqcha", "Khamyab", "Qarqin", "Mardyan", "Darzab"],
    "Baghlan": ["Dahana-ye Ghori", "Burka", "Khinjan", "Dushi", "Nahrin"],
    "Sar-e Pol": ["Sayyad", "Balkhab", "Kohistanat", "Sozma Qala", "Gosfandi"],
}
TEMPLATES = [
    (
        "Battles",
        "Armed clash",
        "Heavy clashes between Taliban fighters and Afghan army soldiers in {district} district "
        "of {province} province on {weekday} killed at least {n} soldiers, officials said.",
    ),
    (
        "Explosions/Remote violence",
        "Air/drone strike",
        "Afghan Air Force airstrikes on Taliban hideouts in {district} district of {province} "
        "killed {n} militants last night, the Ministry of Defense said.",
    ),
    (
        "Battles",
        "Non-state actor overtakes territory",
        "Taliban fighters captured the {district} district of {province} province on {weekday} "
        "after government forces withdrew, {n} soldiers were reported missing.",
    ),
    (
        "Battles",
        "Government regains territory",
        "Afghan security forces retook the {district} district of {province} from the Taliban on "
        "{weekday}; {n} insurgents were killed, the police chief said.",
    ),
]
OUTLETS = ["Kabul Frontline News", "Northern Wire", "Central Asia Wire Service", "Radio Azadi"]
START = date(2021, 1, 1)
# Reporting density held constant across sizes (a year per 1,000 documents), so the per-document
# cost measures the store and merging, not a corpus squeezed into fewer days as it grows.
DAYS_PER_1000_DOCUMENTS = 365


def generate(count: int, seed: int = 7) -> Iterator[tuple[Article, list[Event]]]:
    """`count` documents; consecutive 1-4 documents report the same underlying event; dates
    spread over DAYS_PER_1000_DOCUMENTS per thousand documents."""
    rng = random.Random(seed)
    span_days = max(1, count * DAYS_PER_1000_DOCUMENTS // 1000)
    made = 0
    while made < count:
        province = rng.choice(sorted(DISTRICTS))
        district = rng.choice(DISTRICTS[province])
        event_type, sub_type, template = rng.choice(TEMPLATES)
        day = START + timedelta(days=rng.randrange(span_days))
        base = rng.randrange(3, 60)
        for report in range(min(rng.randint(1, 4), count - made)):
            doc_id = f"bench-{made:06d}"
            reported_day = day + timedelta(days=rng.choice((0, 0, 0, 1)) if report else 0)
            text = template.format(
                district=district,
                province=province,
                weekday=reported_day.strftime("%A"),
                n=base + rng.randrange(0, 8),
            )
            outlet = OUTLETS[report % len(OUTLETS)]
            source = Source(doc_id, f"https://example.org/{doc_id}", outlet, reported_day)
            actors = ("Taliban", 2, "Military Forces of Afghanistan (2004-2021)", 1)
            if "Government" in sub_type or "Air" in sub_type:
                actors = (actors[2], 1, actors[0], 2)
            event = Event(
                event_id=f"{doc_id}-e1",
                event_date=reported_day,
                date_min=reported_day,
                date_max=reported_day,
                time_precision=1,
                disorder_type="Political violence"
                if event_type != "Strategic developments"
                else event_type,
                event_type=event_type,
                sub_event_type=sub_type,
                actor1=str(actors[0]),
                inter1=int(actors[1]),
                actor2=str(actors[2]),
                inter2=int(actors[3]),
                country="Afghanistan",
                iso=4,
                admin1=province,
                admin2=district,
                location=district,
                geo_precision=2,
                fatalities=base + rng.randrange(0, 8),
                source=outlet,
                sources=(source,),
                evidence=(Evidence(doc_id, 0, len(text), text),),
            )
            article = Article(
                id=doc_id,
                body=text,
                original=text,
                outlet=outlet,
                published=reported_day,
                url=source.url,
            )
            yield article, [event]
            made += 1


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_store_merge(count: int, db_path: Path) -> dict[str, float]:
    from frontlines.store import open_store

    store = open_store(f"sqlite:///{db_path}")
    baseline = peak_rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    for article, events in generate(count):
        store.add_document(article, events)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    result = {
        "documents": count,
        "seconds": round(elapsed, 2),
        "documents_per_s": round(count / elapsed, 1),
        "cpu_seconds": round(cpu, 2),
        "documents_per_cpu_s": round(count / cpu, 1),
        "load_average_1min": os.getloadavg()[0],
        "events_stored": store.count_events(),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_growth_mb": round(peak_rss_mb() - baseline, 1),
        "db_mb": round(db_path.stat().st_size / 1e6, 1),
    }
    store.close()
    return result


def run_pipeline(count: int, db_path: Path) -> dict[str, float]:
    from frontlines.config import load_settings
    from frontlines.pipeline import load_resources, process_article
    from frontlines.store import open_store

    settings = load_settings()
    resources = load_resources(settings)
    store = open_store(f"sqlite:///{db_path}")
    baseline = peak_rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    extracted = 0
    for article, _events in generate(count):
        result = process_article(article, resources)
        extracted += len(result.events)
        store.add_document(article, result.events, gazetteer=resources.gazetteer)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    result_row = {
        "documents": count,
        "seconds": round(elapsed, 2),
        "documents_per_s": round(count / elapsed, 1),
        "cpu_seconds": round(cpu, 2),
        "documents_per_cpu_s": round(count / cpu, 1),
        "load_average_1min": os.getloadavg()[0],
        "events_extracted": extracted,
        "events_stored": store.count_events(),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_growth_mb": round(peak_rss_mb() - baseline, 1),
    }
    store.close()
    return result_row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--pipeline", action="store_true", help="run the full NLP pipeline")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()
    if args.child:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            row = run_pipeline(args.child, db) if args.pipeline else run_store_merge(args.child, db)
        print(json.dumps(row))
        return 0
    rows = []
    for size in args.sizes:
        command = [sys.executable, __file__, "--child", str(size)]
        command += ["--pipeline"] if args.pipeline else []
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        row = json.loads(output.strip().splitlines()[-1])
        row["path"] = "pipeline+store+merge" if args.pipeline else "store+merge"
        rows.append(row)
        print(json.dumps(row), flush=True)
    if args.output:
        args.output.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
