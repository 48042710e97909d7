"""Taobao purchase orders (spec §2.B): B1 create, B2 render, B3 list, B4 voucher, B5 cancel, B6 pre-warehouse,
B7 pay, B8 IM link, B9 detail, B10 logistics. Request fields are the spec's; response shapes are camelCase copies
of the upstream objects (§2.B "B3/B9 upstream order model"), documented in docs/taobao-orders.md.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from kuajing.protocol.wire.types import (
    Behaviour,
    FenInt,
    JsonStringDecoder,
    JsonStringEncoder,
    LooseId,
    NameText,
    OptionalLooseInt,
    PageNo,
    Quantity,
    Remark,
    ShortText,
    Token,
)

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


class OrderLine(BaseModel):
    """One line of ``orderLineList``. ``itemId``/``skuId`` carry the mpId/mpSkuId from 撞库 (upstream rule); the
    Taobao itemId/skuId are accepted where unambiguous, and ``mpId``/``mpSkuId`` may be named as such."""

    model_config = _REQ

    itemId: LooseId | None = None  # noqa: N815
    mpId: LooseId | None = None  # noqa: N815
    skuId: LooseId | None = None  # noqa: N815
    mpSkuId: LooseId | None = None  # noqa: N815
    quantity: Annotated[Quantity, Field(le=99_999)]
    price: FenInt | None = None  # the unit price (fen) seen in the render; create refuses if it changed
    currency: Token = "CNY"
    orderLineNo: ShortText | None = None  # noqa: N815
    title: Annotated[str, Field(max_length=1000)] | None = None
    orderRemark: Remark | None = None  # noqa: N815


class TaobaoReceiverInfo(BaseModel):
    """The ``receiver`` JSON: the China warehouse the seller ships to. Keys as in the spec (``mobile_phone``)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, coerce_numbers_to_str=True)

    name: Annotated[str, Field(min_length=1, max_length=100)]
    address: Annotated[str, Field(min_length=1, max_length=255)]
    country: ShortText = "中国"
    state: ShortText = ""
    city: ShortText = ""
    district: ShortText = ""
    zip: Annotated[str, Field(max_length=16)] = ""
    phone: Annotated[str, Field(max_length=32)] = ""
    mobile_phone: Annotated[str, Field(max_length=32)] = ""


Lines = Annotated[list[OrderLine], JsonStringDecoder, JsonStringEncoder, Field(min_length=1, max_length=50)]
ReceiverJson = Annotated[TaobaoReceiverInfo, JsonStringDecoder, JsonStringEncoder]


class OrderRender(BaseModel):
    """B2 ``POST /open/order/render``."""

    model_config = _REQ

    orderLineList: Lines  # noqa: N815
    receiver: ReceiverJson | None = None


class OrderCreate(BaseModel):
    """B1 ``POST /open/order``. ``sellerOrderNumber`` (or upstream ``outerPurchaseId``) makes a retry return the
    orders the first call created."""

    model_config = _REQ

    orderLineList: Lines  # noqa: N815
    receiver: ReceiverJson
    orderSource: ShortText = ""  # noqa: N815
    purchaseAmount: FenInt | None = None  # noqa: N815  budget in fen: create refuses a dearer order
    sellerOrderNumber: Annotated[str, Field(max_length=64)] | None = None  # noqa: N815
    outerPurchaseId: Annotated[str, Field(max_length=64)] | None = None  # noqa: N815


class RenderLine(BaseModel):
    model_config = _RESP

    itemId: int | str  # noqa: N815  as A1 sends it: a number on v1 paths, the encrypted id on v2
    mpId: str | None = None  # noqa: N815
    skuId: str  # noqa: N815
    mpSkuId: str | None = None  # noqa: N815
    title: str
    quantity: int
    price: int  # unit price, fen: send it back in create's orderLineList
    amount: int  # price × quantity, fen
    currency: str
    stock: int
    canBuy: bool  # noqa: N815
    reason: str | None = None
    errorCode: int | None = None  # noqa: N815


class RenderOrder(BaseModel):
    """What one seller's purchase order would be."""

    model_config = _RESP

    supplierNick: str  # noqa: N815
    shopName: str  # noqa: N815
    shopId: int  # noqa: N815
    productAmount: int  # noqa: N815
    postFee: int  # noqa: N815
    totalAmount: int  # noqa: N815
    currency: str
    canBuy: bool  # noqa: N815
    orderLineList: list[RenderLine]  # noqa: N815


class RenderResult(BaseModel):
    model_config = _RESP

    canBuy: bool  # noqa: N815
    totalAmount: int  # noqa: N815
    currency: str
    orders: list[RenderOrder]


class CreatedLine(BaseModel):
    model_config = _RESP

    itemId: str  # noqa: N815
    skuId: str  # noqa: N815
    orderLineNo: str  # noqa: N815
    quantity: int
    estimateAmount: int  # noqa: N815
    estimateCurrency: str  # noqa: N815
    subPurchaseOrderId: str  # noqa: N815
    supplierNick: str  # noqa: N815


