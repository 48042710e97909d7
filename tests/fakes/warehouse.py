"""In-memory channels, parcels and shipments (the port in domain/warehouse/ports.py)."""

from __future__ import annotations

import copy
from collections.abc import Sequence

from kuajing.domain.errors import ConcurrentUpdateError
from kuajing.domain.warehouse.model import Channel, Parcel, Shipment, StateChange
from kuajing.domain.warehouse.states import ParcelState
from tests.fakes.tables import Tables

PARCEL, SHIPMENT = "warehouse_parcel", "warehouse_shipment"  # the history's aggregate types, as the store names them


def _active_with(parcel: Parcel, carrier_code: str, tracking_no: str) -> bool:
    """The store's unique waybill key: (carrier, number) among a developer's parcels that are not cancelled."""
    active = parcel.state is not ParcelState.CANCELLED
    return active and (parcel.carrier_code, parcel.tracking_no) == (carrier_code, tracking_no)


class FakeWarehouseRepository:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    # channels
    def list_channels(self, *, active_only: bool) -> list[Channel]:
        return [copy.deepcopy(c) for _, c in sorted(self._t.channels.items()) if c.active or not active_only]

    def get_channel(self, code: str) -> Channel | None:
        return copy.deepcopy(self._t.channels.get(code))

    def upsert_channel(self, channel: Channel) -> None:
        self._t.channels[channel.code] = copy.deepcopy(channel)

    def seed_channels(self, channels: Sequence[Channel]) -> int:
        new = [c for c in channels if c.code not in self._t.channels]
        for c in new:
            self.upsert_channel(c)
        return len(new)

    # parcels
    def _record(self, aggregate_type: str, aggregate_id: int, changes: list[StateChange]) -> None:
        self._t.history.extend((aggregate_type, aggregate_id, c) for c in changes)
        changes.clear()

    def add_parcel(self, parcel: Parcel) -> Parcel | None:
        taken = [p for p in self._t.parcels.values() if p.develop_id == parcel.develop_id]
        if any(_active_with(p, parcel.carrier_code, parcel.tracking_no) for p in taken):
            return None
        parcel.id, parcel.version = self._t.next_id("parcels"), 1
        self._record(PARCEL, parcel.id, parcel.changes)
        self._t.parcels[parcel.id] = copy.deepcopy(parcel)
        return parcel

    def get_parcel(self, develop_id: str, parcel_id: int) -> Parcel | None:
        found = self._t.parcels.get(parcel_id)
        return copy.deepcopy(found) if found is not None and found.develop_id == develop_id else None

    def get_parcels(self, develop_id: str, parcel_ids: Sequence[int]) -> list[Parcel]:
        return [p for i in sorted(set(parcel_ids)) if (p := self.get_parcel(develop_id, i)) is not None]

    def find_parcel_by_tracking(self, develop_id: str, carrier_code: str, tracking_no: str) -> Parcel | None:
        found = [p for p in self.parcels_with_tracking(carrier_code, tracking_no) if p.develop_id == develop_id]
        return found[0] if found else None

    def parcels_with_tracking(self, carrier_code: str, tracking_no: str) -> list[Parcel]:
        return [
            copy.deepcopy(p) for _, p in sorted(self._t.parcels.items()) if _active_with(p, carrier_code, tracking_no)
        ]

    def find_parcels_by_source(self, develop_id: str, source_platform: str, source_order_id: str) -> list[Parcel]:
        return [
            copy.deepcopy(p)
            for _, p in sorted(self._t.parcels.items())
            if (p.develop_id, p.source_platform, p.source_order_id) == (develop_id, source_platform, source_order_id)
        ]

    def list_parcels(
        self, develop_id: str | None, *, states: Sequence[ParcelState], limit: int, offset: int
    ) -> tuple[list[Parcel], int]:
        rows = [
            p
            for _, p in sorted(self._t.parcels.items(), reverse=True)
            if (develop_id is None or p.develop_id == develop_id) and (not states or p.state in states)
        ]
        return [copy.deepcopy(p) for p in rows[offset : offset + limit]], len(rows)

    def save_parcel(self, parcel: Parcel) -> None:
        stored = self._t.parcels.get(parcel.id)
        if stored is None or stored.version != parcel.version:
            raise ConcurrentUpdateError(f"parcel {parcel.id} was changed concurrently; retry", field="parcelIds")
        parcel.version += 1
        self._record(PARCEL, parcel.id, parcel.changes)
        self._t.parcels[parcel.id] = copy.deepcopy(parcel)

    # shipments
    def add_shipment(self, shipment: Shipment) -> Shipment | None:
        if any(s.intl_tracking_no == shipment.intl_tracking_no for s in self._t.shipments.values()):
            return None
        shipment.id, shipment.version = self._t.next_id("shipments"), 1
        self._t.shipments[shipment.id] = copy.deepcopy(shipment)
        return shipment

    def get_shipment(self, develop_id: str, shipment_id: int) -> Shipment | None:
        found = self._t.shipments.get(shipment_id)
        return copy.deepcopy(found) if found is not None and found.develop_id == develop_id else None

    def list_shipments(self, develop_id: str, *, limit: int, offset: int) -> tuple[list[Shipment], int]:
        rows = [s for _, s in sorted(self._t.shipments.items(), reverse=True) if s.develop_id == develop_id]
        return [copy.deepcopy(s) for s in rows[offset : offset + limit]], len(rows)

    def save_shipment(self, shipment: Shipment) -> None:
        stored = self._t.shipments.get(shipment.id)
        if stored is None or stored.version != shipment.version:
            raise ConcurrentUpdateError(f"shipment {shipment.id} was changed concurrently; retry", field="shipmentId")
        shipment.version += 1
        self._record(SHIPMENT, shipment.id, shipment.changes)
        self._t.shipments[shipment.id] = copy.deepcopy(shipment)

    def history(self, aggregate_type: str, aggregate_id: int) -> list[StateChange]:
        return [c for t, i, c in self._t.history if (t, i) == (aggregate_type, aggregate_id)]
