"""Catalog aggregates, shared by Taobao items and 1688 offers.

One :class:`Product` type serves both platforms because the sellers, SKUs, prices and stock behave the same; the
wire layer renders a Taobao item (itemId, mpId, skuList…) or a 1688 offer (offerId, specId, productSkuInfos…) from it.
Text that buyers read exists in every language of :data:`LANGUAGES`, keyed by language code, Chinese being the source.
Images are references: ``gen:<shape>:<rrggbb>:<seed>:<variant>`` for pictures the demo generator draws on request, or
an absolute URL for imported catalogs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

LANGUAGES = ("zh", "en", "vi", "es", "th")
Names = dict[str, str]  # language code → text


class CatalogPlatform(StrEnum):
    TAOBAO = "taobao"
    ALIBABA = "1688"


class ProductStatus(StrEnum):
    ACTIVE = "active"  # on sale
    OFFLINE = "offline"  # delisted: visible in detail, not purchasable


@dataclass(slots=True)
class Category:
    id: int
    parent_id: int | None
    key: str
    names: Names
    level: int
    shape: str = ""  # the image family products of this (leaf) category are drawn with


@dataclass(slots=True)
class Seller:
    id: int
    platform: CatalogPlatform
    open_id: str  # 1688 sellerOpenId (also used as the v2 shop id); Taobao sellers get one too
    shop_id: int  # Taobao shopId
    shop_name: str
    nick: str  # Taobao userNick / 1688 Wangwang login name
    company_name: str = ""
    names: Names = field(default_factory=dict)  # shop name per language
    # How the embedded seller behaves (ship delay, refund policy, forced failures). Interpreted by the market.
    behaviour: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class PriceRange:
    start_quantity: int
    price_fen: int


@dataclass(slots=True)
class SkuProperty:
    prop_id: int
    prop_names: Names
    value_id: int
    value_names: Names


@dataclass(slots=True)
class Sku:
    sku_id: int  # external skuId (Taobao skuId / 1688 skuId)
    price_fen: int
    stock: int
    properties: list[SkuProperty] = field(default_factory=list)
    spec_id: str = ""  # 1688 specId, 32 hex
    mp_sku_id: int | None = None  # Taobao distribution SKU id (撞库)
    promotion_price_fen: int | None = None
    consign_price_fen: int | None = None
    status: ProductStatus = ProductStatus.ACTIVE
    image: str = ""
    id: int = 0  # internal
    product_id: int = 0


@dataclass(slots=True)
class Product:
    platform: CatalogPlatform
    external_id: int  # Taobao itemId / 1688 offerId
    seller_id: int
    category_id: int
    titles: Names
    price_fen: int
    skus: list[Sku] = field(default_factory=list)
    mp_id: int | None = None  # Taobao distribution item id (撞库)
    description: str = ""
    status: ProductStatus = ProductStatus.ACTIVE
    promotion_price_fen: int | None = None
    consign_price_fen: int | None = None
    price_ranges: list[PriceRange] = field(default_factory=list)
    min_order_quantity: int = 1
    unit: str = "件"
    month_sold: int = 0
    repurchase_rate_bp: int = 0  # basis points: 1234 = 12.34 %
    is_jxhy: bool = False  # 精选货源 / strict selection
    images: list[str] = field(default_factory=list)
    attributes: list[dict[str, Any]] = field(default_factory=list)
    currency: str = "CNY"
    id: int = 0  # internal
    version: int = 0
    created_at_ms: int = 0
    updated_at_ms: int = 0

    def sku(self, *, sku_id: int | None = None, spec_id: str | None = None, mp_sku_id: int | None = None) -> Sku | None:
        for s in self.skus:
            if (
                (sku_id is not None and s.sku_id == sku_id)
                or (spec_id and s.spec_id == spec_id)
                or (mp_sku_id is not None and s.mp_sku_id == mp_sku_id)
            ):
                return s
        return None

    @property
    def stock(self) -> int:
        return sum(s.stock for s in self.skus)

    def unit_price_fen(self, quantity: int) -> int:
        """The wholesale price for this quantity (1688 quantity ranges), else the item price."""
        applicable = [r for r in self.price_ranges if quantity >= r.start_quantity]
        return min(applicable, key=lambda r: -r.start_quantity).price_fen if applicable else self.price_fen
