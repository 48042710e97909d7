"""The worker's side of delivery rows on SQL: claiming due rows under a lease, settling the attempts, giving claims
back, and the backlog by state.

Claiming is one statement: ``UPDATE … WHERE outbox_id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)
RETURNING``. On PostgreSQL two workers never take the same row (SKIP LOCKED) and a taken row carries
``claimed_until_ms`` (platform clock) and a ``claim_token``; a crashed worker's claims become claimable again
when the lease ends. On SQLite the write transaction (``BEGIN IMMEDIATE``) serialises claims. Results are
written only while the token still matches, so a worker whose lease ran out cannot overwrite the state a newer
claim produced.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kuajing.domain.accounts.model import Status
from kuajing.domain.delivery.model import Claimed, Settled
from kuajing.domain.delivery.states import CLAIMABLE, DeliveryState
from kuajing.store.db import Tx

_CLAIMABLE_SQL = ", ".join(f"'{s.value}'" for s in CLAIMABLE)


def claim_due(tx: Tx, *, now_ms: int, lease_until_ms: int, token: str, limit: int, sandbox: bool) -> list[Claimed]:
    """Take up to ``limit`` due deliveries for this worker. ``now_ms`` is the platform clock; a row is due
    when its ``next_attempt_at_ms`` has passed on its developer's clock (platform clock + sandbox offset in
    sandbox mode). A disabled developer's deliveries are held, not claimed: sent once the developer is enabled."""
    offset = (
        " + COALESCE((SELECT sc.offset_ms FROM sandbox_clocks sc WHERE sc.develop_id = d.develop_id), 0)"
        if sandbox
        else ""
    )
    lock = " FOR UPDATE SKIP LOCKED" if tx.dialect == "postgresql" else ""
    claimed = tx.all(
        "UPDATE deliveries SET claimed_until_ms = :lease, claim_token = :tok WHERE outbox_id IN ("
        f" SELECT d.outbox_id FROM deliveries d WHERE d.state IN ({_CLAIMABLE_SQL})"
        " AND (d.claimed_until_ms IS NULL OR d.claimed_until_ms < :now)"
        f" AND d.next_attempt_at_ms <= :now{offset}"
        " AND NOT EXISTS (SELECT 1 FROM developers dv WHERE dv.develop_id = d.develop_id AND dv.status = :disabled)"
        f" ORDER BY d.next_attempt_at_ms, d.outbox_id LIMIT :n{lock}) RETURNING outbox_id",
        {"lease": lease_until_ms, "tok": token, "now": now_ms, "n": limit, "disabled": Status.DISABLED.value},
    )
    if not claimed:
        return []
    rows = tx.all(
        "SELECT d.outbox_id, d.state, d.attempts, d.round_attempts, o.message_id, o.develop_id, o.message_type,"
        " o.platform, o.sequence, o.body, c.url FROM deliveries d JOIN outbox o ON o.id = d.outbox_id"
        " LEFT JOIN callback_endpoints c ON c.develop_id = d.develop_id"
        " WHERE d.claim_token = :tok ORDER BY d.outbox_id",
        {"tok": token},
    )
    return [
        Claimed(
            outbox_id=r["outbox_id"],
            message_id=r["message_id"],
            develop_id=r["develop_id"],
            message_type=r["message_type"],
            platform=r["platform"],
            sequence=r["sequence"],
            body=r["body"],
            state=DeliveryState(r["state"]),
            attempts=r["attempts"],
            round_attempts=r["round_attempts"],
            url=r["url"],
        )
        for r in rows
    ]


def settle(tx: Tx, results: Sequence[Settled]) -> None:
    """Log the attempts and move the states, in one transaction for the whole batch."""
    attempts: list[Mapping[str, Any]] = [
        {
            "o": r.outbox_id,
            "no": r.attempt.attempt_no,
            "at": r.attempt.attempted_at_ms,
            "url": r.attempt.url,
            "st": r.attempt.http_status,
            "err": r.attempt.error,
            "lat": r.attempt.latency_ms,
            "snip": r.attempt.response_snippet,
            "w": r.attempt.worker,
        }
        for r in results
        if r.attempt is not None
    ]
    tx.execute_many(
        "INSERT INTO delivery_attempts (outbox_id, attempt_no, attempted_at_ms, url, http_status, error,"
        " latency_ms, response_snippet, worker) VALUES (:o, :no, :at, :url, :st, :err, :lat, :snip, :w)",
        attempts,
    )
    updates: list[Mapping[str, Any]] = []
    for r in results:
        sent = r.attempt is not None
        updates.append(
            {
                "o": r.outbox_id,
                "tok": r.token,
                "s": r.state.value,
                "inc": 1 if sent else 0,
                "next": r.next_attempt_at_ms if r.next_attempt_at_ms is not None else r.now_ms,
                "st": r.attempt.http_status if r.attempt else None,
                "err": (r.attempt.error if r.attempt else None) or r.error,
                "dlv": r.now_ms if r.state is DeliveryState.DELIVERED else None,
                "now": r.now_ms,
            }
        )
    tx.execute_many(
        "UPDATE deliveries SET state = :s, attempts = attempts + :inc,"
        " round_attempts = round_attempts + :inc, next_attempt_at_ms = :next, last_http_status = :st,"
        " last_error = :err,"
        " delivered_at_ms = COALESCE(:dlv, delivered_at_ms), claimed_until_ms = NULL, claim_token = NULL,"
        " updated_at_ms = :now WHERE outbox_id = :o AND claim_token = :tok",
        updates,
    )


def release(tx: Tx, token: str) -> None:
    """Give claims back untouched (a worker stopping before it sent them)."""
    tx.execute(
        "UPDATE deliveries SET claimed_until_ms = NULL, claim_token = NULL WHERE claim_token = :tok",
        {"tok": token},
    )


def backlog(tx: Tx) -> dict[str, int]:
    """How many deliveries are in each state (for ``kuajing messages stats`` and the bench)."""
    rows = tx.all("SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state")
    return {r["state"]: int(r["n"]) for r in rows}
