"""1688 orders (spec §2.H): requests and the buyerView-shaped answers.

Kept from the spec exactly: the misspelled ``orderPreviewResuslt``; preview totals in fen; 19-digit ``orderId`` as a
string (accepted as a number or a string); ``cantPayOrderList`` as numbers [C]. buyerView (detail, list, batch
create) follows upstream ``alibaba.trade.get.buyerView`` field names, with the project's units (docs/protocol.md):
amounts in integer fen (upstream yuan decimals converted), times in epoch milliseconds.
v1 cargo lines carry ``offerId`` (numeric), v2 lines ``offerMapId`` (encrypted); either is accepted on both paths.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from kuajing.protocol.wire.types import (
    INT64_MAX,
    Behaviour,
    LooseId,
    OptionalFen,
    OptionalLooseInt,
    OptionalPageNo,
    OptionalPageSize,
    Quantity,
    Remark,
    ShortText,
    Token,
)

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


# -- requests -------------------------------------------------------------------------------------------------------
class AddressParam(BaseModel):
    """``addressParam`` (``FastAdress``)."""

    model_config = _REQ

    fullName: Annotated[str, Field(min_length=1, max_length=100)]  # noqa: N815
    mobile: Annotated[str, Field(min_length=5, max_length=32)]
    phone: Annotated[str, Field(max_length=32)] = ""
    postCode: Annotated[str, Field(max_length=16)] = ""  # noqa: N815
    provinceText: ShortText = ""  # noqa: N815
    cityText: ShortText = ""  # noqa: N815
    areaText: ShortText = ""  # noqa: N815
    townText: ShortText = ""  # noqa: N815
    address: Annotated[str, Field(min_length=1, max_length=255)]
    districtCode: Annotated[str, Field(max_length=16)] = ""  # noqa: N815


class CargoParam(BaseModel):
    """One line of ``cargoParamList`` (v1 ``offerId``, v2 ``offerMapId``; ``FastCargo``)."""

    model_config = _REQ

    offerId: OptionalLooseInt = None  # noqa: N815
    offerMapId: LooseId | None = None  # noqa: N815
    specId: Token | None = None  # noqa: N815
    quantity: Quantity
    sellerOpenId: LooseId | None = None  # noqa: N815
    productNo: ShortText | None = None  # noqa: N815
    container: ShortText | None = None


class OrderPreviewParams(BaseModel):
    """H6 / H2 body."""

    model_config = _REQ

    addressParam: AddressParam | None = None  # noqa: N815
    cargoParamList: Annotated[list[CargoParam], Field(min_length=1, max_length=100)]  # noqa: N815


class OrderCreateParams(BaseModel):
    """H7 body (``flow`` required) and H3 body (``flow`` defaults to ``general``)."""

    model_config = _REQ

    flow: Token | None = None
    message: Remark = ""
    shopPromotionId: ShortText | None = None  # noqa: N815
    tradeType: Token | None = None  # noqa: N815
    addressParam: AddressParam  # noqa: N815
    cargoParamList: Annotated[list[CargoParam], Field(min_length=1, max_length=100)]  # noqa: N815


class OrderCancelParams(BaseModel):
    """H8 body."""

    model_config = _REQ

    webSite: Token  # noqa: N815
    orderId: LooseId  # noqa: N815
    cancelReason: Annotated[str, Field(min_length=1, max_length=200)]  # noqa: N815
    remark: Remark | None = None


class OrderIdQuery(BaseModel):
    """H9 / H4 query: ``orderId``."""

    model_config = _REQ

    orderId: LooseId  # noqa: N815
    webSite: Token = "1688"  # noqa: N815


class OrderDetailParams(BaseModel):
    """H12 body."""

    model_config = _REQ

    webSite: Token = "1688"  # noqa: N815
    orderId: LooseId  # noqa: N815


class BatchPayParams(BaseModel):
    """H1 body."""

    model_config = _REQ

    orderIds: Annotated[list[LooseId], Field(min_length=1, max_length=100)]  # noqa: N815


class ReceiveGoodsParams(BaseModel):
    """H10 body."""

    model_config = _REQ

    orderId: LooseId  # noqa: N815
    orderEntryIds: Annotated[list[LooseId], Field(max_length=100)] = []  # noqa: N815


TimeFilter = Annotated[str, Field(max_length=32)] | Annotated[int, Field(ge=0, le=INT64_MAX)] | None
"""Epoch ms as a number or digits, or ``yyyy-MM-dd HH:mm:ss``."""


class OrderPageParams(BaseModel):
    """H5 body (upstream list filters): ``page``/``pageNo``, ``pageSize``, ``orderStatus``, creation time range as
    epoch ms or ``yyyy-MM-dd HH:mm:ss``."""

    model_config = _REQ

    page: OptionalPageNo = None
    pageNo: OptionalPageNo = None  # noqa: N815
    pageSize: OptionalPageSize = None  # noqa: N815
    orderStatus: Token | None = None  # noqa: N815
    createStartTime: TimeFilter = None  # noqa: N815
    createEndTime: TimeFilter = None  # noqa: N815


# -- preview answer -------------------------------------------------------------------------------------------------
class PreviewCargo(BaseModel):
    model_config = _RESP

    amount: int  # fen
    message: str = ""
    finalUnitPrice: int  # noqa: N815  fen
    specId: str  # noqa: N815
    skuId: int  # noqa: N815
    resultCode: str = ""  # noqa: N815
    offerId: int  # noqa: N815
    offerMapId: str = ""  # noqa: N815
    openOfferId: str = ""  # noqa: N815
    quantity: int = 0
    cargoPromotionList: list[Any] = []  # noqa: N815


class TradeModel(BaseModel):
    model_config = _RESP

    tradeWay: str  # noqa: N815
    name: str
    tradeType: str  # noqa: N815
    description: str
    opSupport: bool  # noqa: N815


class OrderPreview(BaseModel):
    """One element of ``orderPreviewResuslt``: one seller's order."""

    model_config = _RESP

    discountFee: int = 0  # noqa: N815
    tradeModeNameList: list[str]  # noqa: N815
    status: bool
    taoSampleSinglePromotion: bool = False  # noqa: N815
    sumPayment: int  # noqa: N815
    message: str = ""
    sumCarriage: int  # noqa: N815
    resultCode: str = ""  # noqa: N815
    sumPaymentNoCarriage: int  # noqa: N815
    additionalFee: int = 0  # noqa: N815
    flowFlag: str  # noqa: N815
    cargoList: list[PreviewCargo]  # noqa: N815
    shopPromotionList: list[Any] = []  # noqa: N815
    tradeModelList: list[TradeModel] = []  # noqa: N815
    sellerOpenId: str = ""  # noqa: N815


