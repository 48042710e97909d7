"""1688 after-sales (spec §2.I): I1 refund detail, I2 reasons, I3 voucher upload, I4 create, I5 return shipment,
I6 logistics companies. Amounts are fen; times epoch ms (the project's units, as the 1688 order views);
``refundId`` starts with ``TQ``; ``status`` is §4.4's upstream string."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import MAX_ID_LENGTH, FenInt, Int32, LooseId, Quantity, Remark, Token, UrlText

_RefundId = Annotated[str, Field(min_length=3, max_length=MAX_ID_LENGTH)]
_EntryIds = Annotated[list[LooseId], Field(max_length=100)]
_Vouchers = Annotated[list[UrlText], Field(max_length=10)]

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


class RefundInfoQuery(WireModel):
    """I1 (body or query)."""

    model_config = _REQ

    refund_id: _RefundId


class RefundReasonsQuery(WireModel):
    """I2 [I]: upstream ``getRefundReasonList`` parameters."""

    model_config = _REQ

    order_id: LooseId
    order_entry_ids: _EntryIds = []
    goods_status: Token


class AlibabaVoucherUpload(WireModel):
    """I3 [I]: upstream ``uploadRefundVoucher`` — the image as base64."""

    model_config = _REQ

    image_data: Annotated[str, Field(min_length=4)]


class EntryCount(WireModel):
    model_config = _REQ

    id: LooseId
    count: Quantity


class RefundCreate(WireModel):
    """I4 body."""

    model_config = _REQ

    order_id: LooseId
    order_entry_ids: _EntryIds = []
    dispute_request: Token
    apply_payment: FenInt
    apply_carriage: FenInt
    apply_reason_id: Int32
    description: Remark
    goods_status: Token
    vouchers: _Vouchers | None = None
    order_entry_count_list: Annotated[list[EntryCount], Field(max_length=100)] | None = None


class ReturnGoods(WireModel):
    """I5 body."""

    model_config = _REQ

    refund_id: _RefundId
    logistics_company_no: Annotated[str, Field(min_length=1, max_length=32)]
    freight_bill: Annotated[str, Field(min_length=1, max_length=64)]
    description: Remark | None = None
    vouchers: _Vouchers | None = None


class RefundReasonInfo(WireModel):
    model_config = _RESP

    id: int
    name: str
    need_voucher: bool
    no_refund_carriage: bool
    tip: str


class RefundReasons(WireModel):
    """I2 ``data``."""

    model_config = _RESP

    reasons: list[RefundReasonInfo]


class VoucherInfo(WireModel):
    """I3 ``data``: pass ``imageDomain + imageRelativeUrl`` in ``vouchers``."""

    model_config = _RESP

    image_domain: str
    image_relative_url: str


class AlibabaRefundCreateVO(WireModel):
    """I4 ``data``."""

    model_config = _RESP

    refund_id: str


class LogisticsCompanyInfo(WireModel):
    """I6 item (upstream ``OpQueryLogisticCompanyList``)."""

    model_config = _RESP

    id: int
    company_name: str
    company_no: str
    company_phone: str
    support_print: bool
    spelling: str


class AlibabaRefundInfo(WireModel):
    """I1 ``data`` (``AlibabaRefundInfo``; every field nullable as on the spec page)."""

    model_config = _RESP

    id: int | None = None
    create_by: str | None = None
    create_by_id: str | None = None
    create_time: int | None = None
    update_by: str | None = None
    update_by_id: str | None = None
    update_time: int | None = None
    remark: str | None = None
    alipay_payment_id: str | None = None
    apply_carriage: int | None = None
    apply_expect: str | None = None
    apply_payment: int | None = None
    apply_reason: str | None = None
    apply_reason_id: int | None = None
    apply_sub_reason: str | None = None
    apply_sub_reason_id: int | None = None
    buyer_alipay_id: str | None = None
    buyer_logistics_name: str | None = None
    buyer_member_id: str | None = None
    buyer_send_goods: bool | None = None
    buyer_user_id: str | None = None
    can_refund_payment: int | None = None
    dispute_request: str | None = None
    dispute_type: int | None = None
    ext_info: dict[str, str] | None = None
    freight_bill: str | None = None
    frozen_fund: int | None = None
    gmt_apply: int | None = None
    gmt_completed: int | None = None
    refund_id: str | None = None
    status: str | None = None
    order_id: str | None = None
    order_entry_ids: list[str] | None = None
    goods_status: str | None = None
    description: str | None = None
    vouchers: list[str] | None = None
    refund_payment: int | None = None
    refund_carriage: int | None = None
    seller_refuse_reason: str | None = None
    logistics_company_no: str | None = None
    timeout_type: str | None = None
    timeout_time: int | None = None
