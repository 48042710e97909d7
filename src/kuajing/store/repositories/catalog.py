"""The catalog on SQL. Products load with their SKUs in two statements (no N+1)."""

from __future__ import annotations

from kuajing.domain.catalog.model import (
    CatalogPlatform,
    Category,
    Product,
    Seller,
    Sku,
)
from kuajing.domain.errors import ConcurrentUpdateError
from kuajing.store.db import Row, Tx
from kuajing.store.repositories import catalog_rows
from kuajing.store.repositories.catalog_batch import CatalogBatchMixin
from kuajing.store.repositories.catalog_search import CatalogSearchMixin
from kuajing.store.search_memory import SearchMemory


class SqlCatalogRepository(CatalogSearchMixin, CatalogBatchMixin):
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
                "n": catalog_rows.json_text(category.names),
                "l": category.level,
                "s": category.shape,
            },
        )
        self.forget_categories()

    def get_category(self, category_id: int) -> Category | None:
        row = self._tx.one("SELECT * FROM categories WHERE id = :id", {"id": category_id})
        return catalog_rows.category(row) if row else None

    def list_categories(self) -> list[Category]:
        return [catalog_rows.category(r) for r in self._tx.all("SELECT * FROM categories ORDER BY id")]

    # sellers ---------------------------------------------------------------------------------------------------
    def add_seller(self, seller: Seller) -> Seller:
        row = self._tx.one(
            "INSERT INTO sellers (platform, open_id, shop_id, shop_name, nick, company_name, names, behaviour)"
            " VALUES (:platform, :open_id, :shop_id, :shop_name, :nick, :company_name, :names, :behaviour) RETURNING id",
            catalog_rows.seller_row(seller),
        )
        assert row is not None
        seller.id = row["id"]
        return seller

    def get_seller(self, seller_id: int) -> Seller | None:
        row = self._tx.one("SELECT * FROM sellers WHERE id = :id", {"id": seller_id})
        return catalog_rows.seller(row) if row else None

    def find_seller(self, *, open_id: str) -> Seller | None:
        row = self._tx.one("SELECT * FROM sellers WHERE open_id = :o", {"o": open_id})
        return catalog_rows.seller(row) if row else None

    def save_seller(self, seller: Seller) -> None:
        self.__dict__.pop("_context_cache", None)  # shop names are part of the search document's context
        self.__dict__.pop("_seller_text_cache", None)
        self._tx.execute(
            "UPDATE sellers SET shop_name = :shop_name, nick = :nick, company_name = :company_name, names = :names,"
            " behaviour = :behaviour WHERE id = :id",
            {**catalog_rows.seller_row(seller), "id": seller.id},
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
            catalog_rows.product_row(product),
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
                catalog_rows.sku_row(sku),
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
            {**catalog_rows.product_row(product), "id": product.id, "version": product.version},
        )
        if changed != 1:
            raise ConcurrentUpdateError(f"product {product.external_id} was changed concurrently")
        product.version += 1
        for sku in product.skus:
            self._tx.execute(
                "UPDATE skus SET spec_id = :spec_id, mp_sku_id = :mp_sku_id, properties = :properties,"
                " price_fen = :price_fen, promotion_price_fen = :promotion_price_fen,"
                " consign_price_fen = :consign_price_fen, status = :status, image = :image WHERE id = :id",
                {**catalog_rows.sku_row(sku), "id": sku.id},
            )
        self.index_product(product)

    def get_sku(self, sku_pk: int) -> Sku | None:
        row = self._tx.one("SELECT * FROM skus WHERE id = :id", {"id": sku_pk})
        return catalog_rows.sku(row) if row else None

    def _with_skus(self, row: Row) -> Product:
        product = catalog_rows.product(row)
        product.skus = [
            catalog_rows.sku(r)
            for r in self._tx.all("SELECT * FROM skus WHERE product_id = :p ORDER BY id", {"p": product.id})
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
            return [catalog_rows.seller(r) for r in self._tx.all("SELECT * FROM sellers ORDER BY id")]
        found = self._tx.all("SELECT * FROM sellers WHERE platform = :p ORDER BY id", {"p": platform.value})
        return [catalog_rows.seller(r) for r in found]
