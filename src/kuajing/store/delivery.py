"""Delivery rows on SQL: enqueued with the outbox message, claimed by workers under a lease, settled per
attempt.

Claiming is one statement: ``UPDATE … WHERE outbox_id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)
RETURNING``. On PostgreSQL two workers never take the same row (SKIP LOCKED) and a taken row carries
``claimed_until_ms`` (platform clock) and a ``claim_token``; a crashed worker's claims become claimable again
when the lease ends. On SQLite the write transaction (``BEGIN IMMEDIATE``) serialises claims. Results are
written only while the token still matches, so a worker whose lease ran out cannot overwrite the state a newer
claim produced.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from kuajing.domain.accounts.model import Status
from kuajing.domain.delivery.model import Attempt, CallbackEndpoint, Claimed, MessageDelivery, Settled, SigningSecret
from kuajing.domain.delivery.states import CLAIMABLE, DeliveryState
from kuajing.store.db import Row, Tx
from kuajing.store.secretbox import SecretBox

_CLAIMABLE_SQL = ", ".join(f"'{s.value}'" for s in CLAIMABLE)


def enqueue(tx: Tx, message_id: str) -> None:
    """Create the delivery row of a just-written outbox message (same transaction)."""
    tx.execute(
        "INSERT INTO deliveries (outbox_id, develop_id, state, attempts, round_attempts, next_attempt_at_ms,"
        " created_at_ms, updated_at_ms)"
        " SELECT o.id, o.develop_id,"
        " CASE WHEN EXISTS (SELECT 1 FROM callback_endpoints c WHERE c.develop_id = o.develop_id)"
        " THEN :pending ELSE :unsubscribed END, 0, 0, o.created_at_ms, o.created_at_ms, o.created_at_ms"
        " FROM outbox o WHERE o.message_id = :mid",
        {
            "mid": message_id,
            "pending": DeliveryState.PENDING.value,
            "unsubscribed": DeliveryState.UNSUBSCRIBED.value,
        },
    )


# -- the worker's side ---------------------------------------------------------------------------------------
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


# -- the repository the domain services use ------------------------------------------------------------------
class SqlDeliveryRepository:
    def __init__(self, tx: Tx, box: SecretBox) -> None:
        self._tx = tx
        self._box = box

    def claim_due(self, *, now_ms: int, lease_until_ms: int, token: str, limit: int, sandbox: bool) -> list[Claimed]:
        return claim_due(self._tx, now_ms=now_ms, lease_until_ms=lease_until_ms, token=token, limit=limit,
                         sandbox=sandbox)  # fmt: skip

    def settle(self, results: Sequence[Settled]) -> None:
        settle(self._tx, results)

    def release(self, token: str) -> None:
        release(self._tx, token)

    def get_endpoint(self, develop_id: str) -> CallbackEndpoint | None:
        row = self._tx.one("SELECT * FROM callback_endpoints WHERE develop_id = :d", {"d": develop_id})
        if row is None:
            return None
        return CallbackEndpoint(row["develop_id"], row["url"], row["verified_at_ms"], row["updated_at_ms"])

    def save_endpoint(self, endpoint: CallbackEndpoint) -> None:
        self._tx.execute(
            "INSERT INTO callback_endpoints (develop_id, url, verified_at_ms, updated_at_ms)"
            " VALUES (:d, :u, :v, :t) ON CONFLICT (develop_id) DO UPDATE SET url = excluded.url,"
            " verified_at_ms = excluded.verified_at_ms, updated_at_ms = excluded.updated_at_ms",
            {
                "d": endpoint.develop_id,
                "u": endpoint.url,
                "v": endpoint.verified_at_ms,
                "t": endpoint.updated_at_ms,
            },
        )

    def delete_endpoint(self, develop_id: str) -> bool:
        return self._tx.execute("DELETE FROM callback_endpoints WHERE develop_id = :d", {"d": develop_id}) > 0

    def get_signing_secret(self, develop_id: str) -> SigningSecret | None:
        row = self._tx.one("SELECT * FROM signing_secrets WHERE develop_id = :d", {"d": develop_id})
        if row is None:
            return None
        previous = row["previous_secret_enc"]
        return SigningSecret(
            develop_id=row["develop_id"],
            secret=self._box.decrypt(row["secret_enc"]),
            created_at_ms=row["created_at_ms"],
            previous_secret=self._box.decrypt(previous) if previous else None,
            previous_valid_until_ms=row["previous_valid_until_ms"],
            rotated_at_ms=row["rotated_at_ms"],
        )

    def add_signing_secret(self, secret: SigningSecret) -> None:
        self._tx.execute(
            "INSERT INTO signing_secrets (develop_id, secret_enc, previous_secret_enc, previous_valid_until_ms,"
            " created_at_ms, rotated_at_ms) VALUES (:d, :s, :p, :until, :created, :rotated)"
            " ON CONFLICT (develop_id) DO NOTHING",
            self._signing_row(secret),
        )

    def save_signing_secret(self, secret: SigningSecret) -> None:
        self._tx.execute(
            "UPDATE signing_secrets SET secret_enc = :s, previous_secret_enc = :p, previous_valid_until_ms = :until,"
            " rotated_at_ms = :rotated WHERE develop_id = :d",
            self._signing_row(secret),
        )

    def _signing_row(self, secret: SigningSecret) -> dict[str, Any]:
        return {
            "d": secret.develop_id,
            "s": self._box.encrypt(secret.secret),
            "p": self._box.encrypt(secret.previous_secret) if secret.previous_secret else None,
            "until": secret.previous_valid_until_ms,
            "created": secret.created_at_ms,
            "rotated": secret.rotated_at_ms,
        }

    def feed(
        self,
        develop_id: str,
        *,
        after_id: int,
        limit: int,
        message_type: str | None,
        state: DeliveryState | None,
    ) -> list[MessageDelivery]:
        where = ["o.develop_id = :d", "o.id > :after"]
        params: dict[str, Any] = {"d": develop_id, "after": after_id, "n": limit}
        if message_type:
            where.append("o.message_type = :type")
            params["type"] = message_type
        if state is not None:
            where.append("d.state = :state")
            params["state"] = state.value
        rows = self._tx.all(
            f"{_SELECT_MESSAGE} WHERE {' AND '.join(where)} ORDER BY o.id LIMIT :n",
            params,
        )
        return [_message(r) for r in rows]

    def get(self, develop_id: str, message_id: str, *, with_attempts: bool) -> MessageDelivery | None:
        row = self._tx.one(
            f"{_SELECT_MESSAGE} WHERE o.develop_id = :d AND o.message_id = :m",
            {"d": develop_id, "m": message_id},
        )
        if row is None:
            return None
        log: list[Attempt] = []
        if with_attempts:
            attempts = self._tx.all(
                "SELECT * FROM delivery_attempts WHERE outbox_id = :o ORDER BY id", {"o": row["id"]}
            )
            log = [_attempt(a) for a in attempts]
        return _message(row, log)

    def redeliver(
        self,
        develop_id: str,
        *,
        message_id: str | None,
        start_ms: int | None,
        end_ms: int | None,
        states: Sequence[DeliveryState],
        now_ms: int,
    ) -> int:
        where = ["o.develop_id = :d"]
        params: dict[str, Any] = {"d": develop_id, "now": now_ms, "pending": DeliveryState.PENDING.value}
        if message_id is not None:
            where.append("o.message_id = :m")
            params["m"] = message_id
        if start_ms is not None:
            where.append("o.created_at_ms >= :start")
            params["start"] = start_ms
        if end_ms is not None:
            where.append("o.created_at_ms < :end")
            params["end"] = end_ms
        names = []
        for i, s in enumerate(states):
            params[f"s{i}"] = s.value
            names.append(f":s{i}")
        # A redelivery starts a new round (round_attempts 0) and drops any claim: an in-flight attempt's
        # result is
        # still logged, but it no longer decides the state.
        return self._tx.execute(
            "UPDATE deliveries SET state = :pending, round_attempts = 0, next_attempt_at_ms = :now,"
            " claimed_until_ms = NULL, claim_token = NULL, updated_at_ms = :now"
            f" WHERE state IN ({', '.join(names)})"
            f" AND outbox_id IN (SELECT o.id FROM outbox o WHERE {' AND '.join(where)})",
            params,
        )


_SELECT_MESSAGE = (
    "SELECT o.id, o.message_id, o.message_type, o.platform, o.aggregate_type, o.aggregate_id, o.sequence,"
    " o.body, o.created_at_ms, d.state, d.attempts, d.next_attempt_at_ms, d.delivered_at_ms,"
    " d.last_http_status, d.last_error"
    " FROM outbox o LEFT JOIN deliveries d ON d.outbox_id = o.id"
)


def _message(row: Row, log: list[Attempt] | None = None) -> MessageDelivery:
    state = DeliveryState(row["state"]) if row["state"] else DeliveryState.UNSUBSCRIBED
    waiting = state in CLAIMABLE
    return MessageDelivery(
        id=row["id"],
        message_id=row["message_id"],
        message_type=row["message_type"],
        platform=row["platform"],
        aggregate_type=row["aggregate_type"],
        aggregate_id=row["aggregate_id"],
        sequence=row["sequence"],
        body=json.loads(row["body"]),
        created_at_ms=row["created_at_ms"],
        state=state,
        attempts=row["attempts"] or 0,
        next_attempt_at_ms=row["next_attempt_at_ms"] if waiting else None,
        delivered_at_ms=row["delivered_at_ms"],
        last_http_status=row["last_http_status"],
        last_error=row["last_error"],
        attempt_log=log or [],
    )


def _attempt(row: Row) -> Attempt:
    return Attempt(
        attempt_no=row["attempt_no"],
        attempted_at_ms=row["attempted_at_ms"],
        url=row["url"],
        http_status=row["http_status"],
        error=row["error"],
        latency_ms=row["latency_ms"],
        response_snippet=row["response_snippet"],
        worker=row["worker"],
    )
