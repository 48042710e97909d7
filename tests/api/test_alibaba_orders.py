"""1688 cart and orders end to end over the real app and SDK, on SQLite and PostgreSQL: statuses, the ledger, stock
and the outbox checked at every step; every refusal with its code and no side effect."""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest
from starlette.testclient import TestClient

from kuajing.client import Client
from kuajing.client.errors import APIError
from kuajing.client.resources.alibaba_orders import CANCEL
from kuajing.domain.accounts import wallet as wallet_service
from kuajing.domain.accounts.model import Credentials
from kuajing.domain.catalog.model import Product, ProductStatus
from kuajing.protocol.ids import IdKind
from kuajing.runtime import Runtime
from tests.alibaba_catalog import ADDRESS, add_offer, add_seller, cargo, info, outbox_types, stock_of, wallet
from tests.api.conftest import sdk
from tests.conftest import new_developer


def _code(exc: pytest.ExceptionInfo[APIError]) -> int:
    return exc.value.code


def _order_count(rt: Runtime, develop_id: str) -> int:
    with rt.uow() as uow:
        return int(uow.tx.scalar("SELECT COUNT(*) AS n FROM alibaba_orders WHERE develop_id = :d", {"d": develop_id}))


def test_end_to_end_cart_to_success(runtime: Runtime, client: Client, demo: Credentials) -> None:
    seller = add_seller(runtime)
    offer = add_offer(runtime, seller, stock=10, price_fen=2900, ranges=[(1, 2900), (5, 2500)])
    start_balance, start_ledger = wallet(runtime, demo.develop_id)
    assert start_balance == start_ledger > 0

    cart_id = client.alibaba.cart.add(offer_id=offer.external_id, spec_id=offer.skus[0].spec_id, quantity=3)
    assert client.alibaba.cart.add(offer_id=offer.external_id, spec_id=offer.skus[0].spec_id, quantity=2) == cart_id
    cart = client.alibaba.cart.list()
    assert cart.disable_list == [] and cart.enable_list[0].seller_open_id == seller.open_id
    line = cart.enable_list[0].cart_item_infos[0]
    assert (line.quantity, line.price, line.amount_on_sale) == (5, 2500, 10)  # quantity range price at 5

    preview = client.alibaba.cart.preview([cart_id], ADDRESS)
    p = preview.order_preview_result[0]
    assert preview.success and p.status and p.flow_flag == "general" and p.trade_mode_name_list
    assert (p.sum_payment_no_carriage, p.sum_carriage, p.sum_payment) == (12500, 600, 13100)
    assert p.cargo_list[0].final_unit_price == 2500 and preview.unsupported_cross_border_pay_offer_list == []

    created = client.alibaba.cart.create_order([cart_id], ADDRESS)
    assert len(created) == 1 and created[0].success and created[0].base_info is not None
    order_id = created[0].base_info.id
    assert len(order_id) == 19 and created[0].base_info.status == "waitbuyerpay"
    assert stock_of(runtime, offer) == 5
    assert client.alibaba.cart.list().enable_list == []
    assert wallet(runtime, demo.develop_id) == (start_balance, start_balance)

    pay = client.alibaba.orders.pay_url(order_id)
    assert pay.protocol_pay_success and pay.pay_url is None and pay.order_id == order_id
    assert wallet(runtime, demo.develop_id) == (start_balance - 13100, start_balance - 13100)
    view = client.alibaba.orders.detail(order_id)
    assert (
        view.base_info is not None
        and view.base_info.status == "waitsellersend"
        and view.base_info.total_amount == 13100
    )
    again = client.alibaba.orders.pay_url(order_id)  # paying twice charges once
    assert not again.protocol_pay_success and again.cant_pay_order_list == [int(order_id)]
    assert wallet(runtime, demo.develop_id)[0] == start_balance - 13100
    assert client.alibaba.orders.logistics_trace(order_id) == []

    client.sandbox.advance(seconds=3600)  # the seller's default ship delay
    view = client.alibaba.orders.detail(order_id)
    assert view.base_info is not None and view.base_info.status == "waitbuyerreceive"
    assert view.native_logistics is not None and view.native_logistics.logistics_items[0].logistics_bill_no
    trace = client.alibaba.orders.logistics_trace(order_id)
    assert [s.status for s in trace[0].logistics_steps] == ["ACCEPT"] and trace[0].status == "ACCEPT"
    client.sandbox.advance(seconds=48 * 3600)
    trace = client.alibaba.orders.logistics_trace(order_id)
    assert len(trace[0].logistics_steps) == 5 and trace[0].status == "SIGN"
    assert stock_of(runtime, offer) == 5  # consumed, not released

    entry_id = view.product_items[0].sub_item_id_string
    assert client.alibaba.orders.receive_goods(order_id, [entry_id]).success
    assert info(client.alibaba.orders.detail(order_id)).status == "confirm_goods"
    client.sandbox.advance(seconds=1)
    assert info(client.alibaba.orders.detail(order_id)).status == "success"
    assert outbox_types(runtime, order_id) == [
        "ORDER_CREATE", "ORDER_PAY_SUCCESS", "ORDER_SHIPPED", "ORDER_CONFIRM_RECEIPT", "ORDER_SUCCESS",
    ]  # fmt: skip
    with runtime.uow() as uow:
        body = json.loads(uow.tx.scalar("SELECT body FROM outbox WHERE message_type = 'ORDER_PAY_SUCCESS'"))
        history = uow.alibaba_orders.history(int(order_id))
    assert body["orderId"] == order_id and body["orderStatus"] == "WAITING_FOR_SENT" and body["payStatus"] == 2
    assert (body["totalAmount"], body["shippingFee"], body["productAmount"]) == (13100, 600, 12500)
    assert body["payTime"] and len(body["tbCreateTime"]) == 19
    assert [h.to_status for h in history] == [
        "waitbuyerpay", "waitsellersend", "waitbuyerreceive", "confirm_goods", "success",
    ]  # fmt: skip
    assert wallet(runtime, demo.develop_id) == (start_balance - 13100, start_balance - 13100)
    page = client.alibaba.orders.page(order_status="success")
    assert page.total_records == 1 and info(page.data[0]).id == order_id


