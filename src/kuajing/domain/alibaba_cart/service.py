"""1688 cart use cases: add, list (valid and invalid items per seller), edit quantity, delete, and the cargo lines
that preview and create-from-cart use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kuajing.domain.alibaba_orders.ports import CartRow
from kuajing.domain.alibaba_orders.quote import CargoRequest, availability, resolve, unit_price_fen
from kuajing.domain.catalog.model import Product, Seller, Sku
from kuajing.domain.errors import InvalidInputError, NotFoundError

if TYPE_CHECKING:
    from kuajing.domain.alibaba_orders.ports import UnitOfWork

MAX_CART_ITEMS = 200


@dataclass(slots=True)
class CartLine:
    row: CartRow
    product: Product
    sku: Sku
    seller: Seller
    unit_price_fen: int
    invalid_reason: str  # "" when the line can be ordered


def add_item(
    uow: UnitOfWork, *, develop_id: str, user_id: str, offer_id: int, spec_id: str | None, quantity: int, now_ms: int
) -> int:
    """G2: put a spec in the cart (adding to the quantity when it is there already); returns the cart id."""
    product, sku, _ = resolve(uow, CargoRequest(offer_id, spec_id, quantity))
    if len(uow.alibaba_cart.items(develop_id, user_id)) >= MAX_CART_ITEMS:
        raise InvalidInputError(f"the cart holds at most {MAX_CART_ITEMS} items", field="offerId")
    return uow.alibaba_cart.add_or_increment(
        develop_id=develop_id, user_id=user_id, product_id=product.id, sku_pk=sku.id, quantity=quantity,
        now_ms=now_ms,
    )  # fmt: skip


def list_cart(uow: UnitOfWork, *, develop_id: str, user_id: str) -> list[CartLine]:
    """G1: every cart line with its current price and, for lines that cannot be ordered, the reason."""
    products: dict[int, Product | None] = {}
    sellers: dict[int, Seller | None] = {}
    lines: list[CartLine] = []
    for row in uow.alibaba_cart.items(develop_id, user_id):
        if row.product_id not in products:
            products[row.product_id] = uow.catalog.get_product(row.product_id)
        product = products[row.product_id]
        sku = next((s for s in product.skus if s.id == row.sku_pk), None) if product else None
        if product is None or sku is None:
            continue
        if product.seller_id not in sellers:
            sellers[product.seller_id] = uow.catalog.get_seller(product.seller_id)
        seller = sellers[product.seller_id]
        assert seller is not None
        refusal = availability(product, sku, row.quantity)
        lines.append(
            CartLine(
                row, product, sku, seller, unit_price_fen(product, sku, row.quantity), refusal[1] if refusal else ""
            )
        )
    return lines


def edit_quantity(uow: UnitOfWork, *, develop_id: str, user_id: str, cart_id: int, quantity: int, now_ms: int) -> bool:
    """G4. A quantity below the offer's minimum is kept; the line then shows in ``disableList``."""
    if quantity < 1:
        raise InvalidInputError("quantity must be at least 1", field="quantity")
    if not uow.alibaba_cart.set_quantity(
        develop_id=develop_id, user_id=user_id, cart_id=cart_id, quantity=quantity, now_ms=now_ms
    ):
        raise NotFoundError(f"cart item {cart_id} does not exist", field="id")
    return True


def delete_items(uow: UnitOfWork, *, develop_id: str, user_id: str, cart_ids: list[int]) -> bool:
    """G3: removes the named lines; unknown ids are refused so a typo is not silently ignored."""
    if not cart_ids:
        raise InvalidInputError("give at least one cart id", field="ids")
    found = uow.alibaba_cart.get_many(develop_id, user_id, cart_ids)
    missing = sorted(set(cart_ids) - {r.id for r in found})
    if missing:
        raise NotFoundError(f"cart items {missing} do not exist", field="ids")
    uow.alibaba_cart.delete(develop_id, user_id, cart_ids)
    return True


def cargos_for(
    uow: UnitOfWork, *, develop_id: str, user_id: str, cart_ids: list[int]
) -> list[tuple[int, CargoRequest]]:
    """The cargo lines of the chosen cart ids (G5/G6), in the order given, each with its cart id."""
    if not cart_ids:
        raise InvalidInputError("cartIds must not be empty", field="cartIds")
    rows = {r.id: r for r in uow.alibaba_cart.get_many(develop_id, user_id, cart_ids)}
    missing = sorted(set(cart_ids) - set(rows))
    if missing:
        raise NotFoundError(f"cart items {missing} do not exist", field="cartIds")
    out: list[tuple[int, CargoRequest]] = []
    for cid in dict.fromkeys(cart_ids):
        row = rows[cid]
        product = uow.catalog.get_product(row.product_id)
        sku = next((s for s in product.skus if s.id == row.sku_pk), None) if product else None
        if product is None or sku is None:
            raise NotFoundError(f"the offer of cart item {cid} no longer exists", field="cartIds")
        out.append((cid, CargoRequest(product.external_id, sku.spec_id, row.quantity)))
    return out
