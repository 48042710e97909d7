"""Timers: work that must happen at a time on a developer's clock (close unpaid orders, ship, auto-confirm…).

A domain change schedules a job in the same transaction as the change, so a timer can never be lost or fire for a
change that rolled back. The market's timer runner executes due jobs, each in its own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
