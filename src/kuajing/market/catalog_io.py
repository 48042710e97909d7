"""The catalog exchange format: JSON Lines of categories, sellers and products (docs/catalog-format.md).

:func:`parse_lines` validates a whole file first and reports every bad line with its number and field; only a file
without errors is written, in one transaction (:func:`import_records`). :func:`export_lines` writes the same schema,
so an export imports back unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kuajing.domain.catalog.model import (
    LANGUAGES,
    CatalogPlatform,
    Category,
    PriceRange,
    Product,
    ProductStatus,
    Seller,
    Sku,
    SkuProperty,
)
from kuajing.domain.uow import UnitOfWork
from kuajing.protocol.wire.model import WireModel

_M = ConfigDict(extra="forbid")
Fen = Annotated[int, Field(ge=0)]
Names = dict[str, str]


class CategoryLine(WireModel):
    model_config = _M
    type: Literal["category"]
    id: Annotated[int, Field(gt=0)]
    parent_id: int | None = None
    key: Annotated[str, Field(min_length=1, max_length=64)]
    names: Names
    level: Annotated[int, Field(ge=1)]
    shape: str = ""


class SellerLine(WireModel):
    model_config = _M
    type: Literal["seller"]
    platform: CatalogPlatform
    open_id: Annotated[str, Field(min_length=1, max_length=40)]
    shop_id: int
    shop_name: Annotated[str, Field(min_length=1)]
    nick: str
    company_name: str = ""
    names: Names = {}
    behaviour: dict[str, Any] = {}


class PropertyLine(WireModel):
    model_config = _M
    prop_id: int
    prop_names: Names
    value_id: int
    value_names: Names


class SkuLine(WireModel):
    model_config = _M
    sku_id: Annotated[int, Field(gt=0)]
    spec_id: Annotated[str, Field(pattern=r"^([0-9a-f]{32})?$")] = ""
    mp_sku_id: int | None = None
    price_fen: Fen
    promotion_price_fen: Fen | None = None
    consign_price_fen: Fen | None = None
    stock: Annotated[int, Field(ge=0)]
    status: ProductStatus = ProductStatus.ACTIVE
    image: str = ""
    properties: list[PropertyLine] = []


class ProductLine(WireModel):
    model_config = _M
    type: Literal["product"]
    platform: CatalogPlatform
    external_id: Annotated[int, Field(gt=0)]
    mp_id: int | None = None
    seller_open_id: str
    category_id: int
    titles: Names
    description: str = ""
    status: ProductStatus = ProductStatus.ACTIVE
    currency: str = "CNY"
    price_fen: Fen
    promotion_price_fen: Fen | None = None
    consign_price_fen: Fen | None = None
    price_ranges: list[tuple[Annotated[int, Field(ge=1)], Fen]] = []
    min_order_quantity: Annotated[int, Field(ge=1)] = 1
    unit: str = "件"
    month_sold: Annotated[int, Field(ge=0)] = 0
    repurchase_rate_bp: Annotated[int, Field(ge=0, le=10000)] = 0
    is_jxhy: bool = False
    images: list[str] = []
    attributes: list[dict[str, Any]] = []
    skus: Annotated[list[SkuLine], Field(min_length=1)]


Line = CategoryLine | SellerLine | ProductLine
_KINDS: dict[str, type[BaseModel]] = {"category": CategoryLine, "seller": SellerLine, "product": ProductLine}


@dataclass(frozen=True, slots=True)
class LineError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


def parse_lines(lines: Iterable[str]) -> tuple[list[Line], list[LineError]]:
    records: list[Line] = []
    errors: list[LineError] = []
    for n, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            errors.append(LineError(n, "(line)", f"not JSON: {exc.msg}"))
            continue
        kind = _KINDS.get(str(doc.get("type"))) if isinstance(doc, dict) else None
        if kind is None:
            errors.append(LineError(n, "type", "must be category, seller or product"))
            continue
        try:
            records.append(kind.model_validate(doc, by_name=False))  # type: ignore[arg-type]  # the format's names only
        except ValidationError as exc:
            for e in exc.errors(include_url=False):
                errors.append(LineError(n, ".".join(str(p) for p in e["loc"]) or "(line)", e["msg"]))
        titles = doc.get("titles") if doc.get("type") == "product" else None
        if isinstance(titles, dict) and not titles.get("zh"):
            errors.append(LineError(n, "titles.zh", "the Chinese source title is required"))
    return records, errors


def check_references(records: list[Line], uow: UnitOfWork) -> list[LineError]:
    """Categories and sellers a product names must exist (in the file or the database)."""
    cats = {c.id for c in uow.catalog.list_categories()} | {r.id for r in records if isinstance(r, CategoryLine)}
    sellers = {s.open_id for s in uow.catalog.list_sellers()} | {
        r.open_id for r in records if isinstance(r, SellerLine)
    }
    errors: list[LineError] = []
    seen: set[tuple[str, int]] = set()
    for n, r in enumerate(records, start=1):
        if isinstance(r, ProductLine):
            if r.category_id not in cats:
                errors.append(LineError(n, "categoryId", f"unknown category {r.category_id}"))
            if r.seller_open_id not in sellers:
                errors.append(LineError(n, "sellerOpenId", f"unknown seller {r.seller_open_id}"))
            key = (r.platform.value, r.external_id)
            if key in seen:
                errors.append(LineError(n, "externalId", "appears twice in the file"))
            seen.add(key)
    return errors


def _product(r: ProductLine, seller_id: int, now_ms: int) -> Product:
    return Product(
        platform=r.platform, external_id=r.external_id, mp_id=r.mp_id, seller_id=seller_id, category_id=r.category_id,
        titles={k: v for k, v in r.titles.items()}, description=r.description, status=r.status, currency=r.currency,
        price_fen=r.price_fen, promotion_price_fen=r.promotion_price_fen, consign_price_fen=r.consign_price_fen,
        price_ranges=[PriceRange(q, f) for q, f in r.price_ranges], min_order_quantity=r.min_order_quantity,
        unit=r.unit, month_sold=r.month_sold, repurchase_rate_bp=r.repurchase_rate_bp, is_jxhy=r.is_jxhy,
        images=list(r.images), attributes=list(r.attributes), created_at_ms=now_ms, updated_at_ms=now_ms,
        skus=[
            Sku(
                sku_id=s.sku_id, spec_id=s.spec_id, mp_sku_id=s.mp_sku_id, price_fen=s.price_fen,
                promotion_price_fen=s.promotion_price_fen, consign_price_fen=s.consign_price_fen, stock=s.stock,
                status=s.status, image=s.image,
                properties=[SkuProperty(p.prop_id, dict(p.prop_names), p.value_id, dict(p.value_names)) for p in s.properties],
            )
            for s in r.skus
        ],
    )  # fmt: skip


def import_records(
    uow: UnitOfWork, records: list[Line], *, now_ms: int, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Write validated records (new ones added, existing ones updated in place); the caller commits."""
    counts = {"categories": 0, "sellers": 0, "added": 0, "updated": 0}
    known_cats = {c.id for c in uow.catalog.list_categories()}
    for r in records:
        if isinstance(r, CategoryLine) and r.id not in known_cats:
            uow.catalog.add_category(Category(r.id, r.parent_id, r.key, dict(r.names), r.level, r.shape))
            counts["categories"] += 1
    sellers = {s.open_id: s for s in uow.catalog.list_sellers()}
    for r in records:
        if isinstance(r, SellerLine):
            seller = Seller(
                0, r.platform, r.open_id, r.shop_id, r.shop_name, r.nick, r.company_name, dict(r.names), r.behaviour
            )
            if r.open_id in sellers:
                seller.id = sellers[r.open_id].id
                uow.catalog.save_seller(seller)
            else:
                sellers[r.open_id] = uow.catalog.add_seller(seller)
                counts["sellers"] += 1
    for r in records:
        if not isinstance(r, ProductLine):
            continue
        new = _product(r, sellers[r.seller_open_id].id, now_ms)
        old = uow.catalog.find_product(r.platform, r.external_id)
        if old is None:
            uow.catalog.add_product(new)
            counts["added"] += 1
        else:
            by_sku = {s.sku_id: s for s in old.skus}
            for s in new.skus:
                if s.sku_id in by_sku:
                    s.id, s.product_id, s.stock = by_sku[s.sku_id].id, old.id, by_sku[s.sku_id].stock
            new.id, new.version, new.created_at_ms = old.id, old.version, old.created_at_ms
            new.skus = [s for s in new.skus if s.id]
            uow.catalog.save_product(new)
            counts["updated"] += 1
        if progress is not None:
            progress(1)
    return counts


