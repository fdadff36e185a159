"""Walking the inputs (files, folders, `-`, URLs) and handing each to the reader for its format."""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from frontlines.errors import IngestError
from frontlines.ingest.encoding import BINARY_SNIFF_BYTES, decode_bytes
from frontlines.ingest.feeds import (
    FEED_MAX_BYTES,
    looks_like_feed,
    looks_like_html,
    parse_feed,
    read_feed_file,
    read_url,
)
from frontlines.ingest.fields import ReadOptions
from frontlines.ingest.html import decode_html, parse_html, read_html_file
from frontlines.ingest.jsonl import read_jsonl_file, read_jsonl_stream
from frontlines.ingest.limits import byte_limit, read_stream_bytes
from frontlines.ingest.text import parse_text, read_text_file
from frontlines.ingest.warc import read_warc_file
from frontlines.models import Document, Failure

logger = logging.getLogger(__name__)

Reader = Callable[..., Iterator[Document | Failure]]

# File name endings and their readers; the longest ending that matches wins (.warc.gz).
READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl_file,
    ".txt": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".xml": read_feed_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
    ".warc": read_warc_file,
    ".warc.gz": read_warc_file,
}
SUPPORTED = ", ".join(READERS)
STDIN = "-"
URL_SCHEMES = ("http://", "https://")
# Bytes of standard input looked at to tell JSON Lines, feeds, HTML, text and binary apart.
SNIFF_BYTES = BINARY_SNIFF_BYTES


def iter_input(name: str, *, options: ReadOptions) -> Iterator[Document | Failure]:
    """Every document (or Failure) one input gives: a file, a folder, `-`, or a URL.

    Raises:
        IngestError: the input as a whole cannot be read.
    """
    if name == STDIN:
        yield from read_stdin(options=options)
    elif name.lower().startswith(URL_SCHEMES):
        yield from read_url(name, options=options)
    else:
        yield from read_path(Path(name), origin=name, options=options)


def read_path(path: Path, *, origin: str, options: ReadOptions) -> Iterator[Document | Failure]:
    """A file by its extension, or every supported file under a folder (sorted, recursive)."""
    if path.is_dir():
        yield from read_folder(path, origin=origin, options=options)
        return
    if not path.exists():
        raise IngestError(origin, "no such file or folder; check the path.")
    if not path.is_file():
        # A FIFO, socket or device named like a document would block or never end; only
        # regular files (and `-` for a stream) are read.
        raise IngestError(
            origin,
            "is not a regular file (a pipe, socket or device); give a file or folder, "
            "or pipe the data into - for standard input.",
        )
    reader = reader_for(path.name)
    if reader is None:
        raise IngestError(
            origin,
            f"the extension of '{path.name}' is not supported; "
            f"give one of {SUPPORTED}, a folder, a feed URL or - for standard input.",
        )
    yield from reader(path, origin=origin, options=options)


def read_folder(folder: Path, *, origin: str, options: ReadOptions) -> Iterator[Document | Failure]:
    """The supported files under a folder in a fixed order; each file failing alone.

    Hidden files and files of other types (README.md, images) are skipped with a log line:
    a folder of articles often holds them, and they are not documents.
    """
    for path in walk_folder(folder):
        file_origin = os.path.join(origin, path.relative_to(folder))
        if reader_for(path.name) is None:
            logger.info("%s: skipped, not one of %s", file_origin, SUPPORTED)
            continue
        try:
            yield from read_path(path, origin=file_origin, options=options)
        except IngestError as error:
            yield Failure(origin=error.origin, stage="ingest", problem=error.problem)


def walk_folder(folder: Path) -> Iterator[Path]:
    """Regular, non-hidden files under a folder, depth first, names sorted; links not followed."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and path.is_file():
                yield path


def reader_for(filename: str) -> Reader | None:
    lower = filename.lower()
    matches = [ending for ending in READERS if lower.endswith(ending)]
    return READERS[max(matches, key=len)] if matches else None


def read_stdin(*, options: ReadOptions) -> Iterator[Document | Failure]:
    """Standard input, sniffed: JSON Lines (`{`), an HTML page, an RSS/Atom feed, or text."""
    stream, head = _peekable(sys.stdin.buffer)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from read_jsonl_stream(stream, origin=STDIN, options=options, head=head)
    elif looks_like_html(head):
        data = read_stream_bytes(stream, origin=STDIN, max_bytes=byte_limit(options.max_chars))
        yield parse_html(decode_html(data, origin=STDIN), origin=STDIN, options=options)
    elif looks_like_feed(head):
        data = read_stream_bytes(stream, origin=STDIN, max_bytes=FEED_MAX_BYTES)
        yield from parse_feed(data, origin=STDIN, options=options)
    else:
        data = read_stream_bytes(stream, origin=STDIN, max_bytes=byte_limit(options.max_chars))
        yield parse_text(decode_bytes(data, origin=STDIN), origin=STDIN, options=options)


def _peekable(stream: BinaryIO) -> tuple[BinaryIO, bytes]:
    """The stream and its first bytes, without consuming them."""
    if isinstance(stream, io.BufferedReader):
        return stream, stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    data = read_stream_bytes(stream, origin=STDIN, max_bytes=FEED_MAX_BYTES)
    return io.BytesIO(data), data[:SNIFF_BYTES]
