"""Taobao cart → render → create → pay → (clock) ship → trace → confirm, on SQLite and PostgreSQL, checking
statuses, stock and money (balance == ledger sum) at every step; and every rejection path with its code and no
side effect."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from kuajing.domain.accounts.model import Credentials
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from kuajing.store import outbox
from tests.api.helpers import headers
from tests.taobao_fixtures import RECEIVER, TbItem, add_taobao_item, balance_and_ledger, sku_stock


def call(http: TestClient, creds: Credentials, method: str, path: str, body: Any = None, **kw: Any) -> dict[str, Any]:
    if method == "GET":
        resp = http.get(path, params=body, headers=headers(creds, **kw))
    else:
        resp = http.post(path, json=body or {}, headers=headers(creds, **kw))
    data: dict[str, Any] = resp.json()
    return data


def ok(http: TestClient, creds: Credentials, method: str, path: str, body: Any = None, **kw: Any) -> Any:
    env = call(http, creds, method, path, body, **kw)
    assert env["code"] == 200, env
    return env["data"]


def lines(item: TbItem, qty: int = 2, sku: int = 0, price: int | None = None) -> str:
    line: dict[str, Any] = {"itemId": str(item.mp_id), "skuId": str(item.mp_sku_ids[sku]), "quantity": str(qty)}
    if price is not None:
        line["price"] = str(price)
    return json.dumps([line])


def create(http: TestClient, creds: Credentials, item: TbItem, *, qty: int = 2, price: int | None = None,
           number: str | None = "SO-1") -> dict[str, Any]:  # fmt: skip
    body = {"orderLineList": lines(item, qty, price=price), "receiver": json.dumps(RECEIVER, ensure_ascii=False),
            "orderSource": "lazada", "sellerOrderNumber": number}  # fmt: skip
    return call(http, creds, "POST", "/open/order", body)


def detail(http: TestClient, creds: Credentials, po: str) -> dict[str, Any]:
    data: dict[str, Any] = ok(http, creds, "GET", "/open/order/detail", {"purchaseOrderId": po})
    return data


def money_ok(runtime: Runtime, creds: Credentials) -> int:
    balance, ledger = balance_and_ledger(runtime, creds.develop_id)
    assert balance == ledger
    return balance


def test_cart_to_confirmed_receipt(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    item = add_taobao_item(runtime, stock=10, price=1000, behaviour={"postFeeFen": 600, "shipDelaySeconds": 3600})
    start = money_ok(runtime, demo)

    # cart: add, list, edit, preview
    row = ok(http, demo, "POST", "/open/cart/add", {"mpId": str(item.mp_id), "mpSkuId": str(item.mp_sku_ids[0]),
                                                    "quantity": 1})  # fmt: skip
    ok(
        http,
        demo,
        "POST",
        "/open/cart/add",
        {"mpId": str(item.mp_id), "mpSkuId": str(item.mp_sku_ids[0]), "quantity": 1},
    )
    listed = ok(http, demo, "GET", "/open/cart/list")
    assert [r["quantity"] for r in listed["enableList"]] == [2] and listed["disableList"] == []
    ok(http, demo, "POST", "/open/cart/edit-quantity", {"id": row["id"], "quantity": 3})
    preview = ok(http, demo, "POST", "/open/cart/preview", {"ids": [row["id"]]})
    assert preview["canBuy"] and preview["totalAmount"] == 3 * 1000 + 600
    assert preview["orders"][0]["orderLineList"][0]["price"] == 1000

    # create from the cart: one order, stock reserved, cart emptied, money untouched
    created = ok(http, demo, "POST", "/open/cart/create/order",
                 {"ids": [row["id"]], "orderAddress": RECEIVER, "userId": demo.user_id})  # fmt: skip
    po = created["orderList"][0]["purchaseId"]
    sub = created["orderList"][0]["orderLineList"][0]["subPurchaseOrderId"]
    assert len(po) == 12 and created["orderList"][0]["status"] == 0
    assert sku_stock(runtime, item.sku_pks[0]) == 7
    assert ok(http, demo, "GET", "/open/cart/list")["enableList"] == []
    assert money_ok(runtime, demo) == start

    # pay: charged once, status 10
    paid = ok(http, demo, "POST", "/open/order/pay", {"purchaseOrderIdList": [po]})
    assert paid == [{"purchaseOrderId": po, "success": True, "payAmount": 3600, "payCurrency": "CNY", "status": 10,
                     "errorCode": None, "errorMessage": None}]  # fmt: skip
    assert money_ok(runtime, demo) == start - 3600
    again = call(http, demo, "POST", "/open/order/pay", {"purchaseOrderIdList": [po]})
    assert again["code"] == Code.STATE_CONFLICT
    assert money_ok(runtime, demo) == start - 3600
    assert detail(http, demo, po)["status"] == 10

    # the clock: not shipped before the delay, shipped after it
    ok(http, demo, "POST", "/sandbox/clock/advance", {"seconds": 1800})
    assert detail(http, demo, po)["status"] == 10
    ok(http, demo, "POST", "/sandbox/clock/advance", {"seconds": 1800})
    order = detail(http, demo, po)
    assert order["status"] == 11
    s = order["subPurchaseOrders"][0]
    assert s["canConfirmReceipt"] and s["logisticOrders"][0]["logisticNumber"]
    assert sku_stock(runtime, item.sku_pks[0]) == 7  # consumed, not released

    # trace: advances step by step with the clock
    trace = ok(http, demo, "GET", "/open/order/logistics/detail/get", {"subPurchaseOrderId": sub})
    pkg = trace["pnmLogisticsDetails"][0]
    assert pkg["mailNo"] == s["logisticOrders"][0]["logisticNumber"]
    assert [t["action"] for t in pkg["logisticsTraces"]] == ["TMS_ACCEPT"]
    assert set(pkg["logisticsTraces"][0]) >= {"statusDesc", "province", "city", "district", "action", "facilityName",
                                              "time", "standerdDesc", "status", "nextCity", "nextNodeName"}  # fmt: skip
    ok(http, demo, "POST", "/sandbox/clock/advance", {"seconds": 6 * 21600})
    pkg = ok(http, demo, "GET", "/open/order/logistics/detail/get", {"subPurchaseOrderId": sub})["pnmLogisticsDetails"][
        0
    ]
    assert pkg["logisticsTraces"][-1]["status"] == "SIGN" and pkg["logisticsStatus"] == "SIGN"

    # auto-confirm after 10 days
    ok(http, demo, "POST", "/sandbox/clock/advance", {"seconds": 10 * 86400})
    order = detail(http, demo, po)
    assert order["status"] == 11 and not order["subPurchaseOrders"][0]["canConfirmReceipt"]
    assert order["subPurchaseOrders"][0]["confirmTime"] is not None
    assert money_ok(runtime, demo) == start - 3600

    # messages in the outbox, in order
    with runtime.db.snapshot() as tx:
        msgs = outbox.read_messages(tx, develop_id=demo.develop_id)
    statuses = [m.body["status"] for m in msgs if m.message_type == "TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY"]
    assert statuses == ["WAIT_BUYER_P", "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED"]


def test_create_is_idempotent_on_seller_order_number(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    item = add_taobao_item(runtime, stock=10)
    first = create(http, demo, item, number="SO-42")
    second = create(http, demo, item, number="SO-42")
    assert first["code"] == second["code"] == 200
    assert first["data"]["orderList"] == second["data"]["orderList"] and second["data"]["replayed"]
    assert sku_stock(runtime, item.sku_pks[0]) == 8
    page = ok(http, demo, "POST", "/open/purchase/page", {"sellerOrderNumber": "SO-42"})
    assert page["resultsTotal"] == 1


def test_create_refuses_a_changed_price_and_missing_stock_without_side_effects(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    item = add_taobao_item(runtime, stock=3, price=1000)
    env = create(http, demo, item, qty=1, price=999)
    assert env["code"] == Code.PRICE_CHANGED
    env = create(http, demo, item, qty=4, price=1000)
    assert env["code"] == Code.OUT_OF_STOCK
    env = call(http, demo, "POST", "/open/order", {"orderLineList": lines(item, 1), "receiver": "{not json"})
    assert env["code"] == Code.INVALID_PARAMETER
    env = call(http, demo, "POST", "/open/order",
               {"orderLineList": json.dumps([{"itemId": "1", "quantity": 1}]), "receiver": json.dumps(RECEIVER)})  # fmt: skip
    assert env["code"] == Code.NOT_FOUND
    assert sku_stock(runtime, item.sku_pks[0]) == 3
    assert ok(http, demo, "POST", "/open/purchase/page", {})["resultsTotal"] == 0


def test_seller_failures_configured_in_the_sandbox(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    item = add_taobao_item(runtime, stock=5)
    ok(http, demo, "POST", "/sandbox/taobao/seller/behaviour",
       {"shopId": item.shop_id, "behaviour": {"failOutOfStockAtCreate": True}})  # fmt: skip
    assert create(http, demo, item, qty=1)["code"] == Code.OUT_OF_STOCK
    ok(http, demo, "POST", "/sandbox/taobao/seller/behaviour",
       {"shopId": item.shop_id, "behaviour": {"failOutOfStockAtCreate": None, "failPriceChangeAtCreate": True}})  # fmt: skip
    assert create(http, demo, item, qty=1)["code"] == Code.PRICE_CHANGED
    assert sku_stock(runtime, item.sku_pks[0]) == 5


def test_unpaid_order_closes_on_the_clock_and_releases_stock(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    item = add_taobao_item(runtime, stock=5, behaviour={"unpaidTimeoutSeconds": 600})
    po = create(http, demo, item, qty=2)["data"]["orderList"][0]["purchaseId"]
    assert sku_stock(runtime, item.sku_pks[0]) == 3
    ok(http, demo, "POST", "/sandbox/clock/advance", {"seconds": 601})
    assert detail(http, demo, po)["status"] == 4
    assert sku_stock(runtime, item.sku_pks[0]) == 5
    assert call(http, demo, "POST", "/open/order/pay", {"purchaseOrderIdList": [po]})["code"] == Code.STATE_CONFLICT


def test_insufficient_balance_charges_nothing(http: TestClient, runtime: Runtime) -> None:
    from tests.conftest import new_developer

    poor = new_developer(runtime)
    item = add_taobao_item(runtime, stock=5)
    po = create(http, poor, item, qty=1)["data"]["orderList"][0]["purchaseId"]
    env = call(http, poor, "POST", "/open/order/pay", {"purchaseOrderIdList": [po]})
    assert env["code"] == Code.INSUFFICIENT_BALANCE
    assert detail(http, poor, po)["status"] == 0
    assert balance_and_ledger(runtime, poor.develop_id) == (0, 0)
    too_many = call(http, poor, "POST", "/open/order/pay", {"purchaseOrderIdList": [po] * 11})
    assert too_many["code"] == Code.LIMIT_EXCEEDED


def test_cancel_a_paid_sub_order_refunds_it(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    item = add_taobao_item(runtime, stock=5, price=1000, behaviour={"postFeeFen": 500})
    body = {"orderLineList": json.dumps([{"itemId": str(item.mp_id), "skuId": str(s), "quantity": 1}
                                         for s in item.mp_sku_ids]),
            "receiver": json.dumps(RECEIVER), "sellerOrderNumber": "SO-C"}  # fmt: skip
    created = ok(http, demo, "POST", "/open/order", body)["orderList"][0]
    po, subs = created["purchaseId"], [x["subPurchaseOrderId"] for x in created["orderLineList"]]
    start = money_ok(runtime, demo)
    ok(http, demo, "POST", "/open/order/pay", {"purchaseOrderIdList": [po]})
    assert money_ok(runtime, demo) == start - (1000 + 1100 + 500)
    order = ok(http, demo, "POST", "/open/order/cancel", {"purchaseOrderId": po, "subPurchaseOrderIdList": [subs[0]]})
    assert [s["status"] for s in order["subPurchaseOrders"]] == [4, 10] and order["status"] == 10
    assert money_ok(runtime, demo) == start - (1100 + 500)
    assert sku_stock(runtime, item.sku_pks[0]) == 5
    order = ok(http, demo, "POST", "/open/order/cancel", {"purchaseOrderId": po})
    assert order["status"] == 4 and money_ok(runtime, demo) == start
    ok(http, demo, "POST", "/sandbox/clock/advance", {"seconds": 86400})
    assert detail(http, demo, po)["status"] == 4  # the ship timer was cancelled


def test_voucher_review_and_price_modification(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    item = add_taobao_item(runtime, stock=5, price=1000)
    created = create(http, demo, item, qty=1)["data"]["orderList"][0]
    po, sub = created["purchaseId"], created["orderLineList"][0]["subPurchaseOrderId"]
    order = ok(http, demo, "POST", "/sandbox/taobao/order/price/modify",
               {"purchaseOrderId": po, "subPurchaseOrderId": sub, "price": 900})  # fmt: skip
    assert order["purchaseAmount"] == 900
    ok(http, demo, "POST", "/open/order/voucher/upload", {"purchaseOrderId": po, "voucherUrl": "https://x/v.png"})
    assert detail(http, demo, po)["status"] == 1
    ok(http, demo, "POST", "/sandbox/taobao/order/voucher/reject", {"purchaseOrderId": po, "remark": "blurry"})
    assert detail(http, demo, po)["status"] == 3
    ok(http, demo, "POST", "/open/order/voucher/upload", {"purchaseOrderId": po, "voucherUrl": "https://x/v2.png"})
    start = money_ok(runtime, demo)
    assert ok(http, demo, "POST", "/sandbox/taobao/order/voucher/approve", {"purchaseOrderId": po})["status"] == 5
    ok(http, demo, "POST", "/sandbox/clock/advance", {"seconds": 60})
    assert detail(http, demo, po)["status"] == 10
    assert money_ok(runtime, demo) == start  # credit and charge of the voucher amount: two ledger rows
    with runtime.db.snapshot() as tx:
        types = [m.message_type for m in outbox.read_messages(tx, develop_id=demo.develop_id)]
    assert "TAOBAO_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY" in types


def test_warehouse_im_link_and_list_filters(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    item = add_taobao_item(runtime, stock=5)
    po = create(http, demo, item, qty=1)["data"]["orderList"][0]["purchaseId"]
    new = {**RECEIVER, "address": "新仓库 2 号"}
    order = ok(http, demo, "POST", "/open/order/warehouse/update", {"purchaseOrderId": po, "receiver": json.dumps(new)})
    assert order["receiver"]["address"] == "新仓库 2 号"
    url = ok(http, demo, "POST", "/open/order/page/link/get", {"sourceType": "item", "bizId": str(item.item_id)})
    assert url.startswith("http://testserver/apps/open/imchat?") and "loginToken=" in url
    page = http.get(url.removeprefix("http://testserver"))  # the link opens a page the platform serves
    assert page.status_code == 200 and str(item.item_id) in page.text and "text/html" in page.headers["content-type"]
    assert ok(http, demo, "GET", "/open/order/page", {"status": "0"})["resultsTotal"] == 1
    assert ok(http, demo, "POST", "/v2/taobao/order/page", {"status": 10})["resultsTotal"] == 0
    assert call(http, demo, "GET", "/open/order/detail", {"purchaseOrderId": "200000009999"})["code"] == Code.NOT_FOUND


def test_cart_lists_unbuyable_rows_and_is_per_user(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    item = add_taobao_item(runtime, stock=1)
    ok(
        http,
        demo,
        "POST",
        "/open/cart/add",
        {"mpId": str(item.mp_id), "mpSkuId": str(item.mp_sku_ids[0]), "quantity": 3},
    )
    listed = ok(http, demo, "GET", "/open/cart/list")
    assert listed["enableList"] == [] and listed["disableList"][0]["errorCode"] == Code.OUT_OF_STOCK
    with runtime.uow() as uow:
        from kuajing.domain.accounts import service as accounts

        other = accounts.create_sub_account(uow, develop_id=demo.develop_id, name="sub", now_ms=0)
        uow.commit()
    assert ok(http, demo, "GET", "/open/cart/list", user_id=other.user_id) == {"enableList": [], "disableList": []}


def test_the_sdk_drives_the_whole_flow(client: Any, runtime: Runtime) -> None:
    from kuajing.client.errors import APIError

    item = add_taobao_item(runtime, stock=4, price=1200)
    row = client.taobao.cart.add(mp_id=str(item.mp_id), mp_sku_id=str(item.mp_sku_ids[0]), quantity=2)
    assert client.taobao.cart.preview([row.id]).total_amount == 2400
    po = client.taobao.cart.create_order([row.id], address=RECEIVER).order_list[0].purchase_id
    assert client.taobao.orders.pay([po])[0].success
    with pytest.raises(APIError) as refused:
        client.taobao.orders.pay([po])
    assert refused.value.code == Code.STATE_CONFLICT
    order = client.taobao.sandbox.ship(po)
    assert order.status == 11
    sub = order.sub_purchase_orders[0].sub_purchase_order_id
    assert client.taobao.orders.logistics(sub).pnm_logistics_details[0].logistics_traces[0].action == "TMS_ACCEPT"
    assert client.taobao.sandbox.confirm(po).sub_purchase_orders[0].confirm_time is not None
    assert client.taobao.orders.list(status=11).results_total == 1
