"""Repository ports of 1688 orders and the 1688 cart, implemented by ``store/repositories/alibaba.py``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from kuajing.domain.accounts import ports as accounts
from kuajing.domain.alibaba_orders.model import AlibabaOrder
from kuajing.domain.alibaba_orders.states import OrderStatus
from kuajing.domain.catalog import ports as catalog
from kuajing.domain.line_refunds import LineRefunds


@dataclass(frozen=True, slots=True)
class HistoryRow:
    order_id: int
    from_status: str
    to_status: str
    action: str
    at_ms: int
    detail: str


@dataclass(frozen=True, slots=True)
class CartRow:
    id: int
    develop_id: str
    user_id: str
    product_id: int
    sku_pk: int
    quantity: int
    created_at_ms: int
    updated_at_ms: int


class AlibabaOrderRepository(Protocol):
    def add(self, order: AlibabaOrder) -> None:
        """Insert the order, its entries and a ``create`` history row."""
        ...

    def get(self, develop_id: str, order_id: int, *, lock: bool = False) -> AlibabaOrder | None:
        """``lock`` takes the row lock on PostgreSQL (SQLite write transactions already hold the write lock)."""
        ...

    def save(self, order: AlibabaOrder) -> None:
        """Version-checked update of the order and its entries, plus one history row per recorded change."""
        ...

    def page(
        self,
        develop_id: str,
        *,
        status: OrderStatus | None,
        start_ms: int | None,
        end_ms: int | None,
        offset: int,
        limit: int,
    ) -> tuple[list[AlibabaOrder], int]: ...

    def history(self, order_id: int) -> list[HistoryRow]: ...

    # what the last preview quoted, so create can refuse a changed price
    def record_preview(self, *, develop_id: str, key: str, quote: dict[str, Any], now_ms: int) -> None: ...

    def find_preview(self, *, develop_id: str, key: str) -> tuple[dict[str, Any], int] | None: ...

    # one-time cashier tokens
    def add_pay_token(
        self, *, token: str, develop_id: str, order_ids: list[int], now_ms: int, expires_at_ms: int
    ) -> None: ...

    def peek_pay_token(self, token: str, *, now_ms: int) -> tuple[str, list[int]] | None:
        """``(develop_id, order ids)`` of an unused, unexpired token; None otherwise."""
        ...

    def pay_token_owner(self, token: str) -> str | None:
        """The developer a token was issued to (used or not), to open the cashier on that developer's clock."""
        ...

    def use_pay_token(self, token: str, *, now_ms: int) -> bool:
        """Mark the token used; False if it was already used or expired (exactly one caller wins)."""
        ...

    # the developer's protocol (password-free) payment switch
    def protocol_pay_enabled(self, develop_id: str) -> bool: ...

    def set_protocol_pay(self, develop_id: str, enabled: bool, *, now_ms: int) -> None: ...


class AlibabaCartRepository(Protocol):
    def add_or_increment(
        self, *, develop_id: str, user_id: str, product_id: int, sku_pk: int, quantity: int, now_ms: int
    ) -> int: ...

    def items(self, develop_id: str, user_id: str) -> list[CartRow]: ...

    def get_many(self, develop_id: str, user_id: str, ids: list[int]) -> list[CartRow]: ...

    def set_quantity(self, *, develop_id: str, user_id: str, cart_id: int, quantity: int, now_ms: int) -> bool: ...

    def delete(self, develop_id: str, user_id: str, ids: list[int]) -> int: ...


class UnitOfWork(accounts.UnitOfWork, catalog.UnitOfWork, Protocol):
    """What the 1688 order and cart services need of a unit of work, and of after-sales only what it refunded."""

    @property
    def alibaba_orders(self) -> AlibabaOrderRepository: ...

    @property
    def alibaba_cart(self) -> AlibabaCartRepository: ...

    @property
    def aftersales(self) -> LineRefunds: ...