class CreatedOrder(BaseModel):
    model_config = _RESP

    purchaseId: str  # noqa: N815  upstream purchase_id: the purchaseOrderId
    supplierNick: str  # noqa: N815
    estimateAmount: int  # noqa: N815
    estimateCurrency: str  # noqa: N815
    sourceMarket: str  # noqa: N815
    status: int
    orderLineList: list[CreatedLine]  # noqa: N815


class CreateResult(BaseModel):
    model_config = _RESP

    success: bool
    outerPurchaseId: str | None = None  # noqa: N815
    paymentUrl: str | None = None  # noqa: N815
    replayed: bool = False  # true when sellerOrderNumber was seen before: these are the orders created then
    orderList: list[CreatedOrder]  # noqa: N815


class LogisticOrder(BaseModel):
    model_config = _RESP

    logisticCompanyName: str  # noqa: N815
    logisticNumber: str  # noqa: N815
    rtsTime: int | None = None  # noqa: N815


class SubPurchaseOrderInfo(BaseModel):
    model_config = _RESP

    subPurchaseOrderId: str  # noqa: N815
    purchaseOrderOuterId: str  # noqa: N815
    purchaseOrderLineOuterId: str  # noqa: N815
    status: int
    statusName: str  # noqa: N815
    closeReason: str | None = None  # noqa: N815
    itemId: int | str  # noqa: N815  as A1 sends it: a number on v1 paths, the encrypted id on v2
    mpId: str | None = None  # noqa: N815
    skuId: str  # noqa: N815
    mpSkuId: str | None = None  # noqa: N815
    orderLineNo: str  # noqa: N815
    title: str
    quantity: int
    price: int
    productAmount: int  # noqa: N815
    purchaseAmount: int  # noqa: N815
    payAmount: str | None = None  # noqa: N815
    domesticPostFee: int  # noqa: N815
    purchaseCurrency: str  # noqa: N815
    payCurrency: str  # noqa: N815
    payTime: int | None = None  # noqa: N815
    closeTimeWithoutPayment: int | None = None  # noqa: N815
    canConfirmReceipt: bool  # noqa: N815
    confirmTime: int | None = None  # noqa: N815
    refundId: str | None = None  # noqa: N815
    refundStatus: int = 0  # noqa: N815
    logisticOrders: list[LogisticOrder]  # noqa: N815
    skuInfo: dict[str, Any]  # noqa: N815
    optionFields: dict[str, Any]  # noqa: N815


class PurchaseOrderInfo(BaseModel):
    model_config = _RESP

    purchaseOrderId: str  # noqa: N815
    purchaseId: str  # noqa: N815
    status: int
    statusName: str  # noqa: N815
    orderSource: str  # noqa: N815
    outerPurchaseId: str | None = None  # noqa: N815
    sellerOrderNumber: str | None = None  # noqa: N815
    supplierNick: str  # noqa: N815
    subUserId: str  # noqa: N815
    receiver: dict[str, Any]
    purchaseCurrency: str  # noqa: N815
    payCurrency: str  # noqa: N815
    productAmount: int  # noqa: N815
    domesticPostFee: int  # noqa: N815
    purchaseAmount: int  # noqa: N815
    payAmount: str | None = None  # noqa: N815
    refundAmount: int  # noqa: N815
    payTime: int | None = None  # noqa: N815
    nextCloseTimeWithoutPayment: int | None = None  # noqa: N815
    voucherUrl: str | None = None  # noqa: N815
    voucherRemark: str | None = None  # noqa: N815
    closeReason: str | None = None  # noqa: N815
    createdTime: int  # noqa: N815
    modifyTime: int  # noqa: N815
    allowedActions: list[str]  # noqa: N815
    subPurchaseOrders: list[SubPurchaseOrderInfo]  # noqa: N815


IdList = Annotated[list[LooseId], Field(max_length=100)]


class OrderPage(BaseModel):
    """B3 list filters (upstream names in camelCase). ``status`` is a §4.1 code."""

    model_config = _REQ

    status: OptionalLooseInt = None
    sortType: Token = "DESC"  # noqa: N815
    pageNo: PageNo = 1  # noqa: N815
    pageSize: Annotated[PageNo, Field(le=100)] = 20  # noqa: N815
    modifyTimeStart: OptionalLooseInt = None  # noqa: N815
    modifyTimeEnd: OptionalLooseInt = None  # noqa: N815
    outerPurchaseId: ShortText | None = None  # noqa: N815
    sellerOrderNumber: ShortText | None = None  # noqa: N815
    purchaseIds: Annotated[IdList | None, JsonStringDecoder] = None  # noqa: N815


class OrderPageResult(BaseModel):
    model_config = _RESP

    resultsTotal: int  # noqa: N815
    pageNo: int  # noqa: N815
    pageSize: int  # noqa: N815
    purchaseOrders: list[PurchaseOrderInfo]  # noqa: N815


class OrderRef(BaseModel):
    """B9 detail query (``purchaseOrderId``)."""

    model_config = _REQ

    purchaseOrderId: LooseId  # noqa: N815


