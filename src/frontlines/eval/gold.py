"""Readers for the annotated set (tests/fixtures/gold format) and for SCHEMA §3 prediction files."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from frontlines.errors import EvalError
from frontlines.eval.records import GOLD_FIELDS, GoldReport, GoldSet, ScoredEvent
from frontlines.models import Event

GOLD_FILE_NAME = "gold.jsonl"


def read_gold(path: str | Path) -> GoldSet:
    """Read an annotated set: a folder holding gold.jsonl and one <doc_id>.txt per report, or
    a gold .jsonl file on its own.

    Raises:
        EvalError: the path is missing, a line is not JSON, or an event lacks its type.
    """
    location = Path(path)
    gold_file = location / GOLD_FILE_NAME if location.is_dir() else location
    if not gold_file.is_file():
        raise EvalError(
            f"No gold file at {gold_file}. Pass a folder holding {GOLD_FILE_NAME} or a gold "
            ".jsonl file (format: tests/fixtures/gold/README.md)."
        )
    reports = tuple(_parse_report(record, gold_file) for record in _read_jsonl(gold_file))
    text_paths = tuple(report.path for report in reports if report.path)
    return GoldSet(reports=reports, source=str(gold_file), text_paths=text_paths)


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise EvalError(
                    f"Line {number} of {path} is not JSON ({error.msg}); fix or remove the line."
                ) from error
            if not isinstance(record, dict):
                raise EvalError(
                    f"Line {number} of {path} is not a JSON object; write one object per line."
                )
            yield number, record


def _parse_report(numbered: tuple[int, dict[str, Any]], path: Path) -> GoldReport:
    number, record = numbered
    doc_id = record.get("doc_id")
    if not isinstance(doc_id, str) or not doc_id:
        raise EvalError(f"Line {number} of {path} has no doc_id; every gold line needs one.")
    raw_events = record.get("events", [])
    if not isinstance(raw_events, list):
        raise EvalError(f"Line {number} of {path}: 'events' is not a list; write a JSON list.")
    events = tuple(_parse_gold_event(doc_id, raw, f"{path}:{number}") for raw in raw_events)
    not_events = tuple(str(sentence) for sentence in record.get("not_events", []))
    ignored = tuple(str(sentence) for sentence in record.get("ignore", []))
    text_path = path.parent / f"{doc_id}.txt"
    has_text = text_path.is_file()
    return GoldReport(
        doc_id=doc_id,
        events=events,
        not_events=not_events,
        path=str(text_path) if has_text else "",
        kind=_header_kind(text_path) if has_text else "",
        ignored=ignored,
    )


def _header_kind(path: Path) -> str:
    """The `kind:` value of a report's SCHEMA §1 header block ("" when it has none)."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip() == "---":
                break
            key, _sep, value = line.partition(":")
            if key.strip() == "kind":
                return value.strip()
    return ""


def _parse_gold_event(doc_id: str, raw: dict[str, Any], origin: str) -> ScoredEvent:
    unknown = set(raw) - set(GOLD_FIELDS)
    if unknown:
        raise EvalError(
            f"{origin}: gold event has unknown fields {sorted(unknown)}; use only {GOLD_FIELDS}."
        )
    if not raw.get("event_type"):
        raise EvalError(f"{origin}: a gold event has no event_type; every event needs one.")
    return ScoredEvent(
        doc_id=doc_id,
        event_type=str(raw["event_type"]),
        sub_event_type=str(raw.get("sub_event_type") or ""),
        actor1=str(raw.get("actor1") or ""),
        actor2=str(raw.get("actor2") or ""),
        country=str(raw.get("country") or ""),
        admin1=str(raw.get("admin1") or ""),
        admin2=str(raw.get("admin2") or ""),
        location=str(raw.get("location") or ""),
        event_date=_parse_date(raw.get("event_date"), origin),
        fatalities=int(raw.get("fatalities") or 0),
        claimed_by=str(raw["claimed_by"]) if raw.get("claimed_by") else None,
    )


def _parse_date(value: object, origin: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as error:
        raise EvalError(f"{origin}: '{value}' is not a date; write YYYY-MM-DD.") from error


def read_predictions(path: str | Path) -> list[ScoredEvent]:
    """Read predicted events from a SCHEMA §3 JSON Lines file (`frontlines extract` output).

    A merged event reported by several documents counts once for each of them.

    Raises:
        EvalError: the file is missing, a line is not JSON, or an event names no document.
    """
    location = Path(path)
    if not location.is_file():
        raise EvalError(
            f"No prediction file at {location}. Write one with "
            "`frontlines extract INPUT... --no-merge > FILE`."
        )
    events: list[ScoredEvent] = []
    for number, record in _read_jsonl(location):
        doc_ids = _record_doc_ids(record)
        if not doc_ids:
            raise EvalError(
                f"Line {number} of {location} names no document (no sources, evidence or "
                "doc_id); predictions must say which document they come from."
            )
        events.extend(
            _scored_from_record(doc_id, record, f"{location}:{number}") for doc_id in doc_ids
        )
    return events


def _record_doc_ids(record: dict[str, Any]) -> list[str]:
    ids: list[str] = []
    for key in ("sources", "evidence"):
        for item in record.get(key) or []:
            doc_id = item.get("doc_id") if isinstance(item, dict) else None
            if doc_id and doc_id not in ids:
                ids.append(str(doc_id))
        if ids:
            return ids
    return [str(record["doc_id"])] if record.get("doc_id") else []


def _scored_from_record(doc_id: str, record: dict[str, Any], origin: str) -> ScoredEvent:
    evidence = tuple(
        str(item.get("text", ""))
        for item in record.get("evidence") or []
        if isinstance(item, dict) and item.get("doc_id", doc_id) == doc_id
    )
    return ScoredEvent(
        doc_id=doc_id,
        event_type=str(record.get("event_type") or ""),
        sub_event_type=str(record.get("sub_event_type") or ""),
        actor1=str(record.get("actor1") or ""),
        actor2=str(record.get("actor2") or ""),
        country=str(record.get("country") or ""),
        admin1=str(record.get("admin1") or ""),
        admin2=str(record.get("admin2") or ""),
        location=str(record.get("location") or ""),
        event_date=_parse_date(record.get("event_date"), origin),
        fatalities=int(record.get("fatalities") or 0),
        claimed_by=str(record["claimed_by"]) if record.get("claimed_by") else None,
        evidence=evidence,
    )


def scored_from_events(events: Iterable[Event]) -> list[ScoredEvent]:
    """Predicted events from pipeline `Event`s (one per reporting document)."""
    scored: list[ScoredEvent] = []
    for event in events:
        record = event.to_json()
        doc_ids = _record_doc_ids(record)
        scored.extend(_scored_from_record(doc_id, record, event.event_id) for doc_id in doc_ids)
    return scored
