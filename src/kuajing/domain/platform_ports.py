"""Ports for the platform machinery the gateway needs: replay protection, rate buckets, sandbox clock offsets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol


class NonceClaim(NamedTuple):
    """A signed request's claim to its nonce; both the nonce and the signed ``timestamp + nonce`` must be new."""

    access_key: str
    nonce: str
    material: str  # timestamp + nonce exactly as signed (see auth.claim_nonces)
    expires_at_ms: int


class PlatformRepository(Protocol):
    def claim_nonces(self, claims: Sequence[NonceClaim], *, now_ms: int) -> list[bool]:
        """Record each claim's nonce in order; False for a claim whose nonce or material is already recorded (a
        replay, also of an earlier claim of the same batch)."""
        ...

    def prune_nonces(self, *, now_ms: int, limit: int) -> int:
        """Forget some expired nonces, at most ``limit``, oldest first (one batch of a pruning pass, kept short so the
        write lock is not held long); how many. Call again until it returns 0, which ends the pass."""
        ...

    def gateway_version(self) -> int:
        """A number that changes whenever a key, a sub-account or a sandbox clock changes (see migration 0009)."""
        ...

    def take_token(self, *, bucket_key: str, rate_per_s: float, burst: int, now_ms: int) -> float:
        """Take one token from a token bucket; returns 0 on success, else the seconds until a token is available."""
        ...

    def clock_offset_ms(self, develop_id: str) -> int: ...

    def set_clock_offset_ms(self, develop_id: str, offset_ms: int) -> None: ...
