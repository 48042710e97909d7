"""1688 refunds end to end on real 1688 orders (create → pay → ship → receive → refund), through the SDK, on SQLite
and PostgreSQL: §4.4 statuses, TQ ids, money credited once, the order terminating when fully refunded, outbox."""

from __future__ import annotations

import base64

import pytest
from starlette.testclient import TestClient

from kuajing.client import Client
from kuajing.client.errors import APIError
from kuajing.domain.accounts.model import Credentials
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.aftersales_helpers import alibaba_order, alibaba_status, jpeg, ledger_keys, outbox, wallet

HOUR = 3600


def test_refund_only_of_everything_terminates_the_order(
    http: TestClient, runtime: Runtime, demo: Credentials, client: Client
) -> None:
    order_id, entries, total = alibaba_order(http, runtime, demo, qty=2, price_fen=2900, shipDelaySeconds=30 * 86400)
    carriage = total - 2 * 2900
    start = wallet(runtime, demo.develop_id)
    reasons = client.alibaba.refunds.reasons(order_id, goods_status="refundWaitSellerSend", entry_ids=entries)
    assert 20002 in [r.id for r in reasons.reasons]
    with pytest.raises(APIError) as err:  # more than was paid
        client.alibaba.refunds.create(order_id, dispute="refund", apply_payment=5801, reason_id=20002,
                                      description="卖家未发货", goods_status="refundWaitSellerSend")  # fmt: skip
    assert err.value.code == Code.LIMIT_EXCEEDED
    with pytest.raises(APIError) as err:  # a return needs received goods
        client.alibaba.refunds.create(order_id, dispute="returnRefund", apply_payment=100, reason_id=20001,
                                      description="不要了", goods_status="refundWaitSellerSend")  # fmt: skip
    assert err.value.code == Code.INVALID_PARAMETER
    created = client.alibaba.refunds.create(order_id, dispute="refund", apply_payment=5800, apply_carriage=carriage,
                                            reason_id=20002, description="卖家未发货", goods_status="refundWaitSellerSend",
                                            entry_ids=entries)  # fmt: skip
    rid = created.refund_id
    assert rid.startswith("TQ")
    info = client.alibaba.refunds.info(rid)
    assert (info.status, info.apply_payment, info.apply_carriage, info.dispute_request) == (
        "waitselleragree",
        5800,
        carriage,
        "refund",
    )
    assert info.order_id == order_id and info.order_entry_ids == entries and info.dispute_type == 1
    with pytest.raises(APIError) as err:  # one open refund per entry
        client.alibaba.refunds.create(order_id, dispute="refund", apply_payment=1, reason_id=20002,
                                      description="再来一次", goods_status="refundWaitSellerSend")  # fmt: skip
    assert err.value.code == Code.DUPLICATE
    client.sandbox.advance(seconds=24 * HOUR)  # refundAgreeHours
    info = client.alibaba.refunds.info(rid)
    assert info.status == "refundsuccess" and info.refund_payment == 5800 and info.gmt_completed is not None
    assert wallet(runtime, demo.develop_id) == start + total
    assert ledger_keys(runtime, demo.develop_id, "refund:1688:") == [f"refund:1688:{rid}"]
    assert alibaba_status(http, demo, order_id) == "terminated"
    messages = outbox(runtime, "1688_refund", rid)
    assert [b["status"] for t, b in messages if t == "ORDER_BUYER_VIEW_ORDER_BUYER_REFUND"] == [
        "waitselleragree", "refundsuccess"]  # fmt: skip
    assert messages[-1][1]["refundId"] == rid and messages[-1][1]["orderId"] == order_id
    kind, body = outbox(runtime, "1688_order", order_id)[-1]
    assert kind == "ORDER_TERMINATED" and body["orderStatus"] == "TERMINATED" and body["refundAmount"] == total
    assert body["refundStatus"] == "refundsuccess"


def test_return_refund_with_voucher_and_return_shipment(
    http: TestClient, runtime: Runtime, demo: Credentials, client: Client
) -> None:
    order_id, entries, _ = alibaba_order(http, runtime, demo, qty=2, price_fen=2900, stage="received")
    start = wallet(runtime, demo.develop_id)
    with pytest.raises(APIError) as err:  # quality problems need a voucher
        client.alibaba.refunds.create(order_id, dispute="returnRefund", apply_payment=2900, reason_id=20004,
                                      description="质量问题", goods_status="refundBuyerReceived")  # fmt: skip
    assert err.value.code == Code.INVALID_PARAMETER and err.value.field == "vouchers"
    picture = jpeg()
    voucher = client.alibaba.refunds.upload_voucher(base64.b64encode(picture).decode())
    assert voucher.image_domain == "http://testserver" and voucher.image_relative_url.endswith(".jpg")
    served = http.get(voucher.image_domain + voucher.image_relative_url)
    assert (served.status_code, served.content, served.headers["content-type"]) == (200, picture, "image/jpeg")
    rid = client.alibaba.refunds.create(order_id, dispute="returnRefund", apply_payment=2900, reason_id=20004,
                                        description="质量问题", goods_status="refundBuyerReceived",
                                        vouchers=[voucher.image_domain + voucher.image_relative_url],
                                        entry_counts={entries[0]: 1}).refund_id  # fmt: skip
    assert client.refund_sandbox.act("1688", "agree", rid).status == "waitbuyersend"
    companies = client.alibaba.refunds.logistics_companies()
    assert "ZTO" in [c.company_no for c in companies]
    with pytest.raises(APIError) as err:
        client.alibaba.refunds.return_goods(rid, company_no="XX", freight_bill="1")
    assert err.value.code == Code.INVALID_PARAMETER
    info = client.alibaba.refunds.return_goods(rid, company_no="ZTO", freight_bill="ZT778899", description="已寄回")
    assert (info.status, info.freight_bill, info.buyer_send_goods) == ("waitsellerreceive", "ZT778899", True)
    client.sandbox.advance(seconds=24 * HOUR)  # refundReceiveHours, inspection passes
    assert client.alibaba.refunds.info(rid).status == "refundsuccess"
    assert wallet(runtime, demo.develop_id) == start + 2900
    assert alibaba_status(http, demo, order_id) == "success"  # completed meanwhile; half the goods are still paid for