def test_cashier_page_pays_once(runtime: Runtime, http: TestClient) -> None:
    creds = new_developer(runtime)  # an empty wallet: protocol pay cannot cover, the cashier link is the way
    client = sdk(http, creds)
    offer = add_offer(runtime, add_seller(runtime))
    order_id = info(client.alibaba.orders.create([cargo(offer, 1)], ADDRESS)).id
    pay = client.alibaba.orders.pay_url(order_id)
    assert not pay.protocol_pay_success and pay.pay_url and pay.pay_url.startswith("http://testserver/cashier/1688/")
    path = urlparse(pay.pay_url).path
    page = http.get(path)
    assert page.status_code == 200 and order_id in page.text and "<form" in page.text
    refused = http.post(path)  # the wallet is empty: refused, nothing changes, the link stays usable
    assert refused.status_code == 422 and wallet(runtime, creds.develop_id) == (0, 0)
    with runtime.uow() as uow:
        wallet_service.credit(uow, develop_id=creds.develop_id, amount_fen=10_000, memo="top up", entry_key="t1",
                              now_ms=runtime.clock.now_ms())  # fmt: skip
        uow.commit()
    paid = http.post(path)
    assert paid.status_code == 200 and "支付成功" in paid.text
    assert http.post(path).status_code == 404  # one-time token
    assert wallet(runtime, creds.develop_id) == (10_000 - 3500, 10_000 - 3500)
    assert info(client.alibaba.orders.detail(order_id)).status == "waitsellersend"


