"""Nonces, rate buckets and sandbox clock offsets on SQL — shared by every server process on the same database."""

from __future__ import annotations

from kuajing.store.db import Tx


class SqlPlatformRepository:
    def __init__(self, tx: Tx) -> None:
        self._tx = tx

    def remember_nonce(self, *, access_key: str, nonce: str, material: str, expires_at_ms: int) -> bool:
        # ON CONFLICT without a target covers both unique keys: the nonce, and timestamp + nonce as signed
        changed = self._tx.execute(
            "INSERT INTO nonces (access_key, nonce, material, expires_at_ms) VALUES (:k, :n, :m, :e)"
            " ON CONFLICT DO NOTHING",
            {"k": access_key, "n": nonce, "m": material, "e": expires_at_ms},
        )
        return changed == 1

    def prune_nonces(self, *, now_ms: int) -> int:
        return self._tx.execute("DELETE FROM nonces WHERE expires_at_ms < :now", {"now": now_ms})

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
