"""JSON Lines documents: one SCHEMA.md §1 object per line; a broken line fails alone."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from frontlines.errors import IngestError
from frontlines.ingest.encoding import BINARY_SNIFF_BYTES, FALLBACK_ERRORS, is_binary
from frontlines.ingest.fields import (
    ReadOptions,
    build_document,
    json_type_name,
    too_long_problem,
)
from frontlines.ingest.limits import byte_limit, unreadable_problem
from frontlines.models import Document, Failure

# How much of an over-long line is skipped per read while looking for its end.
SKIP_CHUNK_BYTES = 1 << 20
# Characters of a broken line quoted before the point where JSON parsing failed.
PREVIEW_BEFORE_ERROR = 20


def read_jsonl_file(
    path: Path, *, origin: str, options: ReadOptions
) -> Iterator[Document | Failure]:
    """Every document of a `.jsonl` file, and a Failure for each line that cannot be read.

    Raises:
        IngestError: the file cannot be opened, is empty, or is binary.
    """
    try:
        with path.open("rb") as stream:
            head = stream.read(BINARY_SNIFF_BYTES)
            stream.seek(0)
            yield from read_jsonl_stream(stream, origin=origin, options=options, head=head)
    except OSError as error:
        raise IngestError(origin, unreadable_problem(error)) from error


def read_jsonl_stream(
    stream: BinaryIO, *, origin: str, options: ReadOptions, head: bytes
) -> Iterator[Document | Failure]:
    """Documents from a JSON Lines byte stream, with a Failure for each line that cannot be read;
    `head` is the stream's first bytes (peeked), checked for binary content before anything.

    Raises:
        IngestError: the stream is empty or binary.
    """
    if is_binary(head):
        raise IngestError(
            origin,
            "the file is binary, not JSON Lines (it has NUL bytes); "
            "give UTF-8 JSON objects, one per line.",
        )
    documents = 0
    for number, line in _numbered_lines(stream, max_bytes=byte_limit(options.max_chars)):
        if line is None:
            yield _failure(
                f"{origin}:{number}",
                too_long_problem(
                    f"over {byte_limit(options.max_chars):,} bytes", options.max_chars
                ),
            )
            continue
        if not line.strip():
            continue
        if documents == 0:
            _check_not_whole_json(line, origin=origin)
        documents += 1
        line_origin = f"{origin}:{number}"
        try:
            yield parse_jsonl_line(line, origin=line_origin, options=options)
        except IngestError as error:
            yield _failure(line_origin, error.problem)
    if documents == 0:
        raise IngestError(origin, "the input is empty; give one JSON object per line.")


def parse_jsonl_line(line: bytes, *, origin: str, options: ReadOptions) -> Document:
    """One document from one JSON Lines line (UTF-8; stray cp1252 bytes are kept as cp1252).

    Raises:
        IngestError: the line is not a JSON object or its fields are wrong.
    """
    if b"\x00" in line:
        raise IngestError(origin, "the line has NUL bytes, so it is binary; give UTF-8 JSON.")
    text = line.decode("utf-8", errors=FALLBACK_ERRORS).lstrip("\ufeff").rstrip("\r\n")
    try:
        value = json.loads(text)
    except RecursionError as error:
        # json's C parser recurses once per nesting level; a 1,000-deep array exhausts the
        # stack. No document field is nested, so such a line is broken, not a document.
        raise IngestError(
            origin,
            "the line is nested too deeply to be a document (arrays or objects inside each "
            "other past Python's recursion limit); give flat SCHEMA.md fields.",
        ) from error
    except json.JSONDecodeError as error:
        raise IngestError(
            origin,
            f"the line is not valid JSON ({error.msg.removesuffix(' at')} at column "
            f"{error.colno}, near "
            f"{_preview(text[max(0, error.pos - PREVIEW_BEFORE_ERROR) :])}); "
            "fix the line or remove it.",
        ) from error
    except ValueError as error:
        # Python refuses integers of more than 4,300 digits (CVE-2020-10735) with this.
        raise IngestError(
            origin,
            f"the line has a number Python will not read ({str(error).split(':')[0]}); "
            "fix the line or remove it.",
        ) from error
    if not isinstance(value, dict):
        raise IngestError(
            origin,
            f"the line is {json_type_name(value)}, not a JSON object: {_preview(text)}; "
            'give an object such as {"id": "...", "text": "..."}.',
        )
    _check_id(value.get("id"), origin=origin)
    return build_document(value, origin=origin, options=options)


def _check_id(value: object, *, origin: str) -> None:
    """Refuse an id that is not a string or a number: an array or object would be stored as
    Python's repr of it, an id no other tool could reproduce."""
    if value is None or isinstance(value, str):
        return
    if isinstance(value, int) and not isinstance(value, bool):
        return
    if isinstance(value, float) and math.isfinite(value):
        return
    kind = "not a finite number" if isinstance(value, float) else json_type_name(value)
    raise IngestError(origin, f'"id" is {kind}, not a string; give the id as a string or a number.')


def _check_not_whole_json(first_line: bytes, *, origin: str) -> None:
    """Refuse, with one message, a JSON array or pretty-printed object saved as `.jsonl`: read
    line by line it would give a Failure for every line."""
    start = first_line.strip()
    if start == b"{" or start.startswith(b"["):
        raise IngestError(
            origin,
            "is one JSON document (an array or an object over many lines), not JSON Lines; "
            "write one object per line, e.g. with `jq -c '.[]' FILE`.",
        )


def _numbered_lines(stream: BinaryIO, *, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(1-based number, line) pairs; a line longer than `max_bytes` comes as None, skipped
    without being held in memory."""
    number = 0
    while line := stream.readline(max_bytes + 1):
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_to_line_end(stream)
            yield number, None
            continue
        yield number, line


def _skip_to_line_end(stream: BinaryIO) -> None:
    while chunk := stream.readline(SKIP_CHUNK_BYTES):
        if chunk.endswith(b"\n"):
            return


def _failure(origin: str, problem: str) -> Failure:
    return Failure(origin=origin, stage="ingest", problem=problem)


def _preview(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[:width] + "…")
