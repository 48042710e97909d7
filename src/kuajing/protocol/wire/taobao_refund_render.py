"""Taobao after-sales D2 (spec §2.D): rendering a refund request — the ``RefundRenderVO`` the buyer's form is built
from (reasons, the line's refundable amount, the ``refundOrder`` template). The requests and answers of the other
D-calls are taobao_aftersales.py.
"""

from __future__ import annotations

from pydantic import ConfigDict

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import (
    Int32,
    LooseId,
)

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


class RefundRender(WireModel):
    """D2 body."""

    model_config = _REQ

    sub_order_id: LooseId
    refund_type: Int32
    goods_status: Int32


class RefundReason(WireModel):
    model_config = _RESP

    reason_desc: str
    tips: str
    reason_id: int


class MaxRefundFee(WireModel):
    model_config = _RESP

    min_refund_fee: int
    fee_tips: str
    refund_fee: int
    can_edit_refund_fee: bool
    max_refund_fee: int


class TemplateRefundOrder(WireModel):
    """The D2 template's ``refundOrder``: the sub-order's latest reverse order, or every member null when it has
    none — an object either way."""

    model_config = _RESP

    goods_status: int | None = None
    refund_desc: str | None = None
    refund_status: str | None = None
    refund_type: int | None = None
    timeout_date: str | None = None
    fee_tips: str | None = None
    timeout_type: str | None = None
    refund_id: str | None = None
    pay_order_id: str | None = None
    reason_id: int | None = None
    can_edit_fee: bool | None = None
    seller_refuse_reason_describe: str | None = None
    remaining_time: str | None = None
    reason_desc: str | None = None
    seller_refuse_reason: str | None = None
    refund_fee: int | None = None


class RefundOrderTemplate(WireModel):
    model_config = _RESP

    refund_reasons: list[RefundReason]
    goods_status_list: list[str]
    refund_order: TemplateRefundOrder
    max_refund_fee: MaxRefundFee


class RefundRenderVO(WireModel):
    """D2 ``data``."""

    model_config = _RESP

    refund_order_template: RefundOrderTemplate
    distributor_id: str
    currency: str
    sale_flag: bool
