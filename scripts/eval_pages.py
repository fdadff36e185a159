"""Measure the comment split on real pages (bench/real_pages) and furniture removal on voa-dev.

The real pages are third-party text: only their URLs, the search query that finds each one in the
`pages` corpus, and our gold (the first line of the comment section, the comment authors) are in
the repository (bench/real_pages/pages.jsonl). The text is cached locally, git-ignored, in
bench/real_pages/cache/<id>.txt; pages missing there are skipped and listed.

Scores, per page:
- start exact: the first line of the comment section (the first comment, with the header, author
  and meta lines right before it) is the gold line; a page without comments has none;
- no article line lost: no line before the gold start is put into a comment or taken for a
  comment's author line;
- authors right (pages whose gold names authors): the named authors, in order, are the gold's
  (a name matches when one contains the other, case-insensitive: "Blogger Sage" / "Sage");
  pages whose gold has no names must get no invented author.

voa-dev (../shared/data/voa-dev, read only): page-furniture lines left in the body, and article
lines (sentences of 8+ words) removed or put into comments.

    .venv/bin/python scripts/eval_pages.py [--verbose] [--pages DIR] [--voa DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from frontlines.clean import clean_document
from frontlines.clean.lines import split_lines
from frontlines.ingest.text import split_header
from frontlines.models import Article, Document

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "bench" / "real_pages"
VOA = ROOT.parent / "shared" / "data" / "voa-dev"
COMMENT_REASONS = frozenset({"comment-header", "comment-meta", "comment-author"})
# Lines of VOA page furniture, as seen on voanews.com pages (measured, not used by the cleaner).
VOA_FURNITURE = re.compile(
    r"(?:accessibility links|skip to main content|skip to main navigation|skip to search|"
    r"breaking news|print|share|embed|update|no media source currently available|"
    r"file - .*|see all news updates of the day|follow us|subscribe|"
    r"(?:facebook|twitter|email|whatsapp|telegram|linkedin)(?:\s*\|.*)?)\.?",
    re.IGNORECASE,
)
ARTICLE_LINE = re.compile(r"(?:\S+\s+){7,}\S+[.!?\"”’)]\Z")


@dataclass
class PageScore:
    id: str
    layout: str
    set: str
    start_ok: bool
    nothing_lost: bool
    authors_ok: bool | None
    gold_start: int | None
    got_start: int | None
    gold_authors: list[str] | None
    got_authors: list[str]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--voa", type=Path, default=VOA)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    score_pages(args.pages, verbose=args.verbose)
    if args.voa.is_dir():
        score_voa(args.voa, verbose=args.verbose)
    return 0


def score_pages(folder: Path, *, verbose: bool) -> None:
    rows = [json.loads(line) for line in (folder / "pages.jsonl").read_text().splitlines()]
    scores: list[PageScore] = []
    missing = []
    started = time.perf_counter()
    for row in rows:
        path = folder / "cache" / f"{row['id']}.txt"
        if not path.exists():
            missing.append(row["id"])
            continue
        text = path.read_text(encoding="utf-8")
        article = clean_document(Document(id=row["id"], text=text, url=row["url"]))
        scores.append(score_page(row, text, article))
    elapsed = time.perf_counter() - started
    for score in scores:
        if verbose or not (score.start_ok and score.nothing_lost and score.authors_ok is not False):
            print(
                f"{score.id} {score.set:7} {score.layout:28} "
                f"start {score.gold_start}->{score.got_start}"
                f"{'' if score.start_ok else ' WRONG'}{'' if score.nothing_lost else ' LOST'}"
                f" authors {score.gold_authors} -> {score.got_authors}"
                f"{' WRONG' if score.authors_ok is False else ''}"
            )
    print(f"real pages: {len(scores)} scored ({len(missing)} not cached: {missing})")
    for name in [*sorted({s.set for s in scores}), "all"]:
        _print_figures(name, [s for s in scores if name in ("all", s.set)])
    print(f"  time: {elapsed * 1000 / max(1, len(scores)):.1f} ms/page (the first loads models)")


def _print_figures(name: str, scores: list[PageScore]) -> None:
    named = [s for s in scores if s.gold_authors]
    unnamed = [s for s in scores if not s.gold_authors]
    invented = sum(s.authors_ok is False for s in unnamed)
    print(f"  [{name}] {len(scores)} pages")
    print(f"    comment start exact:   {_share(sum(s.start_ok for s in scores), len(scores))}")
    print(f"    no article line lost:  {_share(sum(s.nothing_lost for s in scores), len(scores))}")
    print(
        f"    authors right (named): {_share(sum(bool(s.authors_ok) for s in named), len(named))}"
    )
    print(f"    no invented author:    {_share(len(unnamed) - invented, len(unnamed))}")


def score_page(row: dict[str, object], text: str, article: Article) -> PageScore:
    lines = split_lines(article.original)
    gold_start = _gold_line(lines, row.get("comment_start"))
    in_comments = _comment_lines(article, lines)
    got_start = _predicted_start(article, lines, in_comments)
    limit = gold_start if gold_start is not None else len(lines)
    # Comment furniture ("Leave a Reply", "No comments:") removed before the comments is no loss.
    lost = any(in_comments.get(index) in ("comment", "comment-author") for index in range(limit))
    gold_authors = row.get("authors")
    got_authors = [c.author for c in article.comments if c.author]
    if isinstance(gold_authors, list):
        authors_ok: bool | None = len(gold_authors) == len(got_authors) and all(
            _same_name(a, b) for a, b in zip(gold_authors, got_authors, strict=True)
        )
    else:
        authors_ok = None if not got_authors else False
    return PageScore(
        id=str(row["id"]),
        layout=str(row.get("layout", "")),
        set=str(row.get("set", "dev")),
        start_ok=gold_start == got_start,
        nothing_lost=not lost,
        authors_ok=authors_ok,
        gold_start=gold_start,
        got_start=got_start,
        gold_authors=gold_authors if isinstance(gold_authors, list) else None,
        got_authors=got_authors,
    )


def _gold_line(lines: list, prefix: object) -> int | None:
    if not isinstance(prefix, str):
        return None
    for line in lines:
        if line.stripped.startswith(prefix):
            return int(line.index)
    raise SystemExit(f"gold start '{prefix}' is not a line of the page; fix pages.jsonl.")


def _comment_lines(article: Article, lines: list) -> dict[int, str]:
    """Line index -> "comment" or the comment-furniture reason, for lines the split put there."""
    found: dict[int, str] = {}
    for line in lines:
        if line.is_blank:
            continue
        for comment in article.comments:
            if comment.start < line.end and line.start < comment.end:
                found[line.index] = "comment"
        for removed in article.removed:
            if removed.reason in COMMENT_REASONS and line.start <= removed.start < line.end + 1:
                found[line.index] = removed.reason
    return found


def _predicted_start(article: Article, lines: list, in_comments: dict[int, str]) -> int | None:
    first = [i for i, kind in in_comments.items() if kind == "comment"]
    if not first:
        return None
    start = min(first)
    index = start - 1
    while index >= 0:
        if lines[index].is_blank:
            index -= 1
            continue
        if in_comments.get(index) in COMMENT_REASONS:
            start = index
            index -= 1
            continue
        break
    return start


def _same_name(gold: str, got: str) -> bool:
    a, b = gold.casefold().strip(), got.casefold().strip()
    return bool(b) and (a == b or a in b or b in a)


def score_voa(folder: Path, *, verbose: bool) -> None:
    furniture_left = lost = documents = furniture_total = 0
    removed_prose: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        header, text = split_header(path.read_text(encoding="utf-8"))
        article = clean_document(Document(id=path.stem, text=text, kind=header.get("kind")))
        documents += 1
        body_lines = {line.strip() for line in article.body.split("\n")}
        removed = {r.text for r in article.removed}
        comments = " ".join(c.text for c in article.comments)
        for line in split_lines(text):
            stripped = line.stripped
            if not stripped:
                continue
            if VOA_FURNITURE.fullmatch(stripped):
                furniture_total += 1
                if stripped in body_lines:
                    furniture_left += 1
                    if verbose:
                        print(f"  voa {path.stem}: furniture kept: {stripped[:70]}")
            elif not stripped.startswith("((") and ARTICLE_LINE.search(stripped):
                if stripped in comments:
                    lost += 1
                    if verbose:
                        print(f"  voa {path.stem}: article line put in comments: {stripped[:70]}")
                elif stripped in removed:
                    reason = next(r.reason for r in article.removed if r.text == stripped)
                    removed_prose.append(f"{path.stem}: {reason}: {stripped[:60]}")
    print(f"voa-dev: {documents} documents")
    print(f"  furniture lines left in body: {furniture_left} of {furniture_total}")
    print(f"  article lines put into comments: {lost}")
    print(f"  sentence-like lines removed as furniture (read them): {len(removed_prose)}")
    for line in removed_prose if verbose else []:
        print(f"    {line}")


def _share(right: int, total: int) -> str:
    return f"{right}/{total} ({100 * right / max(1, total):.0f}%)"


if __name__ == "__main__":
    sys.exit(main())
