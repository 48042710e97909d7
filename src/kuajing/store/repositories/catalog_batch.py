"""Batch reads and image embeddings of the catalog (mixed into :class:`SqlCatalogRepository`): products and sellers
by many ids at once, id walks for the seeders and the embedder, and the stored image vectors the image index
loads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kuajing.domain.catalog.model import CatalogPlatform, Product, Seller
from kuajing.store.db import Row, Tx
from kuajing.store.repositories import catalog_rows


class CatalogBatchMixin:
    _tx: Tx

    # batch reads ------------------------------------------------------------------------------------------------
    def get_products(self, ids: list[int], *, skus: bool = True) -> list[Product]:
        """Products in the order of ``ids`` (unknown ids are skipped), with their SKUs unless ``skus`` is False
        (one statement then, two with them)."""
        if not ids:
            return []
        marks = ", ".join(f":i{n}" for n in range(len(ids)))
        params = {f"i{n}": v for n, v in enumerate(ids)}
        products = {
            r["id"]: catalog_rows.product(r)
            for r in self._tx.all(f"SELECT * FROM products WHERE id IN ({marks})", params)
        }
        if skus:
            for r in self._tx.all(f"SELECT * FROM skus WHERE product_id IN ({marks}) ORDER BY id", params):
                products[r["product_id"]].skus.append(catalog_rows.sku(r))
        return [products[i] for i in ids if i in products]

    def get_sellers(self, ids: Iterable[int]) -> dict[int, Seller]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        marks = ", ".join(f":i{n}" for n in range(len(wanted)))
        found = self._tx.all(f"SELECT * FROM sellers WHERE id IN ({marks})", {f"i{n}": v for n, v in enumerate(wanted)})
        return {r["id"]: catalog_rows.seller(r) for r in found}

    def product_ids_after(self, after_id: int, limit: int) -> list[int]:
        rows = self._tx.all("SELECT id FROM products WHERE id > :a ORDER BY id LIMIT :l", {"a": after_id, "l": limit})
        return [r["id"] for r in rows]

    def count_products(self, platform: CatalogPlatform | None = None) -> int:
        if platform is None:
            return int(self._tx.scalar("SELECT count(*) AS n FROM products"))
        return int(self._tx.scalar("SELECT count(*) AS n FROM products WHERE platform = :p", {"p": platform.value}))

    def existing_external_ids(self, platform: CatalogPlatform, external_ids: list[int]) -> set[int]:
        found: set[int] = set()
        for start in range(0, len(external_ids), 500):
            chunk = external_ids[start : start + 500]
            marks = ", ".join(f":e{n}" for n in range(len(chunk)))
            params: dict[str, Any] = {f"e{n}": v for n, v in enumerate(chunk)}
            params["p"] = platform.value
            rows = self._tx.all(
                f"SELECT external_id FROM products WHERE platform = :p AND external_id IN ({marks})", params
            )
            found.update(r["external_id"] for r in rows)
        return found

    # image embeddings -------------------------------------------------------------------------------------------
    def save_embedding(self, *, product_id: int, model: str, dim: int, vector: bytes, now_ms: int) -> None:
        self._tx.execute("DELETE FROM product_embeddings WHERE product_id = :p", {"p": product_id})
        self._tx.execute(
            "INSERT INTO product_embeddings (product_id, model, dim, vector, created_at_ms)"
            " VALUES (:p, :m, :d, :v, :now)",
            {"p": product_id, "m": model, "d": dim, "v": vector, "now": now_ms},
        )

    def embeddings_after(self, after_id: int, limit: int) -> list[Row]:
        return self._tx.all(
            "SELECT e.id, e.product_id, e.dim, e.vector, p.platform FROM product_embeddings e"
            " JOIN products p ON p.id = e.product_id WHERE e.id > :a ORDER BY e.id LIMIT :l",
            {"a": after_id, "l": limit},
        )

    def products_without_embedding(self, after_id: int, limit: int) -> list[int]:
        rows = self._tx.all(
            "SELECT p.id FROM products p LEFT JOIN product_embeddings e ON e.product_id = p.id"
            " WHERE e.id IS NULL AND p.id > :a ORDER BY p.id LIMIT :l",
            {"a": after_id, "l": limit},
        )
        return [r["id"] for r in rows]
