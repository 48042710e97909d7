"""Idempotency keys on SQL: the claim is an insert on the (developer, key) primary key, so a concurrent duplicate
waits on it — for SQLite's write lock, or on PostgreSQL for the unique row the first transaction has not committed."""

from __future__ import annotations

import orjson

from kuajing.domain.idempotency import StoredAnswer
from kuajing.store.db import Tx


class SqlIdempotencyRepository:
    def __init__(self, tx: Tx) -> None:
        self._tx = tx

    def claim(
        self, *, develop_id: str, key: str, fingerprint: str, now_ms: int, expires_at_ms: int
    ) -> StoredAnswer | None:
        # An expired row not pruned yet is taken over as if it were not there.
        claimed = self._tx.execute(
            "INSERT INTO idempotency_keys (develop_id, idem_key, fingerprint, expires_at_ms) VALUES (:d, :k, :f, :e)"
            " ON CONFLICT (develop_id, idem_key) DO UPDATE SET fingerprint = excluded.fingerprint, status = NULL,"
            " headers = NULL, body = NULL, expires_at_ms = excluded.expires_at_ms"
            " WHERE idempotency_keys.expires_at_ms <= :now",
            {"d": develop_id, "k": key, "f": fingerprint, "e": expires_at_ms, "now": now_ms},
        )
        if claimed:
            return None
        row = self._tx.one(
            "SELECT fingerprint, status, headers, body FROM idempotency_keys WHERE develop_id = :d AND idem_key = :k",
            {"d": develop_id, "k": key},
        )
        if row is None or row["status"] is None:  # the claim committed only with its answer (tables/idempotency.py)
            raise RuntimeError(f"idempotency key {key!r} of {develop_id} is claimed but has no answer")
        return StoredAnswer(row["fingerprint"], row["status"], orjson.loads(row["headers"]), bytes(row["body"]))

    def store_answer(self, *, develop_id: str, key: str, status: int, headers: dict[str, str], body: bytes) -> None:
        self._tx.execute(
            "UPDATE idempotency_keys SET status = :s, headers = :h, body = :b WHERE develop_id = :d AND idem_key = :k",
            {"d": develop_id, "k": key, "s": status, "h": orjson.dumps(headers).decode(), "b": body},
        )

    def prune(self, *, now_ms: int, limit: int) -> int:
        return self._tx.execute(
            "DELETE FROM idempotency_keys WHERE (develop_id, idem_key) IN (SELECT develop_id, idem_key"
            " FROM idempotency_keys WHERE expires_at_ms <= :now ORDER BY expires_at_ms LIMIT :limit)",
            {"now": now_ms, "limit": limit},
        )
