"""International shipments: freight estimates and previews, creating, cancelling and stepping a shipment.

A shipment takes exclusive hold of its parcels (each parcel's version-checked save), charges the wallet once (ledger
key ``ship:intl:<shipmentId>``) and sets the tracking timer, all in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kuajing.domain.accounts import wallet
from kuajing.domain.errors import (
    BusinessRefusalError,
    InvalidInputError,
    NotFoundError,
    StateConflictError,
)
from kuajing.domain.money import CNY, Money
from kuajing.domain.warehouse import events, waybills
from kuajing.domain.warehouse.channels import list_channels, require_channel
from kuajing.domain.warehouse.model import Parcel, Quote, Receiver, Shipment
from kuajing.domain.warehouse.pricing import Piece, quote
from kuajing.domain.warehouse.states import ParcelState, ShipmentAction, ShipmentState
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.domain.warehouse.ports import UnitOfWork

SHIPMENT_STEP_JOB = "warehouse.shipment.step"  # timer kind; market/warehouse.py takes the next tracking step
FIRST_STEP_DELAY_MS = 6 * 3_600_000  # a paid shipment is packed six hours later (sandbox clock)
MAX_PARCELS_PER_SHIPMENT = 30
FEE_KIND = "intl_shipping"
FEE_REFUND_KIND = "intl_shipping_refund"


def fee_entry_key(shipment_id: int) -> str:
    return f"ship:intl:{shipment_id}"


# -- freight: estimate and preview ------------------------------------------------------------------------------
def estimate_freight(
    uow: UnitOfWork,
    *,
    country: str,
    channel_code: str | None = None,
    weight_g: int,
    length_cm: int = 0,
    width_cm: int = 0,
    height_cm: int = 0,
    categories: Sequence[str] = (),
) -> list[Quote]:
    """A reference price per channel serving ``country`` (or for one channel), cheapest first.

    Without a channel, channels that cannot carry the goods (limits, prohibited categories) are left out; when none
    is left the refusal of the first one is raised, so the caller learns why.
    """
    country = country.strip().upper()
    piece = Piece(weight_g, length_cm, width_cm, height_cm)
    cats = {c.strip().lower() for c in categories if c.strip()}
    if channel_code:
        channel = require_channel(uow, channel_code)
        return [quote(channel, [piece], country=country, categories=cats, handling=False)]
    serving = [c for c in list_channels(uow) if c.serves(country)]
    if not serving:
        raise InvalidInputError(f"no channel delivers to {country}", field="countryCode")
    quotes: list[Quote] = []
    first_refusal: BusinessRefusalError | None = None
    for channel in serving:
        try:
            quotes.append(quote(channel, [piece], country=country, categories=cats, handling=False))
        except BusinessRefusalError as exc:
            first_refusal = first_refusal or exc
    if not quotes and first_refusal is not None:
        raise first_refusal
    return sorted(quotes, key=lambda q: (q.total_fen, q.channel.code))


def _parcels_for_shipment(uow: UnitOfWork, develop_id: str, parcel_ids: Sequence[int]) -> list[Parcel]:
    if not parcel_ids:
        raise InvalidInputError("a shipment needs at least one parcel", field="parcelIds")
    if len(set(parcel_ids)) != len(parcel_ids):
        raise InvalidInputError("a parcel id is listed twice", field="parcelIds")
    if len(parcel_ids) > MAX_PARCELS_PER_SHIPMENT:
        raise InvalidInputError(f"at most {MAX_PARCELS_PER_SHIPMENT} parcels per shipment", field="parcelIds")
    parcels = uow.warehouse.get_parcels(develop_id, parcel_ids)
    found = {p.id for p in parcels}
    missing = [i for i in parcel_ids if i not in found]
    if missing:
        raise NotFoundError(f"parcel(s) {', '.join(map(str, missing))} do not exist", field="parcelIds")
    for p in parcels:
        if p.state is ParcelState.FORECAST:
            raise StateConflictError(f"parcel {p.id} has not been received yet", field="parcelIds")
        if p.state is not ParcelState.RECEIVED:
            raise StateConflictError(f"parcel {p.id} is {p.state.value}, not in inventory", field="parcelIds")
    by_id = {p.id: p for p in parcels}
    return [by_id[i] for i in parcel_ids]


def _shipment_quote(uow: UnitOfWork, parcels: list[Parcel], channel_code: str, country: str, now_ms: int) -> Quote:
    channel = require_channel(uow, channel_code)
    pieces = [Piece(p.weight_g, p.length_cm, p.width_cm, p.height_cm, p.storage_days(now_ms)) for p in parcels]
    cats: set[str] = set().union(*(p.categories for p in parcels))
    return quote(
        channel, pieces, country=country.strip().upper(), categories=cats, handling=True,
        weight_field="parcelIds", size_field="parcelIds", category_field="parcelIds",
    )  # fmt: skip


def preview_shipment(
    uow: UnitOfWork, *, develop_id: str, parcel_ids: Sequence[int], channel_code: str, country: str, now_ms: int
) -> Quote:
    """The exact price of consolidating these received parcels on one channel; create charges the same."""
    parcels = _parcels_for_shipment(uow, develop_id, parcel_ids)
    return _shipment_quote(uow, parcels, channel_code, country, now_ms)


def create_shipment(
    uow: UnitOfWork,
    *,
    develop_id: str,
    parcel_ids: Sequence[int],
    channel_code: str,
    receiver: Receiver,
    expected_total_fen: int | None = None,
    remark: str = "",
    now_ms: int,
) -> Shipment:
    """Create the international logistics order and pay it from the wallet, in one transaction.

    A parcel already in another shipment is refused (STATE_CONFLICT, or CONCURRENT_UPDATE when the other shipment
    was being created at the same moment). ``expected_total_fen`` (the preview's total) guards against drift.
    """
    parcels = _parcels_for_shipment(uow, develop_id, parcel_ids)
    q = _shipment_quote(uow, parcels, channel_code, receiver.country, now_ms)
    if expected_total_fen is not None and expected_total_fen != q.total_fen:
        raise BusinessRefusalError(
            f"the price is now {q.total_fen} fen, not {expected_total_fen}; preview again",
            code=Code.PRICE_CHANGED, field="expectedTotalFen",
        )  # fmt: skip
    draft = Shipment(
        develop_id=develop_id, channel_code=q.channel.code, receiver=receiver, parcel_ids=list(parcel_ids),
        actual_weight_g=q.actual_weight_g, volumetric_weight_g=q.volumetric_weight_g,
        chargeable_weight_g=q.chargeable_weight_g, fees=q.fees, total_fen=q.total_fen,
        currency=q.channel.currency, remark=remark, paid_at_ms=now_ms, created_at_ms=now_ms, updated_at_ms=now_ms,
    )  # fmt: skip
    while True:  # an international number is unique platform-wide: a repeat is drawn again
        draft.intl_tracking_no = waybills.international()
        added = uow.warehouse.add_shipment(draft)
        if added is not None:
            shipment = added
            break
    for p in parcels:
        p.allocate(shipment.id, now_ms)
        uow.warehouse.save_parcel(p)
    wallet.charge(
        uow, develop_id=develop_id, amount=Money(q.total_fen, q.channel.currency), kind=FEE_KIND,
        entry_key=fee_entry_key(shipment.id), memo=f"international shipment {shipment.id} ({q.channel.code})",
        now_ms=now_ms,
    )  # fmt: skip
    uow.schedule(
        develop_id=develop_id, kind=SHIPMENT_STEP_JOB, ref=str(shipment.id), due_at_ms=now_ms + FIRST_STEP_DELAY_MS
    )
    return shipment


def get_shipment(uow: UnitOfWork, *, develop_id: str, shipment_id: int) -> Shipment:
    shipment = uow.warehouse.get_shipment(develop_id, shipment_id)
    if shipment is None:
        raise NotFoundError(f"shipment {shipment_id} does not exist", field="shipmentId")
    return shipment


def list_shipments(
    uow: UnitOfWork, *, develop_id: str, page_no: int = 1, page_size: int = 20
) -> tuple[list[Shipment], int]:
    return uow.warehouse.list_shipments(develop_id, limit=page_size, offset=(page_no - 1) * page_size)


def cancel_shipment(uow: UnitOfWork, *, develop_id: str, shipment_id: int, now_ms: int) -> Shipment:
    """Before packing only: the parcels go back to inventory and the fee back to the wallet (one ledger row)."""
    shipment = get_shipment(uow, develop_id=develop_id, shipment_id=shipment_id)
    shipment.apply(ShipmentAction.CANCEL, now_ms=now_ms, status="CANCELLED", description="cancelled by the distributor")
    uow.warehouse.save_shipment(shipment)
    for p in uow.warehouse.get_parcels(develop_id, shipment.parcel_ids):
        p.release(now_ms)
        uow.warehouse.save_parcel(p)
    wallet.refund(
        uow, develop_id=develop_id, amount=Money(shipment.total_fen, shipment.currency or CNY), kind=FEE_REFUND_KIND,
        entry_key=fee_entry_key(shipment.id) + ":refund", memo=f"international shipment {shipment.id} cancelled",
        now_ms=now_ms,
    )  # fmt: skip
    uow.cancel_jobs(SHIPMENT_STEP_JOB, ref=str(shipment.id))
    return shipment


def step_shipment(
    uow: UnitOfWork, *, develop_id: str, shipment_id: int, action: ShipmentAction, status: str, description: str,
    now_ms: int,
) -> Shipment:  # fmt: skip
    """One tracking step (the market's timers and the operator CLI call this): state, trace node, side effects."""
    shipment = get_shipment(uow, develop_id=develop_id, shipment_id=shipment_id)
    shipment.apply(action, now_ms=now_ms, status=status, description=description)
    uow.warehouse.save_shipment(shipment)
    if action is ShipmentAction.HAND_OVER:
        for p in uow.warehouse.get_parcels(develop_id, shipment.parcel_ids):
            p.ship_out(now_ms)
            uow.warehouse.save_parcel(p)
        uow.publish(events.shipment_event(shipment, events.SHIPMENT_SHIPPED))
    elif shipment.state is ShipmentState.DELIVERED:
        uow.publish(events.shipment_event(shipment, events.SHIPMENT_DELIVERED))
    elif shipment.state is ShipmentState.EXCEPTION:
        uow.cancel_jobs(SHIPMENT_STEP_JOB, ref=str(shipment.id))
        uow.publish(events.shipment_event(shipment, events.SHIPMENT_EXCEPTION))
    return shipment
