"""Ports for the platform machinery the gateway needs: replay protection, rate buckets, sandbox clock offsets."""

from __future__ import annotations

from typing import Protocol


class PlatformRepository(Protocol):
    def remember_nonce(self, *, access_key: str, nonce: str, material: str, expires_at_ms: int) -> bool:
        """Store a nonce and the signed ``timestamp + nonce``; False if either is already stored (a replay)."""
        ...

    def prune_nonces(self, *, now_ms: int) -> int: ...

    def take_token(self, *, bucket_key: str, rate_per_s: float, burst: int, now_ms: int) -> float:
        """Take one token from a token bucket; returns 0 on success, else the seconds until a token is available."""
        ...

    def clock_offset_ms(self, develop_id: str) -> int: ...

    def set_clock_offset_ms(self, develop_id: str, offset_ms: int) -> None: ...
