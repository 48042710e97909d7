"""Domestic parcels: the developer's forecast, update and cancel, and the warehouse's inbound scan and receipt.

A parcel is scoped to its developer: another developer's parcel is "not found", never "forbidden", so ids leak
nothing. Waybill numbers are scoped the same way: a (carrier, tracking number) is unique among one developer's active
parcels only, so a developer may forecast any number without blocking, or learning about, anyone else's parcel —
and only the warehouse's scan of a label (:func:`scanned_parcel`) looks across developers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from kuajing.domain.errors import (
    ConcurrentUpdateError,
    DuplicateError,
    InvalidInputError,
    NotFoundError,
)
from kuajing.domain.warehouse import events
from kuajing.domain.warehouse.model import Condition, Parcel, ParcelItem
from kuajing.domain.warehouse.states import ParcelState

if TYPE_CHECKING:
    from kuajing.domain.warehouse.ports import UnitOfWork

MAX_PHOTOS = 9


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
