"""Warehouse logistics (仓库物流) and WMS endpoints. Every path is provisional: the spec names the section and the
sister platform's endpoint titles only (§2.K). v1 lives under ``/open/warehouse/…``, v2 under
``/v2/basis/warehouse/…`` (the Basis section's v2 prefix). docs/warehouse.md has the flow and examples."""

from __future__ import annotations

from typing import Any

from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.api.warehouse_receivers import parse_receiver, render_receiver
from kuajing.domain.warehouse import channels, parcels, shipments
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
        parcel_id=p.id, status=p.state.value, carrier_code=p.carrier_code, carrier_name=p.carrier_name,
        tracking_no=p.tracking_no, source_platform=p.source_platform, source_order_id=p.source_order_id, origin=p.origin,
        items=[w.ParcelItem(name=i.name, quantity=i.quantity, category=i.category, sku_id=i.sku_id) for i in p.items],
        remark=p.remark, weight_g=p.weight_g, length_cm=p.length_cm, width_cm=p.width_cm, height_cm=p.height_cm,
        photos=p.photos, condition=p.condition, inbound_time=p.received_at_ms, storage_days=p.storage_days(now_ms),
        shipment_id=p.shipment_id, allowed_actions=[a.value for a in p.allowed_actions()], create_time=p.created_at_ms,
        update_time=p.updated_at_ms,
    )  # fmt: skip


def render_fees(fees: list[m.FeeLine]) -> list[w.FeeLine]:
    return [w.FeeLine(type=f.type.value, amount_fen=f.amount_fen, description=f.description) for f in fees]


def render_quote(q: m.Quote) -> w.FreightQuote:
    return w.FreightQuote(
        channel_code=q.channel.code, channel_name=q.channel.name, actual_weight_g=q.actual_weight_g,
        volumetric_weight_g=q.volumetric_weight_g, chargeable_weight_g=q.chargeable_weight_g, fees=render_fees(q.fees),
        total_fen=q.total_fen, currency=q.channel.currency, transit_days=q.channel.transit_days,
    )  # fmt: skip


def render_channel(c: m.Channel) -> w.ChannelInfo:
    return w.ChannelInfo(
        channel_code=c.code, name=c.name, countries=c.countries, currency=c.currency, first_weight_g=c.first_weight_g,
        first_weight_fen=c.first_weight_fen, step_g=c.step_g, step_fen=c.step_fen, volumetric_divisor=c.volumetric_divisor,
        max_weight_g=c.max_weight_g, max_length_cm=c.max_length_cm, max_girth_cm=c.max_girth_cm,
        prohibited_categories=c.prohibited, handling_fen_per_parcel=c.handling_fen_per_parcel, transit_days=c.transit_days,
    )  # fmt: skip


def render_shipment(s: m.Shipment) -> w.ShipmentInfo:
    return w.ShipmentInfo(
        shipment_id=s.id, status=s.state.value, channel_code=s.channel_code, intl_tracking_no=s.intl_tracking_no,
        parcel_ids=s.parcel_ids,
        receiver=render_receiver(s.receiver),
        actual_weight_g=s.actual_weight_g, volumetric_weight_g=s.volumetric_weight_g,
        chargeable_weight_g=s.chargeable_weight_g, fees=render_fees(s.fees), total_fen=s.total_fen, currency=s.currency,
        remark=s.remark, pay_time=s.paid_at_ms, delivered_time=s.delivered_at_ms,
        trace=[w.TraceNode(time=t.at_ms, status=t.status, desc=t.description) for t in s.trace],
        allowed_actions=[a.value for a in s.allowed_actions()], create_time=s.created_at_ms, update_time=s.updated_at_ms,
    )  # fmt: skip


def _items(items: list[w.ParcelItem]) -> list[m.ParcelItem]:
    return [m.ParcelItem(i.name, i.quantity, i.category, i.sku_id) for i in items]


# -- parcels ----------------------------------------------------------------------------------------------------
async def forecast_parcel(call: Call[w.ParcelForecast]) -> w.ParcelInfo:
    p, now = call.params, call.clock.now_ms()
    parcel = await call.run(
        parcels.forecast_parcel, develop_id=call.develop_id, carrier_code=p.carrier_code, carrier_name=p.carrier_name,
        tracking_no=p.tracking_no, items=_items(p.items), source_platform=p.source_platform,
        source_order_id=p.source_order_id or "", remark=p.remark, now_ms=now,
    )  # fmt: skip
    return render_parcel(parcel, now)


async def update_parcel(call: Call[w.ParcelUpdate]) -> w.ParcelInfo:
    p, now = call.params, call.clock.now_ms()
    parcel = await call.run(
        parcels.update_parcel, develop_id=call.develop_id, parcel_id=p.parcel_id, carrier_code=p.carrier_code,
        carrier_name=p.carrier_name, tracking_no=p.tracking_no, items=_items(p.items) if p.items is not None else None,
        remark=p.remark, now_ms=now,
    )  # fmt: skip
    return render_parcel(parcel, now)


