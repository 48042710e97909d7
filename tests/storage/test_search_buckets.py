"""Large-match-set paging (price/sales bucket walk) and exact price-range counts agree with a plain full sort.

The walk only runs above ``SORT_LIMIT`` matches; the limit is lowered here so that a small catalog takes that path
on SQLite. On PostgreSQL the same queries check the plain path against the same reference.
"""

from __future__ import annotations

import itertools

import pytest

from kuajing.domain.catalog.model import CatalogPlatform, Product
from kuajing.domain.catalog.search import ProductQuery, SortKey
from kuajing.market.seed import seed_catalog
from kuajing.runtime import Runtime
from kuajing.search import buckets
from kuajing.store.repositories import catalog_search


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
    }.get(q.sort, lambda p: (-p.month_sold, p.id))
    return [p.id for p in sorted(rows, key=key)]


def test_bucket_edges_and_tokens() -> None:
    assert buckets.bucket(buckets.PRICE_EDGES, 99) == 0
    assert buckets.bucket(buckets.PRICE_EDGES, 100) == 1
    assert buckets.tokens(100, 0) == ["zzq1", "zzv0"]
    for edges in (buckets.PRICE_EDGES, buckets.SALES_EDGES):
        assert list(edges) == sorted(set(edges))
        for n in (0, 5, len(edges)):
            low, high = buckets.bounds(edges, n)
            assert low is None or buckets.bucket(edges, low) == n
            assert high is None or buckets.bucket(edges, high - 1) == n


@pytest.mark.parametrize("join_limit", [0, 10_000])  # price counts from the bucket lists / row by row
def test_walk_and_counts_match_a_full_sort(runtime: Runtime, monkeypatch: pytest.MonkeyPatch, join_limit: int) -> None:
    monkeypatch.setattr(catalog_search, "SORT_LIMIT", 5)
    monkeypatch.setattr(catalog_search, "JOIN_LIMIT", join_limit)
    seed_catalog(runtime.uow, seed=5, n_products=240, now_ms=0)
    with runtime.uow() as uow:
        everything = uow.catalog.get_products(uow.catalog.product_ids_after(0, 1000))
        for platform in CatalogPlatform:
            products = [p for p in everything if p.platform is platform]
            prices = sorted(p.price_fen for p in products)
            ranges = [(None, None), (prices[10], None), (None, prices[-10]), (prices[20], prices[-20] + 1)]
            for keyword, sort, (lo, hi), offset in itertools.product((None, "新款"), list(SortKey), ranges, (0, 7, 45)):
                base = ProductQuery(platform, keyword=keyword, limit=1000)
                matching = set(uow.catalog.search_products(base).product_ids)
                q = ProductQuery(platform, keyword=keyword, sort=sort, price_min_fen=lo, price_max_fen=hi,
                                 offset=offset, limit=10)  # fmt: skip
                page = uow.catalog.search_products(q)
                expected = _reference(products, q, matching)
                assert page.total == len(expected), q
                if sort is SortKey.RELEVANCE and keyword and page.total <= catalog_search.RANK_LIMIT:
                    continue  # bm25 / ts_rank order (back-end specific); large match sets are sales order
                assert page.product_ids == expected[offset : offset + 10], q


def test_cached_counts_follow_writes(runtime: Runtime) -> None:
    seed_catalog(runtime.uow, seed=6, n_products=40, now_ms=0)
    q = ProductQuery(CatalogPlatform.TAOBAO, price_min_fen=10**8)  # nothing costs ¥1,000,000 yet
    with runtime.uow() as uow:
        assert uow.catalog.search_products(q).total == 0
        product = uow.catalog.get_products(uow.catalog.product_ids_after(0, 1))[0]
        product.price_fen = 2 * 10**8
        uow.catalog.save_product(product)
        assert uow.catalog.search_products(q).total == 1  # same transaction, not committed yet
        uow.commit()
    with runtime.uow() as uow:
        assert uow.catalog.search_products(q).product_ids == [product.id]
    with runtime.uow() as uow:
        product.price_fen = 100
        uow.catalog.save_product(product)
        uow.commit()
    with runtime.uow() as uow:
        assert uow.catalog.search_products(q).total == 0