def _names(d: dict[str, str]) -> dict[str, str]:
    return {lang: d[lang] for lang in LANGUAGES if lang in d}


def export_lines(uow: UnitOfWork, *, batch: int = 500) -> Iterator[str]:
    def dump(doc: dict[str, Any]) -> str:
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))

    for c in uow.catalog.list_categories():
        yield dump(
            {
                "type": "category",
                "id": c.id,
                "parentId": c.parent_id,
                "key": c.key,
                "names": _names(c.names),
                "level": c.level,
                "shape": c.shape,
            }
        )
    sellers = uow.catalog.list_sellers()
    for s in sellers:
        yield dump({
            "type": "seller", "platform": s.platform.value, "openId": s.open_id, "shopId": s.shop_id,
            "shopName": s.shop_name, "nick": s.nick, "companyName": s.company_name, "names": _names(s.names),
            "behaviour": s.behaviour,
        })  # fmt: skip
    open_ids = {s.id: s.open_id for s in sellers}
    after = 0
    while True:
        ids = uow.catalog.product_ids_after(after, batch)
        if not ids:
            return
        after = ids[-1]
        for p in uow.catalog.get_products(ids):
            yield dump({
                "type": "product", "platform": p.platform.value, "externalId": p.external_id, "mpId": p.mp_id,
                "sellerOpenId": open_ids[p.seller_id], "categoryId": p.category_id, "titles": _names(p.titles),
                "description": p.description, "status": p.status.value, "currency": p.currency,
                "priceFen": p.price_fen, "promotionPriceFen": p.promotion_price_fen,
                "consignPriceFen": p.consign_price_fen,
                "priceRanges": [[r.start_quantity, r.price_fen] for r in p.price_ranges],
                "minOrderQuantity": p.min_order_quantity, "unit": p.unit, "monthSold": p.month_sold,
                "repurchaseRateBp": p.repurchase_rate_bp, "isJxhy": p.is_jxhy, "images": p.images,
                "attributes": p.attributes,
                "skus": [
                    {
                        "skuId": s.sku_id, "specId": s.spec_id, "mpSkuId": s.mp_sku_id, "priceFen": s.price_fen,
                        "promotionPriceFen": s.promotion_price_fen, "consignPriceFen": s.consign_price_fen,
                        "stock": s.stock, "status": s.status.value, "image": s.image,
                        "properties": [
                            {"propId": pr.prop_id, "propNames": _names(pr.prop_names), "valueId": pr.value_id, "valueNames": _names(pr.value_names)}
                            for pr in s.properties
                        ],
                    }
                    for s in p.skus
                ],
            })  # fmt: skip
