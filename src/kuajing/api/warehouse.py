"""Warehouse logistics (仓库物流) and WMS endpoints. Every path is provisional: the spec names the section and the
sister platform's endpoint titles only (§2.K). v1 lives under ``/open/warehouse/…``, v2 under
``/v2/basis/warehouse/…`` (the Basis section's v2 prefix). docs/warehouse.md has the flow and examples."""

from __future__ import annotations

from typing import Any

from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.domain.warehouse import channels, service
from kuajing.domain.warehouse import model as m
from kuajing.domain.warehouse.states import ParcelState
from kuajing.protocol.wire import warehouse as w

TAG = "Warehouse logistics"
SPEC = "§2.K Warehouse logistics"


def _paths(tail: str) -> tuple[str, str]:
    return (f"/open/warehouse/{tail}", f"/v2/basis/warehouse/{tail}")


# -- renderers --------------------------------------------------------------------------------------------------
def render_parcel(p: m.Parcel, now_ms: int) -> w.ParcelInfo:
    return w.ParcelInfo(
        parcelId=p.id, status=p.state.value, carrierCode=p.carrier_code, carrierName=p.carrier_name,
        trackingNo=p.tracking_no, sourcePlatform=p.source_platform, sourceOrderId=p.source_order_id, origin=p.origin,
        items=[w.ParcelItem(name=i.name, quantity=i.quantity, category=i.category, skuId=i.sku_id) for i in p.items],
        remark=p.remark, weightG=p.weight_g, lengthCm=p.length_cm, widthCm=p.width_cm, heightCm=p.height_cm,
        photos=p.photos, condition=p.condition, inboundTime=p.received_at_ms, storageDays=p.storage_days(now_ms),
        shipmentId=p.shipment_id, allowedActions=[a.value for a in p.allowed_actions()], createTime=p.created_at_ms,
        updateTime=p.updated_at_ms,
    )  # fmt: skip


def render_fees(fees: list[m.FeeLine]) -> list[w.FeeLine]:
    return [w.FeeLine(type=f.type.value, amountFen=f.amount_fen, description=f.description) for f in fees]


def render_quote(q: m.Quote) -> w.FreightQuote:
    return w.FreightQuote(
        channelCode=q.channel.code, channelName=q.channel.name, actualWeightG=q.actual_weight_g,
        volumetricWeightG=q.volumetric_weight_g, chargeableWeightG=q.chargeable_weight_g, fees=render_fees(q.fees),
        totalFen=q.total_fen, currency=q.channel.currency, transitDays=q.channel.transit_days,
    )  # fmt: skip


def render_channel(c: m.Channel) -> w.ChannelInfo:
    return w.ChannelInfo(
        channelCode=c.code, name=c.name, countries=c.countries, currency=c.currency, firstWeightG=c.first_weight_g,
        firstWeightFen=c.first_weight_fen, stepG=c.step_g, stepFen=c.step_fen, volumetricDivisor=c.volumetric_divisor,
        maxWeightG=c.max_weight_g, maxLengthCm=c.max_length_cm, maxGirthCm=c.max_girth_cm,
        prohibitedCategories=c.prohibited, handlingFenPerParcel=c.handling_fen_per_parcel, transitDays=c.transit_days,
    )  # fmt: skip


def render_shipment(s: m.Shipment) -> w.ShipmentInfo:
    r = s.receiver
    return w.ShipmentInfo(
        shipmentId=s.id, status=s.state.value, channelCode=s.channel_code, intlTrackingNo=s.intl_tracking_no,
        parcelIds=s.parcel_ids,
        receiver=w.Receiver(fullName=r.full_name, mobile=r.mobile, countryCode=r.country, address=r.address,
                            provinceText=r.province_text, cityText=r.city_text, postCode=r.post_code),
        actualWeightG=s.actual_weight_g, volumetricWeightG=s.volumetric_weight_g,
        chargeableWeightG=s.chargeable_weight_g, fees=render_fees(s.fees), totalFen=s.total_fen, currency=s.currency,
        remark=s.remark, payTime=s.paid_at_ms, deliveredTime=s.delivered_at_ms,
        trace=[w.TraceNode(time=t.at_ms, status=t.status, desc=t.description) for t in s.trace],
        allowedActions=[a.value for a in s.allowed_actions()], createTime=s.created_at_ms, updateTime=s.updated_at_ms,
    )  # fmt: skip


def _items(items: list[w.ParcelItem]) -> list[m.ParcelItem]:
    return [m.ParcelItem(i.name, i.quantity, i.category, i.skuId) for i in items]


