"""Property fuzzing of every reader, the cleaner and the exporters (issue 15): whatever the
bytes, no exception other than the project's own (FrontlinesError) escapes, and each bad input
is reported as a Failure rather than raised past the reader.

Strategies build inputs near the formats (JSON lines with SCHEMA keys, nested markup, feeds,
WARC records then cut or corrupted) as well as raw bytes; max_examples stay modest so the
suite stays fast. The coverage-guided run is `bench/fuzz_readers.py` (atheris).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from dataclasses import fields, replace
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from frontlines.clean import clean_document
from frontlines.errors import FrontlinesError
from frontlines.exports import (
    FORMULA_STARTS,
    NUMERIC_CSV_COLUMNS,
    write_acled_csv,
    write_geojson,
    write_jsonl,
)
from frontlines.ingest.encoding import decode_bytes
from frontlines.ingest.feeds import parse_feed
from frontlines.ingest.fields import METADATA_KEYS, ReadOptions
from frontlines.ingest.html import parse_html
from frontlines.ingest.jsonl import read_jsonl_stream
from frontlines.ingest.text import parse_text
from frontlines.ingest.warc import read_warc_file
from frontlines.models import Document, Event, Evidence, Failure, Source

OPTIONS = ReadOptions(published=None, max_chars=200_000)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text with the characters that break parsers: markup, entities, quotes, controls, surrogates
# as escapes, bidi marks, formula starts.
_NASTY = st.sampled_from(
    [
        "<",
        ">",
        "&",
        "&amp;",
        "&#0;",
        "&#x110000;",
        '"',
        "'",
        "\\",
        "\x00",
        "\r",
        "\u2028",
        "\ufeff",
        "\u202e",
        "=",
        "+",
        "-",
        "@",
        "\t",
        "]]>",
        "<!--",
        "-->",
        "\ud7ff",
        "\U0001f4a5",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=20), _NASTY), max_size=30).map("".join)
JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(TEXT, children, max_size=4)
    ),
    max_leaves=20,
)
TAGS = st.sampled_from(
    [
        "div",
        "p",
        "span",
        "article",
        "script",
        "style",
        "li",
        "ol",
        "section",
        "cite",
        "b",
        "table",
        "td",
        "title",
        "head",
        "body",
        "html",
        "br",
        "noscript",
        "template",
        "svg",
    ]
)
CLASSES = st.sampled_from(["", "comments", "comment-author", "fn", "says", "date", "content"])


@st.composite
def markup(draw: st.DrawFn, depth: int = 0) -> str:
    """A piece of HTML: text and (sometimes unclosed, sometimes deep) nested elements."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 6 and draw(st.booleans()):
            tag, css = draw(TAGS), draw(CLASSES)
            inner = draw(markup(depth=depth + 1))
            close = draw(st.sampled_from([f"</{tag}>", "", f"</{draw(TAGS)}>"]))
            parts.append(f'<{tag} class="{css}">{inner}{close}')
        else:
            parts.append(draw(TEXT))
    if depth == 0 and draw(st.integers(0, 9)) == 0:
        deep = draw(st.integers(200, 3000))
        parts.append("<div>" * deep + draw(TEXT) + "</div>" * deep)
    return "".join(parts)


def _only_our_errors(call: object) -> list[Document | Failure]:
    """Run a reader to the end; FrontlinesError is allowed, anything else fails the test."""
    assert callable(call)
    try:
        return list(call())
    except FrontlinesError:
        return []


@FUZZ
@given(
    st.lists(
        st.one_of(
            st.dictionaries(
                st.sampled_from([*METADATA_KEYS, "text", "html"]), JSON_VALUES, max_size=8
            ).map(json.dumps),
            TEXT,
            st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
        ),
        max_size=6,
    )
)
def test_fuzz_jsonl_reader(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    items = _only_our_errors(
        lambda: read_jsonl_stream(
            io.BytesIO(data), origin="fuzz", options=OPTIONS, head=data[:8192]
        )
    )
    for item in items:
        assert isinstance(item, Document | Failure)
        if isinstance(item, Failure):
            assert item.origin.startswith("fuzz:") and "\n" not in item.problem


@FUZZ
@given(st.binary(max_size=400))
def test_fuzz_jsonl_reader_raw_bytes(data: bytes) -> None:
    _only_our_errors(
        lambda: read_jsonl_stream(
            io.BytesIO(data), origin="fuzz", options=OPTIONS, head=data[:8192]
        )
    )


@FUZZ
@given(
    st.lists(st.tuples(st.sampled_from([*METADATA_KEYS, "x", "Published"]), TEXT), max_size=6),
    st.sampled_from(["---", "----", "", "--- "]),
    TEXT,
)
def test_fuzz_text_header_reader(header: list[tuple[str, str]], rule: str, body: str) -> None:
    text = "\n".join(f"{key}: {value}" for key, value in header) + f"\n{rule}\n{body}"
    _only_our_errors(lambda: [parse_text(text, origin="fuzz.txt", options=OPTIONS)])


@FUZZ
@given(st.binary(max_size=400), st.sampled_from([None, "utf-8", "cp1252", "x-bogus", "utf-16"]))
def test_fuzz_decode_bytes(data: bytes, declared: str | None) -> None:
    with contextlib.suppress(FrontlinesError):
        assert isinstance(decode_bytes(data, origin="fuzz", declared=declared), str)


@FUZZ
@given(markup())
def test_fuzz_html_reader_and_cleaner(page: str) -> None:
    def read_and_clean() -> list[Document | Failure]:
        document = parse_html(page, origin="fuzz.html", options=OPTIONS)
        article = clean_document(document)
        # a page that is only reader posts has an empty body and all its text as comments
        assert article.body.strip() or article.comments
        for comment in article.comments:
            assert 0 <= comment.start <= comment.end <= len(article.original)
        return [document]

    _only_our_errors(read_and_clean)


@FUZZ
@given(TEXT)
def test_fuzz_cleaner_on_text(text: str) -> None:
    _only_our_errors(lambda: [clean_document(Document(id="fuzz", text=text))])


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    items = "".join(
        f"<item><title>{draw(TEXT)}</title><pubDate>{draw(TEXT)}</pubDate>"
        f"<description>{draw(st.one_of(TEXT, markup()))}</description>"
        f"<guid>{draw(TEXT)}</guid></item>"
        for _ in range(draw(st.integers(0, 3)))
    )
    root = draw(st.sampled_from(["rss version='2.0'", "feed xmlns='http://www.w3.org/2005/Atom'"]))
    name = root.split()[0]
    doc = (
        f"<?xml version='1.0'?><{root}><channel><title>{draw(TEXT)}</title>{items}"
        f"</channel></{name}>"
    )
    data = doc.encode("utf-8", "surrogatepass")
    return data[: draw(st.integers(0, len(data)))] if draw(st.booleans()) else data


@FUZZ
@given(st.one_of(feeds(), st.binary(max_size=300)))
def test_fuzz_feed_reader(data: bytes) -> None:
    for item in _only_our_errors(lambda: parse_feed(data, origin="fuzz.rss", options=OPTIONS)):
        if isinstance(item, Document):
            content = item.text or item.html or ""
            assert content.strip()


def _warc_bytes(bodies: list[bytes], *, gzip: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for number, body in enumerate(bodies):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://fuzz.example/{number}",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
                # Fixed id and date: the same draw must give the same bytes.
                warc_headers_dict={
                    "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>",
                    "WARC-Date": "2021-07-05T00:00:00Z",
                },
            )
        )
    return out.getvalue()


