"""The unit of work: the one transaction a domain action runs in.

Repositories read and write through it; ``publish`` puts an outgoing message in the outbox and ``schedule`` sets a
timer — all committed together or not at all. Nothing is committed unless the caller calls ``commit``; leaving the
block without it rolls everything back.

Each context declares in its ``ports.py`` the unit of work its services need (:mod:`kuajing.domain.transaction`);
:class:`UnitOfWork` is all of them together — what the store's unit of work provides, and what the API, the market
and the workers open and hand to any service. No context imports this module.
"""

from __future__ import annotations

from typing import Protocol

from kuajing.domain.aftersales import ports as aftersales
from kuajing.domain.clock import Clock
from kuajing.domain.delivery import ports as delivery
from kuajing.domain.idempotency import IdempotencyRepository
from kuajing.domain.jobs import JobQueue
from kuajing.domain.taobao_cart import ports as taobao_cart


class UnitOfWork(aftersales.UnitOfWork, taobao_cart.UnitOfWork, delivery.UnitOfWork, Protocol):
    @property
    def idempotency(self) -> IdempotencyRepository: ...

    @property
    def jobs(self) -> JobQueue: ...


class UnitOfWorkSource(Protocol):
    """What opens units of work: the composition root (:class:`kuajing.runtime.Runtime`), typed for the code that
    must open its own — the timer runner, the seeders — without depending on how they are built."""

    def uow(self, clock: Clock | None = None, *, write: bool = True, snapshot: bool = True) -> UnitOfWork: ...

    def developer_clock(self, develop_id: str) -> Clock:
        """The developer's sandbox clock (the platform clock outside sandbox mode)."""
        ...
