"""Render `ReportData` as self-contained HTML (images embedded), Markdown, or PDF (WeasyPrint),
through the Jinja2 templates in data/report."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, date, datetime

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from frontlines import __version__
from frontlines.errors import ReportError
from frontlines.report.data import ReportData
from frontlines.report.layouts import status_words

FORMATS = ("html", "pdf", "md")
# Width in characters of the Markdown's text bars (fatalities over time).
TEXT_BAR_WIDTH = 40
# Event ids printed beside one control report; the rest are counted.
IDS_PER_LINE = 3
# Outlets named beside one control report; the rest are counted.
OUTLETS_PER_LINE = 3


def _environment(*, html: bool) -> Environment:
    environment = Environment(
        loader=PackageLoader("frontlines", "data/report"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False)
        if html
        else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["status"] = lambda record: status_words(record.status, record.actor)
    environment.filters["day"] = _day
    environment.filters["md"] = _markdown_cell
    environment.filters["bar"] = _text_bar
    environment.filters["ids"] = _few_ids
    environment.filters["outlets"] = _few_outlets
    return environment


def _day(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else "date unknown"


def _markdown_cell(value: object) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")


def _few_ids(event_ids: tuple[str, ...]) -> str:
    """The first few event ids of a line and how many more (the method box has them all)."""
    shown = ", ".join(event_ids[:IDS_PER_LINE])
    more = len(event_ids) - IDS_PER_LINE
    return f"{shown} and {more} more" if more > 0 else shown


def _few_outlets(outlets: tuple[str, ...]) -> str:
    """Up to OUTLETS_PER_LINE outlets by name, then how many more."""
    if not outlets:
        return "no outlet named"
    shown = "; ".join(outlets[:OUTLETS_PER_LINE])
    more = len(outlets) - OUTLETS_PER_LINE
    return f"{shown} and {more} more outlet{'s' if more != 1 else ''}" if more > 0 else shown


def _text_bar(value: int, largest: int) -> str:
    if largest <= 0 or value <= 0:
        return ""
    return "█" * max(1, round(TEXT_BAR_WIDTH * value / largest))


def _context(data: ReportData, images: dict[str, str]) -> dict[str, object]:
    return {
        "data": data,
        "method": data.method,
        "images": images,
        "version": __version__,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "largest_bucket": max((b.fatalities for b in data.timeline), default=0),
    }


def _embedded_images(data: ReportData) -> dict[str, str]:
    """The charts and the map as data: URIs (none for an empty report)."""
    if data.is_empty:
        return {}
    from frontlines.report import charts, mapimage  # matplotlib only when there is a chart

    drawn: dict[str, Callable[[ReportData], bytes]] = {
        "events": charts.events_chart,
        "fatalities": charts.fatalities_chart,
    }
    if mapimage.has_map(data):
        drawn["map"] = mapimage.event_map
    return {
        name: "data:image/png;base64," + base64.b64encode(draw(data)).decode("ascii")
        for name, draw in drawn.items()
    }


def render_html(data: ReportData) -> str:
    """One HTML file with its styles and images inside."""
    template = _environment(html=True).get_template("report.html.j2")
    return template.render(**_context(data, _embedded_images(data)))


def render_markdown(data: ReportData) -> str:
    """Markdown readable in a terminal: tables and text bars instead of images."""
    template = _environment(html=False).get_template("report.md.j2")
    return template.render(**_context(data, {}))


def render_pdf(data: ReportData) -> bytes:
    """The HTML report laid out on A4 pages by WeasyPrint.

    Raises:
        ReportError: WeasyPrint or its system libraries (Pango) are missing.
    """
    try:
        from weasyprint import HTML
    except OSError as error:  # the Python package is there, Pango is not
        raise ReportError(
            f"PDF output needs WeasyPrint's system libraries ({error}); install Pango "
            "(Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0) or use --format html."
        ) from error
    pdf: bytes | None = HTML(string=render_html(data)).write_pdf()
    if not pdf:
        raise ReportError("WeasyPrint produced no PDF for the report; use --format html.")
    return pdf


def render_report(data: ReportData, format_name: str) -> bytes:
    """The report in one of FORMATS, as bytes ready to write (UTF-8 for text formats)."""
    if format_name == "pdf":
        return render_pdf(data)
    if format_name == "html":
        return render_html(data).encode("utf-8")
    if format_name == "md":
        return render_markdown(data).encode("utf-8")
    raise ReportError(f"Unknown report format '{format_name}'; use one of {', '.join(FORMATS)}.")
