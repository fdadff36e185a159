"""Cleaning throughput and memory: ~600-word articles with reader-comment sections, one core.

Generates N documents from templates (deterministic), cleans each with `clean_document`, and
reports documents/s, mean ms/document, peak traced memory (tracemalloc, separate pass) and the
process's maximum resident set size. Also reports the line-level figures on the hand-written
gold (tests/fixtures/clean). Writes bench/results/clean.json and bench/results/clean.md.

    .venv/bin/python bench/bench_clean.py [--documents 500]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import random
import resource
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from frontlines.clean import clean_document
from frontlines.clean.gold import read_gold, score_lines
from frontlines.models import Document

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
GOLD_DIR = ROOT / "tests" / "fixtures" / "clean"
TARGET_DOCS_PER_SECOND = 200
TARGET_WORDS = 600

DISTRICTS = ["Yamgan", "Kuran wa Munjan", "Arghanj Khwah", "Khash", "Shighnan", "Ishkashim"]
PROVINCES = ["Badakhshan", "Kunduz", "Takhar", "Helmand", "Kandahar", "Faryab"]
ACTORS = ["Taliban fighters", "Afghan security forces", "local militias", "border police"]
VERBS = ["captured", "attacked", "retook", "surrounded", "withdrew from", "shelled"]
SOURCES = ["provincial officials said", "a police spokesman said", "residents said"]
SENTENCES = [
    "{actor} {verb} the centre of {district} district in {province} province on {day}, {source}.",
    "At least {n} people were killed and {m} wounded in the fighting, {source}.",
    "The district fell to the {actor2} after {n} hours of clashes, {source}.",
    "Hundreds of families fled towards the provincial capital, {source}.",
    "The Ministry of Defense said air strikes had killed {n} insurgents near {district}.",
    "The claims could not be independently verified, and the Taliban did not comment.",
]
BOILERPLATE = [
    "Illustrative Image",
    "Click to see full-size image",
    "Photo: Hoshang Hashimi/AFP",
    "Advertisement",
    "Share this article",
    "Read more: Taliban seize border crossing",
]
COMMENT_HEADERS = ["{n} comments", "Join the discussion", "Reader comments ({n})", "Comments"]
AUTHOR_LINES = ["{name} · {n} hours ago", "{name} says:", "Posted by {name} on July {n}, 2021"]
NAMES = ["Albert F.", "sasha_1987", "Mirwais_K", "Laila S.", "IronMike_1776", "Guest"]
COMMENTS = [
    "This is all because of Pakistan, everyone knows it.",
    "You are an idiot, go back to your cave.",
    "My cousin in Fayzabad says the Taliban are already in the bazaar.",
    "Same thing happened in Iraq and it will happen again.",
    "Praying for the families in {district}.",
]
META = ["Reply", "{n} likes", "Edited {n} days ago by {name}", "Like · Reply · 2d"]


def make_article(rng: random.Random) -> str:
    """One ~600-word article with boilerplate lines and a comment section."""
    lines: list[str] = [f"Taliban advance in {rng.choice(PROVINCES)}", ""]
    words = 0
    while words < TARGET_WORDS:
        sentence = _fill(rng.choice(SENTENCES), rng)
        lines.append(sentence)
        words += len(sentence.split())
        if rng.random() < 0.12:
            lines.append(rng.choice(BOILERPLATE))
        if rng.random() < 0.3:
            lines.append("")
    lines += ["", _fill(rng.choice(COMMENT_HEADERS), rng)]
    for _ in range(rng.randint(4, 12)):
        lines.append(_fill(rng.choice(AUTHOR_LINES), rng))
        lines.append(_fill(rng.choice(COMMENTS), rng))
        lines.append(_fill(rng.choice(META), rng))
    return "\n".join(lines)


def make_page(rng: random.Random) -> str:
    """The same kind of article as an HTML page with a WordPress-style comment list."""
    text = make_article(rng)
    body_lines = [line for line in text.split("\n") if line][:40]
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in body_lines)
    items = "".join(
        f"<li class='comment'><span class='fn'>{html.escape(rng.choice(NAMES))}</span>"
        f"<time>{rng.randint(2, 9)} hours ago</time><p>{html.escape(_fill(c, rng))}</p>"
        "<a class='reply'>Reply</a></li>"
        for c in rng.sample(COMMENTS, k=4)
    )
    return (
        f"<html><head><title>{html.escape(body_lines[0])}</title></head><body>"
        f"<nav>Home | World | Asia</nav><article>{paragraphs}</article>"
        f"<section id='comments'><h2>4 comments</h2><ol>{items}</ol></section></body></html>"
    )


def make_long_thread(rng: random.Random, *, times: int = 100) -> str:
    """An article whose comment section is `times` as long as its body (a viral page)."""
    text = make_article(rng)
    body = "\n".join(line for line in text.split("\n") if len(line.split()) > 6)[:4000]
    words = len(body.split())
    lines: list[str] = [""]
    while sum(len(line.split()) for line in lines) < times * words:
        lines.append(f"{rng.choice(NAMES)} · {rng.randint(2, 59)} minutes ago")
        lines.append(_fill(rng.choice(COMMENTS), rng))
        lines.append("Reply · Report")
    return body + "\n\n" + "\n".join(lines) + "\n"


def run_long_thread(rng: random.Random) -> dict[str, float]:
    """Seconds to clean one page whose comment section is 100x its body, and its comments."""
    document = Document(id="long-thread", text=make_long_thread(rng))
    started = time.perf_counter()
    article = clean_document(document)
    seconds = time.perf_counter() - started
    return {
        "characters": len(document.text or ""),
        "comments": len(article.comments),
        "seconds": round(seconds, 3),
    }


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        actor=rng.choice(ACTORS),
        actor2="Taliban",
        verb=rng.choice(VERBS),
        district=rng.choice(DISTRICTS),
        province=rng.choice(PROVINCES),
        day=rng.choice(["Saturday", "Sunday", "Monday"]),
        source=rng.choice(SOURCES),
        n=rng.randint(2, 40),
        m=rng.randint(2, 40),
        name=rng.choice(NAMES),
    )


def run_throughput(documents: list[Document]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) to clean every document once."""
    wall, cpu = time.perf_counter(), time.process_time()
    for document in documents:
        clean_document(document)
    return time.perf_counter() - wall, time.process_time() - cpu