class OrderPreviewResult(BaseModel):
    """H6 / H2 / G5 ``data``."""

    model_config = _RESP

    orderPreviewResuslt: list[OrderPreview]  # noqa: N815  (sic, as the spec spells it)
    success: bool
    errorCode: str | None = None  # noqa: N815
    errorMsg: str | None = None  # noqa: N815
    postFeeByDescOfferList: list[str] = []  # noqa: N815
    consignOfferList: list[str] = []  # noqa: N815
    unsupportedCrossBorderPayOfferList: list[str]  # noqa: N815


# -- buyerView ------------------------------------------------------------------------------------------------------
class AlibabaReceiverInfo(BaseModel):
    model_config = _RESP

    toFullName: str  # noqa: N815
    toMobile: str  # noqa: N815
    toPhone: str = ""  # noqa: N815
    toPost: str = ""  # noqa: N815
    toArea: str = ""  # noqa: N815
    toDivisionCode: str = ""  # noqa: N815


class BaseInfo(BaseModel):
    model_config = _RESP

    id: str
    idOfStr: str  # noqa: N815
    orderNo: str  # noqa: N815
    status: str
    businessType: str = "cb"  # noqa: N815
    tradeType: str  # noqa: N815
    flowTemplateCode: str  # noqa: N815
    buyerID: str  # noqa: N815
    sellerID: str  # noqa: N815
    sellerOpenId: str  # noqa: N815
    sellerLoginId: str  # noqa: N815
    createTime: int  # noqa: N815  epoch ms
    modifyTime: int  # noqa: N815  epoch ms
    payTime: int | None = None  # noqa: N815
    allDeliveredTime: int | None = None  # noqa: N815
    receivingTime: int | None = None  # noqa: N815
    completeTime: int | None = None  # noqa: N815
    totalAmount: int  # noqa: N815  fen
    sumProductPayment: int  # noqa: N815  fen
    shippingFee: int  # noqa: N815  fen
    discount: int = 0  # fen
    refund: int = 0  # fen
    buyerRemark: str = ""  # noqa: N815
    closeReason: str | None = None  # noqa: N815
    closeRemark: str | None = None  # noqa: N815
    closeOperateType: str | None = None  # noqa: N815
    receiverInfo: AlibabaReceiverInfo  # noqa: N815


