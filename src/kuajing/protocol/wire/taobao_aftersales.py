"""Taobao after-sales (reverse orders, spec §2.D): requests D1–D10 and the ``refundOrderAggregate`` family.

Names and shapes follow the spec's pages: ``RefundRenderVO`` (D2), ``CancelRefundOrderVO`` (D5),
``TaoBaoRefundOrderDetailDTO`` (D10); where the D5 page's example and the D10 field list disagree, the example's shape
is sent (docs/aftersales.md): ``refundStatus`` is a string (the §4.2 code's digits), ``purchaseOrderLine.properties``
one ``{valueId, valueName, propId, propName}`` object, and ``logistics.receiverAddress`` /
``logistics.logisticsCompany`` (like the render's ``refundOrder``) are always objects whose members are null until
known. Quirks kept: ``logisticsCompany`` carries both ``logisticsCompanyCode`` and the example's
``logisticCompanyCode``; ``timeoutType``, ``timeoutDate`` and ``remainingTime`` are strings (``timeoutDate``
Shanghai ``yyyy-MM-dd HH:mm:ss``, ``remainingTime`` milliseconds left as digits [I]).
Bodies of D3, D4, D7, D8, D9 and D1's answer were never seen: ours are documented in docs/aftersales.md [I].
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from kuajing.protocol.wire.types import (
    BlankToNone,
    FenInt,
    Int32,
    LooseId,
    OptionalFen,
    OptionalLooseInt,
    PageNo,
    ShortText,
    Token,
    UrlText,
    decode_json_text,
)

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


def _image_list(value: Any) -> Any:
    """``refundImages`` arrives as a list, a JSON list in a string, or comma-separated URLs."""
    if value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return []
        if text.startswith("["):
            return decode_json_text(text)
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


def _optional_image_list(value: Any) -> Any:
    return None if value is None else _image_list(value)


MAX_IMAGES = 9
Images = Annotated[list[UrlText], Field(max_length=MAX_IMAGES)]
ImageList = Annotated[Images, BeforeValidator(_image_list)]
OptionalText = Annotated[ShortText | None, BlankToNone]
OptionalInt32 = Annotated[Int32 | None, BlankToNone]


# -- requests -------------------------------------------------------------------------------------------------------
class RefundRender(BaseModel):
    """D2 body."""

    model_config = _REQ

    subOrderId: LooseId  # noqa: N815
    refundType: Int32  # noqa: N815
    goodsStatus: Int32  # noqa: N815


class RefundSubmit(BaseModel):
    """D7 body [I]: one sub-order, the chosen type, goods status and reason, the fee in fen."""

    model_config = _REQ

    subOrderId: LooseId  # noqa: N815
    refundType: Int32  # noqa: N815
    goodsStatus: Int32  # noqa: N815
    reasonId: Int32  # noqa: N815
    refundFee: FenInt  # noqa: N815
    refundQty: OptionalInt32 = None  # noqa: N815
    refundDesc: Annotated[str, Field(max_length=200)] = ""  # noqa: N815
    refundImages: ImageList = []  # noqa: N815


class RefundListQuery(BaseModel):
    """D1 body."""

    model_config = _REQ

    refundId: OptionalText = None  # noqa: N815
    purchaseOrderId: OptionalText = None  # noqa: N815
    salesOrderId: OptionalText = None  # noqa: N815
    refundStatus: OptionalLooseInt = None  # noqa: N815
    refundStartTime: OptionalLooseInt = None  # noqa: N815
    refundEndTime: OptionalLooseInt = None  # noqa: N815
    pageNo: PageNo = 1  # noqa: N815
    pageSize: Annotated[PageNo, Field(le=100)]  # noqa: N815


class RefundRef(BaseModel):
    """``refundId`` in the path (D5), the query (D3, D10) or the body (D8)."""

    model_config = _REQ

    refundId: LooseId  # noqa: N815


class RefundModify(BaseModel):
    """D9 body [I]: only what changes."""

    model_config = _REQ

    refundId: LooseId  # noqa: N815
    reasonId: OptionalInt32 = None  # noqa: N815
    refundFee: OptionalFen = None  # noqa: N815
    refundDesc: Annotated[str, Field(max_length=200)] | None = None  # noqa: N815
    refundImages: Annotated[Images | None, BeforeValidator(_optional_image_list)] = None  # noqa: N815


class ReturnLogisticsSubmit(BaseModel):
    """D4 body [I]: the carrier code from D3 and the tracking number."""

    model_config = _REQ

    refundId: LooseId  # noqa: N815
    logisticsCompanyCode: Token = ""  # noqa: N815
    logisticCompanyCode: Token = ""  # noqa: N815 - the v1 example's spelling, accepted too
    logisticsNo: Annotated[str, Field(min_length=1, max_length=64)]  # noqa: N815
    returnGoodsDesc: Annotated[str, Field(max_length=200)] = ""  # noqa: N815
    buyerPhone: Annotated[str, Field(max_length=32)] = ""  # noqa: N815

    @property
    def company_code(self) -> str:
        return self.logisticsCompanyCode or self.logisticCompanyCode


class RefundMessageSubmit(BaseModel):
    """D6 body."""

    model_config = _REQ

    refundId: LooseId  # noqa: N815
    refundMessage: Annotated[str, Field(min_length=1, max_length=200)]  # noqa: N815
    refundImages: ImageList = []  # noqa: N815


# -- responses ------------------------------------------------------------------------------------------------------
class RefundReason(BaseModel):
    model_config = _RESP

    reasonDesc: str  # noqa: N815
    tips: str
    reasonId: int  # noqa: N815


class RefundOrder(BaseModel):
    """``refundOrder`` of a ``refundOrderAggregate`` (D1, D4, D5, D7, D9, D10)."""

    model_config = _RESP

    goodsStatus: int  # noqa: N815
    refundDesc: str  # noqa: N815
    refundStatus: str  # noqa: N815  the §4.2 code as digits ("10", "-20"), a string as in the D5 example
    refundType: int  # noqa: N815
    timeoutDate: str  # noqa: N815
    feeTips: str  # noqa: N815
    timeoutType: str  # noqa: N815
    refundId: str  # noqa: N815
    payOrderId: str  # noqa: N815
    reasonId: int  # noqa: N815
    canEditFee: bool  # noqa: N815
    sellerRefuseReasonDescribe: str  # noqa: N815
    remainingTime: str  # noqa: N815
    reasonDesc: str  # noqa: N815
    sellerRefuseReason: str  # noqa: N815
    refundFee: int  # noqa: N815


class MaxRefundFee(BaseModel):
    model_config = _RESP

    minRefundFee: int  # noqa: N815
    feeTips: str  # noqa: N815
    refundFee: int  # noqa: N815
    canEditRefundFee: bool  # noqa: N815
    maxRefundFee: int  # noqa: N815


class TemplateRefundOrder(BaseModel):
    """The D2 template's ``refundOrder``: the sub-order's latest reverse order, or every member null when it has
    none — an object either way."""

    model_config = _RESP

    goodsStatus: int | None = None  # noqa: N815
    refundDesc: str | None = None  # noqa: N815
    refundStatus: str | None = None  # noqa: N815
    refundType: int | None = None  # noqa: N815
    timeoutDate: str | None = None  # noqa: N815
    feeTips: str | None = None  # noqa: N815
    timeoutType: str | None = None  # noqa: N815
    refundId: str | None = None  # noqa: N815
    payOrderId: str | None = None  # noqa: N815
    reasonId: int | None = None  # noqa: N815
    canEditFee: bool | None = None  # noqa: N815
    sellerRefuseReasonDescribe: str | None = None  # noqa: N815
    remainingTime: str | None = None  # noqa: N815
    reasonDesc: str | None = None  # noqa: N815
    sellerRefuseReason: str | None = None  # noqa: N815
    refundFee: int | None = None  # noqa: N815


class RefundOrderTemplate(BaseModel):
    model_config = _RESP

    refundReasons: list[RefundReason]  # noqa: N815
    goodsStatusList: list[str]  # noqa: N815
    refundOrder: TemplateRefundOrder  # noqa: N815
    maxRefundFee: MaxRefundFee  # noqa: N815


class RefundRenderVO(BaseModel):
    """D2 ``data``."""

    model_config = _RESP

    refundOrderTemplate: RefundOrderTemplate  # noqa: N815
    distributorId: str  # noqa: N815
    currency: str
    saleFlag: bool  # noqa: N815


class LineProperty(BaseModel):
    """A sale property of the sub-order's SKU (ids and Chinese names); members null when the SKU has none."""

    model_config = _RESP

    valueId: int | None = None  # noqa: N815
    valueName: str | None = None  # noqa: N815
    propId: int | None = None  # noqa: N815
    propName: str | None = None  # noqa: N815


