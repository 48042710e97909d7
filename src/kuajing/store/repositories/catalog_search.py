"""Search of the catalog (mixed into :class:`SqlCatalogRepository`; its batch reads and image embeddings are
catalog_batch.py).

The text index is incremental by construction: :meth:`CatalogSearchMixin.index_product` writes one row of
``product_search`` and the back end's index follows (FTS5 triggers on SQLite, a generated ``tsvector`` with GIN on
PostgreSQL). The document (:func:`build_document`) is the folded token stream of every title, then the *context* —
category path, shop names, attribute values — with its words marked (search/tokenize.py ``CONTEXT_MARK``), plus
*filter tokens* (platform, every ancestor category, seller, strict selection, on sale), so that category, seller and
strict-selection filters are index terms: counting and paging them costs what the keyword costs. A keyword term is
found in a title or in the context; relevance puts title matches first (store/search_relevance.py). On SQLite, what
each operand matches is kept as a bitmap between searches (store/search_memory.py); PostgreSQL answers from its GIN
index.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from pyroaring import BitMap

from kuajing.domain.catalog.model import Category, Product, ProductStatus
from kuajing.domain.catalog.search import ProductQuery, SearchPage, SortKey
from kuajing.search.query import KeywordQuery, any_tsquery, parse_keyword
from kuajing.search.tokenize import context_text, document_text
from kuajing.store.db import Tx
from kuajing.store.search_memory import SearchMemory, SearchView, log_change
from kuajing.store.search_operands import Operand, intersection
from kuajing.store.search_relevance import (
    PHRASE_POINTS,
    RANK_TERMS,
    TITLE_POINTS,
    WHOLE_POINTS,
    TermSets,
    relevance_groups,
)

#: Keyword queries matching at most this many products (before a price range narrows them) are ranked by relevance
#: (bm25 / ts_rank); larger match sets are ordered by sales. Ranking costs per match of the full-text query, which a
#: price range does not narrow (docs/performance.md, "Goods and search"), and a buyer scans a few hundred results, not
#: thousands (docs/goods.md).
RANK_LIMIT = 500
#: Sort keys pack the sort value above the product id in one int64 (ids are below 2^32: search_memory checks).
#: Values are capped at 2^31 - 1 (a price of ¥21,474,836.47, a month's sales of 2 billion); beyond, ties go by id.
_ID_BITS = 32
_MAX_KEY_VALUE = (1 << 31) - 1
_UNRANKED = float("inf")  # bm25 of a match FTS5 did not list (none: both read the same snapshot)


@lru_cache(maxsize=8192)
def _cached_context_text(text: str) -> str:
    """Category, shop and attribute texts recur across thousands of products: tokenise each distinct one once."""
    return context_text(text)


def category_path(categories: Mapping[int, Category], category_id: int) -> list[Category]:
    """The category and its ancestors, root first (empty if unknown; a cycle stops at 16 levels)."""
    path: list[Category] = []
    current = categories.get(category_id)
    while current is not None and len(path) < 16:
        path.append(current)
        current = categories.get(current.parent_id) if current.parent_id is not None else None
    return list(reversed(path))


def filter_tokens(product: Product, ancestors: Iterable[int]) -> list[str]:
    tokens = [f"zzp{product.platform.value}", f"zzs{product.seller_id}"]
    tokens += [f"zzc{c}" for c in ancestors]
    if product.is_jxhy:
        tokens.append("zzjx")
    # ``zzon`` (on sale) for PostgreSQL's filter; ``zzoff`` for SQLite's, where ``… NOT "zzoff"`` skips a short list
    # instead of intersecting with one that holds nearly every document.
    tokens.append("zzon" if product.status is ProductStatus.ACTIVE else "zzoff")
    return tokens


def attribute_values(attributes: Iterable[Any]) -> list[str]:
    """The texts of the attributes' values, in every language given (``{"value": {"zh": "纯棉", …}}``; an imported
    catalog may give a bare string). Attribute names (颜色, Material…) are not searched: every product has them."""
    texts: list[str] = []
    for attribute in attributes:
        value = attribute.get("value") if isinstance(attribute, dict) else None
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            texts.extend(v for v in value.values() if isinstance(v, str))
    return texts


def build_document(product: Product, path: Sequence[Category], seller_texts: Sequence[str]) -> str:
    """The search document of a product: its titles' tokens, then the context's — category path, shop names,
    attribute values — marked as such (search/tokenize.py ``context_text``), then the filter tokens."""
    titles = " ".join(document_text(t) for t in product.titles.values())
    texts = [name for category in path for name in category.names.values()]
    texts += [*seller_texts, *attribute_values(product.attributes)]
    context = " ".join(_cached_context_text(t) for t in dict.fromkeys(texts))
    return f"{titles} {context} " + " ".join(filter_tokens(product, [c.id for c in path]))


def _title_groups(view: SearchView, keyword: KeywordQuery, matched: BitMap) -> list[BitMap]:
    """The match set split by relevance (store/search_relevance.py), from the kept bitmaps of the title forms."""
    terms = []
    for term in keyword.terms[:RANK_TERMS]:
        in_title = view.any_of([Operand(p.tokens, p.prefix) for p in term.forms])
        whole = term.whole_words()
        terms.append(TermSets(in_title, view.any_of([Operand(p.tokens) for p in whole]) if whole else None))
    exact = [view.matches(Operand(p.tokens, p.prefix)) for p in keyword.phrases]
    return relevance_groups(matched, terms, intersection(exact) if exact else None)


def _pg_title_score(keyword: KeywordQuery, params: dict[str, Any]) -> str:
    """The score of store/search_relevance.py in SQL (``CASE WHEN tsv @@ …`` per term, whole word and phrase)."""
    cases = []
    for n, term in enumerate(keyword.terms[:RANK_TERMS]):
        params[f"t{n}"] = any_tsquery(term.forms)
        cases.append(f"CASE WHEN s.tsv @@ to_tsquery('simple', :t{n}) THEN {TITLE_POINTS} ELSE 0 END")
        whole = term.whole_words()
        if whole:
            params[f"w{n}"] = any_tsquery(whole)
            cases.append(f"CASE WHEN s.tsv @@ to_tsquery('simple', :w{n}) THEN {WHOLE_POINTS} ELSE 0 END")
    phrase = keyword.phrase_tsquery()
    if phrase is not None:
        params["exact"] = phrase
        cases.append(f"CASE WHEN s.tsv @@ to_tsquery('simple', :exact) THEN {PHRASE_POINTS} ELSE 0 END")
    return "(" + " + ".join(cases) + ")"


class CatalogSearchMixin:
    _tx: Tx
    _category_cache: dict[int, Category]
    _search_memory: SearchMemory | None

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
        return category_path(self._categories(), category_id)

    def category_children(self, category_id: int | None) -> list[Category]:
        return sorted((c for c in self._categories().values() if c.parent_id == category_id), key=lambda c: c.id)

    def forget_categories(self) -> None:
        self.__dict__.pop("_category_cache", None)
        self.__dict__.pop("_seller_text_cache", None)

    # the search document ----------------------------------------------------------------------------------------
    def _seller_texts(self, seller_id: int) -> list[str]:
        cache: dict[int, list[str]] = self.__dict__.setdefault("_seller_text_cache", {})
        if seller_id not in cache:
            row = self._tx.one("SELECT shop_name, names FROM sellers WHERE id = :id", {"id": seller_id})
            if len(cache) > 50_000:
                cache.clear()
            cache[seller_id] = [row["shop_name"], *json.loads(row["names"]).values()] if row else []
        return cache[seller_id]

    def search_document(self, product: Product) -> str:
        return build_document(product, self.category_path(product.category_id), self._seller_texts(product.seller_id))

    def index_product(self, product: Product) -> None:
        """Write (or rewrite) the product's search document; the text index follows incrementally."""
        self._tx.execute(
            "INSERT INTO product_search (product_id, body) VALUES (:id, :body)"
            " ON CONFLICT (product_id) DO UPDATE SET body = excluded.body",
            {"id": product.id, "body": self.search_document(product)},
        )
        if self._tx.dialect == "sqlite":
            log_change(self._tx, product.id)

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
        """FTS5 decides what each operand matches; bitmaps and numpy do the rest (store/search_memory.py)."""
        view = (self._search_memory or SearchMemory()).view(self._tx)
        keyword = parse_keyword(q.keyword or "")
        filters = [Operand((t,)) for t in self._filters(q) if t != "zzon"]
        sets = [view.any_of([Operand(p.tokens, p.prefix) for p in term.anywhere()]) for term in keyword.terms]
        matched = intersection(sets + [view.matches(op) for op in filters])
        if q.active_only:
            matched = matched - view.matches(Operand(("zzoff",)))
        by_relevance = q.sort is SortKey.RELEVANCE and bool(keyword.terms)
        bm25 = self._bm25(keyword, filters, q) if by_relevance and len(matched) <= RANK_LIMIT else None
        groups = _title_groups(view, keyword, matched) if by_relevance else [matched]
        pages = [self._priced(view, group, q) for group in groups]
        total = sum(len(ids) for ids in pages)
        page: list[int] = []
        skip, want = q.offset, q.limit
        for ids in pages:  # best group first; each ordered on its own
            if want == 0:
                break
            if skip >= len(ids):
                skip -= len(ids)
                continue
            end = min(len(ids), skip + want)
            page += self._ordered(view, ids, q.sort, bm25, end)[skip:end]
            skip, want = 0, want - (end - skip)
        return SearchPage(total, page)

    @staticmethod
    def _priced(view: SearchView, matched: BitMap, q: ProductQuery) -> np.ndarray:
        """The ids of a match set (ascending) within the query's price range."""
        ids = np.frombuffer(matched.to_array(), dtype=np.uint32).astype(np.int64)
        lo, hi = q.price_min_fen, q.price_max_fen
        if lo is None and hi is None:
            return ids
        price = view.columns.price[ids]
        keep = np.ones(len(ids), dtype=bool)
        if lo is not None:
            keep &= price >= lo
        if hi is not None:
            keep &= price <= hi
        return ids[keep]

    @staticmethod
    def _ordered(
        view: SearchView, ids: np.ndarray, sort: SortKey, bm25: dict[int, float] | None, end: int
    ) -> list[int]:
        """The first ``end`` of ``ids`` in the sort's order: bm25 (a small keyword match set), price, newest or month
        sales (relevance of a large match set, or without a keyword) — ties always by id, as the SQL orders did."""
        if bm25 is not None:
            return sorted((int(i) for i in ids), key=lambda i: (bm25.get(i, _UNRANKED), i))[:end]
        if sort is SortKey.NEWEST:
            return [int(i) for i in ids[::-1][:end]]
        if sort in (SortKey.PRICE_ASC, SortKey.PRICE_DESC):
            value = np.clip(view.columns.price[ids], 0, _MAX_KEY_VALUE)
            if sort is SortKey.PRICE_DESC:
                value = _MAX_KEY_VALUE - value
        else:
            value = _MAX_KEY_VALUE - np.clip(view.columns.sold[ids], 0, _MAX_KEY_VALUE)
        keys = (value << _ID_BITS) | ids  # one int64 per match: sort value, then id
        if end < len(keys):
            keys = np.partition(keys, end - 1)[:end]
        return [int(i) for i in np.sort(keys) & ((1 << _ID_BITS) - 1)]

    def _bm25(self, keyword: KeywordQuery, filters: list[Operand], q: ProductQuery) -> dict[int, float]:
        """FTS5's bm25 of every match of a small match set (lower is better): its ``AND`` seeks the short lists'
        rowids in the long ones (doclist indexes), so a query with few matches is cheap there too."""
        m = " AND ".join([keyword.fts5() or "", *(op.fts5() for op in filters)])
        if q.active_only:
            m = f'({m}) NOT "zzoff"'
        rows = self._tx.all("SELECT rowid AS id, rank AS r FROM product_fts WHERE product_fts MATCH :m", {"m": m})
        return {int(r["id"]): float(r["r"]) for r in rows}

    def _search_pg(self, q: ProductQuery) -> SearchPage:
        keyword = parse_keyword(q.keyword) if q.keyword else KeywordQuery(())
        match = keyword.tsquery()
        parts = ([f"({match})"] if match else []) + [f"'{t}'" for t in self._filters(q)]
        params: dict[str, Any] = {"m": " & ".join(parts), "lim": q.limit, "off": q.offset}
        price = self._price_sql(q.price_min_fen, q.price_max_fen, params)
        base = (
            "FROM product_search s JOIN products p ON p.id = s.product_id"
            f" WHERE s.tsv @@ to_tsquery('simple', :m){price}"
        )
        total = int(self._tx.scalar(f"SELECT count(*) AS n {base}", params))
        if total == 0 or q.offset >= total:
            return SearchPage(total, [])
        by_relevance = q.sort is SortKey.RELEVANCE and match is not None
        ranked = by_relevance and total <= RANK_LIMIT
        if ranked and price:  # the range may have narrowed a larger match set, and those are not ranked
            unpriced = "SELECT count(*) AS n FROM product_search s WHERE s.tsv @@ to_tsquery('simple', :m)"
            ranked = int(self._tx.scalar(unpriced, params)) <= RANK_LIMIT
        order = "ts_rank(s.tsv, to_tsquery('simple', :m)) DESC, p.id ASC" if ranked else self._order_sql(q.sort)
        if by_relevance:
            order = f"{_pg_title_score(keyword, params)} DESC, {order}"
        rows = self._tx.all(f"SELECT p.id {base} ORDER BY {order} LIMIT :lim OFFSET :off", params)
        return SearchPage(total, [r["id"] for r in rows])
