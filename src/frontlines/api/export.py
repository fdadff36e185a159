"""`GET /api/export`: the filtered events as ACLED CSV, GeoJSON or JSONL, streamed."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse

from frontlines.api.auth import check_reader, store_of
from frontlines.api.filters import event_filter
from frontlines.exports import CSV_COLUMNS, acled_row, geojson_feature, spreadsheet_safe_row
from frontlines.models import Event
from frontlines.store.queries import EventFilter, iter_filtered_events

router = APIRouter(prefix="/api", dependencies=[Depends(check_reader)])

# Rows written before a chunk is sent to the client.
CHUNK_ROWS = 200
MEDIA_TYPES = {
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
}


def _chunks(lines: Iterable[str]) -> Iterator[bytes]:
    buffer: list[str] = []
    for line in lines:
        buffer.append(line)
        if len(buffer) >= CHUNK_ROWS:
            yield "".join(buffer).encode("utf-8")
            buffer.clear()
    if buffer:
        yield "".join(buffer).encode("utf-8")


def csv_lines(events: Iterable[Event]) -> Iterator[str]:
    """ACLED CSV, one line at a time, with the same cells as `exports.write_acled_csv`."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(spreadsheet_safe_row(acled_row(event)))
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def geojson_lines(events: Iterable[Event]) -> Iterator[str]:
    """A GeoJSON FeatureCollection, one feature per line (as `exports.write_geojson`)."""
    yield '{"type": "FeatureCollection", "features": [\n'
    for count, event in enumerate(events):
        yield ("," if count else "") + json.dumps(geojson_feature(event), ensure_ascii=False)
        yield "\n"
    yield "]}\n"


def jsonl_lines(events: Iterable[Event]) -> Iterator[str]:
    for event in events:
        yield json.dumps(event.to_json(), ensure_ascii=False) + "\n"


WRITERS = {"acled-csv": csv_lines, "geojson": geojson_lines, "jsonl": jsonl_lines}


@router.get(
    "/export",
    summary="The filtered events in an export format, streamed",
    response_class=StreamingResponse,
)
def get_export(
    request: Request,
    wanted: Annotated[EventFilter, Depends(event_filter)],
    format: Literal["acled-csv", "geojson", "jsonl"] = "jsonl",
) -> StreamingResponse:
    media_type, extension = MEDIA_TYPES[format]
    events = iter_filtered_events(store_of(request), wanted)
    return StreamingResponse(
        _chunks(WRITERS[format](events)),
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="frontlines-events.{extension}"'},
    )
