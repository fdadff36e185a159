"""How many gold actors of a real annotated set the actor dictionary finds in the report text.

For every gold event of a `frontlines eval` gold folder (default ../shared/data/voa-dev), each
gold actor1/actor2 counts as found when some actor the dictionary recognises in the document's
text (placed in the event's gold country, as the pipeline places it by the event's location)
names the same party by the tolerant comparison of `frontlines.eval.names.names_match`.

Figures:
- recall: gold actor slots (event x actor1/actor2) found, and distinct gold actors per document;
- hits naming a gold actor: of the distinct canonical names found in a document, the share that
  is one of that document's gold actors (the rest are actors the coders did not code: most are
  real mentions, some are misreadings);
- confusions: hits whose words name a gold actor but whose canonical name does not (the
  dictionary maps a mention of that party to a wrong name), over all hits;
- the same recall with ACLED's short forms accepted (`--short-forms`): "JNIM" for "JNIM: Group
  for Support of Islam and Muslims", "Boko Haram" for "Boko Haram - Jamaatu ...". The gold
  writes many groups by their short name, which `names_match` does not yet equate.

`--phrases-only` scans with the phrase table the entity ruler gets (no context rules, acronyms
in any case, no unknown groups), so an older dictionary can be measured the same way.

    .venv/bin/python scripts/eval_actors.py [GOLD_DIR] [--phrases-only] [--short-forms] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from frontlines.eval.names import names_match
from frontlines.nlp import actors

DEFAULT_GOLD = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "voa-dev"
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[-'/]\w+)*")


@dataclass(frozen=True)
class Hit:
    name: str
    text: str


def read_body(path: Path) -> str:
    """The text of a .txt report without its `key: value` header block."""
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    return body if sep and all(":" in line for line in head.splitlines() if line.strip()) else text


def scan_phrases(text: str, country: str | None) -> list[Hit]:
    """Longest-match scan of the ruler's phrase table (any case), country filled in."""
    dictionary = actors.load_actor_dictionary()
    words: list[str] = []
    spans: list[str] = []
    for match in _TOKEN.finditer(text.replace("’", "'")):
        word = match.group()
        if len(word) > 2 and word[-2:].lower() == "'s":
            words += [word[:-2].lower(), "'s"]
            spans += [word[:-2], "'s"]
        else:
            words.append(word.lower())
            spans.append(word)
    keys = {key: entry for key, entry in dictionary.phrases.items()}
    keys.update({key.replace(" 's", "'s"): entry for key, entry in dictionary.phrases.items()})
    longest = max(len(key.split()) for key in keys)
    hits: list[Hit] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            key = " ".join(words[i : i + size])
            entry = keys.get(key) or keys.get(key.replace(" 's", "'s"))
            if entry is not None:
                hits.append(
                    Hit(actors.fill_country(entry.name, country), " ".join(spans[i : i + size]))
                )
                i += size
                break
        else:
            i += 1
    return hits


def scan_full(text: str, country: str | None) -> list[Hit]:
    """The dictionary with context rules, acronyms as written and unknown groups."""
    find: Callable[..., list[actors.ActorMatch]] = actors.find_actors
    return [Hit(match.entry.name, match.text) for match in find(text, country=country)]


def short_forms(name: str) -> list[str]:
    """The name and ACLED's short forms of it: before 'ABBR:' and before ' - '."""
    forms = [name]
    if ": " in name:
        forms.append(name.split(": ", 1)[0])
    if " - " in name:
        forms.append(name.split(" - ", 1)[0])
    return forms


def evaluate(
    gold_dir: Path, *, phrases_only: bool, verbose: bool, short: bool = False
) -> dict[str, float]:
    scan = scan_phrases if phrases_only or not hasattr(actors, "find_actors") else scan_full

    def same(gold: str, name: str) -> bool:
        return any(names_match(gold, form) for form in (short_forms(name) if short else [name]))

    slots = found_slots = 0
    doc_gold = doc_found = 0
    hits_total = hits_gold = confusions = 0
    for line in (gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = read_body(gold_dir / f"{item['doc_id']}.txt")
        by_country: dict[str, list[Hit]] = {}
        gold_names: dict[str, bool] = {}
        for event in item["events"]:
            country = event.get("country") or None
            hits = by_country.setdefault(country or "", scan(text, country))
            for role in ("actor1", "actor2"):
                name = event.get(role)
                if not name:
                    continue
                slots += 1
                hit = any(same(name, h.name) for h in hits)
                found_slots += hit
                gold_names[name] = gold_names.get(name, False) or hit
                if verbose and not hit:
                    print(f"  miss {item['doc_id']}: {role} {name!r}", file=sys.stderr)
        doc_gold += len(gold_names)
        doc_found += sum(gold_names.values())
        distinct = {h.name: h for hits in by_country.values() for h in hits}
        for hit in distinct.values():
            hits_total += 1
            if any(same(g, hit.name) for g in gold_names):
                hits_gold += 1
            elif any(names_match(g, hit.text) for g in gold_names):
                confusions += 1
                if verbose:
                    print(
                        f"  confusion {item['doc_id']}: {hit.text!r} -> {hit.name!r}",
                        file=sys.stderr,
                    )
    return {
        "gold_actor_slots": slots,
        "slot_recall": round(found_slots / slots, 3) if slots else 0.0,
        "distinct_gold_actors": doc_gold,
        "distinct_recall": round(doc_found / doc_gold, 3) if doc_gold else 0.0,
        "distinct_hits": hits_total,
        "hits_naming_gold_actor": round(hits_gold / hits_total, 3) if hits_total else 0.0,
        "confusions": confusions,
        "confusion_rate": round(confusions / hits_total, 3) if hits_total else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--phrases-only", action="store_true")
    parser.add_argument("--short-forms", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if not (args.gold_dir / "gold.jsonl").is_file():
        print(f"No gold.jsonl in {args.gold_dir}. Pass a gold folder.", file=sys.stderr)
        return 1
    result = evaluate(
        args.gold_dir,
        phrases_only=args.phrases_only,
        verbose=args.verbose,
        short=args.short_forms,
    )
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
