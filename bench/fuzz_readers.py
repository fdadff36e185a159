"""Coverage-guided fuzzing of the readers with atheris (issue 15); not part of CI.

The first input byte picks a reader (JSONL, text with header, HTML + clean, RSS/Atom, WARC,
.warc.gz); the rest is its input. Only FrontlinesError may escape; anything else is a crash,
which atheris saves as `crash-*` — turn each into a test (tests/test_fuzz_readers.py or a file
in tests/fixtures/hostile/).

    pip install atheris
    python bench/fuzz_readers.py -max_total_time=600 -rss_limit_mb=4096 bench/out/fuzz-corpus

The corpus folder is seeded from tests/fixtures/hostile and tests/fixtures/ingest.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from frontlines.clean import clean_document
    from frontlines.errors import FrontlinesError
    from frontlines.ingest.encoding import decode_bytes
    from frontlines.ingest.feeds import parse_feed
    from frontlines.ingest.fields import ReadOptions
    from frontlines.ingest.html import decode_html, parse_html
    from frontlines.ingest.jsonl import read_jsonl_stream
    from frontlines.ingest.text import parse_text
    from frontlines.ingest.warc import read_warc_file

OPTIONS = ReadOptions(published=None, max_chars=200_000)
ROOT = Path(__file__).resolve().parent.parent
SEED_DIRS = (ROOT / "tests" / "fixtures" / "hostile", ROOT / "tests" / "fixtures" / "ingest")
SCRATCH = Path(tempfile.mkdtemp(prefix="frontlines-fuzz-"))


def _jsonl(data: bytes) -> Iterable[object]:
    return read_jsonl_stream(io.BytesIO(data), origin="fuzz", options=OPTIONS, head=data[:8192])


def _text(data: bytes) -> Iterable[object]:
    return [parse_text(decode_bytes(data, origin="fuzz"), origin="fuzz", options=OPTIONS)]


def _html(data: bytes) -> Iterable[object]:
    document = parse_html(decode_html(data, origin="fuzz"), origin="fuzz", options=OPTIONS)
    return [document, clean_document(document)]


def _feed(data: bytes) -> Iterable[object]:
    return parse_feed(data, origin="fuzz", options=OPTIONS)


def _warc(suffix: str) -> Callable[[bytes], Iterable[object]]:
    def read(data: bytes) -> Iterable[object]:
        path = SCRATCH / f"input{suffix}"
        path.write_bytes(data)
        return read_warc_file(path, origin=str(path), options=OPTIONS)

    return read


READERS: tuple[Callable[[bytes], Iterable[object]], ...] = (
    _jsonl,
    _text,
    _html,
    _feed,
    _warc(".warc"),
    _warc(".warc.gz"),
)
SEED_READER = {".jsonl": 0, ".txt": 1, ".html": 2, ".rss": 3, ".atom": 3, ".xml": 3, ".warc": 4}


def test_one_input(data: bytes) -> None:
    if not data:
        return
    reader = READERS[data[0] % len(READERS)]
    try:
        for _ in reader(data[1:]):
            pass
    except FrontlinesError:
        pass  # the project's own, one-line error: the expected outcome for bad input


def seed(corpus: Path) -> None:
    """Copy the fixtures into the corpus, each prefixed with its reader's selector byte."""
    corpus.mkdir(parents=True, exist_ok=True)
    for folder in SEED_DIRS:
        for path in sorted(folder.iterdir()):
            name = path.name.lower()
            selector = 5 if name.endswith(".warc.gz") else SEED_READER.get(path.suffix.lower())
            if selector is not None:
                (corpus / f"seed-{path.name}").write_bytes(bytes([selector]) + path.read_bytes())


def main() -> None:
    corpora = [Path(arg) for arg in sys.argv[1:] if not arg.startswith("-")]
    for corpus in corpora:
        seed(corpus)
    try:
        atheris.Setup(sys.argv, test_one_input)
        atheris.Fuzz()
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    main()
