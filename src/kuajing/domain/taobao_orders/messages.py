"""The outbox messages of Taobao purchase orders (``messagePlatform`` 0, spec §2.E, §3.3).

- :data:`STATUS_MODIFY` — every status change of the order or a sub-order. The spec did not retrieve this type's
  name; by analogy with the confirmed price type it is ``TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY`` [I]. Body:
  upstream type-3 fields ``purchase_id, outer_purchase_id, status`` (raw string), ``business_time`` (ms),
  ``sku_list[]`` — plus ``purchase_order_status`` (the integer §4.1 code) so receivers need no mapping.
- :data:`PRICE_MODIFY` — the seller changed a price before payment [C]: ``salesOrderId``, ``subOrders`` (upstream
  snake_case sub-order objects), ``purchaseOrderPriceDTO``.

The bodies' wire shape is protocol/wire/callbacks.py's; this module fills them from the order.
"""

from __future__ import annotations

from kuajing.domain.messages import OutgoingMessage, Platform
from kuajing.domain.taobao_orders.model import OUTER_ORDER_BASE, PurchaseOrder, SubOrder
from kuajing.domain.taobao_orders.states import RAW_STATUS, WIRE_CODE, OrderState
from kuajing.protocol.wire.callbacks import (
    PurchaseOrderPrice,
    TaobaoPriceModify,
    TaobaoStatusModify,
    TaobaoStatusSku,
    UpstreamSubOrder,
)
from kuajing.protocol.wire.types import panda_time_from_ms

STATUS_MODIFY = "TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY"
PRICE_MODIFY = "TAOBAO_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY"  # spelled as in the spec
AGGREGATE = "taobao_purchase_order"


def outer_order_id(order: PurchaseOrder) -> str:
    return str(OUTER_ORDER_BASE + order.id)


def outer_line_id(sub: SubOrder) -> str:
    return str(OUTER_ORDER_BASE + 500_000_000_000 + sub.id)


def _time(ms: int | None) -> str | None:
    return panda_time_from_ms(ms) if ms is not None else None


def upstream_sub_order(order: PurchaseOrder, sub: SubOrder, unpaid_close_at_ms: int | None) -> UpstreamSubOrder:
    paid = sub.paid_at_ms is not None
    return UpstreamSubOrder(
        sub_purchase_order_id=str(sub.sub_purchase_order_id), purchase_order_outer_id=outer_order_id(order),
        purchase_order_line_outer_id=outer_line_id(sub), status=RAW_STATUS[sub.state],
        close_reason=sub.close_reason or None, item_id=str(sub.mp_id or sub.item_id),
        sku_id=str(sub.mp_sku_id or sub.sku_id), title=sub.title, quantity=sub.quantity,
        product_amount=sub.product_fen, purchase_amount=sub.product_fen,
        pay_amount=str(sub.product_fen) if paid else None, domestic_post_fee=0, purchase_currency=order.currency,
        pay_currency=order.currency, logistic_company_name=sub.carrier_name or None,
        logistic_number=sub.tracking_number or None, rts_time=_time(sub.shipped_at_ms),
        close_time_without_payment=_time(unpaid_close_at_ms) if not paid else None, pay_time=_time(sub.paid_at_ms),
        can_confirm_receipt=sub.state is OrderState.WAIT_BUYER_CONFIRM,
    )  # fmt: skip


def status_message(order: PurchaseOrder, now_ms: int) -> OutgoingMessage:
    body = TaobaoStatusModify(
        purchase_id=str(order.purchase_order_id), outer_purchase_id=order.outer_purchase_id,
        status=RAW_STATUS[order.state], purchase_order_status=WIRE_CODE[order.state], business_time=now_ms,
        sku_list=[
            TaobaoStatusSku(
                sub_purchase_order_id=str(s.sub_purchase_order_id), item_id=str(s.mp_id or s.item_id),
                sku_id=str(s.mp_sku_id or s.sku_id), order_line_no=s.order_line_no, status=RAW_STATUS[s.state],
                purchase_order_status=WIRE_CODE[s.state], logistic_company_name=s.carrier_name or None,
                logistic_number=s.tracking_number or None,
            )
            for s in order.subs
        ],
    )  # fmt: skip
    return OutgoingMessage(order.develop_id, STATUS_MODIFY, Platform.TAOBAO, AGGREGATE, str(order.purchase_order_id),
                           body.model_dump())  # fmt: skip


def price_message(order: PurchaseOrder) -> OutgoingMessage:
    body = TaobaoPriceModify(
        sales_order_id=order.outer_purchase_id or "", purchase_order_id=str(order.purchase_order_id),
        sub_orders=[upstream_sub_order(order, s, order.next_close_at_ms) for s in order.subs],
        purchase_order_price_dto=PurchaseOrderPrice(
            purchase_currency=order.currency, purchase_total_fee=order.total_fen,
            purchase_product_fee=order.product_fen, purchase_shipping_fee=order.post_fee_fen,
        ),
    )  # fmt: skip
    return OutgoingMessage(order.develop_id, PRICE_MODIFY, Platform.TAOBAO, AGGREGATE, str(order.purchase_order_id),
                           body.model_dump())  # fmt: skip