def run_traced(documents: list[Document]) -> int:
    tracemalloc.start()
    for document in documents:
        clean_document(document)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def gold_figures() -> dict[str, int]:
    exact = right = total = files = 0
    for path in sorted(GOLD_DIR.glob("*.gold.txt")):
        gold = read_gold(path)
        article = clean_document(Document(id=gold.name, text=gold.text, kind=gold.kind))
        score = score_lines(gold, article)
        files += 1
        exact += score.exact
        right += score.lines_right
        total += score.lines_total
    return {"documents_exact": exact, "documents": files, "lines_right": right, "lines": total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--pages", type=int, default=100, help="HTML pages (trafilatura path)")
    parser.add_argument("--repeats", type=int, default=5, help="timed passes; best and median")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    documents = [Document(id=f"bench-{i}", text=make_article(rng)) for i in range(args.documents)]
    words = sum(len((d.text or "").split()) for d in documents) / len(documents)
    clean_document(documents[0])  # load models and patterns once, outside the timing
    runs = [run_throughput(documents) for _ in range(args.repeats)]
    walls = sorted(wall for wall, _ in runs)
    cpus = sorted(cpu for _, cpu in runs)
    seconds = walls[len(walls) // 2]
    peak = run_traced(documents[:100])
    pages = [Document(id=f"page-{i}", html=make_page(rng)) for i in range(args.pages)]
    clean_document(pages[0])
    page_seconds, _ = run_throughput(pages)
    long_thread = run_long_thread(rng)
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "documents": len(documents),
        "mean_words_per_document": round(words),
        "repeats": args.repeats,
        "median_wall_seconds": round(seconds, 3),
        "documents_per_second": round(len(documents) / seconds, 1),
        "best_documents_per_second": round(len(documents) / walls[0], 1),
        "cpu_documents_per_second": round(len(documents) / cpus[len(cpus) // 2], 1),
        "ms_per_document": round(1000 * seconds / len(documents), 2),
        "html_pages": len(pages),
        "html_pages_per_second": round(len(pages) / page_seconds, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "target_documents_per_second": TARGET_DOCS_PER_SECOND,
        "peak_traced_mb_100_documents": round(peak / 1e6, 1),
        "max_rss_mb": round(maxrss_kb / 1024, 1),
        "long_thread": long_thread,
        "gold": gold_figures(),
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "clean.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS_DIR / "clean.md").write_text(_markdown(result), encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


def _markdown(result: dict[str, Any]) -> str:
    gold: dict[str, int] = result["gold"]
    return (
        "# Clean stage benchmark\n\n"
        "Command: `taskset -c 0 .venv/bin/python bench/bench_clean.py "
        f"--documents {result['documents']}`"
        f" ({result['date']}, Python {result['python']}, {result['machine']}, one core)\n\n"
        "| measure | value |\n| --- | --- |\n"
        f"| documents (~{TARGET_WORDS}-word body + comment section; "
        f"{result['mean_words_per_document']} words in all) | {result['documents']} |\n"
        f"| documents/s (median of {result['repeats']} passes, wall clock) | "
        f"**{result['documents_per_second']}** "
        f"(target ≥ {result['target_documents_per_second']}) |\n"
        f"| documents/s (best pass) | {result['best_documents_per_second']} |\n"
        f"| documents/s (median, CPU time of the process) | "
        f"{result['cpu_documents_per_second']} |\n"
        f"| machine load average while measuring (shared, 2 cores) | "
        f"{result['load_average_1min']} |\n"
        f"| ms/document | {result['ms_per_document']} |\n"
        f"| HTML pages/s ({result['html_pages']} pages, trafilatura + comment list) | "
        f"{result['html_pages_per_second']} |\n"
        f"| peak traced memory while cleaning 100 documents, models already loaded "
        f"(tracemalloc) | "
        f"{result['peak_traced_mb_100_documents']} MB |\n"
        f"| max resident set size of the process | {result['max_rss_mb']} MB |\n"
        f"| one page whose comment section is 100x its body "
        f"({result['long_thread']['characters']:,} characters, "
        f"{result['long_thread']['comments']:,} comments) | "
        f"{result['long_thread']['seconds']} s |\n"
        f"| gold: documents exact at line level | "
        f"{gold['documents_exact']} / {gold['documents']} |\n"
        f"| gold: lines right | {gold['lines_right']} / {gold['lines']} |\n"
    )


if __name__ == "__main__":
    raise SystemExit(main())
