"""The clean stage: a raw Document becomes an Article with the body alone, comments kept apart.

`clean_document` runs, in order: HTML extraction (html.py) or newline normalisation; the
reader-comment split (comments.py); boilerplate removal (boilerplate.py); transcript
segmentation when the document is or looks like speech recognition (transcript.py); language
identification (language.py); toxicity of each comment (toxicity.py).
"""

from __future__ import annotations

import logging
from typing import Any

from frontlines.clean.boilerplate import body_line_reasons, inline_script_header
from frontlines.clean.comments import (
    CommentSection,
    find_section_start,
    is_section_header,
    split_comments,
    thread_parents,
)
from frontlines.clean.html import extract_html
from frontlines.clean.language import check_language
from frontlines.clean.lines import Line, join_body, split_lines
from frontlines.clean.toxicity import score_toxicity
from frontlines.clean.transcript import (
    has_speaker_turns,
    is_transcript,
    segment_transcript,
    speaker_label_end,
)
from frontlines.errors import CleanError
from frontlines.models import Article, Comment, Document, Removed

logger = logging.getLogger(__name__)

# Between the main text and the comment text of an HTML page in `Article.original`.
HTML_COMMENT_SEPARATOR = "\n\n"


def clean_document(document: Document) -> Article:
    """Clean one document into an article (SCHEMA.md §2).

    Raises:
        CleanError: the document has no text (or an HTML page no main text).
        UnsupportedLanguageError: the document is clearly not in English.
    """
    title = document.title
    comment_hint: int | None = None
    if document.html and not (document.text and document.text.strip()):
        page = extract_html(document.html, doc_id=document.id)
        title = title or page.title
        original = page.text
        if page.comments:
            original += HTML_COMMENT_SEPARATOR + page.comments
            comment_hint = len(page.text) + len(HTML_COMMENT_SEPARATOR)
    else:
        original = normalise_newlines(document.text or "")
    if not original.strip():
        raise CleanError(document.id, "the document has no text; check the input file or feed.")
    return clean_text(original, document=document, title=title, comment_hint=comment_hint)


