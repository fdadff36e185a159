"""The report's charts as PNG bytes (matplotlib, Agg): events by province and type, fatalities
over time. They read only `ReportData`, so they show the numbers the tables print."""

from __future__ import annotations

import io

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from frontlines.report.data import ReportData
from frontlines.report.layouts import OTHER_COLOR, event_type_color

# Resolution of the embedded images: sharp in print at the width the templates give them.
DPI = 130
WIDTH_INCHES = 7.0
BAR_HEIGHT_INCHES = 0.32
OTHER_PROVINCES = "Other provinces"
TICK_FORMATS = {"day": "%d %b", "week": "%d %b %Y", "month": "%b %Y"}


def new_figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure of one axes drawn by Agg, without pyplot: nothing is registered with a GUI
    backend or kept alive between charts (each figure is freed when it is saved)."""
    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    return figure, figure.subplots()


def figure_png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    return buffer.getvalue()


def province_rows(data: ReportData) -> list[tuple[str, dict[str, int]]]:
    """The provinces the bar chart shows (most events first), the rest folded into one row."""
    shown = list(data.provinces[: data.chart_provinces])
    rows = [(p, {t: data.count(p, t) for t in data.event_types}) for p in shown]
    rest = data.provinces[data.chart_provinces :]
    if rest:
        folded = {t: sum(data.count(p, t) for p in rest) for t in data.event_types}
        rows.append((f"{OTHER_PROVINCES} ({len(rest)})", folded))
    return rows


def events_chart(data: ReportData) -> bytes:
    """Horizontal stacked bars: events per province, one colour per event type."""
    rows = province_rows(data)
    height = max(1.6, 0.8 + BAR_HEIGHT_INCHES * len(rows))
    figure, axes = new_figure(WIDTH_INCHES, height)
    labels = [name for name, _counts in rows][::-1]
    left = [0] * len(rows)
    for event_type in data.event_types:
        values = [counts[event_type] for _name, counts in rows][::-1]
        axes.barh(labels, values, left=left, color=event_type_color(event_type), label=event_type)
        left = [a + b for a, b in zip(left, values, strict=True)]
    for y, total in enumerate(left):
        axes.text(total, y, f" {total}", va="center", fontsize=8)
    axes.set_xlabel("events")
    axes.spines[["top", "right"]].set_visible(False)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3)
    axes.tick_params(labelsize=8)
    return figure_png(figure)


def fatalities_chart(data: ReportData) -> bytes:
    """Fatalities per day (or week) as a line, events per day as light bars behind it."""
    figure, axes = new_figure(WIDTH_INCHES, 2.4)
    x = list(range(len(data.timeline)))
    axes.bar(x, [b.events for b in data.timeline], color=OTHER_COLOR, alpha=0.45, label="events")
    axes.plot(
        x,
        [b.fatalities for b in data.timeline],
        color=event_type_color("Battles"),
        marker="o",
        markersize=3,
        label="fatalities",
    )
    step = max(1, len(x) // 10)
    axes.set_xticks(x[::step])
    label = TICK_FORMATS[data.bucket]
    axes.set_xticklabels([b.start.strftime(label) for b in data.timeline][::step], fontsize=8)
    axes.set_ylabel(f"per {data.bucket}", fontsize=8)
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=7, frameon=False, loc="upper left")
    return figure_png(figure)