def test_protocol_pay_switch_batch_submit_and_sdk_cashier(runtime: Runtime, client: Client, demo: Credentials) -> None:
    offer = add_offer(runtime, add_seller(runtime))
    ids = [info(client.alibaba.orders.create([cargo(offer, 1)], ADDRESS)).id for _ in range(3)]
    assert client.alibaba.orders.sandbox_protocol_pay(False) is False
    before = wallet(runtime, demo.develop_id)[0]
    link = client.alibaba.orders.batch_submit_to_pay([*ids[:2], "1234567890123456789"])
    assert not link.protocol_pay_success and link.pay_url and link.cant_pay_order_list == [1234567890123456789]
    assert sorted(link.order_ids) == sorted(ids[:2]) and wallet(runtime, demo.develop_id)[0] == before
    shown = client.alibaba.orders.cashier(link.pay_url)  # the page, as JSON for programs
    assert shown.total_amount == 7000 and sorted(o.order_id for o in shown.orders) == sorted(ids[:2])
    paid = client.alibaba.orders.cashier_pay(link.pay_url)
    assert sorted(paid.paid_order_ids) == sorted(ids[:2])
    assert wallet(runtime, demo.develop_id) == (before - 7000, before - 7000)
    with pytest.raises(APIError) as exc:
        client.alibaba.orders.cashier_pay(link.pay_url)  # one-time link
    assert _code(exc) == 40401
    client.alibaba.orders.sandbox_protocol_pay(True)
    protocol = client.alibaba.orders.batch_submit_to_pay(ids)
    assert protocol.protocol_pay_success and protocol.order_ids == [ids[2]]
    assert sorted(protocol.cant_pay_order_list) == sorted(int(i) for i in ids[:2])
    assert wallet(runtime, demo.develop_id) == (before - 10500, before - 10500)
    with pytest.raises(APIError) as exc:
        client.alibaba.orders.batch_submit_to_pay([str(10**18 + i) for i in range(31)])
    assert _code(exc) == 42204


def test_unpaid_timeout_and_cancel_release_stock(runtime: Runtime, client: Client) -> None:
    offer = add_offer(runtime, add_seller(runtime), stock=5)
    first = info(client.alibaba.orders.create([cargo(offer, 2)], ADDRESS)).id
    second = info(client.alibaba.orders.create([cargo(offer, 3)], ADDRESS)).id
    assert stock_of(runtime, offer) == 0
    assert client.alibaba.orders.cancel(second, "不想要了") is True
    assert stock_of(runtime, offer) == 3
    view = client.alibaba.orders.detail(second)
    assert info(view).status == "cancel" and info(view).close_reason == "不想要了"
    with pytest.raises(APIError) as exc:
        client.alibaba.orders.cancel(second, "again")
    assert _code(exc) == 40901
    client.sandbox.advance(seconds=86400)
    assert info(client.alibaba.orders.detail(first)).status == "cancel"
    assert stock_of(runtime, offer) == 5
    assert outbox_types(runtime, first) == ["ORDER_CREATE", "ORDER_CANCEL"]
    with runtime.uow() as uow:
        body = json.loads(uow.tx.scalar("SELECT body FROM outbox WHERE message_type = 'ORDER_CANCEL' AND"
                                        " aggregate_id = :i", {"i": first}))  # fmt: skip
    assert body["orderStatus"] == "CANCEL" and body["closeReason"] == "timeout_close"


