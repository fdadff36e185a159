"""Downloading one URL under overall limits: connect time, total time and size.

A socket timeout only bounds each read; a server sending one byte every few seconds would keep
a download going for ever. Here every connection a download opens (redirects too) is registered
with a `Deadline`, whose timer shuts the sockets down when the download's time is up; the
blocked read then returns and the download is reported as too slow.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from frontlines.errors import IngestError

# Seconds allowed to connect and to wait for any one read (the old per-read timeout).
CONNECT_TIMEOUT_SECONDS = 20.0
# Seconds a whole download may take, headers and body: a feed or page of a few MB comes in
# well under this on a slow link (not measured; generous on purpose).
DOWNLOAD_DEADLINE_SECONDS = 120.0
# Bytes read per call, so the deadline and the size limit are checked often.
READ_CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class Download:
    """What a URL served: its body (within the limits), media type and charset."""

    data: bytes
    content_type: str
    charset: str | None


class Deadline:
    """An overall time limit for the connections of one download (see the module docstring)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        return max(0.0, self.ends - time.monotonic())

    def register(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: nothing left to stop
        sock.shutdown(socket.SHUT_RDWR)


def _connection_class(base: type[http.client.HTTPConnection], deadline: Deadline) -> Any:
    class DeadlineConnection(base):  # type: ignore[valid-type, misc]
        def connect(self) -> None:
            self.timeout = min(CONNECT_TIMEOUT_SECONDS, max(deadline.remaining(), 0.001))
            super().connect()
            deadline.register(self.sock)

    return DeadlineConnection


class _HttpHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self._connection = _connection_class(http.client.HTTPConnection, deadline)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _HttpsHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self._connection = _connection_class(http.client.HTTPSConnection, deadline)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


def download(
    url: str,
    *,
    user_agent: str,
    max_bytes: int,
    deadline_seconds: float = DOWNLOAD_DEADLINE_SECONDS,
) -> Download:
    """The body of `url`, read within `deadline_seconds` in all and at most `max_bytes`.

    Raises:
        IngestError: naming the URL, when it cannot be fetched, is too slow or too large.
    """
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    with Deadline(deadline_seconds) as deadline:
        opener = urllib.request.build_opener(_HttpHandler(deadline), _HttpsHandler(deadline))
        try:
            with opener.open(request, timeout=CONNECT_TIMEOUT_SECONDS) as response:
                data = _read_body(response, url=url, max_bytes=max_bytes, deadline=deadline)
                content_type = response.headers.get_content_type()
                charset = response.headers.get_content_charset()
        except urllib.error.HTTPError as error:
            raise IngestError(
                url, unreachable_problem(f"HTTP {error.code} {error.reason}")
            ) from error
        except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as error:
            if deadline.expired:
                raise IngestError(url, _too_slow_problem(deadline_seconds)) from error
            reason = error.reason if isinstance(error, urllib.error.URLError) else error
            raise IngestError(url, unreachable_problem(str(reason))) from error
    if deadline.expired:
        raise IngestError(url, _too_slow_problem(deadline_seconds))
    if not data.strip():
        raise IngestError(url, "the URL served nothing; check the address.")
    return Download(data=data, content_type=content_type, charset=charset)


def _read_body(
    response: http.client.HTTPResponse, *, url: str, max_bytes: int, deadline: Deadline
) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while chunk := response.read1(READ_CHUNK_BYTES):
        total += len(chunk)
        if total > max_bytes:
            raise IngestError(
                url,
                f"the download is larger than {max_bytes:,} bytes, the most accepted; "
                "give a smaller feed or page.",
            )
        if deadline.expired:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def unreachable_problem(reason: str) -> str:
    return f"the URL could not be fetched ({reason}); check the address and the network."


def _too_slow_problem(seconds: float) -> str:
    return (
        f"the download took longer than {seconds:g} seconds, the most allowed for one URL; "
        "the server is too slow or stalled, try again later."
    )