# -- parcels ----------------------------------------------------------------------------------------------------
async def forecast_parcel(call: Call[w.ParcelForecast]) -> w.ParcelInfo:
    p, now = call.params, call.clock.now_ms()
    parcel = await call.run(
        service.forecast_parcel, develop_id=call.develop_id, carrier_code=p.carrierCode, carrier_name=p.carrierName,
        tracking_no=p.trackingNo, items=_items(p.items), source_platform=p.sourcePlatform,
        source_order_id=p.sourceOrderId or "", remark=p.remark, now_ms=now,
    )  # fmt: skip
    return render_parcel(parcel, now)


async def update_parcel(call: Call[w.ParcelUpdate]) -> w.ParcelInfo:
    p, now = call.params, call.clock.now_ms()
    parcel = await call.run(
        service.update_parcel, develop_id=call.develop_id, parcel_id=p.parcelId, carrier_code=p.carrierCode,
        carrier_name=p.carrierName, tracking_no=p.trackingNo, items=_items(p.items) if p.items is not None else None,
        remark=p.remark, now_ms=now,
    )  # fmt: skip
    return render_parcel(parcel, now)


async def cancel_parcel(call: Call[w.ParcelRef]) -> w.ParcelInfo:
    now = call.clock.now_ms()
    parcel = await call.run(
        service.cancel_parcel, develop_id=call.develop_id, parcel_id=call.params.parcelId, now_ms=now
    )
    return render_parcel(parcel, now)


async def parcel_detail(call: Call[w.ParcelRef]) -> w.ParcelInfo:
    parcel = await call.read(service.get_parcel, develop_id=call.develop_id, parcel_id=call.params.parcelId)
    return render_parcel(parcel, call.clock.now_ms())


async def parcel_page(call: Call[w.ParcelPage]) -> w.ParcelPageResult:
    p, now = call.params, call.clock.now_ms()
    states = [ParcelState(p.status)] if p.status else []
    found, total = await call.read(
        service.list_parcels, develop_id=call.develop_id, states=states, page_no=p.pageNo, page_size=p.pageSize
    )
    return w.ParcelPageResult(
        total=total, pageNo=p.pageNo, pageSize=p.pageSize, list=[render_parcel(x, now) for x in found]
    )


async def update_domestic_logistics(call: Call[w.DomesticLogisticsUpdate]) -> w.ParcelInfo:
    p, now = call.params, call.clock.now_ms()
    parcel = await call.run(
        service.update_domestic_logistics, develop_id=call.develop_id, source_platform=p.sourcePlatform,
        source_order_id=p.sourceOrderId, carrier_code=p.carrierCode, carrier_name=p.carrierName,
        tracking_no=p.trackingNo, now_ms=now,
    )  # fmt: skip
    return render_parcel(parcel, now)


# -- channels and freight ---------------------------------------------------------------------------------------
def _channels(uow: Any) -> list[m.Channel]:
    # ensure_channels may seed the defaults on a fresh database, so this runs in a writing unit of work.
    return channels.list_channels(uow)


async def channel_list(call: Call[Any]) -> list[w.ChannelInfo]:
    return [render_channel(c) for c in await call.read(_channels)]


async def estimate_freight(call: Call[w.FreightEstimate]) -> list[w.FreightQuote]:
    p = call.params
    quotes = await call.read(
        service.estimate_freight, country=p.countryCode, channel_code=p.channelCode, weight_g=p.weightG,
        length_cm=p.lengthCm, width_cm=p.widthCm, height_cm=p.heightCm, categories=p.categories,
    )  # fmt: skip
    return [render_quote(q) for q in quotes]


# -- international shipments ------------------------------------------------------------------------------------
async def preview_shipment(call: Call[w.ShipmentPreview]) -> w.ShipmentPreviewResult:
    p = call.params
    q = await call.read(
        service.preview_shipment, develop_id=call.develop_id, parcel_ids=p.parcelIds, channel_code=p.channelCode,
        country=p.countryCode, now_ms=call.clock.now_ms(),
    )  # fmt: skip
    return w.ShipmentPreviewResult(
        **render_quote(q).model_dump(), parcelIds=p.parcelIds, countryCode=p.countryCode.upper()
    )


