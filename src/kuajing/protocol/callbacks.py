"""Signing of message callbacks (spec §3.4).

``Authorization = lower-hex(HMAC-SHA256(raw body bytes, AccessSecret))``. The base is the raw body exactly as sent —
never a re-serialised JSON — and receivers compare case-insensitively in constant time.
"""

from __future__ import annotations

import hashlib
import hmac

CALLBACK_SIGNATURE_HEADER = "Authorization"


def sign_callback(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def callback_signature_matches(body: bytes, authorization: str, secret: str) -> bool:
    expected = sign_callback(body, secret)
    return hmac.compare_digest(expected.encode(), authorization.strip().lower().encode())
