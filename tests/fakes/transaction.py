"""The ``Transaction`` part of a fake unit of work: a working copy of the database, committed whole or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from types import TracebackType
from typing import Self

from kuajing.domain.clock import Clock
from kuajing.domain.messages import OutgoingMessage
from tests.fakes.tables import Published, Tables, Timer


class FakeDatabase:
    """What units of work share: the committed rows. A test reads them to see what a service left behind."""

    def __init__(self) -> None:
        self.committed = Tables()


class FakeTransaction:
    """Everything a unit of work does whatever its repositories: the clock, the outbox, timers, savepoints, commit.

    It works on a copy of the committed rows; ``commit`` makes the copy the database, and leaving the block without
    it throws the copy away, as the store's unit of work does.
    """

    def __init__(self, database: FakeDatabase, clock: Clock) -> None:
        self._database = database
        self._clock = clock
        self.tables = database.committed.copy()

    @property
    def clock(self) -> Clock:
        return self._clock

    def publish(self, message: OutgoingMessage) -> str:
        message_id = f"msg-{self.tables.next_id('outbox')}"
        self.tables.outbox.append(Published(message_id, message))
        return message_id

    def schedule(self, *, develop_id: str, kind: str, ref: str, due_at_ms: int) -> None:
        self.tables.timers.append(Timer(develop_id, kind, ref, due_at_ms))

    def cancel_jobs(self, *kinds: str, ref: str) -> int:
        keep = [t for t in self.tables.timers if not (t.kind in kinds and t.ref == ref)]
        cancelled = len(self.tables.timers) - len(keep)
        self.tables.timers = keep
        return cancelled

    def savepoint(self) -> AbstractContextManager[None]:
        return self._savepoint()

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        saved = self.tables.copy()
        try:
            yield
        except BaseException:
            self.tables.restore(saved)
            raise

    def commit(self) -> None:
        self._database.committed = self.tables.copy()

    def rollback(self) -> None:
        self.tables.restore(self._database.committed)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.rollback()
