"""Reading input bytes without loading more than the size limit allows."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from frontlines.errors import IngestError
from frontlines.ingest.fields import too_long_problem

# UTF-8 needs at most 4 bytes per character: a file over 4 x max_chars bytes is too long for
# certain and is refused without being read.
MAX_BYTES_PER_CHAR = 4
READ_CHUNK_BYTES = 1 << 20


def byte_limit(max_chars: int) -> int:
    """The most bytes a document of at most `max_chars` characters can take."""
    return max_chars * MAX_BYTES_PER_CHAR


def read_file_bytes(path: Path, *, origin: str, max_chars: int) -> bytes:
    """The bytes of a file that may hold one document of at most `max_chars` characters.

    Raises:
        IngestError: the file cannot be read, is empty, or is certainly too long.
    """
    try:
        size = path.stat().st_size
        if size > byte_limit(max_chars):
            raise IngestError(origin, too_long_problem(f"{size:,} bytes", max_chars))
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(origin, unreadable_problem(error)) from error
    check_not_empty(data, origin=origin)
    return data


def read_stream_bytes(stream: BinaryIO, *, origin: str, max_bytes: int) -> bytes:
    """Up to `max_bytes` bytes of a stream; more than that is refused, not loaded.

    Raises:
        IngestError: the stream is longer than `max_bytes`, empty, or cannot be read.
    """
    chunks: list[bytes] = []
    total = 0
    try:
        while chunk := stream.read(READ_CHUNK_BYTES):
            total += len(chunk)
            if total > max_bytes:
                raise IngestError(
                    origin,
                    f"the input is larger than {max_bytes:,} bytes, the most accepted; "
                    "split it into smaller inputs.",
                )
            chunks.append(chunk)
    except OSError as error:
        raise IngestError(origin, unreadable_problem(error)) from error
    data = b"".join(chunks)
    check_not_empty(data, origin=origin)
    return data


def check_not_empty(data: bytes, *, origin: str) -> None:
    """Raises IngestError when the input has nothing but whitespace."""
    if not data.strip():
        raise IngestError(origin, "the input is empty; give a file with a document in it.")


def unreadable_problem(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"cannot be read ({reason}); check that it exists and is readable."
