"""Building a Document from the SCHEMA.md §1 fields (JSONL objects, text headers, feeds)."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

import dateparser

from frontlines.errors import IngestError
from frontlines.ingest.ids import document_id
from frontlines.ingest.metadata import page_metadata
from frontlines.models import Document

logger = logging.getLogger(__name__)

# The metadata keys of SCHEMA.md §1 besides the content (`text` / `html`).
METADATA_KEYS = ("id", "url", "outlet", "published", "title", "kind", "language")

# A free-form date is only read when it names a year; "yesterday" is not a publication date.
_HAS_YEAR = re.compile(r"\b(19|20)\d\d\b")
_JSON_TYPE_NAMES: dict[type, str] = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_DATEPARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"]}
# Values that say the date is not known: the document is read without one.
_UNKNOWN_DATE = re.compile(
    r"(?:unknown|n/?a|none|null|nil|undated|no date|not known|tbd|\?+|-+)\.?", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What every reader needs to know: the default publication date and the size limit."""

    published: date | None
    max_chars: int


def parse_published(value: object, *, origin: str) -> date | None:
    """A publication date from "2021-07-05", an ISO datetime, or an English date with a year.

    A datetime keeps its own (local) calendar day: relative dates in the text are local.
    Empty values and "unknown" (or "n/a", "undated", ...) give None.

    Raises:
        IngestError: the value is not a date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise IngestError(origin, _bad_date_problem(value))
    text = value.strip()
    if _UNKNOWN_DATE.fullmatch(text):
        return None
    parsed = _date_from_text(text)
    if parsed is None:
        raise IngestError(origin, _bad_date_problem(value))
    return parsed


def read_published(value: object, *, origin: str) -> date | None:
    """Like `parse_published`, but a string that is no date gives None and a warning: a page
    with an unreadable date is still read (its events stay undated unless the text dates them,
    or `--published` gives a default)."""
    text = value.strip() if isinstance(value, str) else ""
    if text and not _UNKNOWN_DATE.fullmatch(text) and _date_from_text(text) is None:
        logger.warning(
            '%s: "published" is not a date: %r; read without one (give --published DATE '
            "for a default).",
            origin,
            value,
        )
        return None
    return parse_published(value, origin=origin)


def _date_from_text(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    if _HAS_YEAR.search(text):
        parsed: datetime | None = dateparser.parse(
            text, languages=["en"], settings=_DATEPARSER_SETTINGS
        )
        if parsed is not None:
            return parsed.date()
    return None


def build_document(fields: Mapping[str, object], *, origin: str, options: ReadOptions) -> Document:
    """A Document from SCHEMA.md §1 fields; unknown keys are ignored. For an HTML document,
    what the fields leave out (title, published, url, outlet) is filled from the page's markup.

    Raises:
        IngestError: no text or html, a field of the wrong type (a date that is not a string
            included), or too long. A date string that is no date is read as none.
    """
    text = _content_field(fields, "text", origin=origin)
    html = _content_field(fields, "html", origin=origin)
    content = text if text is not None and text.strip() else html
    if content is None or not content.strip():
        raise IngestError(
            origin,
            'the document has no text: give a non-empty "text" or "html" value.',
        )
    check_length(content, origin=origin, max_chars=options.max_chars)
    published = read_published(fields.get("published"), origin=origin)
    url = _string_field(fields, "url", origin=origin)
    outlet = _string_field(fields, "outlet", origin=origin)
    title = _string_field(fields, "title", origin=origin)
    if content is html and not (published and title):
        metadata = page_metadata(html, url=url)
        published, title = published or metadata.published, title or metadata.title
        url, outlet = url or metadata.url, outlet or metadata.outlet
    return Document(
        id=document_id(fields.get("id"), content),
        text=text if content is text else None,
        html=html if content is html else None,
        url=url,
        outlet=outlet,
        published=published or options.published,
        title=title,
        kind=_string_field(fields, "kind", origin=origin),
        language=_string_field(fields, "language", origin=origin),
        origin=origin,
    )


def check_length(content: str, *, origin: str, max_chars: int) -> None:
    """Raises IngestError when a document is longer than `max_chars` characters."""
    if len(content) > max_chars:
        raise IngestError(origin, too_long_problem(f"{len(content):,} characters", max_chars))


def too_long_problem(size: str, max_chars: int) -> str:
    return (
        f"the document is too large ({size}; the limit is {max_chars:,} characters); "
        "split it into smaller documents."
    )


def without_lone_surrogates(text: str) -> str:
    """The text with JSON's unpaired surrogate escapes ("\\ud800") as U+FFFD: they cannot be
    written as UTF-8, so they would break every later stage's output."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _content_field(fields: Mapping[str, object], key: str, *, origin: str) -> str | None:
    value = fields.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return without_lone_surrogates(value)
    raise IngestError(
        origin, f'"{key}" is {json_type_name(value)}, not a string; give the {key} as a string.'
    )


def _string_field(fields: Mapping[str, object], key: str, *, origin: str) -> str | None:
    value = fields.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return without_lone_surrogates(value).strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise IngestError(
        origin, f'"{key}" is {json_type_name(value)}, not a string; give {key} as a string.'
    )


def json_type_name(value: object) -> str:
    """What a parsed JSON value is, in JSON's words ("an array", "a number")."""
    return _JSON_TYPE_NAMES.get(type(value), f"a {type(value).__name__}")


def _bad_date_problem(value: object) -> str:
    return (
        f'"published" is not a date: {value!r}; use YYYY-MM-DD or an ISO datetime '
        "such as 2021-07-05T09:30:00+04:30."
    )
