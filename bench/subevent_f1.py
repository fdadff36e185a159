"""Weighted F1 of sub-event typing on tests/fixtures/subevents.jsonl (one sentence per line).

Usage: .venv/bin/python bench/subevent_f1.py [--show-errors]
The predicted type of a snippet is that of its first mention ("none" when no mention).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from frontlines.config import load_settings
from frontlines.extract import extract_mentions
from frontlines.gazetteer import load_gazetteer
from frontlines.models import Article
from frontlines.nlp import analyse, load_nlp

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "subevents.jsonl"


def weighted_f1(gold: list[str], predicted: list[str]) -> float:
    """Support-weighted mean of per-class F1 over the gold classes."""
    support = Counter(gold)
    total = 0.0
    for label, count in support.items():
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label and g != label)
        fn = count - tp
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        total += f1 * count
    return total / len(gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--file", type=Path, default=FIXTURE, help="a JSONL of text/sub_event_type")
    args = parser.parse_args()
    settings = load_settings()
    gazetteer = load_gazetteer(settings)
    nlp = load_nlp(settings, gazetteer)
    rows = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines() if line]
    gold: list[str] = []
    predicted: list[str] = []
    for number, row in enumerate(rows):
        article = Article(id=f"s{number}", body=row["text"], original=row["text"])
        mentions = extract_mentions(analyse(article, nlp=nlp, gazetteer=gazetteer))
        guess = mentions[0].sub_event_type if mentions else "none"
        gold.append(row["sub_event_type"])
        predicted.append(guess)
        if args.show_errors and guess != row["sub_event_type"]:
            print(f"{row['sub_event_type']:35} <- {guess:35} {row['text']}")
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
    print(
        f"snippets {len(gold)}  accuracy {accuracy:.3f}  "
        f"weighted F1 {weighted_f1(gold, predicted):.3f}"
    )


if __name__ == "__main__":
    main()
