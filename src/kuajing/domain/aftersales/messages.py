"""What refund changes tell the developer (outbox; spec §3.3). One message per state change of a refund.

- Taobao (``messagePlatform`` 0): :data:`TAOBAO_REFUND` = ``TAOBAO_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND`` — the spec did
  not retrieve the name of the 订单售后退款 callback; ours joins the confirmed Taobao prefix
  (``TAOBAO_ORDER_BUYER_VIEW_…``) and the sister platform's refund type [I]. Body: ``refundId``, ``purchaseOrderId``,
  ``subPurchaseOrderId``, ``refundStatus`` (§4.2 code), ``refundType``, ``goodsStatus``, ``refundFee`` (fen),
  ``timeoutType``, ``timeoutDate``, ``modifiedTime`` (ms) — enough to decide whether to call the detail API (D10).
- 1688 (``messagePlatform`` 1): :data:`ALIBABA_REFUND` = ``ORDER_BUYER_VIEW_ORDER_BUYER_REFUND`` [S] with
  ``{refundId "TQ…", orderId, orderEntryIds, status (§4.4), disputeRequest, goodsStatus, applyPayment,
  applyCarriage, refundAmount, modifiedTime}``.

The bodies' wire shape is protocol/wire/callbacks.py's; this module fills them from the refund.
"""

from __future__ import annotations

from typing import Any

from kuajing.domain.aftersales.model import Refund
from kuajing.domain.aftersales.states import ALIBABA_STATUS, TAOBAO_CODE, RefundState
from kuajing.domain.line_refunds import Platform
from kuajing.domain.messages import OutgoingMessage
from kuajing.domain.messages import Platform as MessagePlatform
from kuajing.protocol.wire.callbacks import AlibabaRefundBody, TaobaoRefundBody
from kuajing.protocol.wire.types import panda_time_from_ms

TAOBAO_REFUND = "TAOBAO_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND"
ALIBABA_REFUND = "ORDER_BUYER_VIEW_ORDER_BUYER_REFUND"
TAOBAO_AGGREGATE = "taobao_refund"
ALIBABA_AGGREGATE = "1688_refund"


def refund_message(refund: Refund) -> OutgoingMessage:
    if refund.platform is Platform.TAOBAO:
        return OutgoingMessage(refund.develop_id, TAOBAO_REFUND, MessagePlatform.TAOBAO, TAOBAO_AGGREGATE,
                               refund.refund_id, _taobao_body(refund))  # fmt: skip
    return OutgoingMessage(refund.develop_id, ALIBABA_REFUND, MessagePlatform.ALIBABA, ALIBABA_AGGREGATE,
                           refund.refund_id, _alibaba_body(refund))  # fmt: skip


def _timeout_date(refund: Refund) -> str | None:
    return panda_time_from_ms(refund.timeout_at_ms) if refund.timeout_at_ms is not None else None


def _taobao_body(refund: Refund) -> dict[str, Any]:
    return TaobaoRefundBody(
        refund_id=refund.refund_id, purchase_order_id=refund.order_id, sub_purchase_order_id=refund.lines[0].line_id,
        refund_status=TAOBAO_CODE[refund.state], refund_type=2 if refund.needs_return else 1,
        goods_status=int(refund.goods_status), refund_fee=refund.goods_fen,
        timeout_type=refund.timeout_type.value if refund.timeout_type else None, timeout_date=_timeout_date(refund),
        modified_time=refund.updated_at_ms,
    ).model_dump()  # fmt: skip


def _alibaba_body(refund: Refund) -> dict[str, Any]:
    return AlibabaRefundBody(
        refund_id=refund.refund_id, order_id=refund.order_id, order_entry_ids=refund.line_ids,
        status=ALIBABA_STATUS[refund.state], dispute_request="returnRefund" if refund.needs_return else "refund",
        goods_status=refund.goods_status, apply_payment=refund.goods_fen, apply_carriage=refund.carriage_fen,
        refund_amount=refund.total_fen if refund.state is RefundState.SUCCEEDED else 0,
        modified_time=refund.updated_at_ms,
    ).model_dump()  # fmt: skip
