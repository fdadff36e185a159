"""HTML pages: the raw page is kept for the clean stage; title, date, url and site from metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from frontlines.errors import IngestError
from frontlines.ingest.encoding import decode_bytes
from frontlines.ingest.fields import ReadOptions, check_length
from frontlines.ingest.ids import content_id
from frontlines.ingest.limits import read_file_bytes
from frontlines.ingest.metadata import page_metadata
from frontlines.models import Document

# Where a page declares its encoding (<meta charset>): HTML requires it in the first 1024 bytes;
# we look a little further for pages that put it after long comments.
CHARSET_SNIFF_BYTES = 4096
HTML_TYPES = ("text/html", "application/xhtml+xml")

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def read_html_file(path: Path, *, origin: str, options: ReadOptions) -> Iterator[Document]:
    """The one page in an `.html`/`.htm` file.

    Raises:
        IngestError: unreadable, empty, binary, or too long.
    """
    data = read_file_bytes(path, origin=origin, max_chars=options.max_chars)
    yield parse_html(decode_html(data, origin=origin), origin=origin, options=options)


def decode_html(data: bytes, *, origin: str, http_charset: str | None = None) -> str:
    """Decode a page: UTF-8, else the HTTP charset, else its <meta charset>, else a guess."""
    return decode_bytes(data, origin=origin, declared=http_charset or declared_charset(data))


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in a <meta> tag near its start, if any."""
    match = _META_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def parse_html(
    html: str,
    *,
    origin: str,
    options: ReadOptions,
    url: str | None = None,
) -> Document:
    """A Document keeping the raw `html`; metadata (trafilatura/htmldate, no guessing from body
    text) gives title, published, site name, and the canonical url when `url` is not given.

    Broken HTML is kept as it is: extracting what can be extracted is the clean stage's job.

    Raises:
        IngestError: the page is empty or too long.
    """
    if not html.strip():
        raise IngestError(origin, "the page is empty; there is nothing to read.")
    check_length(html, origin=origin, max_chars=options.max_chars)
    metadata = page_metadata(html, url=url)
    return Document(
        id=content_id(html),
        html=html,
        url=url or metadata.url,
        outlet=metadata.outlet,
        published=metadata.published or options.published,
        title=metadata.title,
        origin=origin,
    )
