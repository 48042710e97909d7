"""The SQL unit of work: one database transaction, the repositories that use it, the outbox and the timers."""

from __future__ import annotations

from functools import cached_property
from types import TracebackType
from typing import Self

from kuajing.domain.clock import Clock
from kuajing.domain.messages import OutgoingMessage
from kuajing.store import delivery, jobs, outbox
from kuajing.store.db import Database, Tx
from kuajing.store.repositories.accounts import (
    SqlAccountRepository,
    SqlAddressRepository,
    SqlWalletRepository,
)
from kuajing.store.repositories.aftersales import SqlRefundRepository
from kuajing.store.repositories.alibaba import SqlAlibabaCartRepository, SqlAlibabaOrderRepository
from kuajing.store.repositories.catalog import SqlCatalogRepository
from kuajing.store.repositories.platform import SqlPlatformRepository
from kuajing.store.repositories.taobao import SqlPurchaseOrderRepository, SqlTaobaoCartRepository
from kuajing.store.repositories.warehouse import SqlWarehouseRepository
from kuajing.store.secretbox import SecretBox


class SqlUnitOfWork:
    """Use as ``with uow: …; uow.commit()``. Leaving the block without commit rolls back (cosmicpython's rule)."""

    def __init__(
        self, db: Database, box: SecretBox, clock: Clock, *, write: bool = True, snapshot: bool = True
    ) -> None:
        self._db = db
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
    @cached_property
    def accounts(self) -> SqlAccountRepository:
        return SqlAccountRepository(self.tx, self._box)

    @cached_property
    def wallets(self) -> SqlWalletRepository:
        return SqlWalletRepository(self.tx)

    @cached_property
    def addresses(self) -> SqlAddressRepository:
        return SqlAddressRepository(self.tx)

    @cached_property
    def platform(self) -> SqlPlatformRepository:
        return SqlPlatformRepository(self.tx, self._db.nonce_memory)

    @cached_property
    def catalog(self) -> SqlCatalogRepository:
        return SqlCatalogRepository(self.tx, self._db.search_memory)

    @cached_property
    def taobao_orders(self) -> SqlPurchaseOrderRepository:
        return SqlPurchaseOrderRepository(self.tx)

    @cached_property
    def taobao_cart(self) -> SqlTaobaoCartRepository:
        return SqlTaobaoCartRepository(self.tx)

    @cached_property
    def warehouse(self) -> SqlWarehouseRepository:
        return SqlWarehouseRepository(self.tx)

    @cached_property
    def alibaba_orders(self) -> SqlAlibabaOrderRepository:
        return SqlAlibabaOrderRepository(self.tx)

    @cached_property
    def aftersales(self) -> SqlRefundRepository:
        return SqlRefundRepository(self.tx)

    @cached_property
    def alibaba_cart(self) -> SqlAlibabaCartRepository:
        return SqlAlibabaCartRepository(self.tx)

    @cached_property
    def deliveries(self) -> delivery.SqlDeliveryRepository:
        return delivery.SqlDeliveryRepository(self.tx)

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

    def cancel_jobs(self, *, kind: str, ref: str) -> int:
        return jobs.cancel(self.tx, kind=kind, ref=ref)

    def commit(self) -> None:
        if not self._write:
            raise RuntimeError("a read-only unit of work cannot commit")
        self.tx.commit()

    def rollback(self) -> None:
        if self._tx is not None:
            self._tx.rollback()
