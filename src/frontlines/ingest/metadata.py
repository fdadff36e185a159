"""Page metadata (title, publication date, canonical url, site name) read from HTML markup."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trafilatura import extract_metadata


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None
    published: date | None
    url: str | None
    outlet: str | None


def page_metadata(html: str, *, url: str | None = None) -> PageMetadata:
    """What the page's markup says about it, via trafilatura and htmldate.

    Dates come from markup only (meta tags, <time>, date elements, the URL) — htmldate's
    extensive search of the body text is off, so "since June 22" never becomes a page date.
    """
    try:
        metadata = extract_metadata(html, default_url=url, extensive=False)
    except (AssertionError, ValueError, RecursionError):
        # htmldate's cleaning asserts on some malformed markup ('<svg><div></div>' puts a div
        # with no parent in the tree): the page is still read, it only tells nothing about itself.
        return PageMetadata(title=None, published=None, url=url, outlet=None)
    return PageMetadata(
        title=metadata.title or None,
        published=_iso_day(metadata.date),
        url=metadata.url or None,
        outlet=metadata.sitename or None,
    )


def _iso_day(value: str | None) -> date | None:
    """htmldate's YYYY-MM-DD; a malformed page date is ignored rather than failing the page."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