class OrderPay(BaseModel):
    """B7: at most 10 purchase orders per call; each is paid or not on its own."""

    model_config = _REQ

    purchaseOrderIdList: Annotated[list[LooseId], JsonStringDecoder, Field(max_length=100)]  # noqa: N815


class PayResult(BaseModel):
    model_config = _RESP

    purchaseOrderId: str  # noqa: N815
    success: bool
    payAmount: int | None = None  # noqa: N815
    payCurrency: str | None = None  # noqa: N815
    status: int | None = None
    errorCode: int | None = None  # noqa: N815
    errorMessage: str | None = None  # noqa: N815


class TaobaoVoucherUpload(BaseModel):
    """B4: the image URL of a bank-transfer voucher; finance reviews it."""

    model_config = _REQ

    purchaseOrderId: LooseId  # noqa: N815
    voucherUrl: Annotated[str, Field(min_length=1, max_length=1000)]  # noqa: N815
    remark: Remark = ""


class OrderCancel(BaseModel):
    """B5: no ``subPurchaseOrderIdList`` (or an empty one) cancels the whole order."""

    model_config = _REQ

    purchaseOrderId: LooseId  # noqa: N815
    subPurchaseOrderIdList: Annotated[list[LooseId], JsonStringDecoder, Field(max_length=100)] = []  # noqa: N815
    cancelReason: Remark = ""  # noqa: N815
    cancelRemark: Remark = ""  # noqa: N815


class WarehouseModify(BaseModel):
    """B6: a new China-warehouse address (same JSON as create's ``receiver``)."""

    model_config = _REQ

    purchaseOrderId: LooseId  # noqa: N815
    receiver: ReceiverJson


class ImLink(BaseModel):
    """B8 (the spec's documented fields disagree with its example; the example's ``sourceType`` + ``bizId`` win)."""

    model_config = _REQ

    sourceType: Annotated[str, Field(pattern=r"^(item|order|shop)$")] = "item"  # noqa: N815
    bizId: LooseId  # noqa: N815


class ImPage(BaseModel):
    """Query of the page an IM link opens (``loginToken`` is accepted and not needed by the sandbox page)."""

    model_config = _REQ

    sourceType: Token = "item"  # noqa: N815
    bizId: Annotated[str, Field(max_length=40)] = ""  # noqa: N815
    loginToken: Annotated[str, Field(max_length=200)] = ""  # noqa: N815


class LogisticsQuery(BaseModel):
    model_config = _REQ

    subPurchaseOrderId: LooseId  # noqa: N815


class TaobaoLogisticsTrace(BaseModel):
    model_config = _RESP

    statusDesc: str  # noqa: N815
    province: str
    city: str
    district: str
    action: str
    facilityName: str  # noqa: N815
    time: str
    standerdDesc: str  # noqa: N815  spelled as in the spec
    status: str
    nextCity: str  # noqa: N815
    nextNodeName: str  # noqa: N815


class LogisticsPackage(BaseModel):
    model_config = _RESP

    mailNo: str  # noqa: N815
    logisticsCompanyCode: str  # noqa: N815
    logisticsCompanyName: str  # noqa: N815
    logisticsStatus: str  # noqa: N815
    logisticsTraces: list[TaobaoLogisticsTrace]  # noqa: N815


class LogisticsDetail(BaseModel):
    model_config = _RESP

    purchaseOrderOuterId: str  # noqa: N815
    pnmLogisticsDetails: list[LogisticsPackage]  # noqa: N815


# -- sandbox seller actions (/sandbox/taobao/...) -------------------------------------------------------------------
class SandboxShip(BaseModel):
    model_config = _REQ

    purchaseOrderId: LooseId  # noqa: N815
    subPurchaseOrderIdList: Annotated[list[LooseId], Field(max_length=100)] = []  # noqa: N815


class SandboxPriceModify(BaseModel):
    model_config = _REQ

    purchaseOrderId: LooseId  # noqa: N815
    subPurchaseOrderId: LooseId  # noqa: N815
    price: Annotated[FenInt, Field(ge=1)]  # the new unit price, fen


class SandboxClose(BaseModel):
    model_config = _REQ

    purchaseOrderId: LooseId  # noqa: N815
    reason: Remark = "卖家关闭 (seller closed)"


class SandboxVoucherReview(BaseModel):
    model_config = _REQ

    purchaseOrderId: LooseId  # noqa: N815
    remark: Remark = ""


class TaobaoSandboxSellerBehaviour(BaseModel):
    """Merge keys into a seller's behaviour (``null`` removes a key); name the seller by shopId or userNick."""

    model_config = _REQ

    shopId: OptionalLooseInt = None  # noqa: N815
    userNick: NameText | None = None  # noqa: N815
    behaviour: Behaviour


class TaobaoSellerBehaviourInfo(BaseModel):
    model_config = _RESP

    shopId: int  # noqa: N815
    userNick: str  # noqa: N815
    behaviour: dict[str, Any]