async def create_shipment(call: Call[w.ShipmentCreate]) -> w.ShipmentInfo:
    p, r = call.params, call.params.receiver
    receiver = m.Receiver(
        full_name=r.fullName, mobile=r.mobile, country=r.countryCode.upper(), address=r.address,
        province_text=r.provinceText, city_text=r.cityText, post_code=r.postCode,
    )  # fmt: skip
    shipment = await call.run(
        service.create_shipment, develop_id=call.develop_id, parcel_ids=p.parcelIds, channel_code=p.channelCode,
        receiver=receiver, expected_total_fen=p.expectedTotalFen, remark=p.remark, now_ms=call.clock.now_ms(),
    )  # fmt: skip
    return render_shipment(shipment)


async def cancel_shipment(call: Call[w.ShipmentRef]) -> w.ShipmentInfo:
    shipment = await call.run(
        service.cancel_shipment, develop_id=call.develop_id, shipment_id=call.params.shipmentId,
        now_ms=call.clock.now_ms(),
    )  # fmt: skip
    return render_shipment(shipment)


async def shipment_detail(call: Call[w.ShipmentRef]) -> w.ShipmentInfo:
    shipment = await call.read(service.get_shipment, develop_id=call.develop_id, shipment_id=call.params.shipmentId)
    return render_shipment(shipment)


async def shipment_page(call: Call[w.ShipmentPage]) -> w.ShipmentPageResult:
    p = call.params
    found, total = await call.read(
        service.list_shipments, develop_id=call.develop_id, page_no=p.pageNo, page_size=p.pageSize
    )
    return w.ShipmentPageResult(
        total=total, pageNo=p.pageNo, pageSize=p.pageSize, list=[render_shipment(s) for s in found]
    )


def _ep(method: str, tail: str, handler: Any, summary: str, *, params: Any = None, response: Any = None,
        query: bool = False, spec: str = SPEC, idempotent: bool = False) -> Endpoint:  # fmt: skip
    paths = _paths(tail)
    kwargs: dict[str, Any] = {"params": params} if params is not None else {}
    return Endpoint(
        method, paths, handler, summary=summary, tag=TAG, response=response, provisional=paths, spec_ref=spec,
        params_in="query" if query else "body", idempotent=idempotent, **kwargs,
    )  # fmt: skip


WMS = "§2.K WMS (sister KA docs)"
ENDPOINTS = [
    _ep("POST", "package/forecast", forecast_parcel, "Package forecast (预报): announce a domestic parcel",
        params=w.ParcelForecast, response=w.ParcelInfo, spec=WMS, idempotent=True),
    _ep("POST", "package/update", update_parcel, "Package update: carrier, tracking number, items (before inbound)",
        params=w.ParcelUpdate, response=w.ParcelInfo, spec=WMS),
    _ep("POST", "package/cancel", cancel_parcel, "Cancel a forecast parcel that has not arrived",
        params=w.ParcelRef, response=w.ParcelInfo, spec=WMS),
    _ep("GET", "package/detail", parcel_detail, "One parcel with its measurements and storage days",
        params=w.ParcelRef, response=w.ParcelInfo, query=True, spec=WMS),
    _ep("POST", "package/page", parcel_page, "Warehouse inventory: parcels by status, newest first",
        params=w.ParcelPage, response=w.ParcelPageResult, spec=WMS),
    _ep("POST", "domestic/logistics/update", update_domestic_logistics,
        "Update domestic logistics information of a purchase order bound for the warehouse",
        params=w.DomesticLogisticsUpdate, response=w.ParcelInfo, idempotent=True),
    _ep("GET", "channel/list", channel_list, "International channels with their rules and prices",
        response=list[w.ChannelInfo]),
    _ep("POST", "freight/estimate", estimate_freight, "Estimated overseas freight (reference), cheapest first",
        params=w.FreightEstimate, response=list[w.FreightQuote]),
    _ep("POST", "logistics/order/preview", preview_shipment,
        "International logistics order preview: consolidate received parcels, exact price with fee lines",
        params=w.ShipmentPreview, response=w.ShipmentPreviewResult),
    _ep("POST", "logistics/order/create", create_shipment,
        "Create an international logistics order, paid from the wallet", params=w.ShipmentCreate,
        response=w.ShipmentInfo, idempotent=True),
    _ep("POST", "logistics/order/cancel", cancel_shipment,
        "Cancel an international logistics order before packing (fee refunded)", params=w.ShipmentRef,
        response=w.ShipmentInfo),
    _ep("GET", "logistics/order/detail", shipment_detail, "International logistics order with its tracking",
        params=w.ShipmentRef, response=w.ShipmentInfo, query=True),
    _ep("POST", "logistics/order/page", shipment_page, "International logistics orders, newest first",
        params=w.ShipmentPage, response=w.ShipmentPageResult),
]  # fmt: skip