class SkuInfo(BaseModel):
    model_config = _RESP

    name: str
    value: str


class ProductItem(BaseModel):
    model_config = _RESP

    cargoNumber: str = ""  # noqa: N815
    description: str = ""
    itemAmount: int  # noqa: N815  fen
    name: str
    price: int  # fen
    productID: int  # noqa: N815  offerId
    offerMapId: str = ""  # noqa: N815
    productImgUrl: list[str] = []  # noqa: N815
    productSnapshotUrl: str = ""  # noqa: N815
    quantity: int
    refund: int = 0
    skuID: int  # noqa: N815
    specId: str  # noqa: N815
    status: str
    subItemID: int  # noqa: N815  orderEntryId
    subItemIDString: str  # noqa: N815
    type: str = "common"
    unit: str = ""
    logisticsStatus: int  # noqa: N815  1 not shipped, 2 shipped, 3 received
    skuInfos: list[SkuInfo] = []  # noqa: N815


class LogisticsItem(BaseModel):
    model_config = _RESP

    id: str
    logisticsCode: str  # noqa: N815
    logisticsCompanyNo: str  # noqa: N815
    logisticsCompanyName: str  # noqa: N815
    logisticsBillNo: str  # noqa: N815
    status: str
    deliveredTime: int  # noqa: N815
    gmtCreate: int  # noqa: N815
    gmtModified: int  # noqa: N815
    subItemIds: str  # noqa: N815
    toProvince: str = ""  # noqa: N815
    toCity: str = ""  # noqa: N815
    toArea: str = ""  # noqa: N815
    toAddress: str = ""  # noqa: N815
    toContactPerson: str = ""  # noqa: N815
    toMobile: str = ""  # noqa: N815


class NativeLogistics(BaseModel):
    model_config = _RESP

    address: str
    area: str = ""
    areaCode: str = ""  # noqa: N815
    city: str = ""
    contactPerson: str  # noqa: N815
    fax: str = ""
    mobile: str
    province: str = ""
    telephone: str = ""
    zip: str = ""
    town: str = ""
    townCode: str = ""  # noqa: N815
    caid: str = ""
    realLogisticsCompanyNo: str | None = None  # noqa: N815
    logisticsItems: list[LogisticsItem] = []  # noqa: N815


class TradeTerm(BaseModel):
    model_config = _RESP

    payStatus: str  # noqa: N815  "1" unpaid, "2" paid
    payTime: int | None = None  # noqa: N815
    payWay: str = ""  # noqa: N815
    payWayDesc: str = ""  # noqa: N815
    phasAmount: int  # noqa: N815  fen
    phase: int = 1


class AlibabaOrderView(BaseModel):
    """An order in the shape of upstream ``alibaba.trade.get.buyerView`` (H12, H5 rows, H3/G6 elements).

    In H3/G6 answers every element also says how its seller fared: ``success``, ``errorCode``, ``errorMsg`` and
    ``sellerOpenId``; a failed seller's element has no ``baseInfo`` and no ``orderId``."""

    model_config = _RESP

    success: bool = True
    errorCode: str | None = None  # noqa: N815
    errorMsg: str | None = None  # noqa: N815
    orderId: str | None = None  # noqa: N815  baseInfo.id again, where upstream's create result has it
    sellerOpenId: str | None = None  # noqa: N815
    baseInfo: BaseInfo | None = None  # noqa: N815
    productItems: list[ProductItem] = []  # noqa: N815
    nativeLogistics: NativeLogistics | None = None  # noqa: N815
    tradeTerms: list[TradeTerm] = []  # noqa: N815
    guaranteesTerms: dict[str, Any] = {}  # noqa: N815
    internationalLogistics: dict[str, Any] = {}  # noqa: N815
    extAttributes: list[Any] = []  # noqa: N815
    orderRateInfo: dict[str, Any] = {}  # noqa: N815
    orderBizInfo: dict[str, Any] = {}  # noqa: N815


