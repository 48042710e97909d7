"""SQLite replay protection: an append-only nonce log in the database, and this process's reading of it.

Why not a unique index, as on PostgreSQL: a nonce is random, so its index entry lands on a random page of a b-tree
that grows with the signature window (3 million rows at 5,000 signed requests/s), and SQLite writes every page a
transaction touched to the WAL — more than the rest of a signed read costs, even in batches. Appending to a log
touches its last page only (docs/performance.md, "Signed requests").

Uniqueness is then decided in memory, but never on a stale memory: :meth:`NonceMemory.claim` runs inside a write
transaction (``BEGIN IMMEDIATE`` holds SQLite's one write lock, so no other connection or process can append
meanwhile) and first reads every log row appended since this process last looked. Sequence numbers are handed out
under that same lock, so the log's order is its commit order and reading ``seq > last`` misses nothing. The log is
the authority; several server processes on one database file reject each other's replays. A process's own claims
enter its memory when their transaction commits (``Tx.after_commit``), with their sequence numbers, so they are not
read back; claims of a transaction that rolls back were never in the log and are never remembered.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kuajing.domain.platform_ports import NonceClaim
    from kuajing.store.db import Tx


def _keys(access_key: str, nonce: str, material: str) -> tuple[str, str]:
    """What must be new for a claim: the key's nonce, and the key's signed ``timestamp + nonce``."""
    return f"n{access_key}\x00{nonce}", f"m{access_key}\x00{material}"


#: ``INSERT`` statements of 1, 2, 4 … 64 rows: a batch is written as few multi-row statements (14 rows: 8 + 4 + 2),
#: each stepped once — fewer steps than ``executemany``'s statement per row (docs/performance.md) — while the
#: connection's statement cache holds seven shapes, not one per batch size.
_INSERTS = tuple(
    "INSERT INTO nonce_log (access_key, nonce, material, expires_at_ms) VALUES " + ", ".join(["(?, ?, ?, ?)"] * n)
    for n in (1, 2, 4, 8, 16, 32, 64)
)


def _append(tx: Tx, claims: Sequence[NonceClaim]) -> None:
    """Append ``claims`` to the log in order (a claim is a tuple in the columns' order)."""
    start = 0
    while left := len(claims) - start:
        shape = min(left.bit_length(), len(_INSERTS)) - 1
        size = 1 << shape
        tx.execute(_INSERTS[shape], [value for claim in claims[start : start + size] for value in claim])
        start += size


class NonceMemory:
    """What this process knows of one database's nonce log: every unexpired nonce and signed material."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_seq: int | None = None  # None: the log has not been read yet
        self._seen: dict[str, int] = {}  # key → expiry (ms)
        self._expiry: deque[tuple[int, str]] = deque()  # in log order, to forget expired keys

    def claim(self, tx: Tx, claims: Sequence[NonceClaim], *, now_ms: int) -> list[bool]:
        """Decide and append ``claims`` in order; ``tx`` must hold the write lock (a write transaction)."""
        with self._lock:
            self._catch_up(tx, now_ms)
            self._forget_expired(now_ms)
            taken: dict[str, int] = {}  # keys this batch appends → expiry
            results: list[bool] = []
            rows: list[NonceClaim] = []
            seen = self._seen
            for c in claims:
                nonce_key, material_key = _keys(c.access_key, c.nonce, c.material)
                fresh = not (nonce_key in seen or material_key in seen or nonce_key in taken or material_key in taken)
                results.append(fresh)
                if fresh:
                    taken[nonce_key] = taken[material_key] = c.expires_at_ms
                    rows.append(c)
            if rows:
                _append(tx, rows)
                last_seq = int(tx.scalar("SELECT last_insert_rowid()"))
                tx.after_commit(lambda: self._appended(taken, last_seq))
            return results

    def _appended(self, keys: dict[str, int], last_seq: int) -> None:
        """Remember this process's own claims (their keys → expiry) once committed, instead of reading them back.

        They hold the sequence numbers up to ``last_seq``, and the catch-up before them had read every earlier row
        under the same write lock, so nothing below ``last_seq`` is left unread. Another thread of this process may
        have read them back meanwhile and moved further: the position only ever moves forward.
        """
        with self._lock:
            self._seen.update(keys)
            self._expiry.extend((expires, key) for key, expires in keys.items())
            if self._last_seq is None or last_seq > self._last_seq:
                self._last_seq = last_seq

    def _catch_up(self, tx: Tx, now_ms: int) -> None:
        if self._last_seq is None:
            self._last_seq = int(tx.scalar("SELECT coalesce(max(seq), 0) AS s FROM nonce_log"))
            rows = tx.all(
                "SELECT access_key, nonce, material, expires_at_ms FROM nonce_log"
                " WHERE expires_at_ms >= :now AND seq <= :last ORDER BY seq",
                {"now": now_ms, "last": self._last_seq},
            )
        else:
            rows = tx.all(
                "SELECT seq, access_key, nonce, material, expires_at_ms FROM nonce_log WHERE seq > :last ORDER BY seq",
                {"last": self._last_seq},
            )
            if rows:
                self._last_seq = int(rows[-1]["seq"])
        for r in rows:
            expires = int(r["expires_at_ms"])
            for key in _keys(r["access_key"], r["nonce"], r["material"]):
                self._seen[key] = expires
                self._expiry.append((expires, key))

    def _forget_expired(self, now_ms: int) -> None:
        # Expiries are nearly in log order (a timestamp from the future expires later); a later one at the front only
        # delays forgetting, never forgets early.
        while self._expiry and self._expiry[0][0] < now_ms:
            expires, key = self._expiry.popleft()
            if self._seen.get(key) == expires:
                del self._seen[key]