def test_seller_price_change_ship_and_auto_confirm(runtime: Runtime, client: Client, demo: Credentials) -> None:
    seller = add_seller(runtime)
    offer = add_offer(runtime, seller)
    order_id = info(client.alibaba.orders.create([cargo(offer, 2)], ADDRESS)).id
    view = client.alibaba.orders.sandbox_modify_price(order_id, product_amount=5000, shipping_fee=0)
    assert info(view).total_amount == 5000
    before = wallet(runtime, demo.develop_id)[0]
    assert client.alibaba.orders.pay_url(order_id).protocol_pay_success
    assert wallet(runtime, demo.develop_id)[0] == before - 5000
    shipped = client.alibaba.orders.sandbox_ship(order_id, company_no="SF", bill_no="SF123")
    assert shipped.native_logistics is not None
    logistics = shipped.native_logistics.logistics_items[0]
    assert (logistics.logistics_company_no, logistics.logistics_bill_no) == ("SF", "SF123")
    client.sandbox.advance(seconds=10 * 86400)  # autoConfirmDays, then completion
    assert info(client.alibaba.orders.detail(order_id)).status == "success"
    assert outbox_types(runtime, order_id)[:2] == ["ORDER_CREATE", "ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY"]


def test_create_refusals_have_codes_and_no_side_effect(runtime: Runtime, client: Client, demo: Credentials) -> None:
    seller = add_seller(runtime)
    offer = add_offer(runtime, seller, stock=3, moq=2)
    other = add_offer(runtime, add_seller(runtime))
    orders = client.alibaba.orders
    cases = [
        ([cargo(offer, 1)], 42205),  # below the minimum order quantity
        ([cargo(offer, 4)], 42202),  # more than the stock
        ([{"offerId": 1, "quantity": 2}], 40401),
        ([{"offerId": offer.external_id, "specId": "0" * 32, "quantity": 2}], 40401),
        ([{"offerId": offer.external_id, "quantity": 2}], 40002),  # several specs and none named
        ([{"offerMapId": "not-an-id", "quantity": 2}], 40002),
        ([cargo(offer, 2), cargo(other, 1)], 40002),  # several sellers in H7
    ]
    for lines, code in cases:
        with pytest.raises(APIError) as exc:
            orders.create(lines, ADDRESS)
        assert _code(exc) == code, lines
    with pytest.raises(APIError) as exc:
        orders.create([cargo(offer, 2)], ADDRESS, flow="nonsense")
    assert _code(exc) == 40002
    with pytest.raises(APIError) as exc:
        orders.create([cargo(offer, 2)], {"fullName": "x"})
    assert _code(exc) == 40002

    # the preview quoted 2900; the seller raises the price; create refuses instead of charging more
    assert orders.preview([cargo(offer, 2)]).success
    with runtime.uow() as uow:
        product = uow.catalog.get_product(offer.id)
        assert product is not None
        product.skus[0].price_fen = 3100
        uow.catalog.save_product(product)
        uow.commit()
    with pytest.raises(APIError) as exc:
        orders.create([cargo(offer, 2)], ADDRESS)
    assert _code(exc) == 42203
    assert orders.preview([cargo(offer, 2)]).order_preview_result[0].sum_payment_no_carriage == 6200
    # forced seller failures
    for key, code in (("failOutOfStockAtCreate", 42202), ("failPriceChangeAtCreate", 42203)):
        orders.sandbox_seller_behaviour(seller.open_id, {key: True})
        with pytest.raises(APIError) as exc:
            orders.create([cargo(offer, 2)], ADDRESS)
        assert _code(exc) == code
        orders.sandbox_seller_behaviour(seller.open_id, {key: None})
    # offline
    with runtime.uow() as uow:
        product = uow.catalog.get_product(offer.id)
        assert product is not None
        product.status = ProductStatus.OFFLINE
        uow.catalog.save_product(product)
        uow.commit()
    with pytest.raises(APIError) as exc:
        orders.create([cargo(offer, 2)], ADDRESS)
    assert _code(exc) == 42205
    preview = orders.preview([cargo(offer, 2)])
    assert not preview.success and preview.error_code == "42205" and not preview.order_preview_result[0].status

    assert _order_count(runtime, demo.develop_id) == 0 and stock_of(runtime, offer) == 3
    with runtime.uow() as uow:
        assert uow.tx.scalar("SELECT COUNT(*) AS n FROM outbox WHERE aggregate_type = '1688_order'") == 0
        assert uow.tx.scalar("SELECT COUNT(*) AS n FROM stock_reservations") == 0


