"""Search, batch reads and image embeddings of the catalog (mixed into :class:`SqlCatalogRepository`).

The text index is incremental by construction: :meth:`CatalogSearchMixin.index_product` writes one row of
``product_search`` and the back end's index follows (FTS5 triggers on SQLite, a generated ``tsvector`` with GIN on
PostgreSQL). The document is the folded token stream of every title, the category path and the shop names, plus
*filter tokens* (platform, every ancestor category, seller, strict selection, on sale), so that category, seller and
strict-selection filters are index terms: counting and paging them costs what the keyword costs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from kuajing.domain.catalog.model import CatalogPlatform, Category, Product, ProductStatus, Seller
from kuajing.domain.catalog.search import ProductQuery, SearchPage, SortKey
from kuajing.search.tokenize import document_text, fts5_match, pg_tsquery
from kuajing.store.db import Row, Tx

#: Keyword queries whose match set is at most this large are ranked by relevance (bm25 / ts_rank); larger match
#: sets are ordered by sales — ranking every match of a broad query costs more than it tells.
RANK_LIMIT = 2_000


def filter_tokens(product: Product, ancestors: Iterable[int]) -> list[str]:
    tokens = [f"zzp{product.platform.value}", f"zzs{product.seller_id}"]
    tokens += [f"zzc{c}" for c in ancestors]
    if product.is_jxhy:
        tokens.append("zzjx")
    if product.status is ProductStatus.ACTIVE:
        tokens.append("zzon")
    return tokens


class CatalogSearchMixin:
    _tx: Tx
    _category_cache: dict[int, Category]

    # categories ------------------------------------------------------------------------------------------------
    def _categories(self) -> dict[int, Category]:
        cache = getattr(self, "_category_cache", None)
        if cache is None:
            rows = self._tx.all("SELECT * FROM categories")
            cache = {
                r["id"]: Category(r["id"], r["parent_id"], r["key"], json.loads(r["names"]), r["level"], r["shape"])
                for r in rows
            }
            self._category_cache = cache
        return cache

    def category_path(self, category_id: int) -> list[Category]:
        """The category and its ancestors, root first (empty if unknown)."""
        cats = self._categories()
        path: list[Category] = []
        current = cats.get(category_id)
        while current is not None and len(path) < 16:
            path.append(current)
            current = cats.get(current.parent_id) if current.parent_id is not None else None
        return list(reversed(path))

    def category_children(self, category_id: int | None) -> list[Category]:
        return sorted((c for c in self._categories().values() if c.parent_id == category_id), key=lambda c: c.id)

    def forget_categories(self) -> None:
        self.__dict__.pop("_category_cache", None)
        self.__dict__.pop("_context_cache", None)

    # the search document ----------------------------------------------------------------------------------------
    def _context_text(self, category_id: int, seller_id: int) -> str:
        """Tokens of the category path and the shop names (cached: thousands of products share them)."""
        cache: dict[tuple[int, int], str] = self.__dict__.setdefault("_context_cache", {})
        key = (category_id, seller_id)
        if key not in cache:
            texts: list[str] = []
            for cat in self.category_path(category_id):
                texts.extend(cat.names.values())
            row = self._tx.one("SELECT shop_name, names FROM sellers WHERE id = :id", {"id": seller_id})
            if row:
                texts.extend([row["shop_name"], *json.loads(row["names"]).values()])
            if len(cache) > 50_000:
                cache.clear()
            cache[key] = " ".join(document_text(t) for t in dict.fromkeys(texts))
        return cache[key]

    def search_document(self, product: Product) -> str:
        titles = " ".join(document_text(t) for t in product.titles.values())
        ancestors = [c.id for c in self.category_path(product.category_id)]
        context = self._context_text(product.category_id, product.seller_id)
        return f"{titles} {context} " + " ".join(filter_tokens(product, ancestors))

    def index_product(self, product: Product) -> None:
        """Write (or rewrite) the product's search document; the text index follows incrementally."""
        self._tx.execute(
            "INSERT INTO product_search (product_id, body) VALUES (:id, :body)"
            " ON CONFLICT (product_id) DO UPDATE SET body = excluded.body",
            {"id": product.id, "body": self.search_document(product)},
        )

    # search -----------------------------------------------------------------------------------------------------
    def search_products(self, q: ProductQuery) -> SearchPage:
        if self._tx.dialect == "sqlite":
            return self._search_sqlite(q)
        return self._search_pg(q)

    @staticmethod
    def _filters(q: ProductQuery) -> list[str]:
        tokens = [f"zzp{q.platform.value}"]
        if q.category_id is not None:
            tokens.append(f"zzc{q.category_id}")
        if q.seller_id is not None:
            tokens.append(f"zzs{q.seller_id}")
        if q.jxhy_only:
            tokens.append("zzjx")
        if q.active_only:
            tokens.append("zzon")
        return tokens

    @staticmethod
    def _price_sql(q: ProductQuery, params: dict[str, Any]) -> str:
        sql = ""
        if q.price_min_fen is not None:
            sql += " AND p.price_fen >= :pmin"
            params["pmin"] = q.price_min_fen
        if q.price_max_fen is not None:
            sql += " AND p.price_fen <= :pmax"
            params["pmax"] = q.price_max_fen
        return sql

    @staticmethod
    def _order_sql(sort: SortKey) -> str:
        return {
            SortKey.PRICE_ASC: "p.price_fen ASC, p.id ASC",
            SortKey.PRICE_DESC: "p.price_fen DESC, p.id ASC",
            SortKey.NEWEST: "p.id DESC",
        }.get(sort, "p.month_sold DESC, p.id ASC")

    def _search_sqlite(self, q: ProductQuery) -> SearchPage:
        keyword = fts5_match(q.keyword) if q.keyword else None
        parts = ([f"({keyword})"] if keyword else []) + [f'"{t}"' for t in self._filters(q)]
        params: dict[str, Any] = {"m": " AND ".join(parts), "lim": q.limit, "off": q.offset}
        price = self._price_sql(q, params)
        if price:
            total = int(
                self._tx.scalar(
                    "SELECT count(*) AS n FROM product_fts f JOIN products p ON p.id = f.rowid"
                    f" WHERE product_fts MATCH :m{price}",
                    params,
                )
            )
        else:
            total = int(self._tx.scalar("SELECT count(*) AS n FROM product_fts WHERE product_fts MATCH :m", params))
        if total == 0 or q.offset >= total:
            return SearchPage(total, [])
        if q.sort is SortKey.RELEVANCE and keyword and total <= RANK_LIMIT and not price:
            rows = self._tx.all(
                "SELECT rowid AS id FROM product_fts WHERE product_fts MATCH :m ORDER BY rank, rowid"
                " LIMIT :lim OFFSET :off",
                params,
            )
        else:
            rows = self._tx.all(
                "SELECT p.id FROM product_fts f JOIN products p ON p.id = f.rowid"
                f" WHERE product_fts MATCH :m{price} ORDER BY {self._order_sql(q.sort)} LIMIT :lim OFFSET :off",
                params,
            )
        return SearchPage(total, [r["id"] for r in rows])

    def _search_pg(self, q: ProductQuery) -> SearchPage:
        keyword = pg_tsquery(q.keyword) if q.keyword else None
        parts = ([f"({keyword})"] if keyword else []) + [f"'{t}'" for t in self._filters(q)]
        params: dict[str, Any] = {"m": " & ".join(parts), "lim": q.limit, "off": q.offset}
        price = self._price_sql(q, params)
        base = (
            "FROM product_search s JOIN products p ON p.id = s.product_id"
            f" WHERE s.tsv @@ to_tsquery('simple', :m){price}"
        )
        total = int(self._tx.scalar(f"SELECT count(*) AS n {base}", params))
        if total == 0 or q.offset >= total:
            return SearchPage(total, [])
        if q.sort is SortKey.RELEVANCE and keyword and total <= RANK_LIMIT:
            order = "ts_rank(s.tsv, to_tsquery('simple', :m)) DESC, p.id ASC"
        else:
            order = self._order_sql(q.sort)
        rows = self._tx.all(f"SELECT p.id {base} ORDER BY {order} LIMIT :lim OFFSET :off", params)
        return SearchPage(total, [r["id"] for r in rows])

    # batch reads ------------------------------------------------------------------------------------------------
    def get_products(self, ids: list[int]) -> list[Product]:
        """Products with their SKUs in the order of ``ids`` (two statements; unknown ids are skipped)."""
        from kuajing.store.repositories.catalog import _product, _sku

        if not ids:
            return []
        marks = ", ".join(f":i{n}" for n in range(len(ids)))
        params = {f"i{n}": v for n, v in enumerate(ids)}
        products = {r["id"]: _product(r) for r in self._tx.all(f"SELECT * FROM products WHERE id IN ({marks})", params)}
        for r in self._tx.all(f"SELECT * FROM skus WHERE product_id IN ({marks}) ORDER BY id", params):
            products[r["product_id"]].skus.append(_sku(r))
        return [products[i] for i in ids if i in products]

    def get_sellers(self, ids: Iterable[int]) -> dict[int, Seller]:
        from kuajing.store.repositories.catalog import _seller

        wanted = sorted(set(ids))
        if not wanted:
            return {}
        marks = ", ".join(f":i{n}" for n in range(len(wanted)))
        rows = self._tx.all(f"SELECT * FROM sellers WHERE id IN ({marks})", {f"i{n}": v for n, v in enumerate(wanted)})
        return {r["id"]: _seller(r) for r in rows}

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
