"""The SQL unit of work: one database transaction, the repositories that use it, the outbox and the timers."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, Generic, Self, TypeVar, overload

from kuajing.domain.clock import Clock
from kuajing.domain.messages import OutgoingMessage
from kuajing.store import delivery, jobs, outbox
from kuajing.store.database import Database
from kuajing.store.db import Tx
from kuajing.store.memory import ProcessMemory
from kuajing.store.read_models import SqlReadModels
from kuajing.store.repositories.accounts import (
    SqlAccountRepository,
    SqlAddressRepository,
    SqlWalletRepository,
)
from kuajing.store.repositories.aftersales import SqlRefundRepository
from kuajing.store.repositories.alibaba import SqlAlibabaCartRepository, SqlAlibabaOrderRepository
from kuajing.store.repositories.catalog import SqlCatalogRepository
from kuajing.store.repositories.idempotency import SqlIdempotencyRepository
from kuajing.store.repositories.platform import SqlPlatformRepository
from kuajing.store.repositories.taobao import SqlPurchaseOrderRepository, SqlTaobaoCartRepository
from kuajing.store.repositories.warehouse import SqlWarehouseRepository
from kuajing.store.secretbox import SecretBox

R = TypeVar("R")


class _repository(Generic[R]):  # used as a decorator, like the functools.cached_property it replaces
    """A repository built on first use and kept in the instance's ``__dict__`` — ``functools.cached_property``
    without the lock Python 3.11 takes on every first access (a unit of work belongs to one thread; two of them
    are opened per signed request, so the lock would only be paid twice a request for nothing)."""

    def __init__(self, build: Callable[[Any], R]) -> None:
        self._build = build
        self._name = build.__name__

    @overload
    def __get__(self, uow: None, owner: type | None = None) -> Self: ...
    @overload
    def __get__(self, uow: object, owner: type | None = None) -> R: ...
    def __get__(self, uow: object, owner: type | None = None) -> R | Self:
        if uow is None:
            return self
        value = uow.__dict__[self._name] = self._build(uow)
        return value


class SqlUnitOfWork:
    """Use as ``with uow: …; uow.commit()``. Leaving the block without commit rolls back (cosmicpython's rule)."""

    def __init__(
        self,
        db: Database,
        box: SecretBox,
        clock: Clock,
        memory: ProcessMemory,
        *,
        write: bool = True,
        snapshot: bool = True,
    ) -> None:
        self._db = db
        self._memory = memory
        self._box = box
        self.clock = clock
        self._write = write
        self._snapshot = snapshot
        self._tx: Tx | None = None

    def __enter__(self) -> Self:
        self._tx = self._db.begin(write=self._write, snapshot=self._snapshot)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.rollback()

    # Repositories are built on first use: a request touches two or three of them, not all.
    @_repository
    def accounts(self) -> SqlAccountRepository:
        return SqlAccountRepository(self.tx, self._box)

    @_repository
    def wallets(self) -> SqlWalletRepository:
        return SqlWalletRepository(self.tx)

    @_repository
    def addresses(self) -> SqlAddressRepository:
        return SqlAddressRepository(self.tx)

    @_repository
    def read_models(self) -> SqlReadModels:
        return SqlReadModels(self.tx)

    @_repository
    def platform(self) -> SqlPlatformRepository:
        return SqlPlatformRepository(self.tx, self._memory.nonces)

    @_repository
    def catalog(self) -> SqlCatalogRepository:
        return SqlCatalogRepository(self.tx, self._memory.search)

    @_repository
    def taobao_orders(self) -> SqlPurchaseOrderRepository:
        return SqlPurchaseOrderRepository(self.tx)

    @_repository
    def taobao_cart(self) -> SqlTaobaoCartRepository:
        return SqlTaobaoCartRepository(self.tx)

    @_repository
    def warehouse(self) -> SqlWarehouseRepository:
        return SqlWarehouseRepository(self.tx)

    @_repository
    def alibaba_orders(self) -> SqlAlibabaOrderRepository:
        return SqlAlibabaOrderRepository(self.tx)

    @_repository
    def aftersales(self) -> SqlRefundRepository:
        return SqlRefundRepository(self.tx)

    @_repository
    def alibaba_cart(self) -> SqlAlibabaCartRepository:
        return SqlAlibabaCartRepository(self.tx)

    @_repository
    def deliveries(self) -> delivery.SqlDeliveryRepository:
        return delivery.SqlDeliveryRepository(self.tx, self._box)

    @_repository
    def idempotency(self) -> SqlIdempotencyRepository:
        return SqlIdempotencyRepository(self.tx)

    @_repository
    def jobs(self) -> jobs.SqlJobQueue:
        return jobs.SqlJobQueue(self.tx)

    @property
    def tx(self) -> Tx:
        if self._tx is None or self._tx.closed:
            raise RuntimeError("the unit of work is not open")
        return self._tx

    def publish(self, message: OutgoingMessage) -> str:
        message_id = outbox.write_message(self.tx, message, now_ms=self.clock.now_ms())
        delivery.enqueue(self.tx, message_id)
        return message_id

    def schedule(self, *, develop_id: str, kind: str, ref: str, due_at_ms: int) -> None:
        jobs.schedule(
            self.tx,
            develop_id=develop_id,
            kind=kind,
            ref=ref,
            due_at_ms=due_at_ms,
            now_ms=self.clock.now_ms(),
        )

    def cancel_jobs(self, *kinds: str, ref: str) -> int:
        return jobs.cancel(self.tx, kinds=kinds, ref=ref)

    def savepoint(self) -> AbstractContextManager[None]:
        """A nested part of this unit of work: if its block raises, only its own changes are undone."""
        nested: AbstractContextManager[None] = self.tx.savepoint()
        return nested

    def commit(self) -> None:
        if not self._write:
            raise RuntimeError("a read-only unit of work cannot commit")
        self.tx.commit()

    def rollback(self) -> None:
        if self._tx is not None:
            self._tx.rollback()