def test_other_refusals(runtime: Runtime, client: Client, demo: Credentials) -> None:
    orders = client.alibaba.orders
    offer = add_offer(runtime, add_seller(runtime))
    order_id = info(orders.create([cargo(offer, 1)], ADDRESS)).id
    with pytest.raises(APIError) as exc:
        orders.pay_url("1234567890123456789")
    assert _code(exc) == 40401
    with pytest.raises(APIError) as exc:
        orders.detail("12ab")
    assert _code(exc) == 40002
    with pytest.raises(APIError) as exc:
        client.request(CANCEL, {"webSite": "taobao", "orderId": order_id, "cancelReason": "x"})
    assert _code(exc) == 40002
    not_shipped = orders.receive_goods(order_id)
    assert not not_shipped.success and not_shipped.error_code == "40901"
    unknown = orders.receive_goods("1234567890123456789")
    assert not unknown.success and unknown.error_code == "4003"
    other = sdk_other(runtime, client)
    with pytest.raises(APIError) as exc:  # another developer cannot see it
        other.alibaba.orders.detail(order_id)
    assert _code(exc) == 40401
    assert info(orders.detail(order_id)).status == "waitbuyerpay"


def sdk_other(runtime: Runtime, client: Client) -> Client:
    creds = new_developer(runtime)
    http = client._http
    assert isinstance(http, TestClient)
    return sdk(http, creds)


def test_batch_create_per_seller_outcome(runtime: Runtime, client: Client, demo: Credentials) -> None:
    good = add_offer(runtime, add_seller(runtime), stock=5)
    bad_seller = add_seller(runtime, failOutOfStockAtCreate=True)
    bad = add_offer(runtime, bad_seller, stock=5)
    preview = client.alibaba.orders.batch_preview([cargo(good, 1), cargo(bad, 1)])
    assert [p.seller_open_id for p in preview.order_preview_result] == [
        good_seller_open_id(runtime, good),
        bad_seller.open_id,
    ]
    result = client.alibaba.orders.batch_create([cargo(good, 2), cargo(bad, 1)], ADDRESS)
    assert [r.success for r in result] == [True, False]
    assert result[1].error_code == "42202" and result[1].seller_open_id == bad_seller.open_id
    assert stock_of(runtime, good) == 3 and stock_of(runtime, bad) == 5
    assert _order_count(runtime, demo.develop_id) == 1


def good_seller_open_id(runtime: Runtime, product: Product) -> str:
    with runtime.uow() as uow:
        seller = uow.catalog.get_seller(product.seller_id)
        assert seller is not None
        return seller.open_id


def test_v2_paths_use_offer_map_ids(runtime: Runtime, http: TestClient, demo: Credentials) -> None:
    client = sdk(http, demo, api_version="v2")
    offer = add_offer(runtime, add_seller(runtime), specs=1)
    map_id = runtime.id_codec.encode(IdKind.ALIBABA_OFFER, offer.external_id)
    line = {"offerMapId": map_id, "quantity": 2}  # one spec: specId may be left out
    preview = client.alibaba.orders.preview([line])
    assert preview.order_preview_result[0].cargo_list[0].offer_map_id == map_id
    view = client.alibaba.orders.create([line], ADDRESS)
    assert view.product_items[0].offer_map_id == map_id and view.product_items[0].product_id == offer.external_id
    page = client.alibaba.orders.page()
    assert page.total_records == 1 and page.current_page == 1
    cart_id = client.alibaba.cart.add(offer_map_id=map_id, quantity=1)
    assert client.alibaba.cart.edit_quantity(cart_id, 50)
    cart = client.alibaba.cart.list()
    assert cart.enable_list == [] and cart.disable_list[0].cart_item_infos[0].invalid_reason
    assert client.alibaba.cart.delete([cart_id]) and client.alibaba.cart.list().disable_list == []
    with pytest.raises(APIError) as exc:
        client.alibaba.cart.delete([cart_id])
    assert _code(exc) == 40401


