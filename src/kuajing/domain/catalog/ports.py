"""Repository port of the catalog, implemented by the store."""

from __future__ import annotations

from typing import Protocol

from kuajing.domain.catalog.model import CatalogPlatform, Category, Product, Seller, Sku


class CatalogRepository(Protocol):
    # categories and sellers
    def add_category(self, category: Category) -> None: ...

    def get_category(self, category_id: int) -> Category | None: ...

    def list_categories(self) -> list[Category]: ...

    def add_seller(self, seller: Seller) -> Seller: ...

    def get_seller(self, seller_id: int) -> Seller | None: ...

    def find_seller(self, *, open_id: str) -> Seller | None: ...

    def save_seller(self, seller: Seller) -> None: ...

    # products
    def add_product(self, product: Product) -> Product:
        """Insert a product with its SKUs; fills in the internal ids."""
        ...

    def get_product(self, product_id: int) -> Product | None: ...

    def find_product(self, platform: CatalogPlatform, external_id: int) -> Product | None: ...

    def find_product_by_mp_id(self, mp_id: int) -> Product | None: ...

    def save_product(self, product: Product) -> None:
        """Write the product and its SKUs back (prices, status, texts); refuses a stale version."""
        ...

    def get_sku(self, sku_pk: int) -> Sku | None: ...

    # stock: reservations are rows with an owner; the guarded decrement makes overselling impossible
    def reserve_stock(self, *, sku_pk: int, quantity: int, owner: str, now_ms: int) -> bool:
        """Take ``quantity`` from the SKU's stock for ``owner`` (e.g. "tb-line:200033789041"); False if short."""
        ...

    def release_stock(self, *, owner: str, now_ms: int) -> int:
        """Give back everything ``owner`` still holds; returns the quantity released (0 if already released)."""
        ...

    def consume_stock(self, *, owner: str, now_ms: int) -> int:
        """Mark ``owner``'s reservations as sold (shipped); they can no longer be released."""
        ...

    # added for the Taobao sandbox (seller behaviour by shopId / userNick)
    def list_sellers(self, platform: CatalogPlatform) -> list[Seller]: ...
