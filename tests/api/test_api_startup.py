"""`frontlines serve` starts without the NLP stack: reads never need it, the first upload loads
it (tests/api/test_api_ingest.py covers that upload)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# What the server must not import before the first POST /api/documents.
NOT_FOR_READS = ("spacy", "trafilatura", "dateparser", "weasyprint", "frontlines.pipeline")


def test_api_serves_reads_without_the_nlp_stack(tmp_path: Path) -> None:
    """The app answers GET /api/events over a real store, in a fresh process, and by then has
    imported none of NOT_FOR_READS."""
    url = f"sqlite:///{tmp_path / 'api.db'}"
    code = (
        "import json, sys, warnings\n"
        "warnings.simplefilter('ignore', DeprecationWarning)  # starlette's about httpx\n"
        "from fastapi.testclient import TestClient\n"
        "from frontlines.cli.main import build_parser, modules_for\n"
        "from frontlines.api.app import create_app\n"
        "from frontlines.store.sql import SqlStore\n"
        "build_parser(modules_for(['serve']))\n"
        f"store = SqlStore({url!r})\n"
        "with TestClient(create_app(store)) as client:\n"
        "    status = client.get('/api/events?limit=1').status_code\n"
        "store.close()\n"
        f"print(json.dumps([status, [m for m in {NOT_FOR_READS!r} if m in sys.modules]]))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(found.stdout) == [200, []]
