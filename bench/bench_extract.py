"""Speed of nlp -> extract -> resolve on ~500-word articles, one core, split by part.

Usage: .venv/bin/python bench/bench_extract.py [--docs N] [--words W] [--profile]
The articles are built from our own sentences (tests/fixtures/subevents.jsonl plus neutral
filler), shuffled with a fixed seed, so runs are comparable. Reported: documents per second
overall, and the share of time in spaCy (parse), toponyms (find_places + marking), extraction
and resolution.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import time
from datetime import date
from pathlib import Path

from frontlines.config import load_settings
from frontlines.extract import extract_mentions
from frontlines.gazetteer import load_gazetteer
from frontlines.models import Analysis, Article
from frontlines.nlp.pipeline import NER_HINT_LABELS, load_nlp, mark_places, parse_body
from frontlines.nlp.toponyms import find_places
from frontlines.resolve import resolve_events

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "subevents.jsonl"
FILLER = (
    "Residents said markets in the city reopened after several days and prices of flour rose.",
    "The governor met tribal elders to discuss the security situation and the coming harvest.",
    "Schools in the province remained closed, according to the local education department.",
    "Aid agencies said they were delivering food to families who had left their homes.",
)
SEED = 7


def build_articles(count: int, words: int) -> list[Article]:
    sentences = [json.loads(line)["text"] for line in FIXTURE.read_text().splitlines() if line]
    rng = random.Random(SEED)
    articles = []
    for number in range(count):
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < words:
            parts.append(rng.choice(sentences) if rng.random() < 0.5 else rng.choice(FILLER))
        paragraphs = [" ".join(parts[i : i + 3]) for i in range(0, len(parts), 3)]
        body = "\n\n".join(paragraphs)
        articles.append(
            Article(id=f"bench-{number}", body=body, original=body, published=date(2021, 7, 5))
        )
    return articles


def run(count: int, words: int, profile: bool) -> None:
    settings = load_settings()
    gazetteer = load_gazetteer(settings)
    nlp = load_nlp(settings, gazetteer)
    articles = build_articles(count, words)
    nlp(articles[0].body)  # warm-up
    timings = {"spacy": 0.0, "toponyms": 0.0, "extract": 0.0, "resolve": 0.0}
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    events = 0
    for article in articles:
        t0 = time.perf_counter()
        doc = parse_body(article.body, nlp)
        t1 = time.perf_counter()
        if profiler:
            profiler.enable()
        hints = [
            (e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in NER_HINT_LABELS
        ]
        places = find_places(article.body, gazetteer, doc_id=article.id, ner_spans=hints)
        mark_places(doc, places)
        analysis = Analysis(article=article, doc=doc, places=tuple(places), gazetteer=gazetteer)
        t2 = time.perf_counter()
        mentions = extract_mentions(analysis)
        t3 = time.perf_counter()
        events += len(resolve_events(analysis, mentions))
        t4 = time.perf_counter()
        if profiler:
            profiler.disable()
        timings["spacy"] += t1 - t0
        timings["toponyms"] += t2 - t1
        timings["extract"] += t3 - t2
        timings["resolve"] += t4 - t3
    total = time.perf_counter() - started
    mean_words = sum(len(a.body.split()) for a in articles) / len(articles)
    print(f"documents {count}  mean words {mean_words:.0f}  events {events}")
    print(f"documents/s {count / total:.1f}  (total {total:.2f} s)")
    for part, seconds in timings.items():
        print(f"  {part:9} {seconds:6.2f} s  {100 * seconds / total:5.1f} %")
    ours = timings["toponyms"] + timings["extract"] + timings["resolve"]
    print(f"  our code (toponyms+extract+resolve) {100 * ours / total:.1f} % of the total")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def run_big(megabytes: float) -> None:
    """One very long document through the pipeline's nlp -> extract -> resolve (which works
    on a long body in parts): time and peak memory."""
    import resource

    from frontlines.pipeline import Resources, process_article

    settings = load_settings()
    gazetteer = load_gazetteer(settings)
    nlp = load_nlp(settings, gazetteer)
    pieces: list[str] = []
    size = 0
    for article in build_articles(10_000, 500):
        pieces.append(article.body)
        size += len(article.body) + 2
        if size >= megabytes * 1_000_000:
            break
    body = "\n\n".join(pieces)
    article = Article(id="big", body=body, original=body, published=date(2021, 7, 5))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    resources = Resources(settings=settings, gazetteer=gazetteer, nlp=nlp)
    result = process_article(article, resources)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"document {len(body) / 1e6:.1f} MB, {len(result.events)} events")
    print(
        f"time {elapsed:.1f} s; peak RSS {before / 1024:.0f} MB before, {after / 1024:.0f} MB after"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--big", type=float, default=0.0, help="one document of this many MB")
    args = parser.parse_args()
    if args.big:
        run_big(args.big)
    else:
        run(args.docs, args.words, args.profile)
