"""Sandbox levers for the warehouse (sandbox mode only): play the warehouse operator on the developer's own parcels.

In production the operator uses the CLI (``kuajing warehouse receive``); here a developer can receive its parcels
and make a shipment fail, to test its integration end to end. Tracking itself advances with ``/sandbox/clock/advance``.
"""

from __future__ import annotations

from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.api.warehouse import render_parcel, render_shipment
from kuajing.domain.warehouse import parcels, shipments
from kuajing.domain.warehouse.states import ShipmentAction
from kuajing.protocol.wire import warehouse as w


async def receive_parcel(call: Call[w.ParcelInbound]) -> w.ParcelInfo:
    p, now = call.params, call.clock.now_ms()
    parcel = await call.run(
        parcels.receive_parcel, develop_id=call.develop_id, parcel_id=p.parcel_id, weight_g=p.weight_g,
        length_cm=p.length_cm, width_cm=p.width_cm, height_cm=p.height_cm, photos=p.photos, condition=p.condition,
        now_ms=now,
    )  # fmt: skip
    return render_parcel(parcel, now)


async def fail_shipment(call: Call[w.ShipmentRef]) -> w.ShipmentInfo:
    shipment = await call.run(
        shipments.step_shipment, develop_id=call.develop_id, shipment_id=call.params.shipment_id,
        action=ShipmentAction.FAIL, status="FAILED", description="包裹异常 / lost or returned (sandbox)",
        now_ms=call.clock.now_ms(),
    )  # fmt: skip
    return render_shipment(shipment)


ENDPOINTS = [
    Endpoint(
        "POST", ("/sandbox/warehouse/package/inbound",), receive_parcel, params=w.ParcelInbound,
        summary="Package inbound: the warehouse receives, weighs, measures and photographs a forecast parcel",
        tag="Sandbox", response=w.ParcelInfo, sandbox_only=True, spec_ref="§2.K WMS (sister KA docs)",
    ),
    Endpoint(
        "POST", ("/sandbox/warehouse/shipment/fail",), fail_shipment, params=w.ShipmentRef,
        summary="Make a shipped or in-transit international shipment fail (lost/returned)", tag="Sandbox",
        response=w.ShipmentInfo, sandbox_only=True,
    ),
]  # fmt: skip
