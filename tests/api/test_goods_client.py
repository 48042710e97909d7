"""The SDK's goods methods against the real app: typed pages, iterators across pages, sync and async shapes."""

from __future__ import annotations

from kuajing.client import Client
from kuajing.domain.catalog.model import CatalogPlatform
from kuajing.runtime import Runtime
from tests.api import goods_fixtures as gf


def test_client_goods_methods(runtime: Runtime, client: Client) -> None:
    gf.seed(runtime)
    tb = gf.products(runtime, CatalogPlatform.TAOBAO)[0]
    al = gf.products(runtime, CatalogPlatform.ALIBABA)[0]
    assert client.taobao.products.get(tb.external_id).mp_id == str(tb.mp_id)
    check = client.taobao.products.batch_check([(tb.external_id, [tb.skus[0].sku_id])])
    assert check.mp_products[0].mp_id == str(tb.mp_id)
    page = client.taobao.products.search(page_size=7, sort="price_asc")
    assert page.total_records == gf.N_PRODUCTS // 2 and len(page.data) == 7
    assert len(list(client.taobao.products.iter_search(page_size=7))) == gf.N_PRODUCTS // 2
    detail = client.alibaba.products.detail(al.external_id, country="vi")
    assert detail.subject_trans == al.titles["vi"]
    assert len(list(client.alibaba.products.iter_search(page_size=9, country="es"))) == gf.N_PRODUCTS // 2
    assert client.alibaba.products.category(0).child_categories
    assert client.alibaba.products.hot_rank(limit=3).rank_product_models
    assert client.alibaba.products.wangwang(detail.seller_open_id).wangwang_nick
    assert client.alibaba.products.related(al.external_id).total_records >= 0