class AlibabaOrderPage(BaseModel):
    """H5 ``data`` (``AlibabaBasePageVO``)."""

    model_config = _RESP

    totalRecords: int  # noqa: N815
    totalPage: int  # noqa: N815
    pageSize: int  # noqa: N815
    currentPage: int  # noqa: N815
    data: list[AlibabaOrderView]


# -- pay, receive, trace --------------------------------------------------------------------------------------------
class AlibabaPayOrder(BaseModel):
    """H9 / H1 ``data`` (``AlibabaPayOrderVO``)."""

    model_config = _RESP

    orderId: str | None = None  # noqa: N815
    protocolPaySuccess: bool  # noqa: N815
    payUrl: str | None = None  # noqa: N815
    cantPayOrderList: list[int] = []  # noqa: N815
    orderIds: list[str] = []  # noqa: N815  (the orders paid or payable through payUrl)


class ReceiveGoodsResult(BaseModel):
    """H10 ``data``."""

    model_config = _RESP

    success: bool
    errorInfo: str | None = None  # noqa: N815
    errorCode: str | None = None  # noqa: N815


class LogisticsStep(BaseModel):
    model_config = _RESP

    acceptTime: str  # noqa: N815
    remark: str
    status: str = ""


class AlibabaLogisticsTrace(BaseModel):
    """H4 ``data`` element: one parcel of the order."""

    model_config = _RESP

    orderId: str  # noqa: N815
    logisticsId: str  # noqa: N815
    logisticsBillNo: str  # noqa: N815
    logisticsCompanyNo: str  # noqa: N815
    logisticsCompanyName: str  # noqa: N815
    status: str
    logisticsSteps: list[LogisticsStep]  # noqa: N815


# -- sandbox --------------------------------------------------------------------------------------------------------
class SandboxOrderAction(BaseModel):
    """``/sandbox/1688/order/ship`` and ``/close``: the order, and for shipping an optional carrier and number."""

    model_config = _REQ

    orderId: LooseId  # noqa: N815
    logisticsCompanyNo: Token = ""  # noqa: N815
    logisticsBillNo: ShortText = ""  # noqa: N815
    reason: Remark = ""


class SandboxModifyPrice(BaseModel):
    """``/sandbox/1688/order/modify-price``: new goods amount and/or postage in fen."""

    model_config = _REQ

    orderId: LooseId  # noqa: N815
    productAmount: OptionalFen = None  # noqa: N815
    shippingFee: OptionalFen = None  # noqa: N815


class AlibabaSandboxSellerBehaviour(BaseModel):
    """``/sandbox/1688/seller/behaviour``: keys to merge into the seller's behaviour (``null`` resets one)."""

    model_config = _REQ

    sellerOpenId: LooseId  # noqa: N815
    behaviour: Behaviour


class SandboxProtocolPay(BaseModel):
    model_config = _REQ

    enabled: bool


class AlibabaSellerBehaviourInfo(BaseModel):
    model_config = _RESP

    sellerOpenId: str  # noqa: N815
    behaviour: dict[str, Any]


# -- cashier page (JSON form, for programs; browsers get HTML) -----------------------------------------------------
class CashierOrder(BaseModel):
    model_config = _RESP

    orderId: str  # noqa: N815
    status: str
    totalAmount: int  # noqa: N815  fen


class CashierInfo(BaseModel):
    """``GET``/``POST /cashier/1688/{token}`` with ``Accept: application/json``: the link's orders, their total, and
    after a POST the orders it paid."""

    model_config = _RESP

    orders: list[CashierOrder]
    totalAmount: int  # noqa: N815  fen
    paidOrderIds: list[str] = []  # noqa: N815
