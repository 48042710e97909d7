"""A cart row: one SKU and its quantity, for one developer's sub-account (``user-id``)."""

from __future__ import annotations

from dataclasses import dataclass

from kuajing.domain.catalog.model import Product, Seller, Sku
from kuajing.protocol.codes import Code


@dataclass(slots=True)
class CartItem:
    develop_id: str
    user_id: str
    product_id: int
    sku_pk: int
    quantity: int
    added_price_fen: int  # the unit price when added, so the list can show a price change
    created_at_ms: int = 0
    updated_at_ms: int = 0
    id: int = 0


@dataclass(slots=True)
class CartLine:
    """A cart row with what it refers to now; ``problem`` set when it cannot be bought (the invalid list)."""

    item: CartItem
    product: Product
    sku: Sku
    seller: Seller
    unit_price_fen: int
    problem: Code | None = None
    reason: str = ""

    @property
    def is_valid(self) -> bool:
        return self.problem is None
