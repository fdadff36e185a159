"""Plain-text tables of evaluation results (the JSON form is each report's `to_json`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from frontlines.eval.metrics import FIELD_ORDER, NO_EVENT, EvalReport, FieldScore


def format_table(rows: Sequence[Sequence[str]], *, header: Sequence[str]) -> str:
    """Left-aligned first column, right-aligned others, one space-padded line per row."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [
            str(cell).ljust(widths[i]) if i == 0 else str(cell).rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def field_rows(fields: dict[str, FieldScore]) -> list[list[str]]:
    names = [name for name in FIELD_ORDER if name in fields] + [
        name for name in fields if name not in FIELD_ORDER
    ]
    return [
        [
            name,
            f"{fields[name].precision:.3f}",
            f"{fields[name].recall:.3f}",
            f"{fields[name].f1:.3f}",
            str(fields[name].hits),
            str(fields[name].predicted),
            str(fields[name].gold),
        ]
        for name in names
    ]


def format_confusion(confusion: dict[str, dict[str, int]]) -> str:
    """The event-type confusion matrix: gold types down, predicted types across."""
    gold_types = sorted({*confusion, NO_EVENT}, key=lambda t: (t == NO_EVENT, t))
    predicted_types = sorted(
        {NO_EVENT, *(p for row in confusion.values() for p in row)},
        key=lambda t: (t == NO_EVENT, t),
    )
    header = ["gold \\ predicted", *(_short(t) for t in predicted_types)]
    rows = [
        [_short(g), *(str(confusion.get(g, {}).get(p, 0) or ".") for p in predicted_types)]
        for g in gold_types
    ]
    return format_table(rows, header=header)


def _short(event_type: str) -> str:
    """Column-friendly event type names ("Explosions/Remote violence" -> "Explosions")."""
    return (
        event_type.split("/")[0]
        .replace("Violence against civilians", "VAC")
        .replace("Strategic developments", "Strategic")
    )


def format_report(report: EvalReport, *, title: str = "") -> str:
    """The whole report as text: fields, not-events, confusion matrix."""
    parts = []
    if title:
        parts.append(title)
    parts.append(
        f"{report.documents} documents; pairing: same document and event-type family, nearest "
        f"place and date; each field scored on its own (date right within "
        f"±{report.date_window_days} day(s))"
    )
    parts.append(
        format_table(
            field_rows(report.fields),
            header=["field", "precision", "recall", "F1", "hits", "predicted", "gold"],
        )
    )
    parts.append(
        f"not-events: {report.not_events_violated} of {report.not_events} sentences produced an "
        f"event (silence {report.not_event_silence:.3f})"
    )
    exact, pairs = report.fatalities_exact
    parts.append(
        f"fatalities exact on matched events: {exact} of {pairs} "
        f"({report.fatalities_exact_share:.3f})"
    )
    parts.append("event types (gold down, predicted across):")
    parts.append(format_confusion(report.confusion))
    groups = report.extra.get("groups")
    if groups:
        parts.append("by report kind and country:")
        parts.append(format_groups(groups))
    return "\n\n".join(parts) + "\n"


def format_key_values(title: str, values: Iterable[tuple[str, Any]]) -> str:
    rows = [
        [name, f"{value:.3f}" if isinstance(value, float) else str(value)] for name, value in values
    ]
    return title + "\n" + format_table(rows, header=["measure", "value"]) + "\n"


def format_groups(groups: dict[str, dict[str, dict[str, Any]]]) -> str:
    """Detection and event-type F1 per group (from `EvalReport.extra["groups"]`)."""
    rows = [
        [
            name,
            f"{fields['detection']['precision']:.3f}",
            f"{fields['detection']['recall']:.3f}",
            f"{fields['detection']['f1']:.3f}",
            f"{fields['event_type']['f1']:.3f}",
            str(fields["detection"]["predicted"]),
            str(fields["detection"]["gold"]),
        ]
        for name, fields in groups.items()
    ]
    return format_table(
        rows,
        header=["group", "detect P", "detect R", "detect F1", "type F1", "predicted", "gold"],
    )
