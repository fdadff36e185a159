"""RSS and Atom feeds, from a file or a URL: each entry becomes a document."""

from __future__ import annotations

import email.utils
import html
import logging
import re
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import feedparser

from frontlines import __version__
from frontlines.errors import IngestError
from frontlines.ingest.download import DOWNLOAD_DEADLINE_SECONDS, download
from frontlines.ingest.fields import ReadOptions, check_length, parse_published
from frontlines.ingest.html import HTML_TYPES, decode_html, parse_html
from frontlines.ingest.ids import document_id
from frontlines.ingest.limits import read_stream_bytes, unreadable_problem
from frontlines.models import Document, Failure

logger = logging.getLogger(__name__)

# A feed holds many entries, so it gets a larger bound than one document; 64 MB is a generous
# guess (not measured) that still keeps a runaway download from filling memory.
FEED_MAX_BYTES = 64 * 1024 * 1024
# A feed's root element comes after at most an XML declaration and a comment or stylesheet.
FEED_SNIFF_BYTES = 1024
USER_AGENT = f"frontlines/{__version__}"

# What feedparser raises itself on hostile feeds (found by tests/test_fuzz_readers.py):
# "&#2000000;" gives chr()'s ValueError; very deep markup exhausts the stack.
FEEDPARSER_ERRORS = (ValueError, OverflowError, RecursionError)

_HTML_TAG = re.compile(r"<[A-Za-z!/][^>]*>")
_FEED_TAGS = (b"<rss", b"<feed", b"<rdf:rdf")


def read_feed_file(
    path: Path, *, origin: str, options: ReadOptions
) -> Iterator[Document | Failure]:
    """Every entry of an RSS/Atom file (`.xml`, `.rss`, `.atom`).

    Raises:
        IngestError: unreadable, empty, or not a feed.
    """
    try:
        with path.open("rb") as stream:
            data = read_stream_bytes(stream, origin=origin, max_bytes=FEED_MAX_BYTES)
    except OSError as error:
        raise IngestError(origin, unreadable_problem(error)) from error
    yield from parse_feed(data, origin=origin, options=options)


def read_url(url: str, *, options: ReadOptions) -> Iterator[Document | Failure]:
    """The entries of the feed at `url` — or, when the URL serves a web page, that page.

    Raises:
        IngestError: the URL cannot be fetched, or what it serves is neither a feed nor a page.
    """
    data, content_type, charset = fetch_url(url)
    if _is_html_page(data, content_type):
        page = decode_html(data, origin=url, http_charset=charset)
        yield parse_html(page, origin=url, options=options, url=url)
        return
    yield from parse_feed(data, origin=url, options=options)


def fetch_url(
    url: str, *, deadline_seconds: float = DOWNLOAD_DEADLINE_SECONDS
) -> tuple[bytes, str, str | None]:
    """(body, content type, charset) of a URL, read up to FEED_MAX_BYTES within an overall
    deadline (connect, headers and body; `download.download`).

    Raises:
        IngestError: naming the URL, when it cannot be fetched, is too slow or too large.
    """
    served = download(
        url, user_agent=USER_AGENT, max_bytes=FEED_MAX_BYTES, deadline_seconds=deadline_seconds
    )
    return served.data, served.content_type, served.charset


def parse_feed(data: bytes, *, origin: str, options: ReadOptions) -> Iterator[Document | Failure]:
    """One Document per feed entry (or a Failure naming the entry), in feed order.

    Raises:
        IngestError: the bytes are not an RSS/Atom feed, or it has no entries.
    """
    try:
        parsed = feedparser.parse(data, sanitize_html=False)
    except FEEDPARSER_ERRORS as error:
        raise IngestError(
            origin,
            f"is not a readable RSS/Atom feed ({' '.join(str(error).split())}); "
            "give an RSS or Atom XML feed.",
        ) from error
    if not parsed.entries:
        if parsed.get("bozo") or not parsed.get("version"):
            reason = parsed.get("bozo_exception") or "no RSS or Atom elements"
            raise IngestError(
                origin,
                f"is not a readable RSS/Atom feed ({reason}); give an RSS or Atom XML feed.",
            )
        raise IngestError(origin, "the feed has no entries; there is nothing to read.")
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        entry_origin = f"{origin}#{number}"
        try:
            yield entry_document(entry, origin=entry_origin, outlet=outlet, options=options)
        except IngestError as error:
            yield Failure(origin=entry_origin, stage="ingest", problem=error.problem)


def entry_document(
    entry: Mapping[str, Any], *, origin: str, outlet: str | None, options: ReadOptions
) -> Document:
    """A Document from one feed entry: title, link -> url, published, content or summary.

    Raises:
        IngestError: the entry has neither content nor summary, or it is too long.
    """
    body, media_type = _entry_body(entry)
    if not body.strip():
        link = entry.get("link") or "its link"
        raise IngestError(
            origin,
            f"the feed entry has no content or summary; read the linked page ({link}) instead.",
        )
    check_length(body, origin=origin, max_chars=options.max_chars)
    # RSS descriptions are typed HTML even when they are plain sentences; keep those as text.
    is_html = media_type in HTML_TYPES and _HTML_TAG.search(body) is not None
    if media_type in HTML_TYPES and not is_html:
        # An HTML description without tags is still HTML: "&amp;" in it means "&".
        body = html.unescape(body)
    title = entry.get("title") or None
    return Document(
        id=document_id(entry.get("id"), body),
        text=None if is_html else body,
        html=body if is_html else None,
        url=entry.get("link") or None,
        outlet=outlet,
        published=_entry_date(entry, origin=origin) or options.published,
        title=html.unescape(title) if title else None,
        origin=origin,
    )


def _entry_body(entry: Mapping[str, Any]) -> tuple[str, str]:
    """The fullest body an entry has: its first content element, else its summary."""
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if value.strip():
            return value, content.get("type") or "text/html"
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", detail.get("type") or "text/html"


def _entry_date(entry: Mapping[str, Any], *, origin: str) -> date | None:
    """The entry's own calendar day (RSS RFC 822 or Atom RFC 3339, in the feed's time zone)."""
    for key in ("published", "updated"):
        # dict.get: feedparser's own get() maps "updated" to "published" with a warning.
        raw = dict.get(entry, key) if isinstance(entry, dict) else entry.get(key)
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date()
        except (TypeError, ValueError):
            pass
        try:
            return parse_published(raw, origin=origin)
        except IngestError:
            logger.info("%s: feed date %r not understood; using the default", origin, raw)
    return None


def looks_like_feed(head: bytes) -> bool:
    """True when these first bytes open an RSS, Atom or RSS 1.0 (RDF) document."""
    start = head[:FEED_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith(b"<") and any(tag in start for tag in _FEED_TAGS)


def looks_like_html(head: bytes) -> bool:
    """True when these first bytes open an HTML page."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _is_html_page(data: bytes, content_type: str) -> bool:
    """A page rather than a feed: the body decides first (servers often mislabel RSS as HTML)."""
    if looks_like_feed(data):
        return False
    return content_type in HTML_TYPES or looks_like_html(data)
