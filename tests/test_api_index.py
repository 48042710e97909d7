"""docs/api.md is current, and every signed endpoint has an SDK operation."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from api_index import render, sdk_operations  # noqa: E402

from kuajing.api.app import all_endpoints  # noqa: E402


def test_docs_api_md_is_generated_from_the_code() -> None:
    assert (ROOT / "docs" / "api.md").read_text() == render(), "run: python tools/api_index.py > docs/api.md"


def test_every_endpoint_path_has_an_sdk_operation() -> None:
    ops = sdk_operations()
    missing = [f"{ep.method} {p}" for ep in all_endpoints() for p in ep.paths if (ep.method, p) not in ops]
    assert missing == []
