"""Timers: work that must happen at a time on a developer's clock (close unpaid orders, ship, auto-confirm…).

A domain change schedules a job in the same transaction as the change, so a timer can never be lost or fire for a
change that rolled back. The market's timer runner executes due jobs, each in its own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class JobState(StrEnum):
    PENDING = "pending"  # waiting for its due time
    DONE = "done"  # ran and committed
    CANCELLED = "cancelled"  # the change it was for made it moot (e.g. the order was paid before the timeout)
    FAILED = "failed"  # raised on every attempt; kept for inspection


@dataclass(frozen=True, slots=True)
class ScheduledJob:
    id: int
    develop_id: str
    kind: str
    ref: str
    due_at_ms: int
    attempts: int


class JobQueue(Protocol):
    """The runner's side of the timers (scheduling is :meth:`UnitOfWork.schedule`, in the change's transaction)."""

    def developers_with_pending(self) -> list[str]:
        """Developers with a pending job, skipping disabled ones (their timers wait until they are enabled)."""
        ...

    def claim_next_due(self, *, develop_id: str, now_ms: int) -> ScheduledJob | None:
        """The developer's earliest due pending job, held for this transaction; None when none is due."""
        ...

    def finish(self, job_id: int, state: JobState, *, error: str | None = None) -> None: ...

    def record_failure(self, job_id: int, *, error: str, retry_at_ms: int) -> None: ...
