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


def _keyword(runtime: Runtime, platform: CatalogPlatform) -> str:
    """The 2-character Chinese substring of a product title: what a buyer would type."""
    product = max(gf.products(runtime, platform), key=lambda p: p.stock)
    return next(word for word in product.titles["zh"].split() if len(word) >= 2)[:2]


def test_taobao_from_search_to_confirmed_receipt(client: Client, runtime: Runtime, demo: Credentials) -> None:
    gf.seed(runtime)
    develop_id = demo.develop_id
    start, _ = balance_and_ledger(runtime, develop_id)

    page = client.taobao.products.search(_keyword(runtime, CatalogPlatform.TAOBAO), page_size=10)
    assert page.totalRecords >= 1
    item = client.taobao.products.get(page.data[0].itemId)
    sku = next(s for s in item.skuList if s.quantity >= 2)
    mapping = client.taobao.products.batch_check([(item.itemId, [sku.skuId])]).mpProducts[0]
    stock_before = _stock(runtime, CatalogPlatform.TAOBAO, int(item.itemId), int(sku.skuId))

    row = client.taobao.cart.add(mp_id=mapping.mpId, mp_sku_id=mapping.skuList[0].mpSkuId, quantity=2)
    preview = client.taobao.cart.preview([row.id])
    po = client.taobao.cart.create_order([row.id], address=RECEIVER).orderList[0].purchaseId
    assert _stock(runtime, CatalogPlatform.TAOBAO, int(item.itemId), int(sku.skuId)) == stock_before - 2
    assert client.taobao.orders.detail(po).status == 0
    assert client.taobao.orders.pay([po])[0].success
    paid = client.taobao.orders.detail(po)
    assert paid.status == 10 and paid.purchaseAmount == preview.totalAmount
    balance, ledger = balance_and_ledger(runtime, develop_id)
    assert balance == ledger == start - preview.totalAmount

    client.sandbox.advance(seconds=3 * 3600)  # past the seller's ship delay
    shipped = client.taobao.orders.detail(po)
    assert shipped.status == 11
    sub = shipped.subPurchaseOrders[0].subPurchaseOrderId
    client.sandbox.advance(seconds=86_400)
    trace = client.taobao.orders.logistics(sub).pnmLogisticsDetails[0].logisticsTraces
    assert len(trace) >= 2 and trace[0].action == "TMS_ACCEPT"

    client.sandbox.advance(seconds=10 * 86_400)  # auto-confirm
    assert client.taobao.orders.detail(po).subPurchaseOrders[0].confirmTime is not None
    balance, ledger = balance_and_ledger(runtime, develop_id)
    assert balance == ledger == start - preview.totalAmount
    assert _stock(runtime, CatalogPlatform.TAOBAO, int(item.itemId), int(sku.skuId)) == stock_before - 2


def test_1688_from_search_to_success(client: Client, runtime: Runtime, demo: Credentials) -> None:
    gf.seed(runtime)
    develop_id = demo.develop_id
    start, _ = balance_and_ledger(runtime, develop_id)

    page = client.alibaba.products.search(_keyword(runtime, CatalogPlatform.ALIBABA), page_size=10)
    assert page.totalRecords >= 1
    offer = client.alibaba.products.detail(page.data[0].offerId)
    quantity = max(offer.minOrderQuantity, 1)
    sku = next(s for s in offer.productSkuInfos if s.amountOnSale >= quantity)
    stock_before = _stock(runtime, CatalogPlatform.ALIBABA, int(offer.offerId), int(sku.skuId))

    cart_id = client.alibaba.cart.add(offer_id=int(offer.offerId), spec_id=sku.specId, quantity=quantity)
    preview = client.alibaba.cart.preview([cart_id], ADDRESS)
    total = preview.orderPreviewResuslt[0].sumPayment
    order = client.alibaba.cart.create_order([cart_id], ADDRESS)[0]
    order_id = order.baseInfo.idOfStr
    assert client.alibaba.orders.detail(order_id).baseInfo.status == "waitbuyerpay"
    assert _stock(runtime, CatalogPlatform.ALIBABA, int(offer.offerId), int(sku.skuId)) == stock_before - quantity
    assert client.alibaba.orders.pay_url(order_id).protocolPaySuccess
    assert client.alibaba.orders.detail(order_id).baseInfo.status == "waitsellersend"
    balance, ledger = balance_and_ledger(runtime, develop_id)
    assert balance == ledger == start - total

    client.sandbox.advance(seconds=2 * 3600)  # past the seller's ship delay
    assert client.alibaba.orders.detail(order_id).baseInfo.status == "waitbuyerreceive"
    client.sandbox.advance(seconds=86_400)
    assert client.alibaba.orders.logistics_trace(order_id)
    assert client.alibaba.orders.receive_goods(order_id).success
    client.sandbox.advance(seconds=60)
    assert client.alibaba.orders.detail(order_id).baseInfo.status == "success"
    balance, ledger = balance_and_ledger(runtime, develop_id)
    assert balance == ledger == start - total
