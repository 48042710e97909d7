"""Warehouse logistics (仓库物流) and WMS: parcels, freight, international shipments (provisional, docs/warehouse.md).

The spec knows only the section and the sister platform's endpoint titles (§2.K), so every field here is ours, named
in the platform's habits: camelCase, ids as numbers or digit strings on input, fen as integers, times as epoch ms.
Weights are integer grams (``…G``), sizes integer centimetres (``…Cm``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
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


class ParcelItem(WireModel):
    model_config = _In

    name: Annotated[str, Field(min_length=1, max_length=200)]
    quantity: Annotated[Quantity, Field(le=100_000)] = 1
    category: Annotated[str, Field(max_length=32)] = ""  # e.g. "battery", "liquid": channels may refuse some
    sku_id: Annotated[str, Field(max_length=64)] = ""


class ParcelForecast(WireModel):
    """Body of ``package/forecast`` (预报)."""

    model_config = _In

    carrier_code: _Carrier  # domestic carrier code, e.g. "YTO", "SF", "ZTO"
    carrier_name: Annotated[str, Field(max_length=100)] = ""
    tracking_no: _Tracking
    items: Annotated[list[ParcelItem], Field(max_length=100)] = []
    source_platform: Literal["", "taobao", "1688"] = ""
    source_order_id: LooseId | None = None
    remark: Annotated[str, Field(max_length=500)] = ""


class ParcelUpdate(WireModel):
    """Body of ``package/update``: the parcel id and only the fields to change (before inbound)."""

    model_config = _In

    parcel_id: RowId
    carrier_code: _Carrier | None = None
    carrier_name: Annotated[str, Field(max_length=100)] | None = None
    tracking_no: _Tracking | None = None
    items: Annotated[list[ParcelItem], Field(max_length=100)] | None = None
    remark: Annotated[str, Field(max_length=500)] | None = None


class ParcelRef(WireModel):
    model_config = _In

    parcel_id: RowId


class ParcelPage(WireModel):
    model_config = _In

    status: Literal["forecast", "received", "allocated", "shipped_out", "cancelled"] | None = None
    page_no: _Page = 1
    page_size: _PageSize = 20


class DomesticLogisticsUpdate(WireModel):
    """Body of ``domestic/logistics/update``: the domestic waybill of a purchase order bound for the warehouse."""

    model_config = _In

    source_platform: Literal["taobao", "1688"]
    source_order_id: LooseId
    carrier_code: _Carrier
    carrier_name: Annotated[str, Field(max_length=100)] = ""
    tracking_no: _Tracking


class ParcelInbound(WireModel):
    """Body of the sandbox ``package/inbound``: what the warehouse measured."""

    model_config = _In

    parcel_id: RowId
    weight_g: _Grams
    length_cm: _Cm
    width_cm: _Cm
    height_cm: _Cm
    photos: Annotated[list[Annotated[str, Field(min_length=1, max_length=500)]], Field(max_length=9)] = []
    condition: Literal["good", "damaged", "wet"] = "good"


class FreightEstimate(WireModel):
    """Body of ``freight/estimate``: a reference price before the goods are in the warehouse."""

    model_config = _In

    country_code: _Country
    channel_code: Annotated[str, Field(max_length=32)] | None = None
    weight_g: _Grams
    length_cm: _OptCm = 0
    width_cm: _OptCm = 0
    height_cm: _OptCm = 0
    categories: Annotated[list[Annotated[str, Field(max_length=32)]], Field(max_length=20)] = []


class ShipmentPreview(WireModel):
    """Body of ``logistics/order/preview``: received parcels to consolidate, the channel and the destination."""

    model_config = _In

    parcel_ids: ParcelIds
    channel_code: Annotated[str, Field(min_length=1, max_length=32)]
    country_code: _Country


class Receiver(WireModel):
    model_config = _In

    full_name: Annotated[str, Field(min_length=1, max_length=100)]
    mobile: Annotated[str, Field(min_length=5, max_length=32, pattern=r"^[0-9+\-() ]+$")]
    country_code: _Country
    address: Annotated[str, Field(min_length=1, max_length=255)]
    province_text: Annotated[str, Field(max_length=64)] = ""
    city_text: Annotated[str, Field(max_length=64)] = ""
    post_code: Annotated[str, Field(max_length=16)] = ""


class ShipmentCreate(WireModel):
    """Body of ``logistics/order/create``: paid from the wallet at once."""

    model_config = _In

    parcel_ids: ParcelIds
    channel_code: Annotated[str, Field(min_length=1, max_length=32)]
    receiver: Receiver
    expected_total_fen: FenInt | None = None  # the preview's totalFen; a different price is refused (42203)
    remark: Annotated[str, Field(max_length=500)] = ""


class ShipmentRef(WireModel):
    model_config = _In

    shipment_id: RowId


class ShipmentPage(WireModel):
    model_config = _In

    page_no: _Page = 1
    page_size: _PageSize = 20


# -- responses --------------------------------------------------------------------------------------------------
class ParcelInfo(WireModel):
    model_config = _Out

    parcel_id: int
    status: str
    carrier_code: str
    carrier_name: str
    tracking_no: str
    source_platform: str
    source_order_id: str
    origin: str  # "forecast" (by the distributor) or "order" (registered when the seller shipped)
    items: list[ParcelItem]
    remark: str
    weight_g: int  # 0 until inbound
    length_cm: int
    width_cm: int
    height_cm: int
    photos: list[str]
    condition: str
    inbound_time: int | None  # epoch ms
    storage_days: int
    shipment_id: int | None
    allowed_actions: list[str]
    create_time: int
    update_time: int


class ParcelPageResult(WireModel):
    model_config = _Out

    total: int
    page_no: int
    page_size: int
    list: list[ParcelInfo]


class FeeLine(WireModel):
    model_config = _Out

    type: str  # freight | handling | storage
    amount_fen: int
    description: str


class ChannelInfo(WireModel):
    model_config = _Out

    channel_code: str
    name: str
    countries: list[str]
    currency: str
    first_weight_g: int
    first_weight_fen: int
    step_g: int
    step_fen: int
    volumetric_divisor: int
    max_weight_g: int
    max_length_cm: int
    max_girth_cm: int
    prohibited_categories: list[str]
    handling_fen_per_parcel: int
    transit_days: int


class FreightQuote(WireModel):
    model_config = _Out

    channel_code: str
    channel_name: str
    actual_weight_g: int
    volumetric_weight_g: int
    chargeable_weight_g: int
    fees: list[FeeLine]
    total_fen: int
    currency: str
    transit_days: int


class ShipmentPreviewResult(FreightQuote):
    parcel_ids: list[int]
    country_code: str


class TraceNode(WireModel):
    model_config = _Out

    time: int  # epoch ms
    status: str  # WAREHOUSE_PACKED, ACCEPT, TRANSPORT, SIGN, FAILED, CANCELLED
    desc: str


class ShipmentInfo(WireModel):
    model_config = _Out

    shipment_id: int
    status: str
    channel_code: str
    intl_tracking_no: str
    parcel_ids: list[int]
    receiver: Receiver
    actual_weight_g: int
    volumetric_weight_g: int
    chargeable_weight_g: int
    fees: list[FeeLine]
    total_fen: int
    currency: str
    remark: str
    pay_time: int
    delivered_time: int | None
    trace: list[TraceNode]
    allowed_actions: list[str]
    create_time: int
    update_time: int


class ShipmentPageResult(WireModel):
    model_config = _Out

    total: int
    page_no: int
    page_size: int
    list: list[ShipmentInfo]
