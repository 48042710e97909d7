"""Taobao cart use cases (C1–C6). The cart is per developer and sub-account: one ``user-id`` never sees another's.

Rows that can no longer be bought stay in the cart and are listed with a reason (offline, out of stock); previewing
or ordering them is refused with the matching code. Creating an order from the cart goes through the same
:func:`kuajing.domain.taobao_orders.service.create_orders` as B1 and removes the ordered rows in the same
transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.catalog.model import ProductStatus
from kuajing.domain.errors import BusinessRefusalError, InvalidInputError, LimitError, NotFoundError
from kuajing.domain.taobao_cart.model import CartItem, CartLine
from kuajing.domain.taobao_orders import service as orders
from kuajing.domain.taobao_orders.model import Receiver
from kuajing.domain.taobao_orders.quote import (
    MAX_QUANTITY,
    LineRequest,
    SellerQuote,
    check_line,
    find_product,
    find_sku,
    unit_price_fen,
)
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.domain.taobao_cart.ports import UnitOfWork

MAX_CART_ROWS = 200  # per sub-account [I]


def _check_quantity(quantity: int) -> None:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise InvalidInputError(f"quantity must be 1..{MAX_QUANTITY}", field="quantity")


def add_item(
    uow: UnitOfWork, *, develop_id: str, user_id: str, item_ref: str, sku_ref: str | None, quantity: int, now_ms: int
) -> CartItem:
    _check_quantity(quantity)
    product = find_product(uow, item_ref)
    sku = find_sku(product, sku_ref)
    if product.status is not ProductStatus.ACTIVE or sku.status is not ProductStatus.ACTIVE:
        raise BusinessRefusalError("the item is offline", code=Code.NOT_PURCHASABLE, field="mpId")
    if len(uow.taobao_cart.list_items(develop_id, user_id)) >= MAX_CART_ROWS:
        raise LimitError(f"a cart holds at most {MAX_CART_ROWS} rows", field="mpSkuId")
    item = CartItem(develop_id, user_id, product.id, sku.id, quantity, unit_price_fen(sku), now_ms, now_ms)
    return uow.taobao_cart.add_or_increase(item)


def list_lines(uow: UnitOfWork, *, develop_id: str, user_id: str, ids: list[int] | None = None) -> list[CartLine]:
    items = uow.taobao_cart.list_items(develop_id, user_id) if ids is None else _require(uow, develop_id, user_id, ids)
    lines = []
    for item in items:
        product = uow.catalog.get_product(item.product_id)
        seller = uow.catalog.get_seller(product.seller_id) if product else None
        sku = next((s for s in product.skus if s.id == item.sku_pk), None) if product else None
        if product is None or seller is None or sku is None:
            continue  # the catalog row is gone; nothing to show
        problem, reason = check_line(product, sku, item.quantity, None)
        lines.append(CartLine(item, product, sku, seller, unit_price_fen(sku), problem, reason))
    return lines


def _require(uow: UnitOfWork, develop_id: str, user_id: str, ids: list[int]) -> list[CartItem]:
    if not ids:
        raise InvalidInputError("ids must name at least one cart row", field="ids")
    found = uow.taobao_cart.get_many(develop_id, user_id, ids)
    missing = sorted(set(ids) - {i.id for i in found})
    if missing:
        raise NotFoundError(f"no cart rows {missing} for this user", field="ids")
    return found


def delete_items(uow: UnitOfWork, *, develop_id: str, user_id: str, ids: list[int]) -> int:
    _require(uow, develop_id, user_id, ids)
    return uow.taobao_cart.delete(develop_id, user_id, ids)


def edit_quantity(
    uow: UnitOfWork, *, develop_id: str, user_id: str, item_id: int, quantity: int, now_ms: int
) -> CartItem:
    _check_quantity(quantity)
    _require(uow, develop_id, user_id, [item_id])
    uow.taobao_cart.set_quantity(develop_id, user_id, item_id, quantity, now_ms)
    return uow.taobao_cart.get_many(develop_id, user_id, [item_id])[0]


def _requests(lines: list[CartLine]) -> list[LineRequest]:
    return [
        LineRequest(str(line.product.external_id), str(line.sku.sku_id), line.item.quantity, None, str(line.item.id))
        for line in lines
    ]


def preview(uow: UnitOfWork, *, develop_id: str, user_id: str, ids: list[int]) -> list[SellerQuote]:
    lines = list_lines(uow, develop_id=develop_id, user_id=user_id, ids=ids)
    return orders.render(uow, lines=_requests(lines))


def create_order(
    uow: UnitOfWork, *, develop_id: str, user_id: str, ids: list[int], receiver: Receiver, now_ms: int
) -> orders.CreateResult:
    lines = list_lines(uow, develop_id=develop_id, user_id=user_id, ids=ids)
    result = orders.create_orders(
        uow, develop_id=develop_id, user_id=user_id, lines=_requests(lines), receiver=receiver,
        outer_purchase_id=None, order_source="cart", budget_fen=None, now_ms=now_ms,
    )  # fmt: skip
    uow.taobao_cart.delete(develop_id, user_id, ids)
    return result
