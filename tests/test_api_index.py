"""docs/api.md is current, and every public endpoint has an SDK operation."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from api_index import render, sdk_operations  # noqa: E402

from kuajing.api.app import all_endpoints  # noqa: E402


def test_docs_api_md_is_generated_from_the_code() -> None:
    assert (ROOT / "docs" / "api.md").read_text() == render(), "run: python tools/api_index.py > docs/api.md"


def test_every_public_endpoint_path_has_an_sdk_operation() -> None:
    """Sandbox-only routes are exempt: they are test levers, not part of the PandaPon surface."""
    ops = sdk_operations()
    missing = [
        f"{ep.method} {p}"
        for ep in all_endpoints()
        if not ep.sandbox_only
        for p in ep.paths
        if (ep.method, p) not in ops
    ]
    assert missing == []
