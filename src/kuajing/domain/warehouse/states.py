"""The two warehouse lifecycles, as tables on :mod:`kuajing.domain.lifecycle`: a domestic parcel (:data:`PARCEL`) and
an international shipment (:data:`SHIPMENT`).

A pair missing from a table raises :class:`~kuajing.domain.errors.IllegalTransitionError` (``STATE_CONFLICT``);
``allowed_actions`` feeds the API's ``allowedActions`` and the CLI. Only the aggregates' own methods (model.py) call
``next_state`` and assign ``.state``.

Parcel::

    forecast ──receive──► received ──allocate──► allocated ──ship_out──► shipped_out
       │  └─update (stays)        ▲                  │
       └─cancel──► cancelled      └─────release──────┘   (the shipment was cancelled before packing)

Shipment::

    paid ──pack──► packed ──hand_over──► shipped ──depart──► in_transit ──deliver──► delivered
     └─cancel──► cancelled            └──────────── fail ──────────────┴──► exception
"""

from __future__ import annotations

from enum import StrEnum

from kuajing.domain.lifecycle import Edge, Lifecycle


class ParcelState(StrEnum):
    FORECAST = "forecast"  # announced (by the distributor or a seller's shipment), on its way to the warehouse
    RECEIVED = "received"  # weighed, measured and photographed; in the distributor's warehouse inventory
    ALLOCATED = "allocated"  # reserved by a paid international shipment, waiting to be packed
    SHIPPED_OUT = "shipped_out"  # left the warehouse inside an international shipment (terminal)
    CANCELLED = "cancelled"  # the forecast was withdrawn before the parcel arrived (terminal)


class ParcelAction(StrEnum):
    UPDATE = "update"  # change carrier, tracking number, items or remark
    CANCEL = "cancel"
    RECEIVE = "receive"
    ALLOCATE = "allocate"
    RELEASE = "release"
    SHIP_OUT = "ship_out"


class ShipmentState(StrEnum):
    PAID = "paid"  # created and paid from the wallet in one transaction; waiting to be packed
    PACKED = "packed"  # consolidated and labelled in the warehouse
    SHIPPED = "shipped"  # handed over to the international carrier; the parcels have left the warehouse
    IN_TRANSIT = "in_transit"  # departed China, travelling to the destination
    DELIVERED = "delivered"  # signed for at the destination (terminal)
    CANCELLED = "cancelled"  # cancelled before packing; the fee went back to the wallet (terminal)
    EXCEPTION = "exception"  # lost, seized or returned; an operator resolves it outside the API (terminal)


class ShipmentAction(StrEnum):
    PACK = "pack"
    HAND_OVER = "hand_over"
    DEPART = "depart"
    DELIVER = "deliver"
    CANCEL = "cancel"
    FAIL = "fail"


P, PA = ParcelState, ParcelAction
PARCEL = Lifecycle[ParcelState, ParcelAction, None](
    "parcel",
    states=ParcelState,
    actions=ParcelAction,
    initial={P.FORECAST},
    terminal={P.SHIPPED_OUT, P.CANCELLED},
    edges=(
        Edge(P.FORECAST, PA.UPDATE, P.FORECAST),
        Edge(P.FORECAST, PA.CANCEL, P.CANCELLED),
        Edge(P.FORECAST, PA.RECEIVE, P.RECEIVED),
        Edge(P.RECEIVED, PA.ALLOCATE, P.ALLOCATED),
        Edge(P.ALLOCATED, PA.RELEASE, P.RECEIVED),
        Edge(P.ALLOCATED, PA.SHIP_OUT, P.SHIPPED_OUT),
    ),
)

H, HA = ShipmentState, ShipmentAction
SHIPMENT = Lifecycle[ShipmentState, ShipmentAction, None](
    "shipment",
    states=ShipmentState,
    actions=ShipmentAction,
    initial={H.PAID},
    terminal={H.DELIVERED, H.CANCELLED, H.EXCEPTION},
    edges=(
        Edge(H.PAID, HA.PACK, H.PACKED),
        Edge(H.PAID, HA.CANCEL, H.CANCELLED),
        Edge(H.PACKED, HA.HAND_OVER, H.SHIPPED),
        Edge(H.SHIPPED, HA.DEPART, H.IN_TRANSIT),
        Edge(H.SHIPPED, HA.FAIL, H.EXCEPTION),
        Edge(H.IN_TRANSIT, HA.DELIVER, H.DELIVERED),
        Edge(H.IN_TRANSIT, HA.FAIL, H.EXCEPTION),
    ),
)
