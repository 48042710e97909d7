"""Taobao reverse orders end to end on real purchase orders (create → pay → ship → confirm → refund), through the SDK,
on SQLite and PostgreSQL: statuses, deadlines on the sandbox clock, money credited exactly once, the order closing
when everything is refunded, outbox messages."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from kuajing.client import Client
from kuajing.client.errors import APIError
from kuajing.domain.accounts.model import Credentials
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.aftersales_helpers import ledger_keys, ok, outbox, taobao_line, taobao_status, wallet
from tests.api.helpers import headers

HOUR = 3600


def _code(exc: pytest.ExceptionInfo[APIError]) -> int:
    return exc.value.code


def _about(remaining_ms: str, seconds: int) -> bool:
    """``remainingTime`` is ms left on the clock, which keeps running between the request and the check."""
    return seconds * 1000 - 60_000 < int(remaining_ms) <= seconds * 1000


def _status(client: Client, refund_id: str) -> str:
    return client.taobao.refunds.query(refund_id).refund_order_aggregate.refund_order.refund_status


def test_refund_only_before_shipment_agreed_by_the_seller_policy(
    http: TestClient, runtime: Runtime, demo: Credentials, client: Client
) -> None:
    po, sub = taobao_line(http, runtime, demo, qty=2, price=1000,
                          behaviour={"shipDelaySeconds": 30 * 86400, "postFeeFen": 600})  # fmt: skip
    start = wallet(runtime, demo.develop_id)
    render = client.taobao.refunds.render(sub_order_id=sub, refund_type=1, goods_status=1)
    assert render.sale_flag and render.refund_order_template.goods_status_list == ["1"]
    assert render.refund_order_template.max_refund_fee.max_refund_fee == 2000
    assert 1 in [r.reason_id for r in render.refund_order_template.refund_reasons]
    with pytest.raises(APIError) as err:  # return and refund needs received goods
        client.taobao.refunds.submit(sub_order_id=sub, refund_type=2, goods_status=4, reason_id=1, refund_fee=100)
    assert _code(err) == Code.INVALID_PARAMETER
    with pytest.raises(APIError) as err:
        client.taobao.refunds.submit(sub_order_id=sub, refund_type=1, goods_status=1, reason_id=1, refund_fee=2001)
    assert _code(err) == Code.LIMIT_EXCEEDED

    submitted = client.taobao.refunds.submit(sub_order_id=sub, refund_type=1, goods_status=1, reason_id=1,
                                             refund_fee=2000, description="买错了")  # fmt: skip
    agg = submitted.refund_order_aggregate
    rid = agg.refund_order.refund_id
    assert (agg.refund_order.refund_status, agg.refund_order.refund_type, agg.refund_order.goods_status) == ("10", 1, 1)
    assert agg.refund_order.timeout_type == "SELLER_AGREE_TIMEOUT" and _about(
        agg.refund_order.remaining_time, 48 * HOUR
    )
    assert agg.purchase_order_line.purchase_order_line_id == sub and agg.purchase_order_line.purchase_order_id == po
    assert agg.purchase_order_line.total_price == 2000 and submitted.distributor_id == demo.develop_id
    with pytest.raises(APIError) as err:  # one open reverse order per sub-order
        client.taobao.refunds.submit(sub_order_id=sub, refund_type=1, goods_status=1, reason_id=1, refund_fee=10)
    assert _code(err) == Code.DUPLICATE
    assert not client.taobao.refunds.render(sub_order_id=sub, refund_type=1, goods_status=1).sale_flag

    client.sandbox.advance(seconds=23 * HOUR)
    assert _status(client, rid) == "10" and wallet(runtime, demo.develop_id) == start
    client.sandbox.advance(seconds=HOUR)  # refundAgreeHours (24 by default)
    done = client.taobao.refunds.query(rid).refund_order_aggregate.refund_order
    assert (done.refund_status, done.timeout_type, done.pay_order_id) == ("100", "", f"RP{rid}")
    assert wallet(runtime, demo.develop_id) == start + 2000 + 600  # nothing shipped: the postage comes back too
    assert ledger_keys(runtime, demo.develop_id, "refund:taobao") == [
        f"refund:taobao:{rid}",
        f"refund:taobao-post:{po}",
    ]
    assert taobao_status(http, demo, po) == 4  # fully refunded → closed
    view = ok(http, demo, "GET", "/open/order/detail", {"purchaseOrderId": po})["subPurchaseOrders"][0]
    assert (view["refundId"], view["refundStatus"], view["status"]) == (rid, 100, 4)
    assert [b["refundStatus"] for t, b in outbox(runtime, "taobao_refund", rid)
            if t == "TAOBAO_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND"] == [10, 100]  # fmt: skip
    page = client.taobao.refunds.list(page_size=10, refund_status=100, purchase_order_id=po)
    assert page.results_total == 1 and page.refund_orders[0].refund_order.refund_id == rid
    assert client.taobao.refunds.list(page_size=10, refund_status=10).results_total == 0
    sales_order = page.refund_orders[0].purchase_order_line.sales_order_id
    assert sales_order.startswith("SO-")
    assert client.taobao.refunds.list(page_size=10, sales_order_id=sales_order).results_total == 1
    assert client.taobao.refunds.list(page_size=10, sales_order_id="SO-nothing").results_total == 0
    spec_example = {"refundId": "111", "purchaseOrderId": "111", "salesOrderId": "11111", "refundStatus": 1,
                    "refundStartTime": 121312131313, "refundEndTime": 3323232, "pageNo": 1, "pageSize": 1}  # fmt: skip
    assert ok(http, demo, "POST", "/open/order/refund/queryList", spec_example)["resultsTotal"] == 0
    assert not client.taobao.refunds.render(sub_order_id=sub, refund_type=1, goods_status=1).sale_flag
    client.sandbox.advance(seconds=30 * 86400)  # nothing fires twice
    assert wallet(runtime, demo.develop_id) == start + 2600


def test_return_and_refund_then_a_second_refund_closes_the_order(
    http: TestClient, runtime: Runtime, demo: Credentials, client: Client
) -> None:
    po, sub = taobao_line(http, runtime, demo, qty=2, price=1000, stage="received")
    start = wallet(runtime, demo.develop_id)
    render = client.taobao.refunds.render(sub_order_id=sub, refund_type=2, goods_status=4)
    assert render.sale_flag and render.refund_order_template.goods_status_list == ["4"]
    rid = client.taobao.refunds.submit(sub_order_id=sub, refund_type=2, goods_status=4, reason_id=5, refund_fee=1500,
                                       refund_qty=1, images=["https://img.example/broken.jpg"]
                                       ).refund_order_aggregate.refund_order.refund_id  # fmt: skip
    agreed = client.refund_sandbox.act("taobao", "agree", rid).refund_order_aggregate
    assert agreed.refund_order.refund_status == "20" and agreed.refund_order.timeout_type == "BUYER_RETURN_TIMEOUT"
    assert agreed.logistics.receiver_address.detail_address and agreed.logistics.seller_agree_return_describe
    render_return = client.taobao.refunds.return_logistics(rid)
    assert "SF" in [c.logistics_company_code for c in render_return.logistics_companies]
    assert _about(render_return.remaining_time, 7 * 86400)
    with pytest.raises(APIError) as err:
        client.taobao.refunds.submit_return(rid, company_code="NOPE", logistics_no="1")
    assert _code(err) == Code.INVALID_PARAMETER
    shipped = client.taobao.refunds.submit_return(rid, company_code="SF", logistics_no="SF12181323546")
    order = shipped.refund_order_aggregate
    assert (order.refund_order.refund_status, order.refund_order.goods_status) == ("30", 5)
    assert order.logistics.logistics_no == "SF12181323546" and order.logistics.logistics_company.logistics_company_name
    assert order.logistics.logistics_company.logistic_company_code == "SF"  # the v1 example's spelling, too
    received = client.refund_sandbox.act("taobao", "receive", rid).refund_order_aggregate.refund_order
    assert (received.refund_status, received.goods_status) == ("100", 6)
    assert wallet(runtime, demo.develop_id) == start + 1500
    assert taobao_status(http, demo, po) == 11  # 500 fen still paid for

    render = client.taobao.refunds.render(sub_order_id=sub, refund_type=1, goods_status=4)
    assert render.sale_flag and render.refund_order_template.max_refund_fee.max_refund_fee == 500
    assert render.refund_order_template.refund_order.refund_id == rid  # the line's latest reverse order
    second = client.taobao.refunds.submit(sub_order_id=sub, refund_type=1, goods_status=4, reason_id=1,
                                          refund_fee=500).refund_order_aggregate.refund_order.refund_id  # fmt: skip
    client.refund_sandbox.act("taobao", "agree", second)
    assert wallet(runtime, demo.develop_id) == start + 2000
    assert taobao_status(http, demo, po) == 4
    assert not client.taobao.refunds.render(sub_order_id=sub, refund_type=1, goods_status=4).sale_flag
    with pytest.raises(APIError) as err:
        client.taobao.refunds.submit(sub_order_id=sub, refund_type=1, goods_status=4, reason_id=1, refund_fee=1)
    assert _code(err) == Code.LIMIT_EXCEEDED


def test_refusal_then_modify_then_agree_with_messages(
    http: TestClient, runtime: Runtime, demo: Credentials, client: Client
) -> None:
    _, sub = taobao_line(http, runtime, demo, behaviour={"refundAgreeHours": 1, "refundRefuseReasonIds": [1],
                                                         "shipDelaySeconds": 30 * 86400})  # fmt: skip
    start = wallet(runtime, demo.develop_id)
    rid = client.taobao.refunds.submit(sub_order_id=sub, refund_type=1, goods_status=1, reason_id=1,
                                       refund_fee=800).refund_order_aggregate.refund_order.refund_id  # fmt: skip
    note = client.taobao.refunds.send_message(rid, "请尽快处理", images=["https://img.example/a.jpg"])
    assert note.sender_role == "buyer" and note.refund_images == ["https://img.example/a.jpg"]
    client.sandbox.advance(seconds=HOUR)
    refused = client.taobao.refunds.query(rid).refund_order_aggregate.refund_order
    assert refused.refund_status == "-10" and refused.seller_refuse_reason and refused.can_edit_fee
    assert refused.timeout_type == "BUYER_MODIFY_TIMEOUT"
    with pytest.raises(APIError) as err:  # a reason not offered for this goods status
        client.taobao.refunds.modify(rid, reason_id=5)
    assert _code(err) == Code.INVALID_PARAMETER
    modified = client.taobao.refunds.modify(rid, reason_id=2, refund_fee=900, description="拍错了")
    assert modified.refund_order_aggregate.refund_order.refund_status == "10"
    assert modified.refund_order_aggregate.refund_order.reason_id == 2
    assert modified.refund_order_aggregate.refund_order.refund_fee == 900
    client.sandbox.advance(seconds=HOUR)
    assert _status(client, rid) == "100" and wallet(runtime, demo.develop_id) == start + 900
    conversation = client.taobao.refunds.messages(rid)
    assert [m.sender_role for m in conversation] == ["buyer", "seller"] and conversation[0].content == "请尽快处理"
    assert conversation[1].content == refused.seller_refuse_reason
    with pytest.raises(APIError):  # no messages on a finished reverse order
        client.taobao.refunds.send_message(rid, "谢谢")


def test_deadlines_seller_silence_agrees_and_buyer_silence_closes(
    http: TestClient, runtime: Runtime, demo: Credentials, client: Client
) -> None:
    _, sub = taobao_line(http, runtime, demo, stage="received", behaviour={"refundAgreeHours": None,
                                                                           "buyerReturnDays": 3})  # fmt: skip
    rid = client.taobao.refunds.submit(sub_order_id=sub, refund_type=2, goods_status=4, reason_id=7,
                                       refund_fee=2000).refund_order_aggregate.refund_order.refund_id  # fmt: skip
    client.sandbox.advance(seconds=47 * HOUR)
    assert _status(client, rid) == "10"  # the seller stays silent…
    client.sandbox.advance(seconds=HOUR)
    agreed = client.taobao.refunds.query(rid).refund_order_aggregate.refund_order
    assert agreed.refund_status == "20" and agreed.timeout_type == "BUYER_RETURN_TIMEOUT"  # …so it agreed
    client.sandbox.advance(seconds=3 * 86400)
    assert _status(client, rid) == "-20"  # the buyer did not ship the return in time
    # the line is free again while the after-sale window is open
    assert client.taobao.refunds.render(sub_order_id=sub, refund_type=1, goods_status=4).sale_flag
    again = client.taobao.refunds.submit(sub_order_id=sub, refund_type=1, goods_status=4, reason_id=1,
                                         refund_fee=100).refund_order_aggregate.refund_order.refund_id  # fmt: skip
    forced = client.refund_sandbox.act("taobao", "deadline", again).refund_order_aggregate.refund_order
    assert forced.refund_status == "100"
    client.sandbox.advance(seconds=15 * 86400)  # the after-sale window (afterSaleDays) closes
    assert not client.taobao.refunds.render(sub_order_id=sub, refund_type=1, goods_status=4).sale_flag


def test_cancel_at_each_cancellable_state(http: TestClient, runtime: Runtime, demo: Credentials,
                                          client: Client) -> None:  # fmt: skip
    _, sub = taobao_line(http, runtime, demo, stage="received")
    start = wallet(runtime, demo.develop_id)
    tb = client.taobao.refunds

    def submit() -> str:
        return tb.submit(sub_order_id=sub, refund_type=2, goods_status=4, reason_id=5,
                         refund_fee=300).refund_order_aggregate.refund_order.refund_id  # fmt: skip

    first = submit()  # 10 → -20
    cancelled = tb.cancel(first)
    assert cancelled.cancel_success and cancelled.refund_order_aggregate.refund_order.refund_status == "-20"
    with pytest.raises(APIError) as err:  # -20 is terminal
        tb.cancel(first)
    assert _code(err) == Code.STATE_CONFLICT
    second = submit()  # -10 → -20
    client.refund_sandbox.act("taobao", "refuse", second, reason="已超过退货期")
    assert tb.cancel(second).refund_order_aggregate.refund_order.refund_status == "-20"
    third = submit()  # 20 → -20
    client.refund_sandbox.act("taobao", "agree", third)
    assert tb.cancel(third).refund_order_aggregate.refund_order.refund_status == "-20"
    fourth = submit()  # 30 cannot be cancelled; the seller rejects after inspection → -10
    client.refund_sandbox.act("taobao", "agree", fourth)
    tb.submit_return(fourth, company_code="ZTO", logistics_no="ZT123")
    with pytest.raises(APIError) as err:
        tb.cancel(fourth)
    assert _code(err) == Code.STATE_CONFLICT
    rejected = client.refund_sandbox.act("taobao", "reject", fourth, reason="退回商品已使用").refund_order_aggregate
    assert (
        rejected.refund_order.refund_status == "-10" and rejected.refund_order.seller_refuse_reason == "退回商品已使用"
    )
    assert tb.cancel(fourth).refund_order_aggregate.refund_order.refund_status == "-20"
    assert wallet(runtime, demo.develop_id) == start  # nothing was refunded
    assert tb.list(page_size=10, refund_status=-20).results_total == 4


def test_wire_shapes_and_v2_paths(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    _, sub = taobao_line(http, runtime, demo, stage="shipped")
    data = ok(http, demo, "POST", "/v2/taobao/order/refund/render", {"subOrderId": sub, "refundType": 1,
                                                                      "goodsStatus": 3})  # fmt: skip
    assert set(data) >= {"refundOrderTemplate", "distributorId", "currency", "saleFlag"}
    assert set(data["refundOrderTemplate"]["maxRefundFee"]) >= {"minRefundFee", "feeTips", "refundFee",
                                                                 "canEditRefundFee"}  # fmt: skip
    made = ok(http, demo, "POST", "/open/order/refund/submit", {"subOrderId": sub, "refundType": "1",
              "goodsStatus": "3", "reasonId": "4", "refundFee": "500", "refundImages": "a.jpg,b.jpg"})  # fmt: skip
    rid = made["refundOrderAggregate"]["refundOrder"]["refundId"]
    detail = ok(http, demo, "GET", "/v2/taobao/order/refund/query", {"refundId": rid})
    agg = detail["refundOrderAggregate"]
    assert set(agg) == {"refundOrder", "purchaseOrderLine", "logistics"}
    assert set(agg["refundOrder"]) == {
        "goodsStatus", "refundDesc", "refundStatus", "refundType", "timeoutDate", "feeTips", "timeoutType",
        "refundId", "payOrderId", "reasonId", "canEditFee", "sellerRefuseReasonDescribe", "remainingTime",
        "reasonDesc", "sellerRefuseReason", "refundFee",
    }  # fmt: skip
    assert agg["refundOrder"]["refundStatus"] == "10" and isinstance(agg["refundOrder"]["timeoutDate"], str)
    assert set(agg["purchaseOrderLine"]) >= {"salesOrderId", "supplierId", "quantity", "totalPrice", "itemTitle",
        "postFee", "productFee", "salesMarket", "purchaseOrderLineId", "createTime", "purchaseOrderId", "price",
        "supplierNick", "currency", "properties", "itemImageUrl"}  # fmt: skip
    cancel = ok(http, demo, "GET", f"/v2/taobao/order/refund/cancel/{rid}")
    assert cancel["cancelSuccess"] is True and cancel["currency"] == "CNY"
    assert cancel["refundOrderAggregate"]["refundOrder"]["refundStatus"] == "-20"
    missing = http.get("/open/order/refund/cancel/110099999999", headers=headers(demo)).json()
    assert missing["code"] == Code.NOT_FOUND


def test_another_developers_sub_order_and_refund_are_not_found(
    http: TestClient, runtime: Runtime, demo: Credentials, client: Client
) -> None:
    from tests.api.conftest import sdk
    from tests.conftest import new_developer

    _, sub = taobao_line(http, runtime, demo)
    rid = client.taobao.refunds.submit(sub_order_id=sub, refund_type=1, goods_status=1, reason_id=1,
                                       refund_fee=100).refund_order_aggregate.refund_order.refund_id  # fmt: skip
    other = sdk(http, new_developer(runtime))
    with pytest.raises(APIError) as err:
        other.taobao.refunds.render(sub_order_id=sub, refund_type=1, goods_status=1)
    assert _code(err) == Code.NOT_FOUND
    with pytest.raises(APIError) as err:
        other.taobao.refunds.cancel(rid)
    assert _code(err) == Code.NOT_FOUND


def test_order_cancel_after_a_partial_refund_gives_back_only_the_rest(
    http: TestClient, runtime: Runtime, demo: Credentials, client: Client
) -> None:
    po, sub = taobao_line(http, runtime, demo, qty=2, price=1000, behaviour={"shipDelaySeconds": 30 * 86400})
    start = wallet(runtime, demo.develop_id)
    rid = client.taobao.refunds.submit(sub_order_id=sub, refund_type=1, goods_status=1, reason_id=3,
                                       refund_fee=500).refund_order_aggregate.refund_order.refund_id  # fmt: skip
    refused = http.post("/open/order/cancel", json={"purchaseOrderId": po, "cancelReason": "不要了"},
                        headers=headers(demo)).json()  # fmt: skip
    assert refused["code"] == Code.STATE_CONFLICT  # an open reverse order blocks the order cancel
    client.refund_sandbox.act("taobao", "agree", rid)
    assert wallet(runtime, demo.develop_id) == start + 500
    ok(http, demo, "POST", "/open/order/cancel", {"purchaseOrderId": po, "cancelReason": "不要了"})
    assert wallet(runtime, demo.develop_id) == start + 2000  # the rest, not the whole line again
    assert taobao_status(http, demo, po) == 4