class PurchaseOrderLine(BaseModel):
    model_config = _RESP

    salesOrderId: str  # noqa: N815
    supplierId: str  # noqa: N815
    quantity: int
    totalPrice: int  # noqa: N815
    itemTitle: str  # noqa: N815
    postFee: int  # noqa: N815
    productFee: int  # noqa: N815
    salesMarket: str  # noqa: N815
    purchaseOrderLineId: str  # noqa: N815
    createTime: int  # noqa: N815
    purchaseOrderId: str  # noqa: N815
    price: int
    supplierNick: str  # noqa: N815
    currency: str
    properties: LineProperty  # the SKU's first sale property, as the D5 example shows one object
    itemImageUrl: str  # noqa: N815
    orderServiceExpressions: list[dict[str, Any]] = []  # noqa: N815
    hongbaoDeductionAmount: int = 0  # noqa: N815
    skuProperties: list[LineProperty] = []  # noqa: N815  [ours] every sale property, for SKUs that have several


class ReceiverAddress(BaseModel):
    """Where a return goes: null members until the seller agreed a return (D3 always fills them)."""

    model_config = _RESP

    receiver: str | None = None
    phone: str | None = None
    detailAddress: str | None = None  # noqa: N815


class LogisticsCompany(BaseModel):
    """The return's carrier: null members until the return is shipped (D4)."""

    model_config = _RESP

    logisticsCompanyCode: str | None = None  # noqa: N815
    logisticCompanyCode: str | None = None  # noqa: N815 - spelled as in the D5 and v1 examples
    logisticsCompanyName: str | None = None  # noqa: N815


