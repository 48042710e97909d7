"""Pricing 1688 cargo lines before an order exists (H6/H2/G5 and the first step of every create): each line resolved
to its offer, spec and seller, priced by the offer's quantity ranges, checked (offline, minimum quantity, stock) and
grouped per seller in the order sellers first appear. A preview remembers the prices it quoted, so that a create
within ``PREVIEW_VALID_MS`` can refuse a changed price; the cart prices its lines with the same rules.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kuajing.domain.alibaba_orders.behaviour import SellerBehaviour
from kuajing.domain.catalog.model import CatalogPlatform, Product, ProductStatus, Seller, Sku
from kuajing.domain.errors import InvalidInputError, NotFoundError
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.domain.alibaba_orders.ports import UnitOfWork

PREVIEW_VALID_MS = 3_600_000  # create compares prices with a preview of the same cargo made within the last hour


@dataclass(frozen=True, slots=True)
class CargoRequest:
    offer_id: int
    spec_id: str | None
    quantity: int
    seller_open_id: str | None = None


@dataclass(slots=True)
class CargoQuote:
    request: CargoRequest
    product: Product
    sku: Sku
    unit_price_fen: int
    refusal: Code | None = None
    message: str = ""

    @property
    def amount_fen(self) -> int:
        return self.unit_price_fen * self.request.quantity


@dataclass(slots=True)
class SellerQuote:
    seller: Seller
    cargos: list[CargoQuote] = field(default_factory=list)

    @property
    def goods_fen(self) -> int:
        return sum(c.amount_fen for c in self.cargos)

    @property
    def carriage_fen(self) -> int:
        b = SellerBehaviour(self.seller)
        free_over = b.free_carriage_over_fen
        if free_over and self.goods_fen >= free_over:
            return 0
        return b.carriage_fen

    @property
    def total_fen(self) -> int:
        return self.goods_fen + self.carriage_fen

    @property
    def ok(self) -> bool:
        return all(c.refusal is None for c in self.cargos)

    @property
    def first_refusal(self) -> CargoQuote | None:
        return next((c for c in self.cargos if c.refusal is not None), None)

    def key(self, develop_id: str) -> str:
        lines = sorted((c.request.offer_id, c.sku.spec_id, c.request.quantity) for c in self.cargos)
        raw = json.dumps([develop_id, self.seller.id, lines], separators=(",", ":"))
        return hashlib.sha256(raw.encode()).hexdigest()[:40]

    def prices(self) -> dict[str, Any]:
        return {
            "lines": {f"{c.sku.id}:{c.request.quantity}": c.unit_price_fen for c in self.cargos},
            "carriage": self.carriage_fen,
        }


def resolve(uow: UnitOfWork, cargo: CargoRequest) -> tuple[Product, Sku, Seller]:
    """The offer, spec and seller a cargo line names (the cart resolves its rows the same way); a line that names
    none, or names its spec ambiguously, is refused."""
    if cargo.quantity < 1:
        raise InvalidInputError("quantity must be at least 1", field="quantity")
    product = uow.catalog.find_product(CatalogPlatform.ALIBABA, cargo.offer_id)
    if product is None:
        raise NotFoundError(f"offer {cargo.offer_id} does not exist", field="offerId")
    if cargo.spec_id:
        sku = product.sku(spec_id=cargo.spec_id)
        if sku is None:
            raise NotFoundError(f"offer {cargo.offer_id} has no specId {cargo.spec_id}", field="specId")
    elif len(product.skus) == 1:
        sku = product.skus[0]
    else:
        raise InvalidInputError(f"offer {cargo.offer_id} has several specs: give specId", field="specId")
    seller = uow.catalog.get_seller(product.seller_id)
    assert seller is not None
    if cargo.seller_open_id and cargo.seller_open_id != seller.open_id:
        raise InvalidInputError(
            f"offer {cargo.offer_id} is not sold by seller {cargo.seller_open_id}", field="sellerOpenId"
        )
    return product, sku, seller


def unit_price_fen(product: Product, sku: Sku, quantity: int) -> int:
    """Quantity price ranges apply to every spec of the offer; without ranges the spec's own price counts."""
    return product.unit_price_fen(quantity) if product.price_ranges else sku.price_fen


def availability(product: Product, sku: Sku, quantity: int) -> tuple[Code, str] | None:
    """Why this quantity of this spec cannot be bought now, or None."""
    if product.status is not ProductStatus.ACTIVE or sku.status is not ProductStatus.ACTIVE:
        return Code.NOT_PURCHASABLE, "the offer is offline"
    if quantity < product.min_order_quantity:
        return Code.NOT_PURCHASABLE, f"below the minimum order quantity {product.min_order_quantity}"
    if sku.stock < quantity:
        return Code.OUT_OF_STOCK, f"only {sku.stock} left"
    return None


def quote(uow: UnitOfWork, cargos: list[CargoRequest]) -> list[SellerQuote]:
    """Price and check cargo lines, split per seller in the order sellers first appear."""
    if not cargos:
        raise InvalidInputError("cargoParamList must not be empty", field="cargoParamList")
    groups: dict[int, SellerQuote] = {}
    for cargo in cargos:
        product, sku, seller = resolve(uow, cargo)
        group = groups.setdefault(seller.id, SellerQuote(seller))
        line = CargoQuote(cargo, product, sku, unit_price_fen(product, sku, cargo.quantity))
        refusal = availability(product, sku, cargo.quantity)
        if refusal is not None:
            line.refusal, line.message = refusal
        group.cargos.append(line)
    return list(groups.values())


def split_by_seller(uow: UnitOfWork, cargos: list[CargoRequest]) -> list[tuple[str, list[int]]]:
    """H3/G6: the sellers of the cargo lines, each with the indexes of its lines (unknown offers are refused)."""
    groups: dict[str, list[int]] = {}
    for i, cargo in enumerate(cargos):
        _, _, seller = resolve(uow, cargo)
        groups.setdefault(seller.open_id, []).append(i)
    return list(groups.items())


def preview(uow: UnitOfWork, *, develop_id: str, cargos: list[CargoRequest], now_ms: int) -> list[SellerQuote]:
    """H6/H2/G5: quote and remember what was quoted, so a create can honour it."""
    quotes = quote(uow, cargos)
    for q in quotes:
        if q.ok:
            uow.alibaba_orders.record_preview(
                develop_id=develop_id, key=q.key(develop_id), quote=q.prices(), now_ms=now_ms
            )
    return quotes
