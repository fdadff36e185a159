"""WARC web archives (`.warc`, `.warc.gz`): each HTML response record becomes a document."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from frontlines.errors import IngestError
from frontlines.ingest.fields import ReadOptions, too_long_problem
from frontlines.ingest.html import HTML_TYPES, decode_html, parse_html
from frontlines.ingest.limits import byte_limit, unreadable_problem
from frontlines.models import Document, Failure

logger = logging.getLogger(__name__)

# Record types whose payload is a fetched page (a `resource` record holds a page without HTTP).
PAGE_RECORD_TYPES = ("response", "resource")
# What warcio raises on malformed archives (found by fuzzing tests/ingest): its own error, and
# plain Python errors from half-parsed headers or a truncated gzip stream.
WARC_PARSE_ERRORS = (ArchiveLoadFailed, EOFError, zlib.error, AttributeError, ValueError)
_GZIP_MAGIC = b"\x1f\x8b"
_WARC_MAGIC = b"WARC/"


def read_warc_file(
    path: Path, *, origin: str, options: ReadOptions
) -> Iterator[Document | Failure]:
    """One Document per HTML page in a WARC file, in file order; `origin@offset` names each.

    Non-HTML records (requests, metadata, images, redirects, errors) are skipped.

    Raises:
        IngestError: the file cannot be read, is not a WARC file, breaks off, or holds no page.
    """
    pages = 0
    try:
        with path.open("rb") as stream:
            _check_magic(stream.read(len(_WARC_MAGIC)), origin=origin)
            stream.seek(0)
            records = ArchiveIterator(stream)
            for record in records:
                item = _record_document(
                    record, origin=f"{origin}@{records.offset}", options=options
                )
                if item is not None:
                    pages += 1
                    yield item
    except OSError as error:
        raise IngestError(origin, unreadable_problem(error)) from error
    except WARC_PARSE_ERRORS as error:
        raise IngestError(
            origin, f"the WARC file is broken ({error}); re-create it or give the pages as HTML."
        ) from error
    if pages == 0:
        raise IngestError(
            origin, "the WARC file holds no HTML page (response record); nothing to read."
        )


def _check_magic(head: bytes, *, origin: str) -> None:
    if not head:
        raise IngestError(origin, "the input is empty; give a WARC file with HTML responses.")
    if not head.startswith((_GZIP_MAGIC, _WARC_MAGIC)):
        raise IngestError(
            origin,
            f"is not a WARC file (it starts with {head!r}, not 'WARC/' or gzip); "
            "give a .warc or .warc.gz file.",
        )


def _record_document(
    record: Any, *, origin: str, options: ReadOptions
) -> Document | Failure | None:
    """The page a record holds, a Failure when the page cannot be read, None for other records."""
    if record.rec_type not in PAGE_RECORD_TYPES:
        return None
    media_type, charset = _record_media_type(record)
    if media_type not in HTML_TYPES:
        return None
    if record.http_headers is not None and record.http_headers.get_statuscode() != "200":
        logger.debug("%s: skipped HTTP %s", origin, record.http_headers.get_statuscode())
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    try:
        data = record.content_stream().read(byte_limit(options.max_chars) + 1)
        if len(data) > byte_limit(options.max_chars):
            raise IngestError(
                origin, too_long_problem(f"over {len(data) - 1:,} bytes", options.max_chars)
            )
        html = decode_html(data, origin=origin, http_charset=charset)
        return parse_html(html, origin=origin, options=options, url=url)
    except IngestError as error:
        return Failure(origin=origin, stage="ingest", problem=error.problem)


def _record_media_type(record: Any) -> tuple[str, str | None]:
    """(media type, charset) from the HTTP headers of a response, or the WARC Content-Type."""
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    value = headers.get_header("Content-Type") or ""
    media_type, _, parameters = value.partition(";")
    charset = None
    for parameter in parameters.split(";"):
        key, _, raw = parameter.partition("=")
        if key.strip().lower() == "charset" and raw.strip():
            charset = raw.strip().strip("\"'")
    return media_type.strip().lower(), charset
