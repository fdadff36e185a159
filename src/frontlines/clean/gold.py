"""Line-level gold for cleaning: reading tagged gold files and scoring an Article against them.

Gold format (tests/fixtures/clean/README.md): one `TAG| text` line per document line; tags B
(body), R (removed boilerplate), M (comment header/meta), A <author> (author line), C (comment
text, continuing), N (comment text, new comment without author).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from frontlines.clean.lines import split_lines
from frontlines.errors import CleanError
from frontlines.models import Article, Comment

KIND_PREFIX = "#kind:"
COMMENT_REASONS = frozenset({"comment-header", "comment-meta"})


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    text: str
    kind: str | None
    labels: tuple[str | None, ...]  # per line of `text`; None for blank lines


@dataclass(frozen=True, slots=True)
class LineScore:
    lines_right: int
    lines_total: int
    mismatches: tuple[tuple[int, str, str, str], ...]  # (line, gold, predicted, text)

    @property
    def exact(self) -> bool:
        return self.lines_right == self.lines_total


def read_gold(path: Path) -> GoldDocument:
    """A tagged gold file as the document text and one label per line.

    Raises:
        CleanError: a line has no `TAG| ` prefix or an unknown tag.
    """
    raw = path.read_text(encoding="utf-8").split("\n")
    kind = None
    if raw and raw[0].startswith(KIND_PREFIX):
        kind = raw.pop(0)[len(KIND_PREFIX) :].strip()
    if raw and raw[-1] == "":
        raw.pop()
    texts: list[str] = []
    labels: list[str | None] = []
    author = "-"
    for number, line in enumerate(raw, start=1):
        tag, text = _split_tag(line, path=path, number=number)
        texts.append(text)
        if not text.strip():
            labels.append(None)
            continue
        label, author = _label(tag, author, labels, path=path, number=number)
        labels.append(label)
    return GoldDocument(name=path.stem, text="\n".join(texts), kind=kind, labels=tuple(labels))


def _split_tag(line: str, *, path: Path, number: int) -> tuple[str, str]:
    if not line.strip():
        return "", ""
    tag, separator, text = line.partition("| ")
    if not separator:
        tag, separator, text = line.partition("|")
    if not separator:
        raise CleanError(path.name, f"line {number} has no 'TAG| ' prefix: '{line[:40]}'; add one.")
    return tag.strip(), text


def _label(
    tag: str, author: str, previous: list[str | None], *, path: Path, number: int
) -> tuple[str, str]:
    if tag in ("B", "R", "M"):
        return tag, author
    if tag.startswith("A"):
        name = tag[1:].strip() or "-"
        return f"A:{name}", name
    if tag == "N":
        return "C1:-", "-"
    if tag == "C":
        last = next((label for label in reversed(previous) if label), "")
        first = last.startswith("A:") or not last.startswith("C")
        return (f"C1:{author}" if first else f"C:{author}"), author
    raise CleanError(
        path.name, f"line {number} has the unknown tag '{tag}'; use B, R, M, A, C or N."
    )


def predicted_labels(article: Article) -> tuple[str | None, ...]:
    """The same labels as the gold, read from where the article put each line of `original`."""
    labels: list[str | None] = []
    comments = sorted(article.comments, key=lambda c: c.start)
    for line in split_lines(article.original):
        if line.is_blank:
            labels.append(None)
            continue
        labels.append(_line_label(article, comments, line.start, line.end))
    return tuple(labels)


def _line_label(article: Article, comments: list[Comment], start: int, end: int) -> str:
    for removed in article.removed:
        if removed.start >= start and removed.end <= end:
            if removed.reason == "comment-author":
                following = next((c for c in comments if c.start >= end), None)
                return f"A:{following.author or '-'}" if following else "A:-"
            return "M" if removed.reason in COMMENT_REASONS else "R"
    for comment in comments:
        if comment.start <= start < comment.end or start <= comment.start < end:
            first = comment.start >= start
            return f"{'C1' if first else 'C'}:{comment.author or '-'}"
    return "B"


def score_lines(gold: GoldDocument, article: Article) -> LineScore:
    """How many non-blank lines the article classified as the gold does."""
    predicted = predicted_labels(article)
    lines = gold.text.split("\n")
    mismatches = []
    right = total = 0
    for index, (want, got) in enumerate(zip(gold.labels, predicted, strict=True)):
        if want is None:
            continue
        total += 1
        if want == got:
            right += 1
        else:
            mismatches.append((index + 1, want, str(got), lines[index][:70]))
    return LineScore(lines_right=right, lines_total=total, mismatches=tuple(mismatches))
