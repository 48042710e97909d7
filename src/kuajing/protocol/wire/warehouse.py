"""Warehouse logistics (仓库物流) and WMS: parcels, freight, international shipments (provisional, docs/warehouse.md).

The spec knows only the section and the sister platform's endpoint titles (§2.K), so every field here is ours, named
in the platform's habits: camelCase, ids as numbers or digit strings on input, fen as integers, times as epoch ms.
Weights are integer grams (``…G``), sizes integer centimetres (``…Cm``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from kuajing.protocol.wire.types import FenInt, LooseId, LooseInt, PageNo, Quantity, RowId

_In = ConfigDict(extra="ignore", str_strip_whitespace=True)
_Out = ConfigDict(extra="allow")
_Country = Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")]  # ISO 3166-1 alpha-2
_Carrier = Annotated[str, Field(min_length=1, max_length=32)]
_Tracking = Annotated[str, Field(min_length=1, max_length=64)]
_Page = PageNo
_PageSize = Annotated[PageNo, Field(le=100)]
_Grams = Annotated[Quantity, Field(le=1_000_000)]
_Cm = Annotated[Quantity, Field(le=1_000)]
_OptCm = Annotated[LooseInt, Field(ge=0, le=1_000)]
ParcelIds = Annotated[list[RowId], Field(min_length=1, max_length=30)]


class ParcelItem(BaseModel):
    model_config = _In

    name: Annotated[str, Field(min_length=1, max_length=200)]
    quantity: Annotated[Quantity, Field(le=100_000)] = 1
    category: Annotated[str, Field(max_length=32)] = ""  # e.g. "battery", "liquid": channels may refuse some
    skuId: Annotated[str, Field(max_length=64)] = ""


class ParcelForecast(BaseModel):
    """Body of ``package/forecast`` (预报)."""

    model_config = _In

    carrierCode: _Carrier  # domestic carrier code, e.g. "YTO", "SF", "ZTO"
    carrierName: Annotated[str, Field(max_length=100)] = ""
    trackingNo: _Tracking
    items: Annotated[list[ParcelItem], Field(max_length=100)] = []
    sourcePlatform: Literal["", "taobao", "1688"] = ""
    sourceOrderId: LooseId | None = None
    remark: Annotated[str, Field(max_length=500)] = ""


class ParcelUpdate(BaseModel):
    """Body of ``package/update``: the parcel id and only the fields to change (before inbound)."""

    model_config = _In

    parcelId: RowId
    carrierCode: _Carrier | None = None
    carrierName: Annotated[str, Field(max_length=100)] | None = None
    trackingNo: _Tracking | None = None
    items: Annotated[list[ParcelItem], Field(max_length=100)] | None = None
    remark: Annotated[str, Field(max_length=500)] | None = None


class ParcelRef(BaseModel):
    model_config = _In

    parcelId: RowId


class ParcelPage(BaseModel):
    model_config = _In

    status: Literal["forecast", "received", "allocated", "shipped_out", "cancelled"] | None = None
    pageNo: _Page = 1
    pageSize: _PageSize = 20


class DomesticLogisticsUpdate(BaseModel):
    """Body of ``domestic/logistics/update``: the domestic waybill of a purchase order bound for the warehouse."""

    model_config = _In

    sourcePlatform: Literal["taobao", "1688"]
    sourceOrderId: LooseId
    carrierCode: _Carrier
    carrierName: Annotated[str, Field(max_length=100)] = ""
    trackingNo: _Tracking


class ParcelInbound(BaseModel):
    """Body of the sandbox ``package/inbound``: what the warehouse measured."""

    model_config = _In

    parcelId: RowId
    weightG: _Grams
    lengthCm: _Cm
    widthCm: _Cm
    heightCm: _Cm
    photos: Annotated[list[Annotated[str, Field(min_length=1, max_length=500)]], Field(max_length=9)] = []
    condition: Literal["good", "damaged", "wet"] = "good"


class FreightEstimate(BaseModel):
    """Body of ``freight/estimate``: a reference price before the goods are in the warehouse."""

    model_config = _In

    countryCode: _Country
    channelCode: Annotated[str, Field(max_length=32)] | None = None
    weightG: _Grams
    lengthCm: _OptCm = 0
    widthCm: _OptCm = 0
    heightCm: _OptCm = 0
    categories: Annotated[list[Annotated[str, Field(max_length=32)]], Field(max_length=20)] = []


class ShipmentPreview(BaseModel):
    """Body of ``logistics/order/preview``: received parcels to consolidate, the channel and the destination."""

    model_config = _In

    parcelIds: ParcelIds
    channelCode: Annotated[str, Field(min_length=1, max_length=32)]
    countryCode: _Country


class Receiver(BaseModel):
    model_config = _In

    fullName: Annotated[str, Field(min_length=1, max_length=100)]
    mobile: Annotated[str, Field(min_length=5, max_length=32, pattern=r"^[0-9+\-() ]+$")]
    countryCode: _Country
    address: Annotated[str, Field(min_length=1, max_length=255)]
    provinceText: Annotated[str, Field(max_length=64)] = ""
    cityText: Annotated[str, Field(max_length=64)] = ""
    postCode: Annotated[str, Field(max_length=16)] = ""


class ShipmentCreate(BaseModel):
    """Body of ``logistics/order/create``: paid from the wallet at once."""

    model_config = _In

    parcelIds: ParcelIds
    channelCode: Annotated[str, Field(min_length=1, max_length=32)]
    receiver: Receiver
    expectedTotalFen: FenInt | None = None  # the preview's totalFen; a different price is refused (42203)
    remark: Annotated[str, Field(max_length=500)] = ""


class ShipmentRef(BaseModel):
    model_config = _In

    shipmentId: RowId


class ShipmentPage(BaseModel):
    model_config = _In

    pageNo: _Page = 1
    pageSize: _PageSize = 20


# -- responses --------------------------------------------------------------------------------------------------
class ParcelInfo(BaseModel):
    model_config = _Out

    parcelId: int
    status: str
    carrierCode: str
    carrierName: str
    trackingNo: str
    sourcePlatform: str
    sourceOrderId: str
    origin: str  # "forecast" (by the distributor) or "order" (registered when the seller shipped)
    items: list[ParcelItem]
    remark: str
    weightG: int  # 0 until inbound
    lengthCm: int
    widthCm: int
    heightCm: int
    photos: list[str]
    condition: str
    inboundTime: int | None  # epoch ms
    storageDays: int
    shipmentId: int | None
    allowedActions: list[str]
    createTime: int
    updateTime: int


class ParcelPageResult(BaseModel):
    model_config = _Out

    total: int
    pageNo: int
    pageSize: int
    list: list[ParcelInfo]


class FeeLine(BaseModel):
    model_config = _Out

    type: str  # freight | handling | storage
    amountFen: int
    description: str


class ChannelInfo(BaseModel):
    model_config = _Out

    channelCode: str
    name: str
    countries: list[str]
    currency: str
    firstWeightG: int
    firstWeightFen: int
    stepG: int
    stepFen: int
    volumetricDivisor: int
    maxWeightG: int
    maxLengthCm: int
    maxGirthCm: int
    prohibitedCategories: list[str]
    handlingFenPerParcel: int
    transitDays: int


class FreightQuote(BaseModel):
    model_config = _Out

    channelCode: str
    channelName: str
    actualWeightG: int
    volumetricWeightG: int
    chargeableWeightG: int
    fees: list[FeeLine]
    totalFen: int
    currency: str
    transitDays: int


class ShipmentPreviewResult(FreightQuote):
    parcelIds: list[int]
    countryCode: str


class TraceNode(BaseModel):
    model_config = _Out

    time: int  # epoch ms
    status: str  # WAREHOUSE_PACKED, ACCEPT, TRANSPORT, SIGN, FAILED, CANCELLED
    desc: str


class ShipmentInfo(BaseModel):
    model_config = _Out

    shipmentId: int
    status: str
    channelCode: str
    intlTrackingNo: str
    parcelIds: list[int]
    receiver: Receiver
    actualWeightG: int
    volumetricWeightG: int
    chargeableWeightG: int
    fees: list[FeeLine]
    totalFen: int
    currency: str
    remark: str
    payTime: int
    deliveredTime: int | None
    trace: list[TraceNode]
    allowedActions: list[str]
    createTime: int
    updateTime: int


class ShipmentPageResult(BaseModel):
    model_config = _Out

    total: int
    pageNo: int
    pageSize: int
    list: list[ShipmentInfo]
