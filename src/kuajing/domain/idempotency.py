"""The port for idempotency keys: a request's claim to its key, and the first answer given under it.

What an answer holds (an HTTP status, headers, body bytes) is opaque here: the API layer writes it and replays it
(api/idempotency.py). The claim and the answer are written in the unit of work that does the request's work, so they
commit together with its effects or not at all.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol


class StoredAnswer(NamedTuple):
    """The answer given the first time a key was used, and the fingerprint of that request."""

    fingerprint: str
    status: int
    headers: dict[str, str]
    body: bytes


class IdempotencyRepository(Protocol):
    def claim(
        self, *, develop_id: str, key: str, fingerprint: str, now_ms: int, expires_at_ms: int
    ) -> StoredAnswer | None:
        """Claim ``key`` for this unit of work; None when it is ours (new, or its last use has expired), else the
        answer stored under it. A concurrent claim of the same key waits until the first one's unit of work ends."""
        ...

    def store_answer(self, *, develop_id: str, key: str, status: int, headers: dict[str, str], body: bytes) -> None:
        """Record the answer of the key this unit of work claimed."""
        ...

    def prune(self, *, now_ms: int, limit: int) -> int:
        """Forget some expired keys, at most ``limit``, oldest first; how many (0 ends a pruning pass)."""
        ...
