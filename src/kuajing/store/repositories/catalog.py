"""The catalog on SQL. Products load with their SKUs in two statements (no N+1)."""

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
from kuajing.domain.errors import ConcurrentUpdateError
from kuajing.store.db import Row, Tx
from kuajing.store.repositories.catalog_search import CatalogSearchMixin
from kuajing.store.search_memory import SearchMemory


def _j(value: Any) -> str:
    """A JSON column as written (reads decode with ``orjson.loads``: a search page decodes about a dozen columns per
    product, and the stdlib decoder was a noticeable share of a search's time)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class SqlCatalogRepository(CatalogSearchMixin):
    def __init__(self, tx: Tx, search_memory: SearchMemory | None = None) -> None:
        self._tx = tx
        self._search_memory = search_memory  # kept search operands of this database (SQLite; see search_memory.py)

    # categories ------------------------------------------------------------------------------------------------
    def add_category(self, category: Category) -> None:
        self._tx.execute(
            "INSERT INTO categories (id, parent_id, key, names, level, shape) VALUES (:id, :p, :k, :n, :l, :s)",
            {
                "id": category.id,
                "p": category.parent_id,
                "k": category.key,
                "n": _j(category.names),
                "l": category.level,
                "s": category.shape,
            },
        )
        self.forget_categories()

    def get_category(self, category_id: int) -> Category | None:
        row = self._tx.one("SELECT * FROM categories WHERE id = :id", {"id": category_id})
        return _category(row) if row else None

    def list_categories(self) -> list[Category]:
        return [_category(r) for r in self._tx.all("SELECT * FROM categories ORDER BY id")]

    # sellers ---------------------------------------------------------------------------------------------------
    def add_seller(self, seller: Seller) -> Seller:
        row = self._tx.one(
            "INSERT INTO sellers (platform, open_id, shop_id, shop_name, nick, company_name, names, behaviour)"
            " VALUES (:platform, :open_id, :shop_id, :shop_name, :nick, :company_name, :names, :behaviour) RETURNING id",
            _seller_row(seller),
        )
        assert row is not None
        seller.id = row["id"]
        return seller

    def get_seller(self, seller_id: int) -> Seller | None:
        row = self._tx.one("SELECT * FROM sellers WHERE id = :id", {"id": seller_id})
        return _seller(row) if row else None

    def find_seller(self, *, open_id: str) -> Seller | None:
        row = self._tx.one("SELECT * FROM sellers WHERE open_id = :o", {"o": open_id})
        return _seller(row) if row else None

    def save_seller(self, seller: Seller) -> None:
        self.__dict__.pop("_context_cache", None)  # shop names are part of the search document's context
        self.__dict__.pop("_seller_text_cache", None)
        self._tx.execute(
            "UPDATE sellers SET shop_name = :shop_name, nick = :nick, company_name = :company_name, names = :names,"
            " behaviour = :behaviour WHERE id = :id",
            {**_seller_row(seller), "id": seller.id},
        )

    # products --------------------------------------------------------------------------------------------------
    def add_product(self, product: Product) -> Product:
        row = self._tx.one(
            "INSERT INTO products (platform, external_id, mp_id, seller_id, category_id, titles, description, status,"
            " currency, price_fen, promotion_price_fen, consign_price_fen, price_ranges, min_order_quantity, unit,"
            " month_sold, repurchase_rate_bp, is_jxhy, images, attributes, version, created_at_ms, updated_at_ms)"
            " VALUES (:platform, :external_id, :mp_id, :seller_id, :category_id, :titles, :description, :status,"
            " :currency, :price_fen, :promotion_price_fen, :consign_price_fen, :price_ranges, :min_order_quantity, :unit,"
            " :month_sold, :repurchase_rate_bp, :is_jxhy, :images, :attributes, 1, :created_at_ms, :updated_at_ms)"
            " RETURNING id",
            _product_row(product),
        )
        assert row is not None
        product.id = row["id"]
        product.version = 1
        for sku in product.skus:
            sku.product_id = product.id
            sku_row = self._tx.one(
                "INSERT INTO skus (product_id, sku_id, spec_id, mp_sku_id, properties, price_fen, promotion_price_fen,"
                " consign_price_fen, stock, status, image) VALUES (:product_id, :sku_id, :spec_id, :mp_sku_id, :properties,"
                " :price_fen, :promotion_price_fen, :consign_price_fen, :stock, :status, :image) RETURNING id",
                _sku_row(sku),
            )
            assert sku_row is not None
            sku.id = sku_row["id"]
        self.index_product(product)
        return product

    def get_product(self, product_id: int) -> Product | None:
        row = self._tx.one("SELECT * FROM products WHERE id = :id", {"id": product_id})
        return self._with_skus(row) if row else None

    def find_product(self, platform: CatalogPlatform, external_id: int) -> Product | None:
        row = self._tx.one(
            "SELECT * FROM products WHERE platform = :p AND external_id = :e",
            {"p": platform.value, "e": external_id},
        )
        return self._with_skus(row) if row else None

    def find_product_by_mp_id(self, mp_id: int) -> Product | None:
        row = self._tx.one("SELECT * FROM products WHERE mp_id = :m", {"m": mp_id})
        return self._with_skus(row) if row else None

    def save_product(self, product: Product) -> None:
        changed = self._tx.execute(
            "UPDATE products SET mp_id = :mp_id, seller_id = :seller_id, category_id = :category_id, titles = :titles,"
            " description = :description, status = :status, currency = :currency, price_fen = :price_fen,"
            " promotion_price_fen = :promotion_price_fen, consign_price_fen = :consign_price_fen,"
            " price_ranges = :price_ranges, min_order_quantity = :min_order_quantity, unit = :unit,"
            " month_sold = :month_sold, repurchase_rate_bp = :repurchase_rate_bp, is_jxhy = :is_jxhy, images = :images,"
            " attributes = :attributes, version = version + 1, updated_at_ms = :updated_at_ms"
            " WHERE id = :id AND version = :version",
            {**_product_row(product), "id": product.id, "version": product.version},
        )
        if changed != 1:
            raise ConcurrentUpdateError(f"product {product.external_id} was changed concurrently")
        product.version += 1
        for sku in product.skus:
            self._tx.execute(
                "UPDATE skus SET spec_id = :spec_id, mp_sku_id = :mp_sku_id, properties = :properties,"
                " price_fen = :price_fen, promotion_price_fen = :promotion_price_fen,"
                " consign_price_fen = :consign_price_fen, status = :status, image = :image WHERE id = :id",
                {**_sku_row(sku), "id": sku.id},
            )
        self.index_product(product)

    def get_sku(self, sku_pk: int) -> Sku | None:
        row = self._tx.one("SELECT * FROM skus WHERE id = :id", {"id": sku_pk})
        return _sku(row) if row else None

    def _with_skus(self, row: Row) -> Product:
        product = _product(row)
        product.skus = [
            _sku(r) for r in self._tx.all("SELECT * FROM skus WHERE product_id = :p ORDER BY id", {"p": product.id})
        ]
        return product

    # stock -----------------------------------------------------------------------------------------------------
    def reserve_stock(self, *, sku_pk: int, quantity: int, owner: str, now_ms: int) -> bool:
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        taken = self._tx.execute(
            "UPDATE skus SET stock = stock - :q WHERE id = :id AND stock >= :q", {"q": quantity, "id": sku_pk}
        )
        if taken != 1:
            return False
        self._tx.execute(
            "INSERT INTO stock_reservations (sku_pk, owner, quantity, state, created_at_ms, updated_at_ms)"
            " VALUES (:sku, :owner, :q, 'active', :now, :now)",
            {"sku": sku_pk, "owner": owner, "q": quantity, "now": now_ms},
        )
        return True

    def release_stock(self, *, owner: str, now_ms: int) -> int:
        rows = self._tx.all(
            "SELECT id, sku_pk, quantity FROM stock_reservations WHERE owner = :o AND state = 'active'",
            {"o": owner},
        )
        released = 0
        for r in rows:
            if self._tx.execute(
                "UPDATE stock_reservations SET state = 'released', updated_at_ms = :now WHERE id = :id AND state = 'active'",
                {"id": r["id"], "now": now_ms},
            ):
                self._tx.execute(
                    "UPDATE skus SET stock = stock + :q WHERE id = :sku",
                    {"q": r["quantity"], "sku": r["sku_pk"]},
                )
                released += r["quantity"]
        return released

    def consume_stock(self, *, owner: str, now_ms: int) -> int:
        total = self._tx.scalar(
            "SELECT COALESCE(SUM(quantity), 0) AS q FROM stock_reservations WHERE owner = :o AND state = 'active'",
            {"o": owner},
        )
        self._tx.execute(
            "UPDATE stock_reservations SET state = 'consumed', updated_at_ms = :now WHERE owner = :o AND state = 'active'",
            {"o": owner, "now": now_ms},
        )
        return int(total)

    # added for the Taobao sandbox ------------------------------------------------------------------------------
    def list_sellers(self, platform: CatalogPlatform | None = None) -> list[Seller]:
        if platform is None:
            return [_seller(r) for r in self._tx.all("SELECT * FROM sellers ORDER BY id")]
        rows = self._tx.all("SELECT * FROM sellers WHERE platform = :p ORDER BY id", {"p": platform.value})
        return [_seller(r) for r in rows]


def _category(row: Row) -> Category:
    return Category(row["id"], row["parent_id"], row["key"], orjson.loads(row["names"]), row["level"], row["shape"])


def _seller_row(s: Seller) -> dict[str, Any]:
    return {
        "platform": s.platform.value, "open_id": s.open_id, "shop_id": s.shop_id, "shop_name": s.shop_name,
        "nick": s.nick, "company_name": s.company_name, "names": _j(s.names), "behaviour": _j(s.behaviour),
    }  # fmt: skip


def _seller(row: Row) -> Seller:
    return Seller(
        id=row["id"], platform=CatalogPlatform(row["platform"]), open_id=row["open_id"], shop_id=row["shop_id"],
        shop_name=row["shop_name"], nick=row["nick"], company_name=row["company_name"], names=orjson.loads(row["names"]),
        behaviour=orjson.loads(row["behaviour"]),
    )  # fmt: skip


def _product_row(p: Product) -> dict[str, Any]:
    return {
        "platform": p.platform.value, "external_id": p.external_id, "mp_id": p.mp_id, "seller_id": p.seller_id,
        "category_id": p.category_id, "titles": _j(p.titles), "description": p.description, "status": p.status.value,
        "currency": p.currency, "price_fen": p.price_fen, "promotion_price_fen": p.promotion_price_fen,
        "consign_price_fen": p.consign_price_fen,
        "price_ranges": _j([[r.start_quantity, r.price_fen] for r in p.price_ranges]),
        "min_order_quantity": p.min_order_quantity, "unit": p.unit, "month_sold": p.month_sold,
        "repurchase_rate_bp": p.repurchase_rate_bp, "is_jxhy": p.is_jxhy, "images": _j(p.images),
        "attributes": _j(p.attributes), "created_at_ms": p.created_at_ms, "updated_at_ms": p.updated_at_ms,
    }  # fmt: skip


def _product(row: Row) -> Product:
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


def _sku_row(s: Sku) -> dict[str, Any]:
    return {
        "product_id": s.product_id, "sku_id": s.sku_id, "spec_id": s.spec_id, "mp_sku_id": s.mp_sku_id,
        "properties": _j([[p.prop_id, p.prop_names, p.value_id, p.value_names] for p in s.properties]),
        "price_fen": s.price_fen, "promotion_price_fen": s.promotion_price_fen, "consign_price_fen": s.consign_price_fen,
        "stock": s.stock, "status": s.status.value, "image": s.image,
    }  # fmt: skip


def _sku(row: Row) -> Sku:
    return Sku(
        id=row["id"], product_id=row["product_id"], sku_id=row["sku_id"], spec_id=row["spec_id"],
        mp_sku_id=row["mp_sku_id"],
        properties=[SkuProperty(a, b, c, d) for a, b, c, d in orjson.loads(row["properties"])],
        price_fen=row["price_fen"], promotion_price_fen=row["promotion_price_fen"],
        consign_price_fen=row["consign_price_fen"], stock=row["stock"], status=ProductStatus(row["status"]),
        image=row["image"],
    )  # fmt: skip
