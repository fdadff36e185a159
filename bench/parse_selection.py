"""How much of the text a cheap sentence filter would leave for the parser (issue 14 item 1).

Usage: .venv/bin/python bench/parse_selection.py [--limit N]

Over the voa-dev reports, a sentence "needs the parser" when it holds a trigger word (its form
or lemma starts a trigger in data/extract/triggers.json, or is an irregular form), a dictionary
actor, or a resolved place. Printed: sentences and the share of characters selected. The share
bounds what skipping the other sentences could save.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from frontlines.config import load_settings
from frontlines.extract.lexicon import load_lexicon
from frontlines.models import Article
from frontlines.nlp.actors import ACTOR_LABEL
from frontlines.pipeline import analyse_article, load_resources, read_articles

VOA_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "voa-dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--limit", type=int, default=40)
    args = parser.parse_args()
    lexicon = load_lexicon()
    first_words = set(lexicon.triggers_by_first_word) | set(lexicon.irregular_forms)
    resources = load_resources(load_settings())
    articles = [
        a
        for a in read_articles([str(VOA_DEV)], settings=resources.settings)
        if isinstance(a, Article)
    ][: args.limit]
    chars = selected_chars = sentences = selected = 0
    for article in articles:
        analysis = analyse_article(article, resources)
        spans = [(p.start, p.end) for p in analysis.places]
        for sentence in analysis.doc.sents:
            hit = (
                any(t.lemma_.lower() in first_words or t.lower_ in first_words for t in sentence)
                or any(e.label_ == ACTOR_LABEL for e in sentence.ents)
                or any(s < sentence.end_char and e > sentence.start_char for s, e in spans)
            )
            chars += len(sentence.text)
            sentences += 1
            if hit:
                selected_chars += len(sentence.text)
                selected += 1
    print(
        f"{len(articles)} voa-dev reports: {selected}/{sentences} sentences, "
        f"{selected_chars / chars:.0%} of the characters need the parser"
    )


if __name__ == "__main__":
    main()
