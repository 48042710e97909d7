"""What every answer of the signed API must be, whatever was sent: the envelope, and no 5xx."""

from __future__ import annotations

from typing import Any

ENVELOPE_KEYS = ["requestId", "code", "developId", "msg", "data"]


def assert_envelope(response: Any, sent: str) -> None:
    """Fail with what was sent when the answer is a 5xx or not the envelope (HTML pages and pictures excepted)."""
    assert response.status_code < 500, f"{response.status_code} for {sent}: {response.text[:300]}"
    kind = response.headers.get("content-type", "")
    if not kind.startswith("application/json"):
        assert kind.startswith(("text/html", "image/")), f"{kind!r} for {sent}"
        return
    body = response.json()
    assert isinstance(body, dict) and list(body) == ENVELOPE_KEYS, f"not an envelope for {sent}: {response.text[:300]}"
    assert isinstance(body["code"], int) and isinstance(body["msg"], str), f"bad envelope for {sent}: {body}"
    assert body["code"] < 50000, f"internal error for {sent}: {body}"
