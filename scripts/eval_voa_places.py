"""Place-only measures on an annotated set (voa-dev): are the gold provinces and districts found?

The event scores of `frontlines eval` pair a prediction with a gold event only when the event
itself is detected, so they mix place and event coding. These measures look at places alone:

- doc admin1 / admin2 recall: the gold event's admin1 (admin2, or its location) is among the
  places resolved anywhere in its document;
- event admin1 / admin2 recall: it is the admin1 (admin2 or location) of one of the events the
  pipeline predicted for that document (any type, any date);
- event admin1 / admin2 precision: predicted events whose admin1 (admin2) is that of some gold
  event of their document, over the predicted events that name one; F1 from these two;
- focus right / wrong / abstain: the document's main place (`geolocate.focus_place`) against
  the gold events' provinces.

Names are compared as the evaluator does (transliteration folding, or two names of one
gazetteer entry).

Usage: .venv/bin/python scripts/eval_voa_places.py ../shared/data/voa-dev [--gazetteer FILE]
       [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from frontlines.config import load_settings
from frontlines.eval.gold import read_gold
from frontlines.eval.matching import SamePlace, gazetteer_place_matcher
from frontlines.eval.names import countries_match
from frontlines.eval.records import ScoredEvent
from frontlines.models import Event, ResolvedPlace
from frontlines.pipeline import load_resources, run_pipeline
from frontlines.resolve.geolocate import focus_place


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--gazetteer", action="append", default=[])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--show", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    settings = load_settings()
    if args.gazetteer:
        settings = replace(settings, gazetteer_files=tuple(args.gazetteer))
    resources = load_resources(settings)
    gold_set = read_gold(args.gold / "gold.jsonl" if args.gold.is_dir() else args.gold)
    run = run_pipeline(list(gold_set.text_paths), resources, merge=False)
    same = gazetteer_place_matcher(resources.gazetteer.lookup)
    places = {d.article.id: d.places for d in run.documents}
    events: dict[str, list[Event]] = {}
    for event in run.events:
        for source in event.sources:
            events.setdefault(source.doc_id, []).append(event)
    tally = dict.fromkeys(
        (
            "gold_admin1",
            "doc_admin1",
            "event_admin1",
            "gold_admin2",
            "doc_admin2",
            "event_admin2",
            "pred_admin1",
            "pred_admin1_right",
            "pred_admin2",
            "pred_admin2_right",
            "focus_right",
            "focus_wrong",
            "focus_abstain",
        ),
        0,
    )
    for report in gold_set.reports:
        doc_places = places.get(report.doc_id, ())
        doc_events = events.get(report.doc_id, [])
        gold = [g for g in report.events if g.admin1]
        for event in gold:
            tally["gold_admin1"] += 1
            found = any(_has_admin1(p, event, same) for p in doc_places)
            tally["doc_admin1"] += found
            tally["event_admin1"] += any(_event_admin1(e, event, same) for e in doc_events)
            if args.show and not found:
                print(f"admin1 miss {report.doc_id}: {event.admin1} ({event.country})")
            if event.admin2:
                tally["gold_admin2"] += 1
                found2 = any(_has_admin2(p, event, same) for p in doc_places)
                tally["doc_admin2"] += found2
                tally["event_admin2"] += any(_event_admin2(e, event, same) for e in doc_events)
                if args.show and not found2:
                    print(f"admin2 miss {report.doc_id}: {event.admin2} / {event.location}")
        for predicted in doc_events:
            if predicted.admin1:
                tally["pred_admin1"] += 1
                right = any(_event_admin1(predicted, g, same) for g in gold)
                tally["pred_admin1_right"] += right
                if args.show and not right and gold:
                    print(f"admin1 wrong {report.doc_id}: {predicted.admin1} ({predicted.country})")
            if predicted.admin2 and any(g.admin2 for g in gold):
                tally["pred_admin2"] += 1
                right2 = any(_event_admin2(predicted, g, same) for g in gold)
                tally["pred_admin2_right"] += right2
                if args.show and not right2:
                    where = f"{predicted.admin2} / {predicted.location}"
                    print(f"admin2 wrong {report.doc_id}: {where}")
        if gold:
            focus = focus_place(doc_places)
            if focus is None:
                tally["focus_abstain"] += 1
            elif any(_has_admin1(focus, g, same) for g in gold):
                tally["focus_right"] += 1
            else:
                tally["focus_wrong"] += 1
    scores = _scores(tally)
    text = json.dumps({"gold": str(args.gold), "gazetteer": args.gazetteer, **scores, **tally})
    print(json.dumps(scores, indent=1))
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


def _scores(tally: dict[str, int]) -> dict[str, float]:
    def ratio(a: str, b: str) -> float:
        return round(tally[a] / tally[b], 3) if tally[b] else 0.0

    out = {
        "doc_admin1_recall": ratio("doc_admin1", "gold_admin1"),
        "doc_admin2_recall": ratio("doc_admin2", "gold_admin2"),
        "event_admin1_recall": ratio("event_admin1", "gold_admin1"),
        "event_admin1_precision": ratio("pred_admin1_right", "pred_admin1"),
        "event_admin2_recall": ratio("event_admin2", "gold_admin2"),
        "event_admin2_precision": ratio("pred_admin2_right", "pred_admin2"),
    }
    for level in ("admin1", "admin2"):
        p, r = out[f"event_{level}_precision"], out[f"event_{level}_recall"]
        out[f"event_{level}_f1"] = round(2 * p * r / (p + r), 3) if p + r else 0.0
    return out


def _same_country(country: str, gold: ScoredEvent) -> bool:
    return not gold.country or countries_match(country, gold.country)


def _has_admin1(place: ResolvedPlace, gold: ScoredEvent, same: SamePlace) -> bool:
    name = place.admin1 or (place.name if place.level == "admin1" else "")
    return bool(name) and _same_country(place.country, gold) and same(gold.admin1, name)


def _has_admin2(place: ResolvedPlace, gold: ScoredEvent, same: SamePlace) -> bool:
    if not _same_country(place.country, gold):
        return False
    names = [n for n in (place.admin2, place.name if place.level != "admin1" else "") if n]
    wanted = [n for n in (gold.admin2, gold.location) if n]
    return any(same(w, n) for w in wanted for n in names)


def _event_admin1(event: Event, gold: ScoredEvent, same: SamePlace) -> bool:
    return (
        bool(event.admin1 and gold.admin1)
        and _same_country(event.country, gold)
        and same(gold.admin1, event.admin1)
    )


def _event_admin2(event: Event, gold: ScoredEvent, same: SamePlace) -> bool:
    if not _same_country(event.country, gold) or not gold.admin2:
        return False
    names = [n for n in (event.admin2, event.location) if n]
    wanted = [n for n in (gold.admin2, gold.location) if n]
    return any(same(w, n) for w in wanted for n in names)


if __name__ == "__main__":
    sys.exit(main())
