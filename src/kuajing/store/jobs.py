"""Timers on SQL: scheduled in the transaction of the change, claimed one at a time by the runner.

A disabled developer's timers are never claimed: they stay pending, untouched (no attempt counted), and fire when the
developer is enabled again — those that fell due in the meantime at once, earliest first.
"""

from __future__ import annotations

from collections.abc import Sequence

from kuajing.domain.accounts.model import Status
from kuajing.domain.jobs import JobState, ScheduledJob
from kuajing.store.db import Row, Tx

# the timers of a developer whose account is disabled wait (docs/protocol.md, "Account states")
_NOT_DISABLED = (
    "NOT EXISTS (SELECT 1 FROM developers dv WHERE dv.develop_id = scheduled_jobs.develop_id AND dv.status = :disabled)"
)


def schedule(tx: Tx, *, develop_id: str, kind: str, ref: str, due_at_ms: int, now_ms: int) -> None:
    tx.execute(
        "INSERT INTO scheduled_jobs (develop_id, kind, ref, due_at_ms, state, attempts, created_at_ms)"
        " VALUES (:d, :kind, :ref, :due, :state, 0, :now)",
        {
            "d": develop_id,
            "kind": kind,
            "ref": ref,
            "due": due_at_ms,
            "state": JobState.PENDING.value,
            "now": now_ms,
        },
    )


def cancel(tx: Tx, *, kinds: Sequence[str], ref: str) -> int:
    marks = ", ".join(f":k{n}" for n in range(len(kinds)))
    return tx.execute(
        f"UPDATE scheduled_jobs SET state = :cancelled WHERE kind IN ({marks}) AND ref = :ref AND state = :pending",
        {**{f"k{n}": k for n, k in enumerate(kinds)}, "ref": ref, "cancelled": JobState.CANCELLED.value,
         "pending": JobState.PENDING.value},
    )  # fmt: skip


def developers_with_pending_jobs(tx: Tx) -> list[str]:
    rows = tx.all(
        f"SELECT DISTINCT develop_id FROM scheduled_jobs WHERE state = :p AND {_NOT_DISABLED}",
        {"p": JobState.PENDING.value, "disabled": Status.DISABLED.value},
    )
    return [r["develop_id"] for r in rows]


def claim_next_due(tx: Tx, *, develop_id: str, now_ms: int) -> ScheduledJob | None:
    """The earliest due pending job of this developer, locked for this transaction (SKIP LOCKED on PostgreSQL);
    none while the developer is disabled."""
    lock = " FOR UPDATE SKIP LOCKED" if tx.dialect == "postgresql" else ""
    row = tx.one(
        "SELECT * FROM scheduled_jobs WHERE state = :p AND develop_id = :d AND due_at_ms <= :now"
        f" AND {_NOT_DISABLED} ORDER BY due_at_ms, id LIMIT 1{lock}",
        {"p": JobState.PENDING.value, "d": develop_id, "now": now_ms, "disabled": Status.DISABLED.value},
    )
    return _job(row) if row else None


def finish(tx: Tx, job_id: int, state: JobState, *, error: str | None = None) -> None:
    tx.execute(
        "UPDATE scheduled_jobs SET state = :s, attempts = attempts + 1, last_error = :e WHERE id = :id",
        {"s": state.value, "e": error, "id": job_id},
    )


def record_failure(tx: Tx, job_id: int, *, error: str, retry_at_ms: int) -> None:
    tx.execute(
        "UPDATE scheduled_jobs SET attempts = attempts + 1, last_error = :e, due_at_ms = :due WHERE id = :id",
        {"e": error, "due": retry_at_ms, "id": job_id},
    )


class SqlJobQueue:
    """:class:`kuajing.domain.jobs.JobQueue` on the unit of work's transaction."""

    def __init__(self, tx: Tx) -> None:
        self._tx = tx

    def developers_with_pending(self) -> list[str]:
        return developers_with_pending_jobs(self._tx)

    def claim_next_due(self, *, develop_id: str, now_ms: int) -> ScheduledJob | None:
        return claim_next_due(self._tx, develop_id=develop_id, now_ms=now_ms)

    def finish(self, job_id: int, state: JobState, *, error: str | None = None) -> None:
        finish(self._tx, job_id, state, error=error)

    def record_failure(self, job_id: int, *, error: str, retry_at_ms: int) -> None:
        record_failure(self._tx, job_id, error=error, retry_at_ms=retry_at_ms)


def _job(row: Row) -> ScheduledJob:
    return ScheduledJob(row["id"], row["develop_id"], row["kind"], row["ref"], row["due_at_ms"], row["attempts"])
