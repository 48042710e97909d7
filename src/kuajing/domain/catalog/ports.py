"""Repository port of the catalog, implemented by the store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from kuajing.domain.catalog.model import CatalogPlatform, Category, Product, Seller, Sku
from kuajing.domain.catalog.search import ProductQuery, SearchPage
from kuajing.domain.transaction import Transaction


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

    # search and batch reads (goods) ------------------------------------------------------------------------------
    def category_path(self, category_id: int) -> list[Category]:
        """The category and its ancestors, root first (empty if unknown)."""
        ...

    def category_children(self, category_id: int | None) -> list[Category]: ...

    def index_product(self, product: Product) -> None:
        """Rewrite the product's search document (add/save do this already)."""
        ...

    def search_products(self, q: ProductQuery) -> SearchPage: ...

    def get_products(self, ids: list[int], *, skus: bool = True) -> list[Product]:
        """Products in the order of ``ids`` (unknown ids are skipped), with their SKUs unless ``skus`` is False."""
        ...

    def get_sellers(self, ids: Iterable[int]) -> dict[int, Seller]: ...

    def list_sellers(self, platform: CatalogPlatform | None = None) -> list[Seller]:
        """Every seller, or those of one platform (the Taobao sandbox finds sellers by shopId / userNick)."""
        ...

    def product_ids_after(self, after_id: int, limit: int) -> list[int]: ...

    def count_products(self, platform: CatalogPlatform | None = None) -> int: ...

    def existing_external_ids(self, platform: CatalogPlatform, external_ids: list[int]) -> set[int]: ...

    # image embeddings
    def save_embedding(self, *, product_id: int, model: str, dim: int, vector: bytes, now_ms: int) -> None: ...

    def embeddings_after(self, after_id: int, limit: int) -> list[dict[str, Any]]: ...

    def products_without_embedding(self, after_id: int, limit: int) -> list[int]: ...


class UnitOfWork(Transaction, Protocol):
    """What the catalog's services need of a unit of work."""

    @property
    def catalog(self) -> CatalogRepository: ...