def test_refusal_inspection_reject_and_buyer_deadline(
    http: TestClient, runtime: Runtime, demo: Credentials, client: Client
) -> None:
    order_id, _, _ = alibaba_order(http, runtime, demo, stage="received", refundInspectReject=True,
                                   refundRefuseReasonIds=[20001], refundAgreeHours=2)  # fmt: skip
    start = wallet(runtime, demo.develop_id)
    rid = client.alibaba.refunds.create(order_id, dispute="refund", apply_payment=100, reason_id=20001,
                                        description="不想要了", goods_status="refundBuyerReceived").refund_id  # fmt: skip
    client.sandbox.advance(seconds=2 * HOUR)
    info = client.alibaba.refunds.info(rid)
    assert info.status == "waitbuyermodify" and info.seller_refuse_reason
    client.sandbox.advance(seconds=7 * 86400)  # buyerModifyDays
    assert client.alibaba.refunds.info(rid).status == "refundclose"
    second = client.alibaba.refunds.create(order_id, dispute="returnRefund", apply_payment=100, reason_id=20006,
                                           description="与描述不符", goods_status="refundBuyerReceived",
                                           vouchers=["https://img.example/x.jpg"]).refund_id  # fmt: skip
    client.sandbox.advance(seconds=2 * HOUR)
    assert client.alibaba.refunds.info(second).status == "waitbuyersend"
    client.alibaba.refunds.return_goods(second, company_no="SF", freight_bill="SF1")
    client.sandbox.advance(seconds=24 * HOUR)  # received, inspected, rejected
    assert client.alibaba.refunds.info(second).status == "waitbuyermodify"
    assert wallet(runtime, demo.develop_id) == start


def test_1688_refund_id_must_be_tq_and_v1_query_param(http: TestClient, runtime: Runtime, demo: Credentials,
                                                      client: Client) -> None:  # fmt: skip
    with pytest.raises(APIError) as err:
        client.alibaba.refunds.info("110000000001")
    assert err.value.code == Code.INVALID_PARAMETER
    with pytest.raises(APIError) as err:
        client.alibaba.refunds.info("TQ10000000099999999")
    assert err.value.code == Code.NOT_FOUND


def test_full_after_sale_refund_of_a_completed_order_terminates_it(
    http: TestClient, runtime: Runtime, demo: Credentials, client: Client
) -> None:
    order_id, entries, total = alibaba_order(http, runtime, demo, qty=1, price_fen=2900, stage="received")
    client.sandbox.advance(seconds=1)  # confirm_goods → success
    assert alibaba_status(http, demo, order_id) == "success"
    start = wallet(runtime, demo.develop_id)
    rid = client.alibaba.refunds.create(order_id, dispute="refund", apply_payment=2900, apply_carriage=total - 2900,
                                        reason_id=20003, description="没收到", goods_status="aftersaleBuyerNotReceived",
                                        entry_ids=entries).refund_id  # fmt: skip
    assert client.refund_sandbox.act("1688", "agree", rid).status == "refundsuccess"
    assert wallet(runtime, demo.develop_id) == start + total
    assert alibaba_status(http, demo, order_id) == "terminated"  # spec §4.3: paid states → full refund → terminated


def test_refund_policy_keys_are_accepted_by_the_sellers_sandbox_endpoints(
    http: TestClient, runtime: Runtime, demo: Credentials, client: Client
) -> None:
    from tests.alibaba_catalog import add_seller

    seller = add_seller(runtime)
    keys = {"refundAgreeHours": -1, "refundRefuseReasonIds": [20001], "refundInspectReject": True}
    assert client.alibaba.orders.sandbox_seller_behaviour(seller.open_id, keys).behaviour == keys


def test_order_messages_after_a_partial_refund_carry_the_refunded_amount(
    http: TestClient, runtime: Runtime, demo: Credentials, client: Client
) -> None:
    from tests.aftersales_helpers import outbox

    order_id, entries, _ = alibaba_order(http, runtime, demo, qty=2, price_fen=2900, stage="shipped")
    rid = client.alibaba.refunds.create(order_id, dispute="refund", apply_payment=1000, apply_carriage=0,
                                        reason_id=20003, description="少了一件", goods_status="refundWaitBuyerReceive",
                                        entry_ids=entries).refund_id  # fmt: skip
    assert client.refund_sandbox.act("1688", "agree", rid).status == "refundsuccess"
    assert client.alibaba.orders.receive_goods(order_id, entries).success
    confirm = [body for kind, body in outbox(runtime, "1688_order", order_id) if kind == "ORDER_CONFIRM_RECEIPT"]
    assert confirm and confirm[-1]["refundAmount"] == 1000 and confirm[-1]["refundStatus"] == "refundsuccess"
