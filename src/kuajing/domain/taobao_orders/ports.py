"""Repository port of Taobao purchase orders, implemented by the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from kuajing.domain.catalog import ports as catalog
from kuajing.domain.line_refunds import LineRefunds
from kuajing.domain.taobao_orders.events import Event
from kuajing.domain.taobao_orders.model import PurchaseOrder
from kuajing.domain.taobao_orders.states import OrderState
from kuajing.domain.warehouse import ports as warehouse


@dataclass(frozen=True, slots=True)
class OrderQuery:
    states: tuple[OrderState, ...] = ()
    outer_purchase_id: str | None = None
    purchase_pks: tuple[int, ...] = ()
    modified_from_ms: int | None = None
    modified_to_ms: int | None = None
    descending: bool = True
    page_no: int = 1
    page_size: int = 20


@dataclass(frozen=True, slots=True)
class HistoryRow:
    sub_pk: int | None
    action: str
    old: str | None
    new: str
    note: str
    at_ms: int


class PurchaseOrderRepository(Protocol):
    def add(self, order: PurchaseOrder) -> PurchaseOrder:
        """Insert the order and its sub-orders (version 1), filling in the ids. DuplicateError if the developer
        already has an order with this ``outer_purchase_id`` for this seller."""
        ...

    def get(self, develop_id: str, pk: int) -> PurchaseOrder | None: ...

    def find_by_outer(self, develop_id: str, outer_purchase_id: str) -> list[PurchaseOrder]: ...

    def find_by_sub(self, develop_id: str, sub_pk: int) -> PurchaseOrder | None: ...

    def save(self, order: PurchaseOrder) -> None:
        """Write states, amounts and sub-orders; ConcurrentUpdateError when ``order.version`` is stale."""
        ...

    def add_history(self, order: PurchaseOrder, events: list[Event]) -> None: ...

    def history(self, pk: int) -> list[HistoryRow]: ...

    def page(self, develop_id: str, query: OrderQuery) -> tuple[int, list[PurchaseOrder]]: ...


class UnitOfWork(warehouse.UnitOfWork, catalog.UnitOfWork, Protocol):
    """What the Taobao order services need of a unit of work (the warehouse's too: a paid order may forecast its
    parcel), and of after-sales only what it refunded on the lines."""

    @property
    def taobao_orders(self) -> PurchaseOrderRepository: ...

    @property
    def aftersales(self) -> LineRefunds: ...
