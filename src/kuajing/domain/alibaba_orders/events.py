"""What 1688 order changes tell the developer: message types and the order snapshot body (spec §3.2–3.3).

``ORDER_CREATE``, ``ORDER_PAY_SUCCESS``, ``ORDER_CANCEL`` and ``ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY`` are the sister
platform's names [S]. The spec lists no names for shipping, receipt and completion; ours follow the same
``ORDER_<EVENT>`` pattern: ``ORDER_SHIPPED``, ``ORDER_CONFIRM_RECEIPT``, ``ORDER_SUCCESS`` (docs/alibaba-orders.md).
The snapshot's wire shape is protocol/wire/callbacks.py's; this module fills it from the order.
"""

from __future__ import annotations

from kuajing.domain.alibaba_orders.model import AlibabaOrder
from kuajing.domain.alibaba_orders.states import OrderStatus
from kuajing.domain.messages import OutgoingMessage, Platform
from kuajing.protocol.wire.callbacks import AlibabaOrderSnapshot
from kuajing.protocol.wire.types import panda_time_from_ms

ORDER_CREATE = "ORDER_CREATE"
ORDER_PAY_SUCCESS = "ORDER_PAY_SUCCESS"
ORDER_CANCEL = "ORDER_CANCEL"
ORDER_PRICE_MODIFY = "ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY"
ORDER_SHIPPED = "ORDER_SHIPPED"
ORDER_CONFIRM_RECEIPT = "ORDER_CONFIRM_RECEIPT"
ORDER_SUCCESS = "ORDER_SUCCESS"

AGGREGATE = "1688_order"

# baseInfo.status → the platform-normalised ``orderStatus`` of messages (§4.3; the last four by analogy [I]).
NORMALISED_STATUS = {
    OrderStatus.WAITBUYERPAY: "WAITING_FOR_PAYMENT",
    OrderStatus.WAITSELLERSEND: "WAITING_FOR_SENT",
    OrderStatus.WAITBUYERRECEIVE: "WAITING_FOR_RECEIVE",
    OrderStatus.CONFIRM_GOODS: "CONFIRM_GOODS",
    OrderStatus.SUCCESS: "SUCCESS",
    OrderStatus.CANCEL: "CANCEL",
    OrderStatus.TERMINATED: "TERMINATED",
}


def snapshot(order: AlibabaOrder, *, refunded_fen: int = 0, fully_refunded: bool = False) -> AlibabaOrderSnapshot:
    """The §3.3 order snapshot; ``refundAmount`` is what after-sales has refunded on the order so far
    (``refundStatus`` ``refundsuccess`` once anything was, and on an order a full refund terminated)."""
    s = order.shipment
    return AlibabaOrderSnapshot(
        order_id=str(order.id), order_no=order.order_no, order_status=NORMALISED_STATUS[order.status],
        pay_status=2 if order.pay_time_ms is not None else 1, total_amount=order.total_fen,
        shipping_fee=order.carriage_fen, product_amount=order.product_fen, refund_amount=refunded_fen,
        refund_status="refundsuccess" if refunded_fen or fully_refunded else None,
        close_reason=order.close_reason or None,
        tb_create_time=panda_time_from_ms(order.created_at_ms),
        pay_time=panda_time_from_ms(order.pay_time_ms) if order.pay_time_ms is not None else None,
        logistics_company_no=s.company_no if s else None, logistics_bill_no=s.bill_no if s else None,
    )  # fmt: skip


def message(
    order: AlibabaOrder, message_type: str, *, refunded_fen: int = 0, fully_refunded: bool = False
) -> OutgoingMessage:
    return OutgoingMessage(
        develop_id=order.develop_id,
        message_type=message_type,
        platform=Platform.ALIBABA,
        aggregate_type=AGGREGATE,
        aggregate_id=str(order.id),
        body=snapshot(order, refunded_fen=refunded_fen, fully_refunded=fully_refunded).model_dump(),
    )
