"""`frontlines clean`: ingest and clean documents, print each as a SCHEMA.md §2 JSON line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from frontlines.cli.common import add_input_arguments, report_failures, write_jsonl
from frontlines.config import load_settings
from frontlines.models import Article, Failure

CLEAN_FORMATS = ("json",)
# Toxicity scores are printed to 3 decimals: finer digits are noise of the classifier.
TOXICITY_DECIMALS = 3


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "clean",
        help="print each document's cleaned body, comments and removed pieces",
        description="Read the inputs (SCHEMA §1), separate each document's body from its reader "
        "comments and boilerplate, and print one JSON object per document per line (SCHEMA §2).",
    )
    add_input_arguments(parser)
    parser.add_argument("--format", choices=CLEAN_FORMATS, default="json")
    parser.set_defaults(run=run_clean)


def run_clean(args: argparse.Namespace) -> int:
    """Print articles as they are cleaned and failures as they happen; 1 if anything failed."""
    # Imported here so that `frontlines --help` does not load every pipeline stage.
    from frontlines.pipeline import read_articles

    failed = 0
    for item in read_articles(args.inputs, published=args.published, settings=load_settings()):
        if isinstance(item, Failure):
            failed += report_failures([item], sys.stderr)
        else:
            write_jsonl([article_to_json(item)], sys.stdout)
    return 1 if failed else 0


def article_to_json(article: Article) -> dict[str, Any]:
    """The SCHEMA.md §2 record of an article (removed pieces also carry their offsets)."""
    return {
        "id": article.id,
        "title": article.title,
        "kind": article.kind,
        "language": article.language,
        "body": article.body,
        "comments": [
            {
                "author": comment.author,
                "text": comment.text,
                "start": comment.start,
                "end": comment.end,
                "toxicity": round(comment.toxicity, TOXICITY_DECIMALS),
                "parent": comment.parent,
            }
            for comment in article.comments
        ],
        "removed": [
            {"text": piece.text, "reason": piece.reason, "start": piece.start, "end": piece.end}
            for piece in article.removed
        ],
    }
