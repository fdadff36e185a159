"""Throughput on both cores and on Dask: ~450-word real documents, recorded, not asserted.

Usage: .venv/bin/python bench/bench_scale.py [--docs N] [--skip-dask]

The documents are ISAF press releases (../shared/data/isaf-press-releases/isaf_dev.jsonl)
joined in file order until each has ~450 words, written to one JSONL file. In one run, side by
side on the same texts (the machine is shared; only ratios from one run mean anything):
  - a plain `nlp.pipe` parse of the documents' cleaned bodies (the spaCy model alone, 1 core);
  - the whole pipeline (`Pipeline.run`: read, clean, nlp, extract, resolve, merge) with
    --workers 1 and --workers 2;
  - `Pipeline.run` on a local Dask cluster of 1 and of 2 worker processes.
Start-up is excluded from documents/s: the rate is taken from the moment the first WARMUP
documents are done to the last one (model loading, worker start-up and the first documents
are not counted). Results go to bench/results/scale.json and scale.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import spacy
from threadpoolctl import threadpool_limits

from frontlines.config import load_settings
from frontlines.executor_dask import dask_client
from frontlines.pipeline import Pipeline, read_articles

REPO = Path(__file__).resolve().parents[1]
ISAF = REPO.parent / "shared" / "data" / "isaf-press-releases" / "isaf_dev.jsonl"
RESULTS = REPO / "bench" / "results"
WORDS_PER_DOCUMENT = 450
# Documents done before the clock starts (start-up and warm-up are not throughput).
WARMUP = 4


def build_documents(path: Path, count: int) -> int:
    """Write `count` ~450-word documents joined from ISAF releases; return their word count."""
    rows = [
        json.loads(line) for line in ISAF.read_text(encoding="utf-8").split("\n") if line.strip()
    ]
    documents: list[str] = []
    parts: list[str] = []
    for row in rows * 10:
        parts.append(row["text"].strip())
        if sum(len(p.split()) for p in parts) >= WORDS_PER_DOCUMENT:
            documents.append("\n\n".join(parts))
            parts = []
        if len(documents) == count:
            break
    with path.open("w", encoding="utf-8") as out:
        for number, text in enumerate(documents):
            record = {"id": f"isaf-joined-{number}", "text": text, "published": "2012-03-01"}
            out.write(json.dumps(record) + "\n")
    return sum(len(text.split()) for text in documents)


class Clock:
    """Times at which each document was done."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def tick(self) -> None:
        self.times.append(time.perf_counter())

    def rate(self) -> float:
        """Documents per second after the warm-up documents."""
        if len(self.times) <= WARMUP:
            return 0.0
        return (len(self.times) - WARMUP) / (self.times[-1] - self.times[WARMUP - 1])


def spacy_rate(bodies: list[str], model: str) -> float:
    """Documents/s of nlp.pipe over all bodies (it yields in batches, so the whole run after a
    warm-up parse is timed, the model loaded before the clock starts)."""
    nlp = spacy.load(model)
    list(nlp.pipe(bodies[:WARMUP]))
    started = time.perf_counter()
    for _doc in nlp.pipe(bodies):
        pass
    return len(bodies) / (time.perf_counter() - started)


def pipeline_rate(run: Callable[[Clock], Any]) -> tuple[float, int]:
    clock = Clock()
    started = time.perf_counter()
    result = run(clock)
    print(f"    whole run {time.perf_counter() - started:.1f} s", flush=True)
    return clock.rate(), len(result.events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=120)
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    settings = load_settings()
    load_start = os.getloadavg()[0]
    folder = Path(tempfile.mkdtemp(prefix="frontlines-bench-scale-"))
    inputs = [str(folder / "isaf_joined.jsonl")]
    words = build_documents(Path(inputs[0]), args.docs)
    bodies = [a.body for a in read_articles(inputs, settings=settings) if hasattr(a, "body")]
    print(f"{len(bodies)} documents, {words / len(bodies):.0f} words each", flush=True)

    rows: dict[str, float] = {}
    print("nlp.pipe (spaCy alone, 1 core)", flush=True)
    # "1 core": numpy's BLAS would otherwise use a thread per core in this process.
    with threadpool_limits(limits=1):
        rows["spacy_nlp_pipe_1_core"] = spacy_rate(bodies, settings.spacy_model)
    events: dict[str, int] = {}
    outputs: dict[str, list[str]] = {}
    for workers in (1, 2):
        print(f"pipeline --workers {workers}", flush=True)
        pipeline = Pipeline(settings, workers=workers)

        def run(clock: Clock, pipeline: Pipeline = pipeline) -> Any:
            with threadpool_limits(limits=1):  # workers 1 is one core; workers set their own
                result = pipeline.run(inputs, merge=False, on_done=clock.tick)
            outputs[f"workers_{pipeline.workers}"] = sorted(e.event_id for e in result.events)
            return result

        rows[f"pipeline_workers_{workers}"], events[f"workers_{workers}"] = pipeline_rate(run)
    if not args.skip_dask:
        for dask_workers in (1, 2):
            print(f"pipeline on a local Dask cluster of {dask_workers}", flush=True)
            with dask_client(workers=dask_workers) as client:
                pipeline = Pipeline(settings, client=client)
                rate, count = pipeline_rate(
                    lambda clock, p=pipeline: p.run(inputs, merge=False, on_done=clock.tick)
                )
            rows[f"dask_workers_{dask_workers}"], events[f"dask_{dask_workers}"] = rate, count
    record = {
        "measured": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=REPO, check=False
        ).stdout.strip(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, shared with other jobs",
        "load_average_start_end": [round(load_start, 2), round(os.getloadavg()[0], 2)],
        "documents": len(bodies),
        "words_per_document": round(words / len(bodies)),
        "documents_per_second": {k: round(v, 2) for k, v in rows.items()},
        "events": events,
        "same_events_workers_1_and_2": outputs.get("workers_1") == outputs.get("workers_2"),
    }
    write_results(record)
    print(json.dumps(record, indent=2))


def write_results(record: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    rates = record["documents_per_second"]
    spacy_rate_ = rates["spacy_nlp_pipe_1_core"]
    lines = [
        "# Scale benchmark",
        "",
        f"Measured {record['measured']} at commit `{record['commit']}` with "
        f"`python bench/bench_scale.py --docs {record['documents']}` "
        f"({record['documents']} documents of ~{record['words_per_document']} words joined "
        f"from ISAF releases; {record['machine']}; 1-minute load average at start and end "
        f"{record['load_average_start_end']}). Documents/s exclude start-up.",
        "",
        "| run | documents/s | time vs. nlp.pipe (1 core) |",
        "| --- | --- | --- |",
    ]
    for name, rate in rates.items():
        ratio = spacy_rate_ / rate if rate else float("nan")
        lines.append(f"| {name} | {rate:.2f} | {ratio:.2f}× |")
    lines += [
        "",
        f"- same event ids with --workers 1 and 2: {record['same_events_workers_1_and_2']}",
    ]
    d1, d2 = rates.get("dask_workers_1"), rates.get("dask_workers_2")
    if d1 and d2:
        lines.append(f"- Dask 2 workers / 1 worker: **{d2 / d1:.2f}×**")
    w1, w2 = rates["pipeline_workers_1"], rates["pipeline_workers_2"]
    lines.append(f"- --workers 2 / --workers 1: **{w2 / w1:.2f}×**")
    (RESULTS / "scale.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
