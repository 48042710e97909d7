"""Repository port of the Taobao cart."""

from __future__ import annotations

from typing import Protocol

from kuajing.domain.taobao_cart.model import CartItem
from kuajing.domain.taobao_orders import ports as taobao_orders


class TaobaoCartRepository(Protocol):
    def add_or_increase(self, item: CartItem) -> CartItem:
        """Insert the row, or add its quantity to the existing row for the same SKU; returns the stored row."""
        ...

    def list_items(self, develop_id: str, user_id: str) -> list[CartItem]: ...

    def get_many(self, develop_id: str, user_id: str, ids: list[int]) -> list[CartItem]: ...

    def delete(self, develop_id: str, user_id: str, ids: list[int]) -> int: ...

    def set_quantity(self, develop_id: str, user_id: str, item_id: int, quantity: int, now_ms: int) -> bool: ...


class UnitOfWork(taobao_orders.UnitOfWork, Protocol):
    """What the Taobao cart needs of a unit of work (a cart becomes orders)."""

    @property
    def taobao_cart(self) -> TaobaoCartRepository: ...
