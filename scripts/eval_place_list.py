"""Place mentions from real reporting, resolved right / wrong / abstained: our own place list.

The list (tests/gazetteer/fixtures/real_place_mentions.jsonl) holds, per mention, the page's
URL, a short context snippet, the mention as written and our gold country and admin1 (empty for
a country named on its own). It was gathered with the `search` tool's pages corpus: news about
conflicts in more than fifteen countries; no article text is stored, only the snippets.

Each page's snippets, joined, are one document (so document geography has its say); a mention
is right when a place resolved over it has the gold country and admin1, wrong when it has
another country or another admin1, and abstained when nothing is resolved over it or the place
has no admin1 (a town the gazetteer knows without its province).

Usage: .venv/bin/python scripts/eval_place_list.py [--list FILE] [--gazetteer FILE]
       [--out FILE.json] [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from frontlines.config import load_settings
from frontlines.eval.matching import gazetteer_place_matcher
from frontlines.eval.names import countries_match
from frontlines.gazetteer import load_gazetteer
from frontlines.models import ResolvedPlace
from frontlines.nlp.toponyms import find_places

REPO = Path(__file__).resolve().parent.parent
DEFAULT_LIST = REPO / "tests" / "gazetteer" / "fixtures" / "real_place_mentions.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=Path, default=DEFAULT_LIST)
    parser.add_argument("--gazetteer", action="append", default=[])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--show", action="store_true", help="print every wrong or abstained one")
    args = parser.parse_args(argv)
    settings = load_settings()
    if args.gazetteer:
        settings = replace(settings, gazetteer_files=tuple(args.gazetteer))
    gazetteer = load_gazetteer(settings)
    same = gazetteer_place_matcher(gazetteer.lookup)
    records = [json.loads(line) for line in args.list.read_text("utf-8").splitlines() if line]
    by_url: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_url[record["url"]].append(record)
    tally = {"right": 0, "wrong": 0, "abstain": 0}
    by_country: dict[str, dict[str, int]] = defaultdict(lambda: {"right": 0, "n": 0})
    for url, items in by_url.items():
        snippets = list(dict.fromkeys(r["snippet"] for r in items))
        text = "\n\n".join(snippets)
        starts = {}
        position = 0
        for snippet in snippets:
            starts[snippet] = position
            position += len(snippet) + 2
        places = find_places(text, gazetteer, doc_id=url)
        for record in items:
            start = starts[record["snippet"]] + record["snippet"].index(record["mention"])
            end = start + len(record["mention"])
            over = [p for p in places if p.start < end and start < p.end]
            verdict, got = _judge(record, over, same)
            tally[verdict] += 1
            by_country[record["country"]]["n"] += 1
            by_country[record["country"]]["right"] += verdict == "right"
            if args.show and verdict != "right":
                gold = f"{record['country']}/{record['admin1']}"
                print(f"{verdict:7} {record['mention']!r} gold {gold} got {got}")
    total = sum(tally.values())
    scores = {k: round(v / total, 3) for k, v in tally.items()} | {"mentions": total}
    scores["countries"] = len(by_country)
    print(json.dumps(scores, indent=1))
    if args.out:
        args.out.write_text(
            json.dumps({**scores, "by_country": by_country}, indent=1) + "\n", encoding="utf-8"
        )
    return 0


def _judge(record: dict[str, Any], over: list[ResolvedPlace], same: Any) -> tuple[str, str]:
    if not over:
        return "abstain", "nothing"
    place = over[0]
    got = f"{place.country}/{place.admin1 or ''} ({place.level} {place.name})"
    if not countries_match(place.country, record["country"]):
        return "wrong", got
    if not record["admin1"]:
        return ("right", got) if place.level == "country" else ("wrong", got)
    admin1 = place.admin1 or (place.name if place.level == "admin1" else "")
    if not admin1:
        return "abstain", got
    return ("right" if same(record["admin1"], admin1) else "wrong"), got


if __name__ == "__main__":
    sys.exit(main())
