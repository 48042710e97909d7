"""SQLite's kept search bitmaps (store/search_memory.py): read ahead, prefixes as unions of terms, and changed
documents followed without reading anything from FTS5 again — always answering what FTS5 itself answers.

The reference for every answer is a search with a memory of its own, made for that one transaction: it reads every
operand from FTS5 (what plain FTS5 search did).
"""

from __future__ import annotations

import asyncio
import shutil
import threading
import weakref
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pyroaring import BitMap

from kuajing.domain.catalog.model import CatalogPlatform, Product, ProductStatus
from kuajing.domain.catalog.search import ProductQuery, SearchPage, SortKey
from kuajing.market.seed import seed_catalog
from kuajing.runtime import Runtime
from kuajing.store import migrate, search_memory, upkeep
from kuajing.store.db import Tx
from kuajing.store.repositories.catalog import SqlCatalogRepository
from tests.conftest import make_settings

TB, AL = CatalogPlatform.TAOBAO, CatalogPlatform.ALIBABA
KEYWORDS = [None, "新款", "纯棉", "毛绒公仔", "cott", "co", "c", "tai nghe", "纯棉 t", "独一无二", "zz", "ต่างหู", "耳"]
KEYWORDS += ["无二独一", "t-shirt", "gray", "xe may"]  # words in any order, joined compounds, variants, context


@pytest.fixture
def rt(sqlite_template: Path, tmp_path: Path) -> Iterator[Runtime]:
    target = tmp_path / "kuajing.db"
    shutil.copy(sqlite_template, target)
    runtime = Runtime.build(make_settings(f"sqlite:///{target}", tmp_path))
    try:
        yield runtime
    finally:
        runtime.close()


def _queries(rt: Runtime) -> list[ProductQuery]:
    """Every keyword on both platforms: on sale only, with products off sale, with a price range and by sales, and
    without a keyword in each top-level category (the filter tokens follow a product moved between categories)."""
    with rt.uow(write=False) as uow:
        tops = [c.id for c in uow.catalog.category_children(None)]
    out = []
    for platform in (TB, AL):
        for keyword in KEYWORDS:
            base = ProductQuery(platform, keyword=keyword, sort=SortKey.PRICE_ASC, limit=50)
            out += [base, replace(base, active_only=False), replace(base, price_min_fen=3_000, sort=SortKey.SALES_DESC)]
            out.append(replace(base, sort=SortKey.RELEVANCE, price_max_fen=20_000))  # title / whole-word / phrase sets
        out += [ProductQuery(platform, category_id=top, sort=SortKey.NEWEST, limit=200) for top in tops]
    return out