def normalise_newlines(text: str) -> str:
    """Windows and old-Mac line ends as "\\n" (offsets then count one character per break)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(
    original: str, *, document: Document, title: str | None, comment_hint: int | None = None
) -> Article:
    """Split `original` into body, removed lines and comments, and build the article."""
    lines = split_lines(original)
    # A recording (declared a transcript, with speaker turns, or reading like speech
    # recognition) has no reader comments to look for: its speakers say "I think" and "you".
    spoken = (
        document.kind == "transcript"
        or has_speaker_turns([line.text for line in lines])
        or (document.kind in (None, "article") and is_transcript(original))
    )
    start = None if spoken else find_section_start(lines)
    if comment_hint is not None:
        hint_index = next((line.index for line in lines if line.start >= comment_hint), None)
        if hint_index is not None:
            start = hint_index if start is None else min(start, hint_index)
    body_lines, section_lines = (lines, []) if start is None else (lines[:start], lines[start:])
    kept, removed = strip_boilerplate(body_lines)
    kept, headers = _split_off_comment_headers(kept)
    removed += headers
    if spoken:
        kept, labels = split_off_speakers(kept)
        removed += labels
    section = split_comments(section_lines)
    body = join_body(kept)
    kind = _kind(document, body, has_comments=bool(section.comments), spoken=spoken)
    if document.kind == "article-with-comments" and not section.comments:
        logger.warning(
            "%s: declared article-with-comments, but no reader comment was found; check where "
            "its comments begin.",
            document.origin or document.id,
        )
    if kind == "transcript" and (document.kind == "transcript" or is_transcript(original)):
        body = segment_transcript(body)  # speech recognition; a broadcaster's text is cased
    language = check_language(document.id, body, declared=document.language)
    return Article(
        id=document.id,
        body=body,
        original=original,
        title=title,
        kind=kind,
        language=language,
        comments=_comments(original, section),
        removed=tuple(sorted(removed + _section_removed(section), key=lambda r: r.start)),
        published=document.published,
        url=document.url,
        outlet=document.outlet,
        origin=document.origin,
    )


def strip_boilerplate(lines: list[Line]) -> tuple[list[Line], list[Removed]]:
    """Body lines kept, and the boilerplate lines removed (with reasons and offsets)."""
    kept: list[Line] = []
    removed, lines = split_off_inline_script_headers(lines)
    reasons = body_line_reasons([line.stripped for line in lines])
    for line, reason in zip(lines, reasons, strict=True):
        if line.is_blank:
            continue
        if reason is None:
            kept.append(line)
        else:
            removed.append(_removed(line, reason))
    return kept, removed


def split_off_inline_script_headers(lines: list[Line]) -> tuple[list[Removed], list[Line]]:
    """A script header flattened into one line is cut out of it; the rest of the line stays."""
    removed: list[Removed] = []
    result: list[Line] = []
    for line in lines:
        span = inline_script_header(line.text)
        if span is None:
            result.append(line)
            continue
        start, end = span
        header = Line(line.index, line.start + start, line.start + end, line.text[start:end])
        removed.append(_removed(header, "script-header"))
        for piece_start, piece_end in ((0, start), (end, len(line.text))):
            piece = line.text[piece_start:piece_end]
            if piece.strip():
                result.append(
                    Line(line.index, line.start + piece_start, line.start + piece_end, piece)
                )
    return removed, result


def split_off_speakers(lines: list[Line]) -> tuple[list[Line], list[Removed]]:
    """Speaker labels ("BLITZER:", "HOST:", "(VOICEOVER)") cut from the lines that open with
    one: they are structure, not words said (nor places)."""
    kept: list[Line] = []
    removed: list[Removed] = []
    for line in lines:
        end = speaker_label_end(line.text)
        if end == 0:
            kept.append(line)
            continue
        label = Line(index=line.index, start=line.start, end=line.start + end, text=line.text[:end])
        removed.append(_removed(label, "speaker"))
        rest = line.text[end:]
        if rest.strip():
            kept.append(Line(index=line.index, start=line.start + end, end=line.end, text=rest))
    return kept, removed


def _split_off_comment_headers(lines: list[Line]) -> tuple[list[Line], list[Removed]]:
    """Comment headers left in the body ("3 comments" under a headline) are removed."""
    kept = [line for line in lines if not is_section_header(line.stripped)]
    headers = [
        _removed(line, "comment-header") for line in lines if is_section_header(line.stripped)
    ]
    return kept, headers


def _kind(document: Document, body: str, *, has_comments: bool, spoken: bool) -> str:
    if document.kind == "transcript" or (
        document.kind in (None, "article") and (spoken or is_transcript(body))
    ):
        return "transcript"
    if has_comments:
        return "article-with-comments"
    return document.kind or "article"


def _removed(line: Line, reason: str) -> Removed:
    offset = len(line.text) - len(line.text.lstrip())
    text = line.stripped
    return Removed(
        text=text, reason=reason, start=line.start + offset, end=line.start + offset + len(text)
    )


def _section_removed(section: CommentSection) -> list[Removed]:
    return [_removed(line, reason) for line, reason in section.removed]


def _comments(original: str, section: CommentSection) -> tuple[Comment, ...]:
    spans = []
    for block in section.comments:
        first, last = block.text_lines[0], block.text_lines[-1]
        start = first.start + len(first.text) - len(first.text.lstrip())
        end = last.start + len(last.text.rstrip())
        spans.append((block.author, start, end))
    scores = score_toxicity([original[start:end] for _, start, end in spans])
    parents = thread_parents(section.comments)
    return tuple(
        Comment(
            author=author,
            text=original[start:end],
            start=start,
            end=end,
            toxicity=score,
            parent=parent,
        )
        for (author, start, end), score, parent in zip(spans, scores, parents, strict=True)
    )


def article_to_json(article: Article) -> dict[str, Any]:
    """The SCHEMA.md §2 record of a cleaned article (`frontlines clean --format json`)."""
    return {
        "id": article.id,
        "title": article.title,
        "kind": article.kind,
        "language": article.language,
        "body": article.body,
        "comments": [
            {
                "author": c.author,
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "toxicity": c.toxicity,
                "parent": c.parent,
            }
            for c in article.comments
        ],
        "removed": [
            {"text": r.text, "reason": r.reason, "start": r.start, "end": r.end}
            for r in article.removed
        ],
    }


__all__ = ["article_to_json", "clean_document", "clean_text", "strip_boilerplate"]