@st.composite
def warcs(draw: st.DrawFn) -> tuple[bytes, bool]:
    gzip = draw(st.booleans())
    bodies = [
        f"<html><body><p>{draw(TEXT)} report {n}</p></body></html>".encode("utf-8", "surrogatepass")
        for n in range(draw(st.integers(1, 3)))
    ]
    data = bytearray(_warc_bytes(bodies, gzip=gzip))
    action = draw(st.sampled_from(["cut", "flip", "length", "none"]))
    if action == "cut":
        del data[draw(st.integers(0, len(data))) :]
    elif action == "flip":
        for _ in range(draw(st.integers(1, 5))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    elif action == "length" and not gzip:
        data = bytearray(data.replace(b"Content-Length: ", b"Content-Length: 9", 1))
    return bytes(data), gzip


@FUZZ
@given(warcs())
def test_fuzz_warc_reader(warc: tuple[bytes, bool]) -> None:
    data, gzip = warc
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("fuzz.warc.gz" if gzip else "fuzz.warc")
        path.write_bytes(data)
        for item in _only_our_errors(
            lambda: read_warc_file(path, origin=str(path), options=OPTIONS)
        ):
            if isinstance(item, Failure):
                assert item.origin.startswith(str(path)) and "\n" not in item.problem


@st.composite
def events(draw: st.DrawFn) -> Event:
    return Event(
        event_id=draw(TEXT) or "e",
        event_date=draw(st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 1, 1)))),
        date_min=None,
        date_max=None,
        time_precision=draw(st.integers(1, 3)),
        disorder_type=draw(TEXT),
        event_type=draw(TEXT),
        sub_event_type=draw(TEXT),
        actor1=draw(TEXT),
        actor2=draw(TEXT),
        location=draw(TEXT),
        notes=draw(TEXT),
        tags=draw(TEXT),
        latitude=draw(st.one_of(st.none(), st.floats(-90, 90))),
        longitude=draw(st.one_of(st.none(), st.floats(-180, 180))),
        fatalities=draw(st.integers(0, 10_000)),
        sources=(Source(doc_id=draw(TEXT), url=draw(TEXT), outlet=draw(TEXT), published=None),),
        evidence=(Evidence(doc_id="d", start=0, end=1, text=draw(TEXT)),),
        claimed_by=draw(st.one_of(st.none(), TEXT)),
    )


@FUZZ
@given(st.lists(events(), max_size=4))
def test_fuzz_exporters(found: list[Event]) -> None:
    found = [_writable(event) for event in found]
    out = io.StringIO()
    assert write_acled_csv(found, out) == len(found)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == len(found)
    for row in rows:
        for column, value in row.items():
            if column in NUMERIC_CSV_COLUMNS:
                if column in ("latitude", "longitude") and value:
                    float(value)
            else:
                assert not value.startswith(FORMULA_STARTS), (column, value)
    geo = io.StringIO()
    write_geojson(found, geo)
    assert len(json.loads(geo.getvalue())["features"]) == len(found)
    lines = io.StringIO()
    write_jsonl(found, lines)
    # JSON Lines are split at "\n" only (json.dumps keeps U+2028 and friends as they are).
    records = [json.loads(line) for line in lines.getvalue().split("\n") if line]
    assert len(records) == len(found)


def _writable(event: Event) -> Event:
    """Lone surrogates cannot reach an export (ingest replaces them); drop them here too."""
    changes = {
        field.name: getattr(event, field.name).encode("utf-8", "replace").decode("utf-8")
        for field in fields(event)
        if isinstance(getattr(event, field.name), str)
    }
    return replace(event, **changes)
