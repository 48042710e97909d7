"""The two warehouse lifecycles, as tables: a domestic parcel and an international shipment.

Each table maps ``(state, action)`` to the next state. A pair missing from the table raises
:class:`~kuajing.domain.errors.IllegalTransitionError` (``STATE_CONFLICT``); :func:`allowed_actions` feeds the API's
``allowedActions`` and the CLI. Only the aggregates' own methods (model.py) call :func:`next_state` and assign
``.state``. The module checks its tables when imported: every state reachable, terminal states without exits.

Parcel::

    forecast ──receive──► received ──allocate──► allocated ──ship_out──► shipped_out
       │  └─update (stays)        ▲                  │
       └─cancel──► cancelled      └─────release──────┘   (the shipment was cancelled before packing)

Shipment::

    paid ──pack──► packed ──hand_over──► shipped ──depart──► in_transit ──deliver──► delivered
     └─cancel──► cancelled            └──────────── fail ──────────────┴──► exception
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from kuajing.domain.errors import IllegalTransitionError

S = TypeVar("S", bound=StrEnum)
A = TypeVar("A", bound=StrEnum)


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


@dataclass(frozen=True)
class Lifecycle(Generic[S, A]):
    name: str
    initial: S
    table: dict[tuple[S, A], S]

    def next_state(self, state: S, action: A) -> S:
        try:
            return self.table[(state, action)]
        except KeyError:
            raise IllegalTransitionError(state.value, action.value) from None

    def allowed_actions(self, state: S) -> list[A]:
        return [a for (s, a) in self.table if s == state]

    def terminal(self, states: Iterable[S]) -> frozenset[S]:
        return frozenset(s for s in states if not self.allowed_actions(s))

    def check(self, states: Iterable[S]) -> None:
        """Every state is reachable from the initial one (import-time sanity check)."""
        seen, todo = {self.initial}, [self.initial]
        while todo:
            current = todo.pop()
            for (s, _), target in self.table.items():
                if s == current and target not in seen:
                    seen.add(target)
                    todo.append(target)
        missing = set(states) - seen
        if missing:
            raise RuntimeError(f"{self.name}: unreachable states {sorted(missing)}")


P, PA = ParcelState, ParcelAction
PARCEL = Lifecycle[ParcelState, ParcelAction](
    "parcel",
    P.FORECAST,
    {
        (P.FORECAST, PA.UPDATE): P.FORECAST,
        (P.FORECAST, PA.CANCEL): P.CANCELLED,
        (P.FORECAST, PA.RECEIVE): P.RECEIVED,
        (P.RECEIVED, PA.ALLOCATE): P.ALLOCATED,
        (P.ALLOCATED, PA.RELEASE): P.RECEIVED,
        (P.ALLOCATED, PA.SHIP_OUT): P.SHIPPED_OUT,
    },
)

H, HA = ShipmentState, ShipmentAction
SHIPMENT = Lifecycle[ShipmentState, ShipmentAction](
    "shipment",
    H.PAID,
    {
        (H.PAID, HA.PACK): H.PACKED,
        (H.PAID, HA.CANCEL): H.CANCELLED,
        (H.PACKED, HA.HAND_OVER): H.SHIPPED,
        (H.SHIPPED, HA.DEPART): H.IN_TRANSIT,
        (H.SHIPPED, HA.FAIL): H.EXCEPTION,
        (H.IN_TRANSIT, HA.DELIVER): H.DELIVERED,
        (H.IN_TRANSIT, HA.FAIL): H.EXCEPTION,
    },
)

PARCEL.check(ParcelState)
SHIPMENT.check(ShipmentState)
PARCEL_TERMINAL = PARCEL.terminal(ParcelState)
SHIPMENT_TERMINAL = SHIPMENT.terminal(ShipmentState)
