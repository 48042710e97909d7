"""Nonces, rate buckets and sandbox clock offsets on SQL — shared by every server process on the same database."""

from __future__ import annotations

from collections.abc import Sequence

from kuajing.domain.platform_ports import NonceClaim
from kuajing.store.db import Tx
from kuajing.store.nonce_memory import NonceMemory


class SqlPlatformRepository:
    def __init__(self, tx: Tx, nonce_memory: NonceMemory | None = None) -> None:
        self._tx = tx
        self._nonce_memory = nonce_memory

    def claim_nonces(self, claims: Sequence[NonceClaim], *, now_ms: int) -> list[bool]:
        """SQLite: the append-only log read under the write lock (store/nonce_memory.py); PostgreSQL: a unique
        index over the nonce and one over the signed material, which concurrent transactions of any process respect."""
        if self._tx.dialect == "sqlite":
            assert self._nonce_memory is not None, "SQLite claims need the database's NonceMemory"
            return self._nonce_memory.claim(self._tx, claims, now_ms=now_ms)
        # ON CONFLICT without a target covers both unique keys: the nonce, and timestamp + nonce as signed
        return [
            self._tx.execute(
                "INSERT INTO nonces (access_key, nonce, material, expires_at_ms) VALUES (:k, :n, :m, :e)"
                " ON CONFLICT DO NOTHING",
                {"k": c.access_key, "n": c.nonce, "m": c.material, "e": c.expires_at_ms},
            )
            == 1
            for c in claims
        ]

    def prune_nonces(self, *, now_ms: int, limit: int) -> int:
        # both tables are indexed by expiry; SQLite's log keeps numbering after its newest rows go (AUTOINCREMENT)
        if self._tx.dialect == "sqlite":
            sql = "DELETE FROM nonce_log WHERE seq IN (SELECT seq FROM nonce_log"
        else:
            sql = "DELETE FROM nonces WHERE (access_key, nonce) IN (SELECT access_key, nonce FROM nonces"
        return self._tx.execute(
            f"{sql} WHERE expires_at_ms < :now ORDER BY expires_at_ms LIMIT :limit)", {"now": now_ms, "limit": limit}
        )

    def gateway_version(self) -> int:
        return int(self._tx.scalar("SELECT version FROM gateway_version WHERE id = 1") or 0)

    def take_token(self, *, bucket_key: str, rate_per_s: float, burst: int, now_ms: int) -> float:
        """Refill by elapsed time, then take one token; tokens are kept in thousandths to stay integral."""
        full = burst * 1000
        self._tx.execute(
            "INSERT INTO rate_buckets (bucket_key, milli_tokens, updated_at_ms) VALUES (:k, :full, :now)"
            " ON CONFLICT (bucket_key) DO NOTHING",
            {"k": bucket_key, "full": full, "now": now_ms},
        )
        lock = " FOR UPDATE" if self._tx.dialect == "postgresql" else ""
        row = self._tx.one(
            f"SELECT milli_tokens, updated_at_ms FROM rate_buckets WHERE bucket_key = :k{lock}",
            {"k": bucket_key},
        )
        assert row is not None
        elapsed_ms = max(0, now_ms - row["updated_at_ms"])
        tokens = min(full, row["milli_tokens"] + int(elapsed_ms * rate_per_s))
        if tokens < 1000:
            self._tx.execute(
                "UPDATE rate_buckets SET milli_tokens = :t, updated_at_ms = :now WHERE bucket_key = :k",
                {"k": bucket_key, "t": tokens, "now": now_ms},
            )
            return float((1000 - tokens) / (rate_per_s * 1000))
        self._tx.execute(
            "UPDATE rate_buckets SET milli_tokens = :t, updated_at_ms = :now WHERE bucket_key = :k",
            {"k": bucket_key, "t": tokens - 1000, "now": now_ms},
        )
        return 0.0

    def clock_offset_ms(self, develop_id: str) -> int:
        value = self._tx.scalar("SELECT offset_ms FROM sandbox_clocks WHERE develop_id = :d", {"d": develop_id})
        return int(value or 0)

    def set_clock_offset_ms(self, develop_id: str, offset_ms: int) -> None:
        self._tx.execute(
            "INSERT INTO sandbox_clocks (develop_id, offset_ms) VALUES (:d, :o)"
            " ON CONFLICT (develop_id) DO UPDATE SET offset_ms = excluded.offset_ms",
            {"d": develop_id, "o": offset_ms},
        )
