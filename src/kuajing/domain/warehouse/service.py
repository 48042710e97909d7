"""Warehouse use cases: keyword-only functions over a unit of work, called by the API, the CLI and the market.

A parcel is scoped to its developer: another developer's parcel is "not found", never "forbidden", so ids leak
nothing. Waybill numbers are scoped the same way: a (carrier, tracking number) is unique among one developer's active
parcels only, so a developer may forecast any number without blocking, or learning about, anyone else's parcel —
and only the warehouse's scan of a label (:func:`scanned_parcel`) looks across developers. A shipment takes exclusive
hold of its parcels (each parcel's version-checked save), charges the wallet once (ledger key
``ship:intl:<shipmentId>``) and sets the tracking timer, all in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from kuajing.domain.accounts import wallet
from kuajing.domain.errors import (
    BusinessRefusalError,
    ConcurrentUpdateError,
    DuplicateError,
    InvalidInputError,
    NotFoundError,
    StateConflictError,
)
from kuajing.domain.money import CNY, Money
from kuajing.domain.warehouse import events, waybills
from kuajing.domain.warehouse.channels import list_channels, require_channel
from kuajing.domain.warehouse.model import Condition, Parcel, ParcelItem, Quote, Receiver, Shipment
from kuajing.domain.warehouse.pricing import Piece, quote
from kuajing.domain.warehouse.states import ParcelState, ShipmentAction, ShipmentState
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.domain.warehouse.ports import UnitOfWork

SHIPMENT_STEP_JOB = "warehouse.shipment.step"  # timer kind; market/warehouse.py takes the next tracking step
FIRST_STEP_DELAY_MS = 6 * 3_600_000  # a paid shipment is packed six hours later (sandbox clock)
MAX_PARCELS_PER_SHIPMENT = 30
MAX_PHOTOS = 9
FEE_KIND = "intl_shipping"
FEE_REFUND_KIND = "intl_shipping_refund"


def fee_entry_key(shipment_id: int) -> str:
    return f"ship:intl:{shipment_id}"


# -- parcels: forecast, update, cancel --------------------------------------------------------------------------
def _norm(carrier_code: str, tracking_no: str) -> tuple[str, str]:
    code, number = carrier_code.strip().upper(), tracking_no.strip()
    if not code:
        raise InvalidInputError("carrierCode is required", field="carrierCode")
    if not number:
        raise InvalidInputError("trackingNo is required", field="trackingNo")
    return code, number


def _check_items(items: Sequence[ParcelItem]) -> list[ParcelItem]:
    for item in items:
        if item.quantity <= 0:
            raise InvalidInputError("item quantity must be positive", field="items")
    return [replace(i, category=i.category.strip().lower()) for i in items]


def _taken(carrier_code: str, tracking_no: str) -> DuplicateError:
    # Raised only about the caller's own parcels: other developers' numbers are never consulted.
    return DuplicateError(f"another of your parcels has {carrier_code} {tracking_no}", field="trackingNo")


def forecast_parcel(
    uow: UnitOfWork,
    *,
    develop_id: str,
    carrier_code: str,
    carrier_name: str = "",
    tracking_no: str,
    items: Sequence[ParcelItem] = (),
    source_platform: str = "",
    source_order_id: str = "",
    remark: str = "",
    origin: str = "forecast",
    now_ms: int,
) -> Parcel:
    """Announce a domestic parcel (预报). Repeating the same (carrier, tracking number) returns the same parcel.

    The answer is the same whether or not another developer forecast the number, or an embedded seller issued it for
    another developer's order: nothing about other developers' parcels can be learnt from it.
    """
    code, number = _norm(carrier_code, tracking_no)
    existing = uow.warehouse.find_parcel_by_tracking(develop_id, code, number)
    if existing is not None:
        return existing
    parcel = Parcel(
        develop_id=develop_id, carrier_code=code, carrier_name=carrier_name.strip(), tracking_no=number,
        items=_check_items(items), source_platform=source_platform, source_order_id=source_order_id,
        origin=origin, remark=remark, created_at_ms=now_ms, updated_at_ms=now_ms,
    )  # fmt: skip
    added = uow.warehouse.add_parcel(parcel)
    if added is None:  # a concurrent forecast of the same number by this developer won the unique key
        winner = uow.warehouse.find_parcel_by_tracking(develop_id, code, number)
        if winner is None:  # and was cancelled since
            raise ConcurrentUpdateError(f"the parcel {code} {number} changed concurrently; retry", field="trackingNo")
        return winner
    return added


def register_domestic_parcel(
    uow: UnitOfWork,
    *,
    develop_id: str,
    carrier_code: str,
    carrier_name: str,
    tracking_no: str,
    source_platform: str,
    source_order_id: str,
    items: Sequence[ParcelItem],
    now_ms: int,
) -> Parcel:
    """The hook for the order flows: a seller shipped a purchase order to the warehouse address.

    Call it in the unit of work that records the seller's shipment. It creates the parcel in state ``forecast``
    (origin ``order``), idempotent per (developer, carrier, tracking number): a second call — a retried timer, a
    distributor who already forecast the same number — returns the existing parcel unchanged. Another developer's
    parcel with the same number never refuses it, so a ship never fails because of another tenant.
    """
    return forecast_parcel(
        uow, develop_id=develop_id, carrier_code=carrier_code, carrier_name=carrier_name, tracking_no=tracking_no,
        items=items, source_platform=source_platform, source_order_id=str(source_order_id), origin="order",
        now_ms=now_ms,
    )  # fmt: skip


def get_parcel(uow: UnitOfWork, *, develop_id: str, parcel_id: int) -> Parcel:
    parcel = uow.warehouse.get_parcel(develop_id, parcel_id)
    if parcel is None:
        raise NotFoundError(f"parcel {parcel_id} does not exist", field="parcelId")
    return parcel


def list_parcels(
    uow: UnitOfWork, *, develop_id: str, states: Sequence[ParcelState] = (), page_no: int = 1, page_size: int = 20
) -> tuple[list[Parcel], int]:
    return uow.warehouse.list_parcels(develop_id, states=states, limit=page_size, offset=(page_no - 1) * page_size)


def update_parcel(
    uow: UnitOfWork,
    *,
    develop_id: str,
    parcel_id: int,
    carrier_code: str | None = None,
    carrier_name: str | None = None,
    tracking_no: str | None = None,
    items: Sequence[ParcelItem] | None = None,
    remark: str | None = None,
    now_ms: int,
) -> Parcel:
    """Correct a forecast (carrier, tracking number, items, remark); refused once the parcel has arrived."""
    parcel = get_parcel(uow, develop_id=develop_id, parcel_id=parcel_id)
    code, number = _norm(
        carrier_code if carrier_code is not None else parcel.carrier_code,
        tracking_no if tracking_no is not None else parcel.tracking_no,
    )
    if (code, number) != (parcel.carrier_code, parcel.tracking_no):
        other = uow.warehouse.find_parcel_by_tracking(develop_id, code, number)
        if other is not None and other.id != parcel.id:
            raise _taken(code, number)
    parcel.update(
        carrier_code=code,
        carrier_name=carrier_name.strip() if carrier_name is not None else parcel.carrier_name,
        tracking_no=number,
        items=_check_items(items) if items is not None else parcel.items,
        remark=remark if remark is not None else parcel.remark,
        now_ms=now_ms,
    )
    uow.warehouse.save_parcel(parcel)
    return parcel


def cancel_parcel(uow: UnitOfWork, *, develop_id: str, parcel_id: int, now_ms: int) -> Parcel:
    parcel = get_parcel(uow, develop_id=develop_id, parcel_id=parcel_id)
    parcel.cancel(now_ms)
    uow.warehouse.save_parcel(parcel)
    return parcel


def update_domestic_logistics(
    uow: UnitOfWork,
    *,
    develop_id: str,
    source_platform: str,
    source_order_id: str,
    carrier_code: str,
    carrier_name: str = "",
    tracking_no: str,
    now_ms: int,
) -> Parcel:
    """Give (or correct) the domestic waybill of a purchase order bound for the warehouse.

    The order's forecast parcel gets the new carrier and number; an order without one gets a new forecast.
    """
    open_parcels = [
        p
        for p in uow.warehouse.find_parcels_by_source(develop_id, source_platform, source_order_id)
        if p.state is ParcelState.FORECAST
    ]
    if not open_parcels:
        return forecast_parcel(
            uow, develop_id=develop_id, carrier_code=carrier_code, carrier_name=carrier_name, tracking_no=tracking_no,
            source_platform=source_platform, source_order_id=source_order_id, now_ms=now_ms,
        )  # fmt: skip
    return update_parcel(
        uow, develop_id=develop_id, parcel_id=open_parcels[0].id, carrier_code=carrier_code,
        carrier_name=carrier_name, tracking_no=tracking_no, now_ms=now_ms,
    )  # fmt: skip


# -- the warehouse's side: inbound ------------------------------------------------------------------------------
def scanned_parcel(uow: UnitOfWork, *, carrier_code: str, tracking_no: str, develop_id: str | None = None) -> Parcel:
    """The parcel a label scanned at inbound belongs to — the warehouse's lookup, never a developer's.

    Numbers are unique per developer only, so several developers may have forecast the waybill on a label:

    - with ``develop_id`` (the customer code on the label), that developer's parcel only;
    - else a parcel an embedded seller registered when it shipped (origin ``order``) is the one: the platform issued
      that number for that order, so another developer's forecast of it never receives the goods;
    - else the one developer who forecast it; when several did, the operator must say whose parcel it is.
    """
    code, number = _norm(carrier_code, tracking_no)
    if develop_id is not None:
        found = uow.warehouse.find_parcel_by_tracking(develop_id, code, number)
        candidates = [found] if found is not None else []
    else:
        every = uow.warehouse.parcels_with_tracking(code, number)
        candidates = [p for p in every if p.origin == "order"] or every
    if not candidates:
        raise NotFoundError(f"no forecast parcel {code} {number}", field="trackingNo")
    if len(candidates) > 1:
        raise InvalidInputError(
            f"{len(candidates)} developers forecast {code} {number}: give the developer named on the label",
            field="developId",
        )
    return candidates[0]


def receive_parcel(
    uow: UnitOfWork,
    *,
    develop_id: str | None = None,
    parcel_id: int | None = None,
    carrier_code: str | None = None,
    tracking_no: str | None = None,
    weight_g: int,
    length_cm: int,
    width_cm: int,
    height_cm: int,
    photos: Sequence[str] = (),
    condition: str = Condition.GOOD,
    now_ms: int,
) -> Parcel:
    """Inbound: weigh, measure and photograph a forecast parcel; it enters the owner's warehouse inventory.

    The sandbox passes the developer and the parcel id; the operator scans the carrier and tracking number
    (:func:`scanned_parcel` decides whose parcel it is).
    """
    if parcel_id is not None and develop_id is not None:
        parcel = get_parcel(uow, develop_id=develop_id, parcel_id=parcel_id)
    elif carrier_code and tracking_no:
        parcel = scanned_parcel(uow, carrier_code=carrier_code, tracking_no=tracking_no, develop_id=develop_id)
    else:
        raise InvalidInputError("give parcelId, or carrierCode and trackingNo", field="parcelId")
    for name, value in (("weightG", weight_g), ("lengthCm", length_cm), ("widthCm", width_cm), ("heightCm", height_cm)):
        if value <= 0:
            raise InvalidInputError(f"{name} must be a positive integer", field=name)
    if condition not in {c.value for c in Condition}:
        raise InvalidInputError(f"condition must be one of {', '.join(c.value for c in Condition)}", field="condition")
    if len(photos) > MAX_PHOTOS:
        raise InvalidInputError(f"at most {MAX_PHOTOS} photos", field="photos")
    parcel.receive(
        weight_g=weight_g, length_cm=length_cm, width_cm=width_cm, height_cm=height_cm, photos=list(photos),
        condition=str(condition), now_ms=now_ms,
    )  # fmt: skip
    uow.warehouse.save_parcel(parcel)
    uow.publish(events.parcel_inbound(parcel))
    return parcel


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
