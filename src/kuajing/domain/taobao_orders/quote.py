"""Resolving order lines against the catalog and pricing them: the render (B2, C5) and the checks create repeats.

A line names its item by ``mpId`` (the 撞库 distribution id, what upstream requires) or by the Taobao ``itemId``, and
its SKU by ``mpSkuId`` or ``skuId``; a number that means two different things is refused as ambiguous. The unit price
is the SKU's promotion price when it has a lower one, else its price. A line that carries a ``price`` must still cost
exactly that, or create refuses with PRICE_CHANGED: create never charges a different amount than the render showed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kuajing.domain.catalog.model import CatalogPlatform, Product, ProductStatus, Seller, Sku
from kuajing.domain.errors import InvalidInputError, NotFoundError
from kuajing.domain.taobao_orders.policy import SellerPolicy
from kuajing.protocol.codes import Code
from kuajing.protocol.ids import numeric_id

if TYPE_CHECKING:
    from kuajing.domain.taobao_orders.ports import UnitOfWork

MAX_LINES = 50
MAX_QUANTITY = 99_999


@dataclass(frozen=True, slots=True)
class LineRequest:
    item_ref: str  # mpId or itemId
    sku_ref: str | None  # mpSkuId or skuId; may be omitted for a single-SKU item
    quantity: int
    price_fen: int | None = None  # the unit price the client saw in the render
    order_line_no: str = ""
    remark: str = ""


@dataclass(slots=True)
class QuotedLine:
    request: LineRequest
    product: Product
    sku: Sku
    unit_price_fen: int
    problem: Code | None = None
    reason: str = ""

    @property
    def amount_fen(self) -> int:
        return self.unit_price_fen * self.request.quantity


@dataclass(slots=True)
class SellerQuote:
    seller: Seller
    policy: SellerPolicy
    lines: list[QuotedLine] = field(default_factory=list)

    @property
    def product_fen(self) -> int:
        return sum(line.amount_fen for line in self.lines)

    @property
    def post_fee_fen(self) -> int:
        return self.policy.post_fee_fen

    @property
    def total_fen(self) -> int:
        return self.product_fen + self.post_fee_fen

    @property
    def can_buy(self) -> bool:
        return all(line.problem is None for line in self.lines)


def unit_price_fen(sku: Sku) -> int:
    promo = sku.promotion_price_fen
    return promo if promo is not None and 0 < promo < sku.price_fen else sku.price_fen


def _number(ref: str, field_name: str) -> int:
    number = numeric_id(ref)
    if number is None:
        raise NotFoundError(f"no Taobao item {ref!r}", field=field_name)
    return number


def find_product(uow: UnitOfWork, item_ref: str) -> Product:
    number = _number(item_ref, "itemId")
    by_mp = uow.catalog.find_product_by_mp_id(number)
    by_item = uow.catalog.find_product(CatalogPlatform.TAOBAO, number)
    if by_mp is not None and by_item is not None and by_mp.id != by_item.id:
        raise InvalidInputError(f"{item_ref} is an mpId of one item and the itemId of another; send the mpId",
                                field="itemId")  # fmt: skip
    product = by_mp or by_item
    if product is None or product.platform is not CatalogPlatform.TAOBAO:
        raise NotFoundError(f"no Taobao item {item_ref!r}", field="itemId")
    return product


def find_sku(product: Product, sku_ref: str | None) -> Sku:
    if sku_ref is None or not sku_ref.strip():
        if len(product.skus) == 1:
            return product.skus[0]
        raise InvalidInputError(f"item {product.external_id} has several SKUs; name one (mpSkuId)", field="skuId")
    number = _number(sku_ref, "skuId")
    by_mp = product.sku(mp_sku_id=number)
    by_id = product.sku(sku_id=number)
    if by_mp is not None and by_id is not None and by_mp.id != by_id.id:
        raise InvalidInputError(f"{sku_ref} is ambiguous; send the mpSkuId", field="skuId")
    sku = by_mp or by_id
    if sku is None:
        raise NotFoundError(f"item {product.external_id} has no SKU {sku_ref!r}", field="skuId")
    return sku


def check_line(product: Product, sku: Sku, quantity: int, price_fen: int | None) -> tuple[Code | None, str]:
    """Why this line cannot be bought now, or (None, "")."""
    if product.status is not ProductStatus.ACTIVE or sku.status is not ProductStatus.ACTIVE:
        return Code.NOT_PURCHASABLE, "商品已下架 (offline)"
    if price_fen is not None and price_fen != unit_price_fen(sku):
        return Code.PRICE_CHANGED, f"价格已变化 (price is now {unit_price_fen(sku)} fen, not {price_fen})"
    if sku.stock < quantity:
        return Code.OUT_OF_STOCK, f"库存不足 (stock {sku.stock} < quantity {quantity})"
    return None, ""


def quote(uow: UnitOfWork, lines: list[LineRequest]) -> list[SellerQuote]:
    """Resolve and price the lines, grouped by seller in first-seen order. Unknown items raise NotFoundError; lines
    that exist but cannot be bought carry their ``problem``."""
    if not lines:
        raise InvalidInputError("orderLineList must hold at least one line", field="orderLineList")
    if len(lines) > MAX_LINES:
        raise InvalidInputError(f"at most {MAX_LINES} lines per call", field="orderLineList")
    groups: dict[int, SellerQuote] = {}
    for req in lines:
        if not 1 <= req.quantity <= MAX_QUANTITY:
            raise InvalidInputError(f"quantity must be 1..{MAX_QUANTITY}", field="quantity")
        product = find_product(uow, req.item_ref)
        sku = find_sku(product, req.sku_ref)
        group = groups.get(product.seller_id)
        if group is None:
            seller = uow.catalog.get_seller(product.seller_id)
            if seller is None:
                raise NotFoundError(f"item {product.external_id} has no seller", field="itemId")
            group = groups[product.seller_id] = SellerQuote(seller, SellerPolicy.from_behaviour(seller.behaviour))
        problem, reason = check_line(product, sku, req.quantity, req.price_fen)
        group.lines.append(QuotedLine(req, product, sku, unit_price_fen(sku), problem, reason))
    return list(groups.values())
