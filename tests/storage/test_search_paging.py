"""Keyword search counts and pages agree with a plain full sort, and SQLite's kept search bitmaps follow every write.

SQLite answers from bitmaps of what each operand matches, kept between searches (store/search_memory.py);
PostgreSQL from its GIN index. Both are checked against the same reference built from the products themselves.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from pathlib import Path

import pytest

from kuajing.domain.catalog.model import CatalogPlatform, Product
from kuajing.domain.catalog.search import ProductQuery, SortKey
from kuajing.market.seed import seed_catalog
from kuajing.runtime import Runtime
from kuajing.search.tokenize import fold
from kuajing.store import search_memory
from kuajing.store.repositories import catalog_search
from tests.conftest import make_settings


def _title_score(p: Product, keyword: str | None) -> tuple[int, int]:
    """(terms found in a title, of them as whole words) for the keywords below, written out by hand: ``新款`` and
    ``纯棉`` are phrases of the Chinese title, ``cott`` a prefix of a title word, ``t`` (the last word typed) a prefix
    whose whole word is the letter t (``T-Shirt``, ``T恤``)."""
    zh = p.titles["zh"].replace(" ", "")
    words = {w for title in p.titles.values() for w in re.findall(r"[^\W_]+", fold(title)) if w.isascii()}
    if keyword in ("新款", "纯棉"):
        return int(keyword in zh), 0
    if keyword == "cott":
        return int(any(w.startswith("cott") for w in words)), 0
    if keyword == "纯棉 t":
        return int("纯棉" in zh) + int(any(w.startswith("t") for w in words)), int("t" in words)
    return 0, 0


def _reference(products: list[Product], q: ProductQuery, matching: set[int]) -> list[int]:
    rows = [
        p
        for p in products
        if p.id in matching
        and (q.price_min_fen is None or p.price_fen >= q.price_min_fen)
        and (q.price_max_fen is None or p.price_fen <= q.price_max_fen)
    ]
    key = {
        SortKey.PRICE_ASC: lambda p: (p.price_fen, p.id),
        SortKey.PRICE_DESC: lambda p: (-p.price_fen, p.id),
        SortKey.NEWEST: lambda p: -p.id,
        # relevance of a large match set: title matches first (store/search_relevance.py), then by sales
        SortKey.RELEVANCE: lambda p: (*(-n for n in _title_score(p, q.keyword)), -p.month_sold, p.id),
    }.get(q.sort, lambda p: (-p.month_sold, p.id))
    return [p.id for p in sorted(rows, key=key)]


@pytest.mark.parametrize("rank_limit", [catalog_search.RANK_LIMIT, 5])  # 5: most keyword sets are sales-ordered
def test_counts_and_pages_match_a_full_sort(runtime: Runtime, monkeypatch: pytest.MonkeyPatch, rank_limit: int) -> None:
    monkeypatch.setattr(catalog_search, "RANK_LIMIT", rank_limit)
    seed_catalog(runtime.uow, seed=5, n_products=240, now_ms=0)
    with runtime.uow(write=False) as uow:
        everything = uow.catalog.get_products(uow.catalog.product_ids_after(0, 1000))
        for platform in CatalogPlatform:
            products = [p for p in everything if p.platform is platform]
            by_id = {p.id: p for p in products}
            prices = sorted(p.price_fen for p in products)
            ranges = [(None, None), (prices[10], None), (None, prices[-10]), (prices[20], prices[-20] + 1)]
            for keyword, sort, (lo, hi), offset in itertools.product(
                (None, "新款", "cott", "纯棉 t"), list(SortKey), ranges, (0, 7, 45)
            ):
                base = ProductQuery(platform, keyword=keyword, limit=1000)
                matching = set(uow.catalog.search_products(base).product_ids)
                q = ProductQuery(platform, keyword=keyword, sort=sort, price_min_fen=lo, price_max_fen=hi,
                                 offset=offset, limit=10)  # fmt: skip
                page = uow.catalog.search_products(q)
                expected = _reference(products, q, matching)
                assert page.total == len(expected), q
                if sort is SortKey.RELEVANCE and keyword and len(matching) <= rank_limit:
                    # bm25 / ts_rank order is back-end specific: the page holds matches, as many as it should, and
                    # its title scores are in order
                    assert set(page.product_ids) <= set(expected), q
                    scores = [_title_score(by_id[i], keyword) for i in page.product_ids]
                    assert scores == sorted(scores, reverse=True), q
                    assert len(page.product_ids) == min(10, max(0, len(expected) - offset)), q
                    continue
                assert page.product_ids == expected[offset : offset + 10], q


def test_searches_follow_writes(runtime: Runtime) -> None:
    seed_catalog(runtime.uow, seed=6, n_products=40, now_ms=0)
    with runtime.uow(write=False) as uow:
        product = uow.catalog.get_products(uow.catalog.product_ids_after(0, 1))[0]
        q = ProductQuery(product.platform, price_min_fen=10**8)  # nothing costs ¥1,000,000 yet
        assert uow.catalog.search_products(q).total == 0  # kept: nothing at that price
    with runtime.uow() as uow:
        product.price_fen = 2 * 10**8
        uow.catalog.save_product(product)
        assert uow.catalog.search_products(q).total == 1  # same transaction, not committed yet
        uow.rollback()
    with runtime.uow(write=False) as uow:
        assert uow.catalog.search_products(q).total == 0  # the rolled-back change is not seen
    with runtime.uow() as uow:
        stored = uow.catalog.get_products([product.id])[0]
        stored.price_fen = 2 * 10**8
        stored.titles = {**stored.titles, "zh": stored.titles["zh"] + " 独一无二款"}
        uow.catalog.save_product(stored)
        uow.commit()
    with runtime.uow(write=False) as uow:
        assert uow.catalog.search_products(q).product_ids == [product.id]
        assert uow.catalog.search_products(replace(q, keyword="独一无二", price_min_fen=None)).product_ids == [
            product.id
        ]


def test_another_process_writes_are_seen(runtime: Runtime, db_url: str, tmp_path: Path) -> None:
    """A second Runtime has its own connections and kept bitmaps, as a second server process would."""
    seed_catalog(runtime.uow, seed=7, n_products=40, now_ms=0)
    with runtime.uow(write=False) as uow:
        product = uow.catalog.get_products(uow.catalog.product_ids_after(0, 1))[0]
    q = ProductQuery(product.platform, keyword="独一无二")
    other = Runtime.build(make_settings(db_url, tmp_path / "other"))
    try:
        with other.uow(write=False) as uow:
            assert uow.catalog.search_products(q).total == 0
        with runtime.uow() as uow:
            product.titles = {**product.titles, "zh": product.titles["zh"] + " 独一无二款"}
            uow.catalog.save_product(product)
            uow.commit()
        with other.uow(write=False) as uow:
            assert uow.catalog.search_products(q).product_ids == [product.id]
    finally:
        other.close()


@pytest.mark.parametrize("how", ["each changed product", "everything after many changes", "everything after pruning"])
def test_kept_columns_catch_up_with_changes(runtime: Runtime, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """The price column is refreshed for the changed products only, or read whole when the log is too far ahead or
    was pruned past what this process has seen (search_memory.SearchMemory._changed_columns)."""
    if how == "everything after many changes":
        monkeypatch.setattr(search_memory, "RELOAD_ABOVE", 0)
    seed_catalog(runtime.uow, seed=8, n_products=30, now_ms=0)
    with runtime.uow(write=False) as uow:
        first, second = uow.catalog.get_products(uow.catalog.product_ids_after(0, 2))
        q = ProductQuery(first.platform, price_min_fen=10**8)
        assert uow.catalog.search_products(q).total == 0  # the memory is now at this catalog state
    for product, price in ((first, 3 * 10**8), (second, second.price_fen)):
        with runtime.uow() as uow:
            stored = uow.catalog.get_products([product.id])[0]
            stored.price_fen = price
            uow.catalog.save_product(stored)
            uow.commit()
    if how == "everything after pruning":
        with runtime.db.transaction() as tx:  # pruned (a prefix, as log_change prunes) past the first change
            tx.execute("DELETE FROM product_search_log WHERE seq < (SELECT max(seq) FROM product_search_log)")
    with runtime.uow(write=False) as uow:
        assert uow.catalog.search_products(q).product_ids == [first.id]
