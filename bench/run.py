"""Pipeline speed and memory (`make bench`): documents/s, time per stage, peak memory on
generated reports, against a plain spaCy parse of the same texts; recorded, not asserted.

The documents are built from sentence templates written for this benchmark (articles, ASR-style
transcripts, articles with reader comments), seeded so every run sees the same texts. Results go
to bench/results/bench.json and bench.md with the date and the git commit.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import spacy

from frontlines.clean import clean_document
from frontlines.config import load_settings
from frontlines.extract import extract_mentions
from frontlines.fuse import merge_events
from frontlines.ingest import read_documents
from frontlines.models import Analysis, Article, Document, Event, Mention
from frontlines.nlp import analyse
from frontlines.pipeline import Resources, load_resources
from frontlines.resolve import resolve_events

REPO_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_DIR / "bench" / "results"
GOLD_GAZETTEER = REPO_DIR / "tests" / "fixtures" / "gold" / "gazetteer.csv"
DEFAULT_DOCUMENTS = 1000
SEED = 2021
FIRST_DAY = date(2021, 5, 1)
# Batch size of the batched spaCy reference (spaCy's default for nlp.pipe is 1000 for small texts;
# 64 keeps memory flat on reports of a few paragraphs).
PIPE_BATCH_SIZE = 64

T = TypeVar("T")

# (district, province) pairs named in the generated reports; all are in GOLD_GAZETTEER.
PLACES = (
    ("Kishim", "Badakhshan"),
    ("Jurm", "Badakhshan"),
    ("Dand", "Kandahar"),
    ("Spin Boldak", "Kandahar"),
    ("Nahr-e Saraj", "Helmand"),
    ("Lashkar Gah", "Helmand"),
    ("Shibirghan", "Jowzjan"),
    ("Imam Sahib", "Kunduz"),
    ("Khanabad", "Kunduz"),
    ("Mazar-e Sharif", "Balkh"),
    ("Sayyidabad", "Wardak"),
    ("Andar", "Ghazni"),
    ("Taloqan", "Takhar"),
    ("Dowlatabad", "Faryab"),
    ("Jalalabad", "Nangarhar"),
)
ATTACKERS = ("Taliban fighters", "Unknown gunmen", "Insurgents", "Islamic State militants")
FORCES = ("Afghan forces", "government troops", "police", "Afghan commandos", "the army")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

EVENT_SENTENCES = (
    "{attacker} attacked a checkpoint in {district} district of {province} province on "
    "{weekday}, killing {n} members of {force}, officials said.",
    "{force} repelled a Taliban attack on {district} on {weekday} night, and {n} fighters were "
    "killed, the Ministry of Defense said.",
    "A roadside bomb struck a minibus in {district}, {province}, on {weekday} morning, killing "
    "{n} civilians and wounding several others.",
    "Taliban fighters took over the {district} district of {province} province on {weekday} "
    "after {force} withdrew without a fight.",
    "Hundreds of residents marched in {district} on {weekday} to demand better security.",
    "Aircraft struck Taliban positions in {district} district of {province} on {weekday}, "
    "killing {n} militants, the army corps said in a statement.",
    "{force} arrested {n} suspected insurgents in {district} on {weekday}.",
    "Gunmen abducted {n} passengers from a bus on the highway near {district} on {weekday}.",
    "Mortar rounds hit a market in {district}, {province}, on {weekday}, killing {n} people.",
)
CONTEXT_SENTENCES = (
    "The group is now close to capturing the provincial capital, a council member warned.",
    "Officials said {force} were preparing a counter-offensive to retake the area.",
    "The ministry said its forces kill hundreds of terrorists every day.",
    "The district was briefly held by the Taliban in 2015.",
    "Residents said shops remained closed and many families had fled.",
    "The figures could not be independently verified.",
    "A spokesman for the governor said reinforcements would arrive soon.",
)
COMMENTS = (
    "lol they took {district} yesterday too, media is hiding it",
    "My cousin says {n} soldiers surrendered in {province} last night.",
    "Stop spreading rumours. Nothing happened there.",
)


def make_report(index: int, rng: random.Random) -> dict[str, Any]:
    """One generated report as a SCHEMA §1 record (article, transcript or with comments)."""
    published = FIRST_DAY + timedelta(days=rng.randrange(120))
    sentences = []
    for _ in range(rng.randint(2, 4)):
        sentences.append(_fill(rng.choice(EVENT_SENTENCES), rng, published))
    for _ in range(rng.randint(1, 3)):
        sentences.append(_fill(rng.choice(CONTEXT_SENTENCES), rng, published))
    kind = rng.choice(("article", "article", "transcript", "comments"))
    if kind == "transcript":
        text = " ".join(s.rstrip(".").lower().replace(",", "") for s in sentences)
    else:
        text = "\n\n".join(sentences)
    if kind == "comments":
        comments = [_fill(rng.choice(COMMENTS), rng, published) for _ in range(2)]
        text += "\n\nComments (2)\n\n" + "\n\nReply\n\n".join(
            f"reader{rng.randrange(999)}\n{published:%B %d, %Y} at 10:{i:02d} am\n{c}"
            for i, c in enumerate(comments)
        )
    return {
        "id": f"bench-{index:05d}",
        "outlet": "Bench Wire",
        "published": published.isoformat(),
        "kind": "transcript" if kind == "transcript" else "article",
        "title": f"Report {index}",
        "text": text,
    }


def _fill(template: str, rng: random.Random, published: date) -> str:
    district, province = rng.choice(PLACES)
    day = published - timedelta(days=rng.randint(1, 3))
    return template.format(
        attacker=rng.choice(ATTACKERS),
        force=rng.choice(FORCES),
        district=district,
        province=province,
        weekday=WEEKDAYS[day.weekday()],
        n=rng.randint(2, 40),
    )


def timed(run: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    value = run()
    return value, time.perf_counter() - started


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def git_commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO_DIR, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip()


def run_stages(path: Path, resources: Resources) -> tuple[dict[str, float], list[Article], int]:
    """Each stage over all documents in turn; returns seconds per stage, the articles, events."""
    seconds: dict[str, float] = {}
    items, seconds["ingest"] = timed(lambda: list(read_documents([str(path)])))
    documents = [item for item in items if isinstance(item, Document)]
    articles, seconds["clean"] = timed(lambda: [clean_document(d) for d in documents])
    analyses, seconds["nlp"] = timed(
        lambda: [analyse(a, nlp=resources.nlp, gazetteer=resources.gazetteer) for a in articles]
    )
    mentions, seconds["extract"] = timed(lambda: [extract_mentions(a) for a in analyses])
    events, seconds["resolve"] = timed(lambda: _resolve_all(analyses, mentions))
    merged, seconds["fuse"] = timed(lambda: merge_events(events))
    return seconds, articles, len(merged)


def _resolve_all(analyses: Sequence[Analysis], mentions: Sequence[list[Mention]]) -> list[Event]:
    return [e for a, m in zip(analyses, mentions, strict=True) for e in resolve_events(a, m)]


def spacy_reference(texts: Sequence[str], model: str) -> tuple[float, float]:
    """Seconds for the plain spaCy pipeline (no frontlines components) to parse the texts one
    by one (as the pipeline does) and batched with `nlp.pipe`."""
    nlp = spacy.load(model)
    nlp("warm up")
    _docs, one_by_one = timed(lambda: [nlp(text) for text in texts])
    _batched, batched = timed(lambda: list(nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE)))
    return one_by_one, batched


def markdown(record: dict[str, Any]) -> str:
    stages = record["stages_seconds"]
    total = record["total_seconds"]
    lines = [
        "# Pipeline benchmark",
        "",
        f"Measured {record['date']} at commit `{record['commit']}` with `make bench` "
        f"({record['documents']} generated documents, {record['characters']:,} characters; "
        f"Python {record['python']}, {record['machine']}).",
        "",
        "| stage | seconds | share |",
        "| --- | --- | --- |",
        *(f"| {name} | {value:.2f} | {value / total:.0%} |" for name, value in stages.items()),
        f"| **total** | **{total:.2f}** | |",
        "",
        f"- documents/s: **{record['documents_per_second']:.1f}**",
        f"- spaCy `{record['spacy_model']}` alone on the same cleaned texts: "
        f"{record['spacy_reference_seconds']:.2f} s; pipeline / spaCy = "
        f"**{record['overhead_ratio']:.2f}×** (batched `nlp.pipe`: "
        f"{record['spacy_pipe_seconds']:.2f} s)",
        f"- events: {record['events']} after merging",
        f"- peak memory (RSS): {record['peak_rss_mb']:.0f} MB "
        f"(after loading resources: {record['rss_after_load_mb']:.0f} MB)",
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="frontlines pipeline benchmark")
    parser.add_argument("--documents", type=int, default=DEFAULT_DOCUMENTS)
    parser.add_argument("--out", type=Path, default=RESULTS_DIR)
    args = parser.parse_args(argv)
    rng = random.Random(SEED)
    records = [make_report(i, rng) for i in range(args.documents)]
    settings = load_settings()
    settings = replace(settings, gazetteer_files=(*settings.gazetteer_files, GOLD_GAZETTEER))
    resources, load_seconds = timed(lambda: load_resources(settings))
    rss_after_load = peak_rss_mb()
    with tempfile.TemporaryDirectory(prefix="frontlines-bench-") as folder:
        path = Path(folder) / "documents.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        stages, articles, events = run_stages(path, resources)
    peak = peak_rss_mb()
    total = sum(stages.values())
    reference, batched = spacy_reference([a.body for a in articles], settings.spacy_model)
    record = {
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": git_commit(),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {platform.system()}",
        "documents": len(records),
        "characters": sum(len(r["text"]) for r in records),
        "articles": len(articles),
        "events": events,
        "load_seconds": round(load_seconds, 2),
        "stages_seconds": {name: round(value, 3) for name, value in stages.items()},
        "total_seconds": round(total, 3),
        "documents_per_second": round(len(records) / total, 2) if total else 0.0,
        "spacy_model": settings.spacy_model,
        "spacy_reference_seconds": round(reference, 3),
        "spacy_pipe_seconds": round(batched, 3),
        "overhead_ratio": round(total / reference, 3) if reference else 0.0,
        "peak_rss_mb": round(peak, 1),
        "rss_after_load_mb": round(rss_after_load, 1),
        "gazetteer_files": [
            str(p.relative_to(REPO_DIR))
            for p in settings.gazetteer_files
            if p.is_relative_to(REPO_DIR)
        ],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    (args.out / "bench.md").write_text(markdown(record), encoding="utf-8")
    sys.stdout.write(markdown(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
