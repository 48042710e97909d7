"""The request signature of PandaPon OpenAPI (spec §1.3).

``signature = UPPER(HEX(MD5(accessKey + timestamp + nonceStr + accessSecret)))`` — plain concatenation of the three
signed headers and the secret, no separators and no body. The server compares case-insensitively and signs over the
exact ``timestamp`` string it received; it accepts seconds (10 digits) and milliseconds (13 digits) because the docs
use milliseconds while a working third-party client sends seconds.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
from collections.abc import Callable
from functools import partial
from typing import Protocol


class _Digest(Protocol):
    def hexdigest(self) -> str: ...


_md5: Callable[[bytes], _Digest]
try:  # CPython's own MD5: half the cost of hashlib's OpenSSL one for a 100-byte input (no provider lookup)
    from _md5 import md5 as _md5  # type: ignore[import-not-found,no-redef]
except ImportError:  # pragma: no cover - an interpreter built without it
    _md5 = partial(hashlib.md5, usedforsecurity=False)

SIGNATURE_WINDOW_S = 600  # spec §1.2: "must be within 600 seconds of server UTC time"
NONCE_LENGTH = 32  # spec §1.2: "random string, 32 characters"
_NONCE_ALPHABET = string.ascii_letters + string.digits

HEADER_ACCESS_KEY = "access-key"
HEADER_TIMESTAMP = "timestamp"
HEADER_NONCE = "nonce-str"
HEADER_USER_ID = "user-id"
HEADER_SIGNATURE = "signature"
REQUIRED_HEADERS = (HEADER_ACCESS_KEY, HEADER_TIMESTAMP, HEADER_NONCE, HEADER_USER_ID, HEADER_SIGNATURE)


def sign(access_key: str, timestamp: str, nonce: str, secret: str) -> str:
    """Return the 32-character upper-case hex signature for these header values."""
    return _md5(f"{access_key}{timestamp}{nonce}{secret}".encode()).hexdigest().upper()


def signature_valid(access_key: str, timestamp: str, nonce: str, secret: str, given: str) -> bool:
    """Whether ``given`` signs these values: compared case-insensitively and in constant time."""
    expected = _md5(f"{access_key}{timestamp}{nonce}{secret}".encode()).hexdigest()  # lower-case
    given = given.strip().lower()
    return given.isascii() and hmac.compare_digest(expected, given)  # compare_digest takes ASCII text only


def parse_timestamp_ms(value: str) -> int | None:
    """Read a 10-digit (seconds) or 13-digit (milliseconds) epoch; None for anything else."""
    text = value.strip()
    if not text.isascii() or not text.isdecimal():
        return None
    if len(text) == 10:
        return int(text) * 1000
    if len(text) == 13:
        return int(text)
    return None


def new_nonce() -> str:
    """A fresh 32-character nonce from ``[A-Za-z0-9]``, as the reference client makes them.

    One ``token_bytes`` call mapped onto the alphabet: ~190 bits of randomness (the modulo bias is irrelevant for a
    nonce) at a tenth of the cost of 32 ``secrets.choice`` calls.
    """
    return "".join(_NONCE_ALPHABET[b % 62] for b in secrets.token_bytes(NONCE_LENGTH))


def signed_headers(
    *, access_key: str, secret: str, user_id: str, timestamp_ms: int, nonce: str | None = None
) -> dict[str, str]:
    """All five system headers for one request (the client sends milliseconds, as the docs do)."""
    nonce_str = nonce or new_nonce()
    ts = str(timestamp_ms)
    return {
        HEADER_ACCESS_KEY: access_key,
        HEADER_TIMESTAMP: ts,
        HEADER_NONCE: nonce_str,
        HEADER_USER_ID: user_id,
        HEADER_SIGNATURE: sign(access_key, ts, nonce_str, secret),
    }