async def cancel_parcel(call: Call[w.ParcelRef]) -> w.ParcelInfo:
    now = call.clock.now_ms()
    parcel = await call.run(
        parcels.cancel_parcel, develop_id=call.develop_id, parcel_id=call.params.parcel_id, now_ms=now
    )
    return render_parcel(parcel, now)


async def parcel_detail(call: Call[w.ParcelRef]) -> w.ParcelInfo:
    parcel = await call.read(parcels.get_parcel, develop_id=call.develop_id, parcel_id=call.params.parcel_id)
    return render_parcel(parcel, call.clock.now_ms())


async def parcel_page(call: Call[w.ParcelPage]) -> w.ParcelPageResult:
    p, now = call.params, call.clock.now_ms()
    states = [ParcelState(p.status)] if p.status else []
    found, total = await call.read(
        parcels.list_parcels, develop_id=call.develop_id, states=states, page_no=p.page_no, page_size=p.page_size
    )
    return w.ParcelPageResult(
        total=total, page_no=p.page_no, page_size=p.page_size, list=[render_parcel(x, now) for x in found]
    )


async def update_domestic_logistics(call: Call[w.DomesticLogisticsUpdate]) -> w.ParcelInfo:
    p, now = call.params, call.clock.now_ms()
    parcel = await call.run(
        parcels.update_domestic_logistics, develop_id=call.develop_id, source_platform=p.source_platform,
        source_order_id=p.source_order_id, carrier_code=p.carrier_code, carrier_name=p.carrier_name,
        tracking_no=p.tracking_no, now_ms=now,
    )  # fmt: skip
    return render_parcel(parcel, now)


# -- channels and freight ---------------------------------------------------------------------------------------
def _channels(uow: Any) -> list[m.Channel]:
    # ensure_channels may seed the defaults on a fresh database, so this runs in a writing unit of work.
    return channels.list_channels(uow)


async def channel_list(call: Call[Any]) -> list[w.ChannelInfo]:
    # a write: the default channels are seeded on first use (domain/warehouse/channels.py ensure_channels)
    return [render_channel(c) for c in await call.run(_channels)]


async def estimate_freight(call: Call[w.FreightEstimate]) -> list[w.FreightQuote]:
    p = call.params
    quotes = await call.run(  # a write: channels are seeded on first use
        shipments.estimate_freight, country=p.country_code, channel_code=p.channel_code, weight_g=p.weight_g,
        length_cm=p.length_cm, width_cm=p.width_cm, height_cm=p.height_cm, categories=p.categories,
    )  # fmt: skip
    return [render_quote(q) for q in quotes]


# -- international shipments ------------------------------------------------------------------------------------
async def preview_shipment(call: Call[w.ShipmentPreview]) -> w.ShipmentPreviewResult:
    p = call.params
    q = await call.run(  # a write: channels are seeded on first use
        shipments.preview_shipment, develop_id=call.develop_id, parcel_ids=p.parcel_ids, channel_code=p.channel_code,
        country=p.country_code, now_ms=call.clock.now_ms(),
    )  # fmt: skip
    return w.ShipmentPreviewResult(
        **render_quote(q).model_dump(), parcel_ids=p.parcel_ids, country_code=p.country_code.upper()
    )


async def create_shipment(call: Call[w.ShipmentCreate]) -> w.ShipmentInfo:
    p = call.params
    shipment = await call.run(
        shipments.create_shipment, develop_id=call.develop_id, parcel_ids=p.parcel_ids, channel_code=p.channel_code,
        receiver=parse_receiver(p.receiver), expected_total_fen=p.expected_total_fen, remark=p.remark,
        now_ms=call.clock.now_ms(),
    )  # fmt: skip
    return render_shipment(shipment)


async def cancel_shipment(call: Call[w.ShipmentRef]) -> w.ShipmentInfo:
    shipment = await call.run(
        shipments.cancel_shipment, develop_id=call.develop_id, shipment_id=call.params.shipment_id,
        now_ms=call.clock.now_ms(),
    )  # fmt: skip
    return render_shipment(shipment)


async def shipment_detail(call: Call[w.ShipmentRef]) -> w.ShipmentInfo:
    shipment = await call.read(shipments.get_shipment, develop_id=call.develop_id, shipment_id=call.params.shipment_id)
    return render_shipment(shipment)


async def shipment_page(call: Call[w.ShipmentPage]) -> w.ShipmentPageResult:
    p = call.params
    found, total = await call.read(
        shipments.list_shipments, develop_id=call.develop_id, page_no=p.page_no, page_size=p.page_size
    )
    return w.ShipmentPageResult(
        total=total, page_no=p.page_no, page_size=p.page_size, list=[render_shipment(s) for s in found]
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
