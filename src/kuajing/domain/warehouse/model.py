"""Warehouse aggregates: a domestic :class:`Parcel`, an international :class:`Shipment`, and the :class:`Channel`
rules an operator keeps as data.

Weights are integer grams, sizes integer centimetres, money integer fen. State changes go through the aggregate's
own methods, which consult the lifecycle tables (states.py) and record a :class:`StateChange` that the repository
writes as a history row in the same transaction as the new state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kuajing.domain.warehouse.states import (
    PARCEL,
    SHIPMENT,
    ParcelAction,
    ParcelState,
    ShipmentAction,
    ShipmentState,
)

MS_PER_DAY = 86_400_000


class Condition(StrEnum):
    GOOD = "good"  # intact
    DAMAGED = "damaged"  # outer packing damaged; photos show it
    WET = "wet"  # wet or stained


class FeeType(StrEnum):
    FREIGHT = "freight"  # the channel's first + additional weight price
    HANDLING = "handling"  # consolidation and packing, per parcel
    STORAGE = "storage"  # storage days beyond the free period, per parcel


@dataclass(frozen=True, slots=True)
class StateChange:
    from_state: str
    to_state: str
    action: str
    at_ms: int


@dataclass(frozen=True, slots=True)
class ParcelItem:
    name: str
    quantity: int = 1
    category: str = ""  # e.g. "battery", "liquid": checked against each channel's prohibited categories
    sku_id: str = ""


@dataclass(slots=True)
class Channel:
    """An international shipping channel. Operators change these rows (``kuajing warehouse channels``)."""

    code: str
    name: str
    countries: list[str]  # ISO 3166-1 alpha-2 codes it delivers to
    first_weight_g: int
    first_weight_fen: int
    step_g: int  # additional weight is charged per started step; chargeable weight rounds up to it
    step_fen: int
    volumetric_divisor: int  # cm³ per kg (6000 for most air channels): volumetric g = ⌈L·W·H·1000 / divisor⌉
    max_weight_g: int  # per shipment (chargeable weight)
    max_length_cm: int  # longest side of any parcel
    max_girth_cm: int  # length + 2·(width + height) of any parcel
    prohibited: list[str] = field(default_factory=list)  # item categories this channel refuses
    handling_fen_per_parcel: int = 0
    transit_days: int = 7
    currency: str = "CNY"
    active: bool = True
    updated_at_ms: int = 0

    def serves(self, country: str) -> bool:
        return self.active and country.upper() in self.countries


@dataclass(slots=True)
class Parcel:
    develop_id: str
    carrier_code: str
    carrier_name: str
    tracking_no: str
    items: list[ParcelItem]
    source_platform: str = ""  # "taobao", "1688" or "" for a parcel the distributor forecast itself
    source_order_id: str = ""
    # "forecast" (distributor) or "order" (registered when a seller shipped, with the number the seller issued)
    origin: str = "forecast"
    remark: str = ""
    state: ParcelState = ParcelState.FORECAST
    weight_g: int = 0
    length_cm: int = 0
    width_cm: int = 0
    height_cm: int = 0
    photos: list[str] = field(default_factory=list)
    condition: str = ""
    received_at_ms: int | None = None
    shipped_out_at_ms: int | None = None
    shipment_id: int | None = None
    id: int = 0
    version: int = 0
    created_at_ms: int = 0
    updated_at_ms: int = 0
    changes: list[StateChange] = field(default_factory=list)

    @property
    def categories(self) -> set[str]:
        return {i.category for i in self.items if i.category}

    def storage_days(self, now_ms: int) -> int:
        """Whole days in the warehouse (0 before it arrived; frozen when it left)."""
        if self.received_at_ms is None:
            return 0
        end = self.shipped_out_at_ms if self.shipped_out_at_ms is not None else now_ms
        return max(0, end - self.received_at_ms) // MS_PER_DAY

    def allowed_actions(self) -> list[ParcelAction]:
        return PARCEL.allowed_actions(self.state)

    def _apply(self, action: ParcelAction, now_ms: int) -> None:
        new = PARCEL.next_state(self.state, action)
        self.changes.append(StateChange(self.state.value, new.value, action.value, now_ms))
        self.state = new
        self.updated_at_ms = now_ms

    def update(
        self,
        *,
        carrier_code: str,
        carrier_name: str,
        tracking_no: str,
        items: list[ParcelItem],
        remark: str,
        now_ms: int,
    ) -> None:
        self._apply(ParcelAction.UPDATE, now_ms)
        if (carrier_code, tracking_no) != (self.carrier_code, self.tracking_no):
            # the waybill is the distributor's word now, not the one the seller issued: at inbound it counts as a
            # forecast (domain/warehouse/parcels.py, scanned_parcel)
            self.origin = "forecast"
        self.carrier_code, self.carrier_name, self.tracking_no = carrier_code, carrier_name, tracking_no
        self.items, self.remark = items, remark

    def cancel(self, now_ms: int) -> None:
        self._apply(ParcelAction.CANCEL, now_ms)

    def receive(
        self, *, weight_g: int, length_cm: int, width_cm: int, height_cm: int, photos: list[str], condition: str,
        now_ms: int,
    ) -> None:  # fmt: skip
        self._apply(ParcelAction.RECEIVE, now_ms)
        self.weight_g, self.length_cm, self.width_cm, self.height_cm = weight_g, length_cm, width_cm, height_cm
        self.photos, self.condition, self.received_at_ms = photos, condition, now_ms

    def allocate(self, shipment_id: int, now_ms: int) -> None:
        self._apply(ParcelAction.ALLOCATE, now_ms)
        self.shipment_id = shipment_id

    def release(self, now_ms: int) -> None:
        self._apply(ParcelAction.RELEASE, now_ms)
        self.shipment_id = None

    def ship_out(self, now_ms: int) -> None:
        self._apply(ParcelAction.SHIP_OUT, now_ms)
        self.shipped_out_at_ms = now_ms


@dataclass(frozen=True, slots=True)
class FeeLine:
    type: FeeType
    amount_fen: int
    description: str


@dataclass(frozen=True, slots=True)
class Quote:
    """The price of carrying some weight on one channel; :func:`pricing.quote` computes it."""

    channel: Channel
    actual_weight_g: int
    volumetric_weight_g: int
    chargeable_weight_g: int
    fees: list[FeeLine]

    @property
    def total_fen(self) -> int:
        return sum(f.amount_fen for f in self.fees)


@dataclass(frozen=True, slots=True)
class Receiver:
    full_name: str
    mobile: str
    country: str  # ISO 3166-1 alpha-2
    address: str
    province_text: str = ""
    city_text: str = ""
    post_code: str = ""


@dataclass(frozen=True, slots=True)
class TraceNode:
    at_ms: int
    status: str  # Cainiao-style: WAREHOUSE_PACKED, ACCEPT, TRANSPORT, SIGN, FAILED (spec §4.5)
    description: str


@dataclass(slots=True)
class Shipment:
    develop_id: str
    channel_code: str
    receiver: Receiver
    parcel_ids: list[int]
    actual_weight_g: int
    volumetric_weight_g: int
    chargeable_weight_g: int
    fees: list[FeeLine]
    total_fen: int
    currency: str = "CNY"
    remark: str = ""
    state: ShipmentState = ShipmentState.PAID
    trace: list[TraceNode] = field(default_factory=list)
    paid_at_ms: int = 0
    delivered_at_ms: int | None = None
    intl_tracking_no: str = ""  # the international waybill: random, unique platform-wide (domain/warehouse/waybills.py)
    id: int = 0
    version: int = 0
    created_at_ms: int = 0
    updated_at_ms: int = 0
    changes: list[StateChange] = field(default_factory=list)

    def allowed_actions(self) -> list[ShipmentAction]:
        return SHIPMENT.allowed_actions(self.state)

    def apply(self, action: ShipmentAction, *, now_ms: int, status: str, description: str) -> None:
        """Take one lifecycle step and add its tracking node."""
        new = SHIPMENT.next_state(self.state, action)
        self.changes.append(StateChange(self.state.value, new.value, action.value, now_ms))
        self.state = new
        self.updated_at_ms = now_ms
        self.trace.append(TraceNode(now_ms, status, description))
        if new is ShipmentState.DELIVERED:
            self.delivered_at_ms = now_ms
