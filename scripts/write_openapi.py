"""Write the API's OpenAPI document to docs/openapi.json (run after changing the API)."""

from __future__ import annotations

import json
from pathlib import Path

from frontlines.api.app import openapi_document

TARGET = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"


def render() -> str:
    return json.dumps(openapi_document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
