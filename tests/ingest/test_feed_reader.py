"""The RSS/Atom reader: entries as documents, from files and from URLs (loopback only)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from frontlines.ingest import read_documents
from frontlines.models import Document, Failure

UNREACHABLE_FEED = "http://127.0.0.1:9/feed.xml"  # port 9 (discard) refuses connections


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture()
def served_dir(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on the loopback interface: (folder, base URL)."""
    handler = partial(_QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_rss_entries_become_documents(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ingest" / "northern_desk.rss"
    first, second = list(read_documents([str(path)]))

    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == "nd-2021-0706-001"  # the guid
    assert first.title == "Taliban claim capture of Shibirghan checkpoint"
    assert first.url == "https://northern-desk.example/2021/07/06/shibirghan-checkpoint"
    assert first.outlet == "Northern Desk"
    # 01:20 on 6 July in Kabul is still 5 July in UTC; the local day is kept.
    assert first.published == date(2021, 7, 6)
    assert first.html is not None and "Jowzjan province" in first.html  # full content wins
    assert first.origin == f"{path}#1"
    assert second.id.startswith("sha256:")  # no guid: content hash
    assert second.text is not None and second.text.startswith("Residents of Dasht-e Archi")
    assert second.html is None  # a plain-sentence description is kept as text


def test_atom_entries_become_documents(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ingest" / "helmand_updates.atom"
    first, second = list(read_documents([str(path)]))

    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == "tag:helmand-updates.example,2021:lashkar-gah-pd4"
    assert first.published == date(2021, 7, 7)  # <published>, not <updated>, in local time
    assert first.html is not None and "fourth police district" in first.html
    assert first.outlet == "Helmand Updates"
    assert second.published == date(2021, 7, 6)  # only <updated>
    assert second.text is not None and "12 insurgents" in second.text


def test_feed_entry_without_body_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "headlines.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Blast in Jalalabad</title><link>https://wire.example/1</link></item>"
        "<item><title>Curfew in Herat</title><description>A night curfew was imposed in Herat "
        "city on Thursday.</description></item>"
        "</channel></rss>"
    )
    failure, document = list(read_documents([str(path)], published=date(2021, 8, 5)))
    assert isinstance(failure, Failure)
    assert failure.origin == f"{path}#1"
    assert "https://wire.example/1" in failure.problem
    assert isinstance(document, Document) and document.title == "Curfew in Herat"
    assert document.published == date(2021, 8, 5)  # no pubDate: the default


def test_feed_entry_longer_than_max_chars_fails_alone(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ingest" / "northern_desk.rss"
    failure, document = list(read_documents([str(path)], max_chars=200))
    assert isinstance(failure, Failure)
    assert failure.origin == f"{path}#1"
    assert "too large" in failure.problem
    assert isinstance(document, Document) and document.origin == f"{path}#2"


def test_feed_file_that_is_not_a_feed_fails(tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("<?xml version='1.0'?><notes><note>call the Herat desk</note></notes>")
    (failure,) = list(read_documents([str(path)]))
    assert isinstance(failure, Failure)
    assert failure.origin == str(path)
    assert "not a readable RSS/Atom feed" in failure.problem


def test_feed_url_unreachable_is_one_failure() -> None:
    (failure,) = list(read_documents([UNREACHABLE_FEED]))
    assert isinstance(failure, Failure)
    assert failure.origin == UNREACHABLE_FEED
    assert failure.stage == "ingest"
    assert "could not be fetched" in failure.problem


def test_feed_url_is_fetched_and_read(fixtures_dir: Path, served_dir: tuple[Path, str]) -> None:
    folder, base_url = served_dir
    feed = (fixtures_dir / "ingest" / "helmand_updates.atom").read_bytes()
    (folder / "helmand.atom").write_bytes(feed)
    items = list(read_documents([f"{base_url}/helmand.atom"]))
    assert [item.origin for item in items] == [
        f"{base_url}/helmand.atom#1",
        f"{base_url}/helmand.atom#2",
    ]
    assert all(isinstance(item, Document) for item in items)


def test_url_serving_a_page_becomes_one_html_document(
    fixtures_dir: Path, served_dir: tuple[Path, str]
) -> None:
    folder, base_url = served_dir
    (folder / "kunduz.html").write_bytes(
        (fixtures_dir / "ingest" / "kunduz_page.html").read_bytes()
    )
    url = f"{base_url}/kunduz.html"
    (document,) = list(read_documents([url]))
    assert isinstance(document, Document)
    assert document.url == url
    assert document.title == "Kunduz city: clashes continue for third day"
    assert document.html is not None and "Sehdarak" in document.html


def test_feed_url_missing_page_is_one_failure(served_dir: tuple[Path, str]) -> None:
    _folder, base_url = served_dir
    url = f"{base_url}/no-such-feed.xml"
    (failure,) = list(read_documents([url]))
    assert isinstance(failure, Failure)
    assert failure.origin == url
    assert "404" in failure.problem


def test_feed_served_as_html_is_still_read_as_a_feed(
    fixtures_dir: Path, served_dir: tuple[Path, str]
) -> None:
    folder, base_url = served_dir
    # The test server labels .html files text/html; the body is RSS all the same.
    (folder / "rss.html").write_bytes((fixtures_dir / "ingest" / "northern_desk.rss").read_bytes())
    items = list(read_documents([f"{base_url}/rss.html"]))
    assert [item.origin for item in items] == [f"{base_url}/rss.html#1", f"{base_url}/rss.html#2"]
