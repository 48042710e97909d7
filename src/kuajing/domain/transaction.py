"""What every unit of work does, whatever repositories it holds: its clock, the outbox, the timers, savepoints,
commit and rollback.

Each context's ``ports.py`` declares the unit of work its services need — this protocol plus the repositories they
use (and, through inheritance, what the contexts they call need) — so a context depends on the repositories it
uses, not on every context through one shared type. ``kuajing.domain.uow.UnitOfWork`` is all of them together:
what the store provides and what the API and the market hand to any service.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from types import TracebackType
from typing import Protocol, Self

from kuajing.domain.clock import Clock
from kuajing.domain.messages import OutgoingMessage


class Transaction(Protocol):
    @property
    def clock(self) -> Clock: ...

    def publish(self, message: OutgoingMessage) -> str:
        """Record a message in the outbox; returns its stable message id."""
        ...

    def schedule(self, *, develop_id: str, kind: str, ref: str, due_at_ms: int) -> None:
        """Set a timer that the market's runner fires at ``due_at_ms`` on the developer's clock."""
        ...

    def cancel_jobs(self, *kinds: str, ref: str) -> int:
        """Cancel pending timers of these kinds for this object (one statement); returns how many were cancelled."""
        ...

    def savepoint(self) -> AbstractContextManager[None]:
        """A nested part of the unit of work: if its block raises, only its own changes are undone."""
        ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...
