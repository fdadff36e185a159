"""The ingest stage: read every input format of SCHEMA.md §1 into Documents (or Failures)."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import date

from frontlines.config import DEFAULT_MAX_DOCUMENT_CHARS
from frontlines.errors import IngestError
from frontlines.ingest.fields import ReadOptions
from frontlines.ingest.ids import content_fingerprint
from frontlines.ingest.paths import iter_input
from frontlines.models import Document, Failure

logger = logging.getLogger(__name__)

STAGE = "ingest"


def read_documents(
    inputs: Sequence[str],
    *,
    published: date | None = None,
    max_chars: int = DEFAULT_MAX_DOCUMENT_CHARS,
) -> Iterator[Document | Failure]:
    """Read documents from files, folders, `-` (standard input) and feed URLs, in input order.

    Formats: JSON Lines, text with an optional header, HTML, RSS/Atom, WARC (SCHEMA.md §1).
    Each input, line, entry or record that cannot be read becomes one Failure naming it and the
    problem; the rest goes on. A document read twice (same id, same content) is given once; a
    second document reusing an id with other content is a Failure.

    Args:
        inputs: paths, folders, feed URLs, or "-".
        published: the publication date of documents that do not give one.
        max_chars: the longest document accepted; longer ones are reported, not loaded.
    """
    if isinstance(inputs, str):  # one path given bare would otherwise be read letter by letter
        inputs = [inputs]
    options = ReadOptions(published=published, max_chars=max_chars)
    seen: dict[str, tuple[str, str]] = {}
    for name in inputs:
        for item in _read_input(name, options=options):
            if isinstance(item, Failure):
                yield item
                continue
            duplicate = _check_duplicate(item, seen)
            if duplicate is not None:
                yield duplicate
            elif item.id in seen:
                logger.info("%s: same document as %s; read once", item.origin, seen[item.id][0])
            else:
                seen[item.id] = (item.origin, _fingerprint(item))
                yield item


def _read_input(name: str, *, options: ReadOptions) -> Iterator[Document | Failure]:
    try:
        yield from iter_input(name, options=options)
    except IngestError as error:
        yield Failure(origin=error.origin, stage=STAGE, problem=error.problem)


def _check_duplicate(document: Document, seen: dict[str, tuple[str, str]]) -> Failure | None:
    """A Failure when the document reuses an id already given to different content."""
    if document.id not in seen:
        return None
    first_origin, fingerprint = seen[document.id]
    if fingerprint == _fingerprint(document):
        return None
    return Failure(
        origin=document.origin,
        stage=STAGE,
        problem=f"the id '{document.id}' was already used by {first_origin} for another "
        "document; give each document its own id.",
    )


def _fingerprint(document: Document) -> str:
    return content_fingerprint(document.text or document.html or "")


__all__ = ["read_documents"]
