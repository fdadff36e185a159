"""Benchmark the gazetteer and place recognition: build and load times, ms per 500-word
document, peak memory. Writes bench/results/places_bench.json.

Documents: ISAF press releases from ../shared/data (read at run time, never copied), joined into
500-word texts; without the data, the hand-written sentences of tests/fixtures/gazetteer/.

Usage: .venv/bin/python bench/bench_places.py [--data ../shared/data] [--docs 200]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from frontlines.config import load_settings
from frontlines.gazetteer import build_default, load_gazetteer
from frontlines.nlp.toponyms import find_places

REPO = Path(__file__).resolve().parent.parent
WORDS_PER_DOCUMENT = 500


def documents(data: Path, count: int) -> list[str]:
    path = data / "isaf-press-releases" / "isaf_dev.jsonl"
    if path.is_file():
        lines = path.read_text(encoding="utf-8").split("\n")
        words = " ".join(json.loads(line)["text"] for line in lines if line.strip()).split()
    else:
        words = (REPO / "tests" / "fixtures" / "gazetteer" / "sentences.txt").read_text().split()
    docs = []
    position = 0
    while len(docs) < count:
        chunk = words[position : position + WORDS_PER_DOCUMENT]
        if len(chunk) < WORDS_PER_DOCUMENT:
            position = 0
            continue
        docs.append(" ".join(chunk))
        position += WORDS_PER_DOCUMENT
    return docs


REPEATS = 5


def timed(fn: Callable[[], object], repeats: int = 1) -> float:
    """Median wall time of `repeats` calls (the machine is shared; the median is steadier)."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument(
        "--out", type=Path, default=REPO / "bench" / "results" / "places_bench.json"
    )
    args = parser.parse_args()
    results: dict[str, object] = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    with tempfile.TemporaryDirectory() as cache:
        settings = load_settings(cache_dir=Path(cache), gazetteer_files=())
        results["default_build_s"] = round(timed(lambda: build_default(settings)), 2)
        results["default_load_s"] = round(timed(lambda: load_gazetteer(settings), REPEATS), 2)
        af = args.data / "gazetteer-af" / "AF.csv"
        files = (af,) if af.is_file() else (REPO / "tests/fixtures/gazetteer/af_small.csv",)
        with_af = load_settings(cache_dir=Path(cache), gazetteer_files=files)
        results["import_first_load_s"] = round(timed(lambda: load_gazetteer(with_af)), 2)
        results["import_cached_load_s"] = round(timed(lambda: load_gazetteer(with_af), REPEATS), 2)
        gazetteer = load_gazetteer(with_af)
    info = gazetteer.info()
    results["names"] = info["names"]
    results["entries"] = info["entries"]
    docs = documents(args.data, args.docs)
    find_places(docs[0], gazetteer, doc_id="warm-up")
    per_document = []
    found = 0
    for i, text in enumerate(docs):
        started = time.perf_counter()
        found += len(find_places(text, gazetteer, doc_id=str(i)))
        per_document.append(1000 * (time.perf_counter() - started))
    results["documents"] = len(docs)
    results["ms_per_500_word_document"] = round(statistics.mean(per_document), 2)
    results["ms_per_500_word_document_median"] = round(statistics.median(per_document), 2)
    results["places_per_document"] = round(found / len(docs), 1)
    lowercase = [text.lower() for text in docs]  # speech-recognition style: no capitals
    find_places(lowercase[0], gazetteer, doc_id="warm-up")
    timings = []
    for i, text in enumerate(lowercase):
        started = time.perf_counter()
        find_places(text, gazetteer, doc_id=str(i))
        timings.append(1000 * (time.perf_counter() - started))
    results["ms_per_500_word_lowercase_document"] = round(statistics.mean(timings), 2)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(results, indent=1))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
