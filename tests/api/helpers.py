"""Signing by hand, for tests that must send exactly what a third-party client would."""

from __future__ import annotations

import time

from kuajing.domain.accounts.model import Credentials
from kuajing.protocol.signature import new_nonce, sign


def headers(creds: Credentials, *, ts: str | None = None, nonce: str | None = None, user_id: str | None = None,
            secret: str | None = None) -> dict[str, str]:  # fmt: skip
    ts = ts or str(time.time_ns() // 1_000_000)
    nonce = nonce or new_nonce()
    return {
        "access-key": creds.access_key,
        "timestamp": ts,
        "nonce-str": nonce,
        "user-id": user_id or creds.user_id,
        "signature": sign(creds.access_key, ts, nonce, secret or creds.access_secret),
    }
