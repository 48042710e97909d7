"""Message bodies (protocol/wire/callbacks.py) dump in upstream's spelling: the keys below are written by hand."""

from __future__ import annotations

from kuajing.protocol.wire.callbacks import (
    AlibabaOrderSnapshot,
    PurchaseOrderPrice,
    TaobaoPriceModify,
    UpstreamSubOrder,
)


def _snapshot(**logistics: str) -> AlibabaOrderSnapshot:
    return AlibabaOrderSnapshot(
        order_id="1000000000000000001", order_no="PO20260101000001", order_status="WAITING_FOR_PAYMENT", pay_status=1,
        total_amount=1200, shipping_fee=200, product_amount=1000, refund_amount=0, refund_status=None,
        close_reason=None, tb_create_time="2026-01-01 08:00:00", pay_time=None, **logistics,
    )  # fmt: skip


def test_the_1688_snapshot_keeps_its_nulls_and_leaves_out_logistics_until_shipped() -> None:
    assert _snapshot().model_dump() == {
        "orderId": "1000000000000000001", "orderNo": "PO20260101000001", "orderStatus": "WAITING_FOR_PAYMENT",
        "payStatus": 1, "totalAmount": 1200, "shippingFee": 200, "productAmount": 1000, "refundAmount": 0,
        "refundStatus": None, "closeReason": None, "tbCreateTime": "2026-01-01 08:00:00", "payTime": None,
    }  # fmt: skip
    shipped = _snapshot(logistics_company_no="ZTO", logistics_bill_no="ZT1").model_dump()
    assert list(shipped)[-2:] == ["logisticsCompanyNo", "logisticsBillNo"]
    assert (shipped["logisticsCompanyNo"], shipped["logisticsBillNo"]) == ("ZTO", "ZT1")


def test_the_taobao_price_change_is_camel_case_around_snake_case_sub_orders() -> None:
    sub = UpstreamSubOrder(
        sub_purchase_order_id="2", purchase_order_outer_id="3", purchase_order_line_outer_id="4", status="WAIT_PAY",
        close_reason=None, item_id="5", sku_id="6", title="T", quantity=1, product_amount=100, purchase_amount=100,
        pay_amount=None, domestic_post_fee=0, purchase_currency="CNY", pay_currency="CNY", logistic_company_name=None,
        logistic_number=None, rts_time=None, close_time_without_payment=None, pay_time=None, can_confirm_receipt=False,
    )  # fmt: skip
    body = TaobaoPriceModify(
        sales_order_id="S1", purchase_order_id="1", sub_orders=[sub],
        purchase_order_price_dto=PurchaseOrderPrice(
            purchase_currency="CNY", purchase_total_fee=100, purchase_product_fee=100, purchase_shipping_fee=0
        ),
    ).model_dump()  # fmt: skip
    assert list(body) == ["salesOrderId", "purchaseOrderId", "subOrders", "purchaseOrderPriceDTO"]
    assert body["purchaseOrderPriceDTO"] == {
        "purchaseCurrency": "CNY", "purchaseTotalFee": 100, "purchaseProductFee": 100, "purchaseShippingFee": 0
    }  # fmt: skip
    assert list(body["subOrders"][0]) == [
        "sub_purchase_order_id", "purchase_order_outer_id", "purchase_order_line_outer_id", "status", "close_reason",
        "item_id", "sku_id", "title", "quantity", "product_amount", "purchase_amount", "pay_amount",
        "domestic_post_fee", "purchase_currency", "pay_currency", "logistic_company_name", "logistic_number",
        "rts_time", "close_time_without_payment", "pay_time", "error_code", "error_message", "detail_error_code",
        "can_confirm_receipt", "refund_id", "refund_status",
    ]  # fmt: skip
