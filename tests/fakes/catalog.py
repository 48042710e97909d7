"""In-memory categories, sellers, products and their stock (the port in domain/catalog/ports.py).

Search is a plain filter and sort over the rows (a keyword matches a title containing it, in any language; relevance
is sales): enough to test a service that lists goods, not a model of the store's full-text ranking.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from kuajing.domain.catalog.model import CatalogPlatform, Category, Product, ProductStatus, Seller, Sku
from kuajing.domain.catalog.search import ProductQuery, SearchPage, SortKey
from kuajing.domain.errors import ConcurrentUpdateError
from tests.fakes.tables import Embedding, Reservation, Tables


class FakeCatalogRepository:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    # categories and sellers
    def add_category(self, category: Category) -> None:
        self._t.categories[category.id] = copy.deepcopy(category)

    def get_category(self, category_id: int) -> Category | None:
        return copy.deepcopy(self._t.categories.get(category_id))

    def list_categories(self) -> list[Category]:
        return [copy.deepcopy(c) for _, c in sorted(self._t.categories.items())]

    def add_seller(self, seller: Seller) -> Seller:
        seller.id = self._t.next_id("sellers")
        self._t.sellers[seller.id] = copy.deepcopy(seller)
        return seller

    def get_seller(self, seller_id: int) -> Seller | None:
        return copy.deepcopy(self._t.sellers.get(seller_id))

    def find_seller(self, *, open_id: str) -> Seller | None:
        return next((copy.deepcopy(s) for s in self._t.sellers.values() if s.open_id == open_id), None)

    def save_seller(self, seller: Seller) -> None:
        self._t.sellers[seller.id] = copy.deepcopy(seller)

    # products
    def add_product(self, product: Product) -> Product:
        product.id, product.version = self._t.next_id("products"), 1
        for sku in product.skus:
            sku.id, sku.product_id = self._t.next_id("skus"), product.id
        self._t.products[product.id] = copy.deepcopy(product)
        return product

    def get_product(self, product_id: int) -> Product | None:
        return copy.deepcopy(self._t.products.get(product_id))

    def find_product(self, platform: CatalogPlatform, external_id: int) -> Product | None:
        found = (p for p in self._t.products.values() if (p.platform, p.external_id) == (platform, external_id))
        return copy.deepcopy(next(found, None))

    def find_product_by_mp_id(self, mp_id: int) -> Product | None:
        return copy.deepcopy(next((p for p in self._t.products.values() if p.mp_id == mp_id), None))

    def save_product(self, product: Product) -> None:
        stored = self._t.products.get(product.id)
        if stored is None or stored.version != product.version:
            raise ConcurrentUpdateError(f"product {product.external_id} was changed concurrently")
        product.version += 1
        saved = copy.deepcopy(product)
        stock = {s.id: s.stock for s in stored.skus}
        for sku in saved.skus:  # as the store's UPDATE: stock is not written back, it moves by reservation
            sku.stock = stock.get(sku.id, sku.stock)
        self._t.products[product.id] = saved

    def _sku(self, sku_pk: int) -> Sku | None:
        return next((s for p in self._t.products.values() for s in p.skus if s.id == sku_pk), None)

    def get_sku(self, sku_pk: int) -> Sku | None:
        return copy.deepcopy(self._sku(sku_pk))

    # stock
    def reserve_stock(self, *, sku_pk: int, quantity: int, owner: str, now_ms: int) -> bool:
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        sku = self._sku(sku_pk)
        if sku is None or sku.stock < quantity:
            return False
        sku.stock -= quantity
        self._t.reservations.append(Reservation(sku_pk, owner, quantity))
        return True

    def release_stock(self, *, owner: str, now_ms: int) -> int:
        released = 0
        for r in self._t.reservations:
            if r.owner == owner and r.state == "active":
                r.state = "released"
                sku = self._sku(r.sku_pk)
                if sku is not None:
                    sku.stock += r.quantity
                released += r.quantity
        return released

    def consume_stock(self, *, owner: str, now_ms: int) -> int:
        consumed = 0
        for r in self._t.reservations:
            if r.owner == owner and r.state == "active":
                r.state = "consumed"
                consumed += r.quantity
        return consumed

    # search and batch reads
    def category_path(self, category_id: int) -> list[Category]:
        path: list[Category] = []
        current = self._t.categories.get(category_id)
        while current is not None:
            path.append(copy.deepcopy(current))
            current = self._t.categories.get(current.parent_id) if current.parent_id is not None else None
        return list(reversed(path))

    def category_children(self, category_id: int | None) -> list[Category]:
        return [copy.deepcopy(c) for _, c in sorted(self._t.categories.items()) if c.parent_id == category_id]

    def index_product(self, product: Product) -> None:
        """Nothing to index: the fake's search reads the rows themselves."""

    def search_products(self, q: ProductQuery) -> SearchPage:
        def matches(p: Product) -> bool:
            in_category = q.category_id is None or q.category_id in {c.id for c in self.category_path(p.category_id)}
            return (
                p.platform is q.platform
                and in_category
                and (q.keyword is None or any(q.keyword in t for t in p.titles.values()))
                and (q.seller_id is None or p.seller_id == q.seller_id)
                and (not q.jxhy_only or p.is_jxhy)
                and (q.price_min_fen is None or p.price_fen >= q.price_min_fen)
                and (q.price_max_fen is None or p.price_fen <= q.price_max_fen)
                and (not q.active_only or p.status is ProductStatus.ACTIVE)
            )

        found = [p for _, p in sorted(self._t.products.items()) if matches(p)]
        order = {
            SortKey.RELEVANCE: lambda p: (-p.month_sold, p.id),
            SortKey.SALES_DESC: lambda p: (-p.month_sold, p.id),
            SortKey.PRICE_ASC: lambda p: (p.price_fen, p.id),
            SortKey.PRICE_DESC: lambda p: (-p.price_fen, p.id),
            SortKey.NEWEST: lambda p: (-p.created_at_ms, -p.id),
        }[q.sort]
        found.sort(key=order)
        return SearchPage(len(found), [p.id for p in found[q.offset : q.offset + q.limit]])

    def get_products(self, ids: list[int], *, skus: bool = True) -> list[Product]:
        products = [copy.deepcopy(self._t.products[i]) for i in ids if i in self._t.products]
        if not skus:
            for p in products:
                p.skus = []
        return products

    def get_sellers(self, ids: Iterable[int]) -> dict[int, Seller]:
        return {i: copy.deepcopy(self._t.sellers[i]) for i in ids if i in self._t.sellers}

    def list_sellers(self, platform: CatalogPlatform | None = None) -> list[Seller]:
        sellers = sorted(self._t.sellers.items())
        return [copy.deepcopy(s) for _, s in sellers if platform is None or s.platform is platform]

    def product_ids_after(self, after_id: int, limit: int) -> list[int]:
        return sorted(i for i in self._t.products if i > after_id)[:limit]

    def count_products(self, platform: CatalogPlatform | None = None) -> int:
        return sum(1 for p in self._t.products.values() if platform is None or p.platform is platform)

    def existing_external_ids(self, platform: CatalogPlatform, external_ids: list[int]) -> set[int]:
        wanted = set(external_ids)
        return {p.external_id for p in self._t.products.values() if p.platform is platform and p.external_id in wanted}

    # image embeddings
    def save_embedding(self, *, product_id: int, model: str, dim: int, vector: bytes, now_ms: int) -> None:
        kept = [e for e in self._t.embeddings if e.product_id != product_id]
        self._t.embeddings = [*kept, Embedding(self._t.next_id("embeddings"), product_id, model, dim, vector)]

    def embeddings_after(self, after_id: int, limit: int) -> list[dict[str, Any]]:
        rows = [e for e in self._t.embeddings if e.id > after_id and e.product_id in self._t.products][:limit]
        return [
            {"id": e.id, "product_id": e.product_id, "dim": e.dim, "vector": e.vector,
             "platform": self._t.products[e.product_id].platform.value}
            for e in rows
        ]  # fmt: skip

    def products_without_embedding(self, after_id: int, limit: int) -> list[int]:
        embedded = {e.product_id for e in self._t.embeddings}
        return [i for i in self.product_ids_after(after_id, len(self._t.products)) if i not in embedded][:limit]
