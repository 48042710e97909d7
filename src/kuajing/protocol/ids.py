"""v2 encrypted ids (spec §1.7): ``itemMapId``, ``offerMapId``, ``sellerOpenId`` and friends.

PandaPon's v2 paths carry opaque strings such as ``WUnUC1cILiBjt-Jv3lDdlQ`` (22 url-safe base64 characters =
16 bytes) instead of numeric ids. Kuajing makes them with a keyed, reversible permutation of a 16-byte block
``kind (1) ‖ id (8, big-endian) ‖ tag (7)``: a 4-round Feistel network whose round function is HMAC-SHA256 keyed
with a secret derived from the platform's master key. The same numeric id always maps to the same string, v1 and v2
ids reach the same object, and a forged or mistyped string fails the 7-byte tag check instead of naming some other
object.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from enum import IntEnum

_ROUNDS = 4


class IdKind(IntEnum):
    TAOBAO_ITEM = 1  # itemMapId / v2 itemId
    ALIBABA_OFFER = 2  # offerMapId
    SELLER = 3  # sellerOpenId
    TAOBAO_SKU = 4
    ALIBABA_SKU = 5


class InvalidIdError(ValueError):
    """The string is not an id of this kind issued by this platform."""


def numeric_id(text: str) -> int | None:
    """A v1 numeric id: ASCII decimal digits (surrounding space ignored) whose value fits a BIGINT column; else None.

    Every id check goes through here, so none lets through a value the database cannot store (2^63 and above)."""
    raw = text.strip()
    if not (raw.isascii() and raw.isdecimal()) or len(raw) > 19:
        return None
    value = int(raw)
    return value if value < 2**63 else None


class IdCodec:
    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("the id codec key must be at least 16 bytes")
        self._key = key

    def _round(self, index: int, half: bytes) -> bytes:
        return hmac.new(self._key, bytes([index]) + half, hashlib.sha256).digest()[:8]

    def _tag(self, kind: IdKind, value: int) -> bytes:
        return hmac.new(self._key, b"tag" + bytes([kind]) + value.to_bytes(8, "big"), hashlib.sha256).digest()[:7]

    def encode(self, kind: IdKind, value: int) -> str:
        if not 0 <= value < 2**63:
            raise ValueError("ids are non-negative 63-bit integers")
        block = bytes([kind]) + value.to_bytes(8, "big") + self._tag(kind, value)
        left, right = block[:8], block[8:]
        for i in range(_ROUNDS):
            left, right = right, bytes(a ^ b for a, b in zip(left, self._round(i, right), strict=True))
        return base64.urlsafe_b64encode(left + right).rstrip(b"=").decode()

    def decode(self, kind: IdKind, text: str) -> int:
        raw = text.strip()
        if len(raw) != 22:
            raise InvalidIdError(f"not a {kind.name.lower()} id")
        try:
            block = base64.urlsafe_b64decode(raw + "==")
        except (binascii.Error, ValueError):
            raise InvalidIdError(f"not a {kind.name.lower()} id") from None
        if len(block) != 16:
            raise InvalidIdError(f"not a {kind.name.lower()} id")
        left, right = block[:8], block[8:]
        for i in reversed(range(_ROUNDS)):
            left, right = bytes(a ^ b for a, b in zip(right, self._round(i, left), strict=True)), left
        plain = left + right
        value = int.from_bytes(plain[1:9], "big")
        if plain[0] != kind or not hmac.compare_digest(plain[9:], self._tag(kind, value)):
            raise InvalidIdError(f"not a {kind.name.lower()} id")
        return value

    def decode_loose(self, kind: IdKind, text: str) -> int:
        """Accept a numeric (v1) id or an encrypted (v2) id for the same object."""
        number = numeric_id(text)
        return number if number is not None else self.decode(kind, text.strip())
