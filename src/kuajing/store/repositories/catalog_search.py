"""Search, batch reads and image embeddings of the catalog (mixed into :class:`SqlCatalogRepository`).

The text index is incremental by construction: :meth:`CatalogSearchMixin.index_product` writes one row of
``product_search`` and the back end's index follows (FTS5 triggers on SQLite, a generated ``tsvector`` with GIN on
PostgreSQL). The document is the folded token stream of every title, the category path and the shop names, plus
*filter tokens* (platform, every ancestor category, seller, strict selection, on sale), so that category, seller and
strict-selection filters are index terms: counting and paging them costs what the keyword costs.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from kuajing.domain.catalog.model import CatalogPlatform, Category, Product, ProductStatus, Seller
from kuajing.domain.catalog.search import ProductQuery, SearchPage, SortKey
from kuajing.search import buckets
from kuajing.search.tokenize import document_text, fts5_match, pg_tsquery
from kuajing.store.db import Row, Tx

#: Keyword queries whose match set is at most this large are ranked by relevance (bm25 / ts_rank); larger match
#: sets are ordered by sales — ranking every match of a broad query costs more than it tells.
RANK_LIMIT = 2_000
#: SQLite joins of the full-text matches with ``products`` go through this narrow covering index (migration 0004b):
#: a product row is wide and ``price_fen``/``month_sold`` sit behind its JSON columns (3× faster at 100k).
#: Match sets up to this size are joined with ``products`` and sorted directly; larger ones are paged by walking the
#: price or sales buckets in sort order (see :mod:`kuajing.search.buckets`).
SORT_LIMIT = 3_000
#: A price-range count checks each match's price when the keyword matches at most this many products (found with a
#: ``LIMIT``-ed scan), and counts whole price buckets in the index beyond that.
JOIN_LIMIT = 8_000
#: Bucket populations (a heuristic for how many buckets one statement may cover) are re-read this often.
POPULATION_TTL_S = 600.0
_populations: dict[tuple[int, str, str], tuple[float, list[int]]] = {}
#: Exact counts of recent SQLite queries (paging through one query re-counts the same matches), valid while the
#: full-text index is unchanged: keyed by the FTS5 structure record, which every committed index write rewrites,
#: and by the connection's own change counter (uncommitted writes of the same transaction).
COUNT_CACHE_SIZE = 1024
_counts: OrderedDict[tuple[object, ...], int] = OrderedDict()
_counts_lock = threading.Lock()


@lru_cache(maxsize=8192)
def _cached_document_text(text: str) -> str:
    """Category and shop names recur across thousands of products: tokenise each distinct one once."""
    return document_text(text)


def filter_tokens(product: Product, ancestors: Iterable[int]) -> list[str]:
    tokens = [f"zzp{product.platform.value}", f"zzs{product.seller_id}"]
    tokens += [f"zzc{c}" for c in ancestors]
    if product.is_jxhy:
        tokens.append("zzjx")
    # ``zzon`` (on sale) for PostgreSQL's filter; ``zzoff`` for SQLite's, where ``… NOT "zzoff"`` skips a short list
    # instead of intersecting with one that holds nearly every document.
    tokens.append("zzon" if product.status is ProductStatus.ACTIVE else "zzoff")
    return tokens + buckets.tokens(product.price_fen, product.month_sold)


def _and(m: str, extra: str | None) -> str:
    return f"{m} AND ({extra})" if extra else m


def _any(tokens: Iterable[str]) -> str:
    return " OR ".join(f'"{t}"' for t in tokens)


def _price_range(lo: int | None, hi: int | None) -> range:
    edges = buckets.PRICE_EDGES
    return range(buckets.bucket(edges, lo) if lo is not None else 0, (buckets.bucket(edges, hi) if hi is not None
                 else len(edges)) + 1)  # fmt: skip


def _price_split(lo: int | None, hi: int | None) -> tuple[list[int], list[int]]:
    """The buckets of ``[lo, hi]``: those wholly inside it (no row check needed) and the partial ones at its edges."""
    inner: list[int] = []
    edge: list[int] = []
    for b in _price_range(lo, hi):
        low, high = buckets.bounds(buckets.PRICE_EDGES, b)
        inside_low = lo is None or (low is not None and low >= lo)
        inside_high = hi is None or (high is not None and high - 1 <= hi)
        (inner if inside_low and inside_high else edge).append(b)
    return inner, edge


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
        self.__dict__.pop("_seller_text_cache", None)

    # the search document ----------------------------------------------------------------------------------------
    def _context_text(self, category_id: int, seller_id: int) -> str:
        """Tokens of the category path and the shop names (cached: thousands of products share them)."""
        cache: dict[tuple[int, int], str] = self.__dict__.setdefault("_context_cache", {})
        key = (category_id, seller_id)
        if key not in cache:
            texts: list[str] = []
            for cat in self.category_path(category_id):
                texts.extend(cat.names.values())
            texts.extend(self._seller_texts(seller_id))
            if len(cache) > 50_000:
                cache.clear()
            cache[key] = " ".join(_cached_document_text(t) for t in dict.fromkeys(texts))
        return cache[key]

    def _seller_texts(self, seller_id: int) -> list[str]:
        cache: dict[int, list[str]] = self.__dict__.setdefault("_seller_text_cache", {})
        if seller_id not in cache:
            row = self._tx.one("SELECT shop_name, names FROM sellers WHERE id = :id", {"id": seller_id})
            if len(cache) > 50_000:
                cache.clear()
            cache[seller_id] = [row["shop_name"], *json.loads(row["names"]).values()] if row else []
        return cache[seller_id]

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
    def _price_sql(lo: int | None, hi: int | None, params: dict[str, Any]) -> str:
        sql = ""
        if lo is not None:
            sql += " AND p.price_fen >= :pmin"
            params["pmin"] = lo
        if hi is not None:
            sql += " AND p.price_fen <= :pmax"
            params["pmax"] = hi
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
        terms = [f'"{t}"' for t in self._filters(q) if t != "zzon"]
        m = " AND ".join(([f"({keyword})"] if keyword else []) + terms)
        if q.active_only:
            m = f'(({m}) NOT "zzoff")'
        lo, hi = q.price_min_fen, q.price_max_fen
        total = self._fts_count(m, lo, hi)
        if total == 0 or q.offset >= total:
            return SearchPage(total, [])
        if q.sort is SortKey.RELEVANCE and keyword and total <= RANK_LIMIT:
            params: dict[str, Any] = {"m": m, "lim": q.limit, "off": q.offset}
            price = self._price_sql(lo, hi, params)
            rows = self._tx.all(
                "SELECT f.rowid AS id FROM product_fts f JOIN products p INDEXED BY ix_products_id_price_sales ON p.id = f.rowid"
                f" WHERE product_fts MATCH :m{price} ORDER BY f.rank, f.rowid LIMIT :lim OFFSET :off"
                if price
                else "SELECT rowid AS id FROM product_fts WHERE product_fts MATCH :m ORDER BY rank, rowid"
                " LIMIT :lim OFFSET :off",
                params,
            )
            return SearchPage(total, [r["id"] for r in rows])
        if total <= SORT_LIMIT or q.sort is SortKey.NEWEST:
            ids = self._fts_sorted(m, lo, hi, q.sort, q.limit, q.offset)
        else:
            ids = self._fts_walk(m, lo, hi, q, total)
        return SearchPage(total, ids)

    def _fts_count(self, m: str, lo: int | None, hi: int | None) -> int:
        key = (*self._index_state(), m, lo, hi)
        with _counts_lock:
            n = _counts.get(key)
        if n is None:
            n = self._fts_count_uncached(m, lo, hi)
            with _counts_lock:
                _counts[key] = n
                if len(_counts) > COUNT_CACHE_SIZE:
                    _counts.popitem(last=False)
        return n

    def _index_state(self) -> tuple[object, ...]:
        conn: Any = getattr(self._tx, "_conn", None)
        where = self.__dict__.get("_db_file")
        if where is None:
            where = self.__dict__["_db_file"] = tuple(r["file"] for r in self._tx.all("PRAGMA database_list"))
        structure = self._tx.scalar("SELECT block FROM product_fts_data WHERE id = 10")
        return (where, id(conn), getattr(conn, "total_changes", 0), bytes(structure or b""))

    def _fts_count_uncached(self, m: str, lo: int | None, hi: int | None) -> int:
        """Exact number of matches: the full-text index alone, plus a row check of the price range's edge buckets."""
        if lo is None and hi is None:
            return int(self._tx.scalar("SELECT count(*) AS n FROM product_fts WHERE product_fts MATCH :m", {"m": m}))
        capped = self._tx.scalar(
            "SELECT count(*) AS n FROM (SELECT 1 FROM product_fts WHERE product_fts MATCH :m LIMIT :cap) x",
            {"m": m, "cap": JOIN_LIMIT + 1},
        )
        if int(capped) <= JOIN_LIMIT:  # few matches: checking each one's price is cheaper than the bucket lists
            params: dict[str, Any] = {"m": m}
            price = self._price_sql(lo, hi, params)
            return int(
                self._tx.scalar(
                    "SELECT count(*) AS n FROM product_fts f JOIN products p INDEXED BY ix_products_id_price_sales"
                    f" ON p.id = f.rowid WHERE product_fts MATCH :m{price}",
                    params,
                )
            )
        inner, edges = _price_split(lo, hi)
        n = 0
        if inner:
            n += int(
                self._tx.scalar(
                    "SELECT count(*) AS n FROM product_fts WHERE product_fts MATCH :m",
                    {"m": _and(m, _any(buckets.price_token(b) for b in inner))},
                )
            )
        if edges:
            params = {"m": _and(m, _any(buckets.price_token(b) for b in edges))}
            price = self._price_sql(lo, hi, params)
            n += int(
                self._tx.scalar(
                    "SELECT count(*) AS n FROM product_fts f JOIN products p INDEXED BY ix_products_id_price_sales ON p.id = f.rowid"
                    f" WHERE product_fts MATCH :m{price}",
                    params,
                )
            )
        return n

    def _fts_sorted(self, m: str, lo: int | None, hi: int | None, sort: SortKey, limit: int, offset: int) -> list[int]:
        params: dict[str, Any] = {"m": m, "lim": limit, "off": offset}
        price = self._price_sql(lo, hi, params)
        rows = self._tx.all(
            "SELECT p.id FROM product_fts f JOIN products p INDEXED BY ix_products_id_price_sales ON p.id = f.rowid"
            f" WHERE product_fts MATCH :m{price} ORDER BY {self._order_sql(sort)} LIMIT :lim OFFSET :off",
            params,
        )
        return [r["id"] for r in rows]

    def _fts_walk(self, m: str, lo: int | None, hi: int | None, q: ProductQuery, total: int) -> list[int]:
        """One page of a large match set in sort order: take the price (or sales) buckets in that order, a group of
        them at a time sized by how many products they hold, and sort only the matches of the groups the page
        needs. Exact: buckets partition the sort key, so the groups' pages concatenate to the page of the whole."""
        by_price = q.sort in (SortKey.PRICE_ASC, SortKey.PRICE_DESC)
        kind = "price" if by_price else "sales"
        edges = buckets.PRICE_EDGES if by_price else buckets.SALES_EDGES
        token = buckets.price_token if by_price else buckets.sales_token
        population = self._bucket_population(q.platform, kind)
        order = [b for b, n in enumerate(population) if n]
        if by_price:
            first = buckets.bucket(edges, lo) if lo is not None else 0
            last = buckets.bucket(edges, hi) if hi is not None else len(edges)
            order = [b for b in order if first <= b <= last]
        if q.sort is not SortKey.PRICE_ASC:
            order.reverse()
        # Expected matches per product of the platform, to size the groups (a heuristic: results do not depend on it).
        density = min(1.0, total / max(1, sum(population)))
        need, skip, out = q.limit, q.offset, list[int]()
        i = 0
        while i < len(order) and need > 0:
            group = [order[i]]
            expected = population[order[i]] * density
            while i + len(group) < len(order) and expected < 2 * (need + skip) and expected < SORT_LIMIT / 2:
                group.append(order[i + len(group)])
                expected += population[group[-1]] * density
            i += len(group)
            mg = _and(m, _any(token(b) for b in group))
            if skip:
                params: dict[str, Any] = {"m": mg}
                price = self._price_sql(lo, hi, params)
                n = int(
                    self._tx.scalar(
                        "SELECT count(*) AS n FROM product_fts f JOIN products p INDEXED BY ix_products_id_price_sales ON p.id = f.rowid"
                        f" WHERE product_fts MATCH :m{price}",
                        params,
                    )
                    if price
                    else self._tx.scalar("SELECT count(*) AS n FROM product_fts WHERE product_fts MATCH :m", params)
                )
                if n <= skip:
                    skip -= n
                    continue
            ids = self._fts_sorted(mg, lo, hi, q.sort, need, skip)
            out += ids
            need -= len(ids)
            skip = 0
        return out

    def _bucket_population(self, platform: CatalogPlatform, kind: str) -> list[int]:
        """Products of the platform per price or sales bucket (cached per connection for a few minutes)."""
        import time

        key = (id(getattr(self._tx, "_conn", None)), platform.value, kind)
        cached = _populations.get(key)
        if cached is not None and time.monotonic() - cached[0] < POPULATION_TTL_S:
            return cached[1]
        column, edges = ("price_fen", buckets.PRICE_EDGES) if kind == "price" else ("month_sold", buckets.SALES_EDGES)
        counts = [0] * (len(edges) + 1)
        for r in self._tx.all(
            f"SELECT {column} AS v, count(*) AS n FROM products WHERE platform = :p GROUP BY {column}",
            {"p": platform.value},
        ):
            counts[buckets.bucket(edges, int(r["v"]))] += int(r["n"])
        _populations[key] = (time.monotonic(), counts)
        return counts

    def _search_pg(self, q: ProductQuery) -> SearchPage:
        keyword = pg_tsquery(q.keyword) if q.keyword else None
        parts = ([f"({keyword})"] if keyword else []) + [f"'{t}'" for t in self._filters(q)]
        params: dict[str, Any] = {"m": " & ".join(parts), "lim": q.limit, "off": q.offset}
        price = self._price_sql(q.price_min_fen, q.price_max_fen, params)
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