def test_wire_shapes_as_a_third_party_client_sees_them(runtime: Runtime, http: TestClient, demo: Credentials) -> None:
    from tests.api.helpers import headers

    offer = add_offer(runtime, add_seller(runtime))
    body = {"cargoParamList": [cargo(offer, 2)], "addressParam": ADDRESS}
    preview = http.post("/alibaba/order/create/preview", json=body, headers=headers(demo)).json()
    assert preview["code"] == 200 and "orderPreviewResuslt" in preview["data"]
    assert preview["data"]["unsupportedCrossBorderPayOfferList"] == []
    assert preview["data"]["orderPreviewResuslt"][0]["sumPayment"] == 2 * 2900 + 600
    created = http.post("/alibaba/order/create", json={**body, "flow": "general"}, headers=headers(demo)).json()
    order_id = created["data"]["baseInfo"]["id"]
    assert isinstance(order_id, str) and len(order_id) == 19
    assert isinstance(created["data"]["productItems"][0]["subItemIDString"], str)
    # a JavaScript client sends the 19-digit id as a JSON number; the id survives because JSON text is exact
    raw = '{"webSite":"1688","orderId":' + order_id + "}"
    detail = http.post(
        "/alibaba/order/detail", content=raw, headers={**headers(demo), "content-type": "application/json"}
    )
    assert detail.json()["data"]["baseInfo"]["status"] == "waitbuyerpay"
    pay = http.get("/v2/alibaba/order/pay/url", params={"orderId": order_id}, headers=headers(demo)).json()
    assert pay["data"]["protocolPaySuccess"] is True and pay["data"]["orderId"] == order_id
    again = http.get("/alibaba/order/pay/url", params={"orderId": order_id}, headers=headers(demo)).json()
    assert again["data"]["cantPayOrderList"] == [int(order_id)]
    cancel = http.post(
        "/v2/alibaba/order/cancel", json={"webSite": "1688", "orderId": order_id, "cancelReason": "不想要了"},
        headers=headers(demo),
    ).json()  # fmt: skip
    assert cancel["code"] == 40901  # paid: too late to cancel
    missing = http.post("/alibaba/order/receivegoods", json={"orderId": order_id}, headers=headers(demo)).json()
    assert missing["code"] == 200 and missing["data"]["success"] is False


def test_partial_receipt_and_seller_close(runtime: Runtime, client: Client) -> None:
    orders = client.alibaba.orders
    seller = add_seller(runtime)
    a, b = add_offer(runtime, seller, specs=1), add_offer(runtime, seller, specs=1)
    view = orders.create([cargo(a, 1), cargo(b, 2)], ADDRESS)
    order_id = info(view).id
    first, second = (item.sub_item_id_string for item in view.product_items)
    assert orders.pay_url(order_id).protocol_pay_success
    orders.sandbox_ship(order_id)
    other = orders.create([cargo(a, 1)], ADDRESS)
    wrong = orders.receive_goods(order_id, [other.product_items[0].sub_item_id_string])
    assert not wrong.success and wrong.error_code == "40002"
    assert orders.receive_goods(order_id, [first]).success
    view = orders.detail(order_id)
    assert info(view).status == "waitbuyerreceive"
    assert [i.logistics_status for i in view.product_items] == [3, 2]
    assert orders.receive_goods(order_id, [second]).success
    assert info(orders.detail(order_id)).status == "confirm_goods"

    closed = orders.sandbox_close(info(other).id, reason="缺货")
    assert info(closed).status == "cancel" and info(closed).close_operate_type == "CLOSE_TRADE_BY_SELLER"
    with pytest.raises(APIError) as exc:
        orders.sandbox_ship(info(other).id)
    assert _code(exc) == 40901
