"""Issue 4's acceptance flow per platform, starting from search on the generated catalog:
search → (撞库 / detail) → cart → preview → create → pay → (clock) ship → trace → confirm receipt,
with statuses, ledger and stock checked at every step, on SQLite and PostgreSQL."""

from __future__ import annotations

from kuajing.client import Client
from kuajing.domain.accounts.model import Credentials
from kuajing.domain.catalog.model import CatalogPlatform
from kuajing.runtime import Runtime
from tests.alibaba_catalog import ADDRESS
from tests.api import goods_fixtures as gf
from tests.taobao_fixtures import RECEIVER, balance_and_ledger


def _stock(runtime: Runtime, platform: CatalogPlatform, external_id: int, sku_id: int) -> int:
    with runtime.uow() as uow:
        product = uow.catalog.find_product(platform, external_id)
        assert product is not None
        sku = product.sku(sku_id=sku_id)
        assert sku is not None
        return sku.stock


def _status(client: Client, order_id: str) -> str:
    """The order's status as the detail endpoint reports it (its ``base_info`` is optional on the wire)."""
    info = client.alibaba.orders.detail(order_id).base_info
    assert info is not None
    return info.status


def _keyword(runtime: Runtime, platform: CatalogPlatform) -> str:
    """The 2-character Chinese substring of a product title: what a buyer would type."""
    product = max(gf.products(runtime, platform), key=lambda p: p.stock)
    return next(word for word in product.titles["zh"].split() if len(word) >= 2)[:2]


def test_taobao_from_search_to_confirmed_receipt(client: Client, runtime: Runtime, demo: Credentials) -> None:
    gf.seed(runtime)
    develop_id = demo.develop_id
    start, _ = balance_and_ledger(runtime, develop_id)

    page = client.taobao.products.search(_keyword(runtime, CatalogPlatform.TAOBAO), page_size=10)
    assert page.total_records >= 1
    item = client.taobao.products.get(page.data[0].item_id)
    sku = next(s for s in item.sku_list if s.quantity >= 2)
    mapping = client.taobao.products.batch_check([(item.item_id, [sku.sku_id])]).mp_products[0]
    stock_before = _stock(runtime, CatalogPlatform.TAOBAO, int(item.item_id), int(sku.sku_id))

    row = client.taobao.cart.add(mp_id=mapping.mp_id, mp_sku_id=mapping.sku_list[0].mp_sku_id, quantity=2)
    preview = client.taobao.cart.preview([row.id])
    po = client.taobao.cart.create_order([row.id], address=RECEIVER).order_list[0].purchase_id
    assert _stock(runtime, CatalogPlatform.TAOBAO, int(item.item_id), int(sku.sku_id)) == stock_before - 2
    assert client.taobao.orders.detail(po).status == 0
    assert client.taobao.orders.pay([po])[0].success
    paid = client.taobao.orders.detail(po)
    assert paid.status == 10 and paid.purchase_amount == preview.total_amount
    balance, ledger = balance_and_ledger(runtime, develop_id)
    assert balance == ledger == start - preview.total_amount

    client.sandbox.advance(seconds=3 * 3600)  # past the seller's ship delay
    shipped = client.taobao.orders.detail(po)
    assert shipped.status == 11
    sub = shipped.sub_purchase_orders[0].sub_purchase_order_id
    client.sandbox.advance(seconds=86_400)
    trace = client.taobao.orders.logistics(sub).pnm_logistics_details[0].logistics_traces
    assert len(trace) >= 2 and trace[0].action == "TMS_ACCEPT"

    client.sandbox.advance(seconds=10 * 86_400)  # auto-confirm
    assert client.taobao.orders.detail(po).sub_purchase_orders[0].confirm_time is not None
    balance, ledger = balance_and_ledger(runtime, develop_id)
    assert balance == ledger == start - preview.total_amount
    assert _stock(runtime, CatalogPlatform.TAOBAO, int(item.item_id), int(sku.sku_id)) == stock_before - 2


def test_1688_from_search_to_success(client: Client, runtime: Runtime, demo: Credentials) -> None:
    gf.seed(runtime)
    develop_id = demo.develop_id
    start, _ = balance_and_ledger(runtime, develop_id)

    page = client.alibaba.products.search(_keyword(runtime, CatalogPlatform.ALIBABA), page_size=10)
    assert page.total_records >= 1
    offer = client.alibaba.products.detail(page.data[0].offer_id)
    quantity = max(offer.min_order_quantity, 1)
    sku = next(s for s in offer.product_sku_infos if s.amount_on_sale >= quantity)
    stock_before = _stock(runtime, CatalogPlatform.ALIBABA, int(offer.offer_id), int(sku.sku_id))

    cart_id = client.alibaba.cart.add(offer_id=int(offer.offer_id), spec_id=sku.spec_id, quantity=quantity)
    preview = client.alibaba.cart.preview([cart_id], ADDRESS)
    total = preview.order_preview_result[0].sum_payment
    order = client.alibaba.cart.create_order([cart_id], ADDRESS)[0]
    assert order.base_info is not None
    order_id = order.base_info.id_of_str
    assert _status(client, order_id) == "waitbuyerpay"
    assert _stock(runtime, CatalogPlatform.ALIBABA, int(offer.offer_id), int(sku.sku_id)) == stock_before - quantity
    assert client.alibaba.orders.pay_url(order_id).protocol_pay_success
    assert _status(client, order_id) == "waitsellersend"
    balance, ledger = balance_and_ledger(runtime, develop_id)
    assert balance == ledger == start - total

    client.sandbox.advance(seconds=2 * 3600)  # past the seller's ship delay
    assert _status(client, order_id) == "waitbuyerreceive"
    client.sandbox.advance(seconds=86_400)
    assert client.alibaba.orders.logistics_trace(order_id)
    assert client.alibaba.orders.receive_goods(order_id).success
    client.sandbox.advance(seconds=60)
    assert _status(client, order_id) == "success"
    balance, ledger = balance_and_ledger(runtime, develop_id)
    assert balance == ledger == start - total
