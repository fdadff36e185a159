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
# Bytes read at a time when skipping the rest of a record.
READ_CHUNK_BYTES = 1 << 16
_GZIP_MAGIC = b"\x1f\x8b"
_WARC_MAGIC = b"WARC/"


def read_warc_file(
    path: Path, *, origin: str, options: ReadOptions
) -> Iterator[Document | Failure]:
    """One Document per HTML page in a WARC file, in file order; `origin@offset` names each.

    Non-HTML records (requests, metadata, images, redirects, errors) are skipped. A record that
    breaks off before its Content-Length (a truncated download, an inflated length) is one
    Failure naming it, and so is a file that ends inside a record; the pages before are kept.

    Raises:
        IngestError: the file cannot be read, is not a WARC file, or holds no page.
    """
    pages = 0
    broken = False
    for item in _read_records(path, origin=origin, options=options):
        if isinstance(item, Failure):
            broken = True
        elif item is not None:
            pages += 1
        if item is not None:
            yield item
    if pages == 0 and not broken:
        raise IngestError(
            origin, "the WARC file holds no HTML page (response record); nothing to read."
        )


def _read_records(
    path: Path, *, origin: str, options: ReadOptions
) -> Iterator[Document | Failure | None]:
    """The item of every record (None for records that hold no page), then a Failure when the
    file ends inside a record.

    A record is given only once the next one is found where it should be: an inflated
    Content-Length in an uncompressed WARC shows only then (warcio finds no blank line after
    the record), and the page that swallowed its neighbour's bytes is then a Failure.
    """
    pending: tuple[str, Document | Failure | None] | None = None
    errors_seen = 0
    records: Any = None
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            _check_magic(stream.read(len(_WARC_MAGIC)), origin=origin)
            stream.seek(0)
            records = ArchiveIterator(stream)
            records.INC_RECORD = ""  # warcio prints this warning itself; we report a Failure
            for record in records:
                if pending is not None:
                    yield _settled(pending, overran=records.err_count > errors_seen)
                    errors_seen = records.err_count
                record_origin = f"{origin}@{records.offset}"
                item = _record_document(record, origin=record_origin, options=options)
                missing = _unread_bytes(record)
                if missing:
                    problem = _breaks_off_problem(record, missing)
                    item = Failure(origin=record_origin, stage="ingest", problem=problem)
                pending = (record_origin, item)
            end = records.offset
    except OSError as error:
        raise IngestError(origin, unreadable_problem(error)) from error
    except WARC_PARSE_ERRORS as error:
        if pending is not None:
            yield _settled(pending, overran=records.err_count > errors_seen)
        raise IngestError(
            origin,
            f"the WARC file is broken after the last record read ({_one_line(error)}); "
            "the records before were kept, re-create the archive for the rest.",
        ) from error
    if pending is not None:
        overran = records.err_count > errors_seen
        yield _settled(pending, overran=overran)
        if overran:
            return
    if end < size and not isinstance(pending and pending[1], Failure):
        yield Failure(
            origin=f"{origin}@{end}",
            stage="ingest",
            problem=f"the WARC file breaks off inside the record at byte {end:,} "
            f"({size - end:,} bytes could not be read); the records before it were kept, "
            "re-download the archive for the rest.",
        )


def _settled(
    pending: tuple[str, Document | Failure | None], *, overran: bool
) -> Document | Failure | None:
    """A record's item, or a Failure when the record turned out to run into the next one."""
    record_origin, item = pending
    if not overran:
        return item
    return Failure(
        origin=record_origin,
        stage="ingest",
        problem="the WARC record's Content-Length runs past the end of the record (no blank "
        "line follows it): the length is wrong; the record is skipped, those before it were "
        "kept.",
    )


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _unread_bytes(record: Any) -> int:
    """Bytes a record's Content-Length promises that the file does not have (0 when whole);
    the rest of the record is read (and dropped) to find out. A record without a valid
    Content-Length (a header cut off at the end of the file) is missing everything: -1."""
    stream = record.raw_stream
    while stream.read(READ_CHUNK_BYTES):
        pass
    declared = record.rec_headers.get_header("Content-Length") or ""
    if record.format.startswith("warc") and not declared.strip().isdigit():
        return -1
    return max(0, int(getattr(stream, "limit", 0) or 0))


def _breaks_off_problem(record: Any, missing: int) -> str:
    declared = record.rec_headers.get_header("Content-Length") or "none"
    if missing < 0:
        return (
            "the WARC record header breaks off (no Content-Length): the archive is truncated; "
            "the records before it were kept, re-download the archive for the rest."
        )
    return (
        f"the WARC record breaks off {missing:,} bytes short of its Content-Length "
        f"({declared}): the archive is truncated or the length is wrong; the record is "
        "skipped, those before it were kept."
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
