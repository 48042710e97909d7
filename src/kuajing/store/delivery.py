"""Delivery rows on SQL: enqueued with the outbox message (:func:`enqueue`), and the repository the domain's delivery
services use (callback endpoints, signing secrets, the feed, redelivery). The worker's claims are
delivery_claims.py.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kuajing.domain.delivery.model import Attempt, CallbackEndpoint, Claimed, MessageDelivery, Settled, SigningSecret
from kuajing.domain.delivery.states import CLAIMABLE, DeliveryState
from kuajing.store.db import Row, Tx
from kuajing.store.delivery_claims import claim_due, release, settle
from kuajing.store.secretbox import SecretBox


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