class RefundLogistics(BaseModel):
    model_config = _RESP

    receiverAddress: ReceiverAddress  # noqa: N815
    returnGoodsDesc: str  # noqa: N815
    buyerPhone: str  # noqa: N815
    logisticsCompany: LogisticsCompany  # noqa: N815
    logisticsNo: str  # noqa: N815
    sellerAgreeReturnDescribe: str  # noqa: N815


class RefundOrderAggregate(BaseModel):
    model_config = _RESP

    refundOrder: RefundOrder  # noqa: N815
    purchaseOrderLine: PurchaseOrderLine  # noqa: N815
    logistics: RefundLogistics


class RefundDetail(BaseModel):
    """D10 ``data`` (``TaoBaoRefundOrderDetailDTO``); also what D4, D7 and D9 answer [I]."""

    model_config = _RESP

    distributorId: str  # noqa: N815
    currency: str
    refundOrderAggregate: RefundOrderAggregate  # noqa: N815


class CancelRefundOrderVO(RefundDetail):
    """D5 ``data``."""

    cancelSuccess: bool  # noqa: N815


class RefundPage(BaseModel):
    """D1 ``data`` [I]: like the order list (``resultsTotal``, ``pageNo``, ``pageSize``) with the aggregates."""

    model_config = _RESP

    resultsTotal: int  # noqa: N815
    pageNo: int  # noqa: N815
    pageSize: int  # noqa: N815
    refundOrders: list[RefundOrderAggregate]  # noqa: N815


class ReturnCarrier(BaseModel):
    model_config = _RESP

    logisticsCompanyCode: str  # noqa: N815
    logisticsCompanyName: str  # noqa: N815


class ReturnLogisticsRenderVO(BaseModel):
    """D3 ``data`` [I]: where to send the goods, with which carriers, by when."""

    model_config = _RESP

    refundId: str  # noqa: N815
    receiverAddress: ReceiverAddress  # noqa: N815
    sellerAgreeReturnDescribe: str  # noqa: N815
    logisticsCompanies: list[ReturnCarrier]  # noqa: N815
    timeoutDate: str  # noqa: N815
    remainingTime: str  # noqa: N815


class RefundMessage(BaseModel):
    """One D6/D8 message [I]."""

    model_config = _RESP

    messageId: int  # noqa: N815
    refundId: str  # noqa: N815
    senderRole: str  # noqa: N815 - buyer | seller | system
    content: str
    refundImages: list[str]  # noqa: N815
    createTime: int  # noqa: N815
