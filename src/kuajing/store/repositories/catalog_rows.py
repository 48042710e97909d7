"""Catalog rows ↔ catalog objects: the one mapping the repository and its search half both use."""

from __future__ import annotations

import json
from typing import Any

import orjson

from kuajing.domain.catalog.model import (
    CatalogPlatform,
    Category,
    PriceRange,
    Product,
    ProductStatus,
    Seller,
    Sku,
    SkuProperty,
)
from kuajing.store.db import Row


def json_text(value: Any) -> str:
    """A JSON column as written (reads decode with ``orjson.loads``: a search page decodes about a dozen columns per
    product, and the stdlib decoder was a noticeable share of a search's time)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def category(row: Row) -> Category:
    return Category(row["id"], row["parent_id"], row["key"], orjson.loads(row["names"]), row["level"], row["shape"])


def seller_row(s: Seller) -> dict[str, Any]:
    return {
        "platform": s.platform.value, "open_id": s.open_id, "shop_id": s.shop_id, "shop_name": s.shop_name,
        "nick": s.nick, "company_name": s.company_name, "names": json_text(s.names), "behaviour": json_text(s.behaviour),
    }  # fmt: skip


def seller(row: Row) -> Seller:
    return Seller(
        id=row["id"], platform=CatalogPlatform(row["platform"]), open_id=row["open_id"], shop_id=row["shop_id"],
        shop_name=row["shop_name"], nick=row["nick"], company_name=row["company_name"], names=orjson.loads(row["names"]),
        behaviour=orjson.loads(row["behaviour"]),
    )  # fmt: skip


def product_row(p: Product) -> dict[str, Any]:
    return {
        "platform": p.platform.value, "external_id": p.external_id, "mp_id": p.mp_id, "seller_id": p.seller_id,
        "category_id": p.category_id, "titles": json_text(p.titles), "description": p.description, "status": p.status.value,
        "currency": p.currency, "price_fen": p.price_fen, "promotion_price_fen": p.promotion_price_fen,
        "consign_price_fen": p.consign_price_fen,
        "price_ranges": json_text([[r.start_quantity, r.price_fen] for r in p.price_ranges]),
        "min_order_quantity": p.min_order_quantity, "unit": p.unit, "month_sold": p.month_sold,
        "repurchase_rate_bp": p.repurchase_rate_bp, "is_jxhy": p.is_jxhy, "images": json_text(p.images),
        "attributes": json_text(p.attributes), "created_at_ms": p.created_at_ms, "updated_at_ms": p.updated_at_ms,
    }  # fmt: skip


def product(row: Row) -> Product:
    return Product(
        id=row["id"], platform=CatalogPlatform(row["platform"]), external_id=row["external_id"], mp_id=row["mp_id"],
        seller_id=row["seller_id"], category_id=row["category_id"], titles=orjson.loads(row["titles"]),
        description=row["description"], status=ProductStatus(row["status"]), currency=row["currency"],
        price_fen=row["price_fen"], promotion_price_fen=row["promotion_price_fen"],
        consign_price_fen=row["consign_price_fen"],
        price_ranges=[PriceRange(q, f) for q, f in orjson.loads(row["price_ranges"])],
        min_order_quantity=row["min_order_quantity"], unit=row["unit"], month_sold=row["month_sold"],
        repurchase_rate_bp=row["repurchase_rate_bp"], is_jxhy=bool(row["is_jxhy"]), images=orjson.loads(row["images"]),
        attributes=orjson.loads(row["attributes"]), version=row["version"], created_at_ms=row["created_at_ms"],
        updated_at_ms=row["updated_at_ms"],
    )  # fmt: skip


def sku_row(s: Sku) -> dict[str, Any]:
    return {
        "product_id": s.product_id, "sku_id": s.sku_id, "spec_id": s.spec_id, "mp_sku_id": s.mp_sku_id,
        "properties": json_text([[p.prop_id, p.prop_names, p.value_id, p.value_names] for p in s.properties]),
        "price_fen": s.price_fen, "promotion_price_fen": s.promotion_price_fen, "consign_price_fen": s.consign_price_fen,
        "stock": s.stock, "status": s.status.value, "image": s.image,
    }  # fmt: skip


def sku(row: Row) -> Sku:
    return Sku(
        id=row["id"], product_id=row["product_id"], sku_id=row["sku_id"], spec_id=row["spec_id"],
        mp_sku_id=row["mp_sku_id"],
        properties=[SkuProperty(a, b, c, d) for a, b, c, d in orjson.loads(row["properties"])],
        price_fen=row["price_fen"], promotion_price_fen=row["promotion_price_fen"],
        consign_price_fen=row["consign_price_fen"], stock=row["stock"], status=ProductStatus(row["status"]),
        image=row["image"],
    )  # fmt: skip
