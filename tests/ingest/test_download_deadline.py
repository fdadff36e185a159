"""A URL download has an overall deadline and size limit, not only a per-read timeout
(issue 15, probe 4): a real trickling HTTP server on the loopback interface."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from frontlines.errors import IngestError
from frontlines.ingest.download import download
from frontlines.ingest.feeds import fetch_url

# Seconds between the bytes a trickling server sends: each read returns well within any
# per-read timeout, so only an overall deadline stops the download.
TRICKLE_SECONDS = 0.05
TEST_DEADLINE_SECONDS = 1.0


class _Trickle(BaseHTTPRequestHandler):
    """/body: headers at once, then one byte at a time for ever. /headers: the status line, then
    header bytes one at a time. /big: 3 MB quickly. /ok: a small feed."""

    def do_GET(self) -> None:
        try:
            if self.path == "/headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                self._trickle(b"X-Slow: " + b"a" * 10_000)
            elif self.path == "/big":
                self._head(3_000_000)
                self.wfile.write(b"<rss>" + b" " * 3_000_000)
            elif self.path == "/ok":
                body = b"<rss version='2.0'><channel><title>T</title></channel></rss>"
                self._head(len(body))
                self.wfile.write(body)
            else:
                self._head(1_000_000)
                self._trickle(b"<" * 1_000_000)
        except (BrokenPipeError, ConnectionResetError):
            return  # the client gave up, as it should

    def _head(self, length: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.flush()

    def _trickle(self, data: bytes) -> None:
        for byte in data:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(TRICKLE_SECONDS)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture()
def slow_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize("path", ["/body", "/headers"])
def test_download_trickling_server_stops_at_the_deadline(slow_server: str, path: str) -> None:
    started = time.monotonic()
    with pytest.raises(IngestError, match="took longer than 1 seconds") as raised:
        fetch_url(slow_server + path, deadline_seconds=TEST_DEADLINE_SECONDS)
    assert time.monotonic() - started < TEST_DEADLINE_SECONDS + 2
    assert raised.value.origin == slow_server + path
    assert "\n" not in str(raised.value)


def test_download_larger_than_the_limit_is_refused(slow_server: str) -> None:
    with pytest.raises(IngestError, match="larger than 1,000,000 bytes"):
        download(slow_server + "/big", user_agent="test", max_bytes=1_000_000)


def test_download_within_limits_is_read(slow_server: str) -> None:
    served = download(slow_server + "/ok", user_agent="test", max_bytes=1_000_000)
    assert served.data.startswith(b"<rss") and served.content_type == "application/rss+xml"


def test_download_connect_refused_is_one_line() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(IngestError, match="could not be fetched"):
        download(f"http://127.0.0.1:{port}/", user_agent="test", max_bytes=10)
