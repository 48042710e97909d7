"""Ports of after-sales: the refund store, and what after-sales needs from each platform's orders.

:class:`OrderLines` is the small window onto Taobao purchase orders and 1688 orders: the facts of a paid line, and
one hook to tell the order that money went back (the order closes or terminates when everything is refunded).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from kuajing.domain.aftersales.model import Refund, StateChange
from kuajing.domain.aftersales.states import RefundState
from kuajing.domain.alibaba_orders import ports as alibaba_orders
from kuajing.domain.catalog.model import SkuProperty
from kuajing.domain.line_refunds import LineRefunds, Platform
from kuajing.domain.taobao_orders import ports as taobao_orders


class LineStage(StrEnum):
    UNPAID = "unpaid"  # nothing to refund
    NOT_SHIPPED = "not_shipped"  # paid, the seller has not shipped (refund only)
    SHIPPED = "shipped"  # on its way, not received
    RECEIVED = "received"  # receipt confirmed: after-sale until the window ends
    CLOSED = "closed"  # cancelled, closed or terminated


@dataclass(frozen=True, slots=True)
class LineFacts:
    develop_id: str
    order_id: str
    line_id: str
    paid_fen: int  # what the buyer paid for this line (goods only)
    quantity: int
    unit_fen: int
    stage: LineStage
    seller_id: int
    received_at_ms: int | None = None
    title: str = ""
    image: str = ""
    sku_properties: tuple[SkuProperty, ...] = ()  # Taobao: the SKU's sale properties when it was bought
    item_id: str = ""
    supplier_nick: str = ""
    currency: str = "CNY"
    created_at_ms: int = 0
    post_fee_fen: int = 0  # the order's postage / carriage (not per line)
    sales_order_id: str = ""  # the buyer-platform order number (Taobao sellerOrderNumber)
    sales_market: str = ""  # Taobao orderSource


class OrderLines(Protocol):
    platform: Platform

    def line(self, uow: UnitOfWork, *, develop_id: str, line_id: str) -> LineFacts:
        """NotFoundError naming the platform's field when the developer has no such line."""
        ...

    def order_lines(self, uow: UnitOfWork, *, develop_id: str, order_id: str) -> list[LineFacts]: ...

    def refunded(
        self, uow: UnitOfWork, *, develop_id: str, order_id: str, fen: int, closed_line_ids: list[str],
        order_fully_refunded: bool, now_ms: int,
    ) -> None:  # fmt: skip
        """Money went back: record it on the order, close fully refunded lines, close/terminate a fully refunded
        order (its own message goes to the outbox in the same transaction)."""
        ...


@dataclass(frozen=True, slots=True)
class RefundQuery:
    platform: Platform
    refund_pk: int | None = None
    order_id: str | None = None
    order_ids: tuple[str, ...] | None = None  # any of these orders (e.g. the orders of one salesOrderId)
    state: RefundState | None = None
    created_from_ms: int | None = None
    created_to_ms: int | None = None
    page_no: int = 1
    page_size: int = 20


@dataclass(frozen=True, slots=True)
class RefundNote:
    """A leave-a-message entry (D6/D8)."""

    id: int
    refund_pk: int
    sender: str  # "buyer" | "seller" | "system"
    content: str
    images: list[str]
    at_ms: int


@dataclass(frozen=True, slots=True)
class HistoryRow:
    action: str
    old: str | None
    new: str
    note: str
    at_ms: int


class RefundRepository(LineRefunds, Protocol):
    def add(self, refund: Refund) -> Refund:
        """Insert (version 1) and fill in ``id``."""
        ...

    def get(self, platform: Platform, develop_id: str, pk: int) -> Refund | None: ...

    def save(self, refund: Refund) -> None:
        """Version-checked update; ConcurrentUpdateError when ``refund.version`` is stale."""
        ...

    def add_history(self, refund: Refund, changes: list[StateChange]) -> None: ...

    def history(self, pk: int) -> list[HistoryRow]: ...

    def page(self, develop_id: str, query: RefundQuery) -> tuple[int, list[Refund]]: ...

    def latest_for_line(self, platform: Platform, develop_id: str, line_id: str) -> Refund | None: ...

    def claim_lines(
        self, platform: Platform, *, develop_id: str, order_id: str, paid: dict[str, int], refund_pk: int
    ) -> bool:
        """Make ``refund_pk`` the open refund of every line (creating line rows with their paid amount); False
        when a line already has an open refund (the caller's transaction then rolls back)."""
        ...

    def release_lines(self, platform: Platform, *, refund_pk: int, refunded: dict[str, int]) -> None:
        """Free the lines of ``refund_pk`` and add ``refunded`` fen to each (the store refuses refunded > paid)."""
        ...

    def add_note(self, *, refund_pk: int, sender: str, content: str, images: list[str], now_ms: int) -> RefundNote: ...

    def notes(self, refund_pk: int) -> list[RefundNote]: ...

    def add_voucher(self, *, name: str, data: bytes, develop_id: str, now_ms: int) -> None:
        """Keep an uploaded voucher (a name already kept stands for the same bytes: nothing changes)."""
        ...

    def voucher_bytes(self, name: str) -> bytes | None: ...

    def alibaba_order_of_entry(self, develop_id: str, entry_id: int) -> int | None:
        """The 1688 order an entry belongs to (the 1688 order repository looks orders up by order id only)."""
        ...


class UnitOfWork(taobao_orders.UnitOfWork, alibaba_orders.UnitOfWork, Protocol):
    """What after-sales needs of a unit of work: its refunds, and both platforms' orders it refunds."""

    @property
    def aftersales(self) -> RefundRepository: ...