def _answers(rt: Runtime, queries: list[ProductQuery], *, kept: bool) -> list[SearchPage]:
    with rt.db.transaction(write=False) as tx:
        repo = SqlCatalogRepository(tx, rt.memory.search if kept else None)
        return [repo.search_products(q) for q in queries]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every FTS5 expression the search memory reads, in order."""
    seen: list[str] = []
    original = search_memory._read

    def counting(tx: Tx, expression: str) -> BitMap:
        seen.append(expression)
        return original(tx, expression)

    monkeypatch.setattr(search_memory, "_read", counting)
    return seen


def _edit(rt: Runtime) -> None:
    """Four products change: words added (a new term among them), every word of a product holding a read-ahead
    word replaced (by a phrase's tokens, not adjacent), one taken off sale, one moved to another top category."""
    with rt.uow() as uow:
        ids = uow.catalog.product_ids_after(0, 200)
        broad = uow.catalog.search_products(ProductQuery(TB, keyword="新款", active_only=False)).product_ids[0]
        a, b, c, d = uow.catalog.get_products([ids[3], broad, ids[17], ids[24]])
        a.titles = {**a.titles, "zh": a.titles["zh"] + " 独一无二 纯棉T恤"}
        b.titles = {lang: "plain cotxyz 独一无，无二" for lang in b.titles}
        c.status = ProductStatus.OFFLINE
        top = uow.catalog.category_path(d.category_id)[0].id
        d.category_id = next(
            x.category_id
            for x in uow.catalog.get_products(ids)
            if uow.catalog.category_path(x.category_id)[0].id != top
        )
        for product in (a, b, c, d):
            uow.catalog.save_product(product)
        uow.commit()


@pytest.mark.parametrize("retest_limit", [search_memory.RETEST_LIMIT, 0])  # 0: phrases and prefixes dropped
def test_kept_bitmaps_follow_changed_documents_exactly(
    rt: Runtime, monkeypatch: pytest.MonkeyPatch, reads: list[str], retest_limit: int
) -> None:
    rt.memory.search.warm_docs = 20
    monkeypatch.setattr(search_memory, "RETEST_LIMIT", retest_limit)
    seed_catalog(rt.uow, seed=11, n_products=160, now_ms=0)
    memory = rt.memory.search
    assert memory.warm(rt.db)
    queries = _queries(rt)
    assert _answers(rt, queries, kept=True) == _answers(rt, queries, kept=False)
    _edit(rt)
    reads.clear()
    after = _answers(rt, queries, kept=True)
    if retest_limit:
        assert reads == []  # every operand was kept, and followed the change instead of being read again
    else:  # too many tests: the phrases and prefixes were read again, the read-ahead tokens still followed
        assert reads and not {f'"{token}"' for token in memory._warm} & set(reads)
    assert after == _answers(rt, queries, kept=False)
    assert any(page.total for page in after[1:])
    new_prefix = [ProductQuery(TB, keyword="cot"), ProductQuery(AL, keyword="cot")]  # "cotxyz" is a new term
    assert _answers(rt, new_prefix, kept=True) == _answers(rt, new_prefix, kept=False)


def test_a_prefix_is_the_union_of_its_terms(rt: Runtime, monkeypatch: pytest.MonkeyPatch, reads: list[str]) -> None:
    rt.memory.search.warm_docs = 10**9  # only the vocabulary is read ahead
    seed_catalog(rt.uow, seed=12, n_products=80, now_ms=0)
    assert rt.memory.search.warm(rt.db)
    reads.clear()
    queries = [ProductQuery(TB, keyword="co"), ProductQuery(AL, keyword="tai ng")]
    assert _answers(rt, queries, kept=True) == _answers(rt, queries, kept=False)
    kept_reads = reads[: len(reads) // 2]  # the second half are the reference's own reads
    assert kept_reads and not any(expression.endswith("*") for expression in kept_reads)  # terms, not prefixes
    unmarked = [expression.removeprefix('"zx').removeprefix('"') for expression in kept_reads]  # context words
    assert all(word.startswith(("co", "tai", "ng", "taing", "zz")) for word in unmarked)


def test_reading_ahead_is_refused_when_the_catalog_moved_meanwhile(
    rt: Runtime, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rt.memory.search.warm_docs = 20
    seed_catalog(rt.uow, seed=13, n_products=60, now_ms=0)
    memory = rt.memory.search
    other = Runtime.build(make_settings(rt.settings.database_url, tmp_path / "other"))
    original = search_memory._read
    moved: list[bool] = []

    def read_while_the_catalog_moves(tx: Tx, expression: str) -> BitMap:
        if not moved:  # another process writes, and a search of this one catches up, while warm() is reading
            moved.append(True)
            _edit(other)
            searcher = threading.Thread(target=lambda: _answers(rt, [ProductQuery(TB, keyword="新款")], kept=True))
            searcher.start()
            searcher.join()
        return original(tx, expression)

    try:
        monkeypatch.setattr(search_memory, "_read", read_while_the_catalog_moves)
        assert not memory.warm(rt.db)  # what it read is older than the memory now: not installed
        assert memory.wants_warming
        monkeypatch.setattr(search_memory, "_read", original)
        assert memory.warm(rt.db) and not memory.wants_warming
        queries = _queries(rt)
        assert _answers(rt, queries, kept=True) == _answers(rt, queries, kept=False)
    finally:
        other.close()


def test_a_large_change_drops_what_is_kept_and_the_server_reads_ahead_again(
    rt: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    rt.memory.search.warm_docs = 20
    monkeypatch.setattr(search_memory, "RELOAD_ABOVE", 2)
    seed_catalog(rt.uow, seed=14, n_products=60, now_ms=0)
    memory = rt.memory.search
    assert memory.warm(rt.db)
    _edit(rt)  # four products: more than RELOAD_ABOVE
    queries = _queries(rt)
    assert _answers(rt, queries, kept=True) == _answers(rt, queries, kept=False)
    assert memory.wants_warming

    async def serve_until_warm() -> None:
        task = asyncio.create_task(upkeep.search_warming(rt.db, rt.memory.search))
        for _ in range(200):
            await asyncio.sleep(0.05)
            if not memory.wants_warming:
                break
        task.cancel()

    asyncio.run(serve_until_warm())
    assert not memory.wants_warming
    assert _answers(rt, queries, kept=True) == _answers(rt, queries, kept=False)


def _raise_first_price(rt: Runtime) -> Product:
    """Raise the first product's price by ¥10 and save it (a catalog change the search memory follows)."""
    with rt.uow() as uow:
        product = uow.catalog.get_products(uow.catalog.product_ids_after(0, 1))[0]
        product.price_fen += 1_000
        uow.catalog.save_product(product)
        uow.commit()
    return product


def test_a_search_at_the_previous_state_keeps_its_columns(rt: Runtime) -> None:
    """Catching up replaces the kept columns instead of writing into them: a search that began before the change
    (another thread) still orders by the prices of its own snapshot."""
    seed_catalog(rt.uow, seed=15, n_products=20, now_ms=0)
    memory = rt.memory.search
    with rt.db.transaction(write=False) as tx:
        before = memory.view(tx)
    prices = before.columns.price.copy()
    product = _raise_first_price(rt)
    with rt.db.transaction(write=False) as tx:
        assert memory.view(tx).columns.price[product.id] == product.price_fen
    assert (before.columns.price == prices).all()


def test_columns_that_no_search_holds_are_updated_in_place(rt: Runtime) -> None:
    """Copying them is 16 MB at 1M products: without a search at the previous state, a change is written into the
    kept columns, and what searches see is the same as after a copy."""
    seed_catalog(rt.uow, seed=15, n_products=20, now_ms=0)
    memory = rt.memory.search
    with rt.db.transaction(write=False) as tx:
        kept = weakref.ref(memory.view(tx).columns)  # no strong reference: no search holds them
    product = _raise_first_price(rt)
    with rt.db.transaction(write=False) as tx:
        columns = memory.view(tx).columns
        assert columns is kept() and columns.price[product.id] == product.price_fen
        fresh = search_memory.Columns.read(tx)
        assert (columns.price == fresh.price).all() and (columns.sold == fresh.sold).all()


def test_the_read_ahead_threshold_is_a_setting(tmp_path: Path) -> None:
    settings = make_settings(f"sqlite:///{tmp_path}/x.db", tmp_path, search_read_ahead_docs=5)
    built = Runtime.build(settings)
    try:
        assert built.memory.search.warm_docs == 5
    finally:
        built.close()
    off = Runtime.build(make_settings(f"sqlite:///{tmp_path}/x.db", tmp_path, search_read_ahead_docs=0))
    try:
        migrate.upgrade(off.settings.database_url)
        assert off.memory.search.warm(off.db)
        assert off.memory.search._vocabulary is None and not off.memory.search._warm  # nothing was read
    finally:
        off.close()
    with pytest.raises(ValueError, match="KUAJING_SEARCH_READ_AHEAD_DOCS"):
        make_settings(f"sqlite:///{tmp_path}/x.db", tmp_path, search_read_ahead_docs=-1)
