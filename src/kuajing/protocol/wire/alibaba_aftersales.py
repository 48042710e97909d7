"""1688 after-sales (spec §2.I): I1 refund detail, I2 reasons, I3 voucher upload, I4 create, I5 return shipment,
I6 logistics companies. Amounts are fen; times epoch ms (the project's units, as the 1688 order views);
``refundId`` starts with ``TQ``; ``status`` is §4.4's upstream string."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from kuajing.protocol.wire.types import MAX_ID_LENGTH, FenInt, Int32, LooseId, Quantity, Remark, Token, UrlText

_RefundId = Annotated[str, Field(min_length=3, max_length=MAX_ID_LENGTH)]
_EntryIds = Annotated[list[LooseId], Field(max_length=100)]
_Vouchers = Annotated[list[UrlText], Field(max_length=10)]

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


class RefundInfoQuery(BaseModel):
    """I1 (body or query)."""

    model_config = _REQ

    refundId: _RefundId  # noqa: N815


class RefundReasonsQuery(BaseModel):
    """I2 [I]: upstream ``getRefundReasonList`` parameters."""

    model_config = _REQ

    orderId: LooseId  # noqa: N815
    orderEntryIds: _EntryIds = []  # noqa: N815
    goodsStatus: Token  # noqa: N815


class AlibabaVoucherUpload(BaseModel):
    """I3 [I]: upstream ``uploadRefundVoucher`` — the image as base64."""

    model_config = _REQ

    imageData: Annotated[str, Field(min_length=4)]  # noqa: N815


class EntryCount(BaseModel):
    model_config = _REQ

    id: LooseId
    count: Quantity


class RefundCreate(BaseModel):
    """I4 body."""

    model_config = _REQ

    orderId: LooseId  # noqa: N815
    orderEntryIds: _EntryIds = []  # noqa: N815
    disputeRequest: Token  # noqa: N815
    applyPayment: FenInt  # noqa: N815
    applyCarriage: FenInt  # noqa: N815
    applyReasonId: Int32  # noqa: N815
    description: Remark
    goodsStatus: Token  # noqa: N815
    vouchers: _Vouchers | None = None
    orderEntryCountList: Annotated[list[EntryCount], Field(max_length=100)] | None = None  # noqa: N815


class ReturnGoods(BaseModel):
    """I5 body."""

    model_config = _REQ

    refundId: _RefundId  # noqa: N815
    logisticsCompanyNo: Annotated[str, Field(min_length=1, max_length=32)]  # noqa: N815
    freightBill: Annotated[str, Field(min_length=1, max_length=64)]  # noqa: N815
    description: Remark | None = None
    vouchers: _Vouchers | None = None


class RefundReasonInfo(BaseModel):
    model_config = _RESP

    id: int
    name: str
    needVoucher: bool  # noqa: N815
    noRefundCarriage: bool  # noqa: N815
    tip: str


class RefundReasons(BaseModel):
    """I2 ``data``."""

    model_config = _RESP

    reasons: list[RefundReasonInfo]


class VoucherInfo(BaseModel):
    """I3 ``data``: pass ``imageDomain + imageRelativeUrl`` in ``vouchers``."""

    model_config = _RESP

    imageDomain: str  # noqa: N815
    imageRelativeUrl: str  # noqa: N815


class AlibabaRefundCreateVO(BaseModel):
    """I4 ``data``."""

    model_config = _RESP

    refundId: str  # noqa: N815


class LogisticsCompanyInfo(BaseModel):
    """I6 item (upstream ``OpQueryLogisticCompanyList``)."""

    model_config = _RESP

    id: int
    companyName: str  # noqa: N815
    companyNo: str  # noqa: N815
    companyPhone: str  # noqa: N815
    supportPrint: bool  # noqa: N815
    spelling: str


class AlibabaRefundInfo(BaseModel):
    """I1 ``data`` (``AlibabaRefundInfo``; every field nullable as on the spec page)."""

    model_config = _RESP

    id: int | None = None
    createBy: str | None = None  # noqa: N815
    createById: str | None = None  # noqa: N815
    createTime: int | None = None  # noqa: N815
    updateBy: str | None = None  # noqa: N815
    updateById: str | None = None  # noqa: N815
    updateTime: int | None = None  # noqa: N815
    remark: str | None = None
    alipayPaymentId: str | None = None  # noqa: N815
    applyCarriage: int | None = None  # noqa: N815
    applyExpect: str | None = None  # noqa: N815
    applyPayment: int | None = None  # noqa: N815
    applyReason: str | None = None  # noqa: N815
    applyReasonId: int | None = None  # noqa: N815
    applySubReason: str | None = None  # noqa: N815
    applySubReasonId: int | None = None  # noqa: N815
    buyerAlipayId: str | None = None  # noqa: N815
    buyerLogisticsName: str | None = None  # noqa: N815
    buyerMemberId: str | None = None  # noqa: N815
    buyerSendGoods: bool | None = None  # noqa: N815
    buyerUserId: str | None = None  # noqa: N815
    canRefundPayment: int | None = None  # noqa: N815
    disputeRequest: str | None = None  # noqa: N815
    disputeType: int | None = None  # noqa: N815
    extInfo: dict[str, str] | None = None  # noqa: N815
    freightBill: str | None = None  # noqa: N815
    frozenFund: int | None = None  # noqa: N815
    gmtApply: int | None = None  # noqa: N815
    gmtCompleted: int | None = None  # noqa: N815
    refundId: str | None = None  # noqa: N815
    status: str | None = None
    orderId: str | None = None  # noqa: N815
    orderEntryIds: list[str] | None = None  # noqa: N815
    goodsStatus: str | None = None  # noqa: N815
    description: str | None = None
    vouchers: list[str] | None = None
    refundPayment: int | None = None  # noqa: N815
    refundCarriage: int | None = None  # noqa: N815
    sellerRefuseReason: str | None = None  # noqa: N815
    logisticsCompanyNo: str | None = None  # noqa: N815
    timeoutType: str | None = None  # noqa: N815
    timeoutTime: int | None = None  # noqa: N815
