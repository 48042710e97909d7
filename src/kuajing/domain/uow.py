"""The unit of work: the one transaction a domain action runs in.

Repositories read and write through it; :meth:`UnitOfWork.publish` puts an outgoing message in the outbox and
:meth:`UnitOfWork.schedule` sets a timer — all committed together or not at all. Nothing is committed unless the
caller calls :meth:`commit`; leaving the block without it rolls everything back.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from types import TracebackType
from typing import Protocol, Self

from kuajing.domain.accounts.ports import AccountRepository, AddressRepository, WalletRepository
from kuajing.domain.aftersales.ports import RefundRepository
from kuajing.domain.alibaba_orders.ports import AlibabaCartRepository, AlibabaOrderRepository
from kuajing.domain.catalog.ports import CatalogRepository
from kuajing.domain.clock import Clock
from kuajing.domain.delivery import DeliveryRepository
from kuajing.domain.idempotency import IdempotencyRepository
from kuajing.domain.jobs import JobQueue
from kuajing.domain.messages import OutgoingMessage
from kuajing.domain.platform_ports import PlatformRepository
from kuajing.domain.taobao_cart.ports import TaobaoCartRepository
from kuajing.domain.taobao_orders.ports import PurchaseOrderRepository
from kuajing.domain.warehouse.ports import WarehouseRepository


class UnitOfWork(Protocol):
    @property
    def accounts(self) -> AccountRepository: ...

    @property
    def wallets(self) -> WalletRepository: ...

    @property
    def addresses(self) -> AddressRepository: ...

    @property
    def platform(self) -> PlatformRepository: ...

    @property
    def catalog(self) -> CatalogRepository: ...

    @property
    def taobao_orders(self) -> PurchaseOrderRepository: ...

    @property
    def taobao_cart(self) -> TaobaoCartRepository: ...

    @property
    def warehouse(self) -> WarehouseRepository: ...

    @property
    def alibaba_orders(self) -> AlibabaOrderRepository: ...

    @property
    def aftersales(self) -> RefundRepository: ...

    @property
    def alibaba_cart(self) -> AlibabaCartRepository: ...

    @property
    def deliveries(self) -> DeliveryRepository: ...

    @property
    def idempotency(self) -> IdempotencyRepository: ...

    @property
    def jobs(self) -> JobQueue: ...

    @property
    def clock(self) -> Clock: ...

    def publish(self, message: OutgoingMessage) -> str:
        """Record a message in the outbox; returns its stable message id."""
        ...

    def schedule(self, *, develop_id: str, kind: str, ref: str, due_at_ms: int) -> None:
        """Set a timer that the market's runner fires at ``due_at_ms`` on the developer's clock."""
        ...

    def cancel_jobs(self, *, kind: str, ref: str) -> int:
        """Cancel pending timers of this kind for this object; returns how many were cancelled."""
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


class UnitOfWorkSource(Protocol):
    """What opens units of work: the composition root (:class:`kuajing.runtime.Runtime`), typed for the code that
    must open its own — the timer runner, the seeders — without depending on how they are built."""

    def uow(self, clock: Clock | None = None, *, write: bool = True, snapshot: bool = True) -> UnitOfWork: ...

    def developer_clock(self, develop_id: str) -> Clock:
        """The developer's sandbox clock (the platform clock outside sandbox mode)."""
        ...
