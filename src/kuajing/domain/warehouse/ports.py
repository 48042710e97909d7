"""What the warehouse needs from storage. The SQL implementation is store/repositories/warehouse.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from kuajing.domain.accounts import ports as accounts
from kuajing.domain.warehouse.model import Channel, Parcel, Shipment, StateChange
from kuajing.domain.warehouse.states import ParcelState


class WarehouseRepository(Protocol):
    def list_channels(self, *, active_only: bool) -> list[Channel]: ...

    def get_channel(self, code: str) -> Channel | None: ...

    def upsert_channel(self, channel: Channel) -> None: ...

    def seed_channels(self, channels: Sequence[Channel]) -> int:
        """Insert the channels whose code does not exist yet; returns how many were added."""
        ...

    def add_parcel(self, parcel: Parcel) -> Parcel | None:
        """Insert; ``None`` when an active parcel of the same developer already has this (carrier, tracking number).
        Other developers' parcels never conflict: a waybill is unique per developer only."""
        ...

    def get_parcel(self, develop_id: str, parcel_id: int) -> Parcel | None: ...

    def get_parcels(self, develop_id: str, parcel_ids: Sequence[int]) -> list[Parcel]: ...

    def find_parcel_by_tracking(self, develop_id: str, carrier_code: str, tracking_no: str) -> Parcel | None:
        """The developer's active (not cancelled) parcel with this tracking number."""
        ...

    def parcels_with_tracking(self, carrier_code: str, tracking_no: str) -> list[Parcel]:
        """Every developer's active parcel with this tracking number, oldest first: the warehouse's own lookup when
        a label is scanned at inbound. Never answer a developer with it."""
        ...

    def find_parcels_by_source(self, develop_id: str, source_platform: str, source_order_id: str) -> list[Parcel]: ...

    def list_parcels(
        self, develop_id: str | None, *, states: Sequence[ParcelState], limit: int, offset: int
    ) -> tuple[list[Parcel], int]: ...

    def save_parcel(self, parcel: Parcel) -> None:
        """Version-checked save plus one history row per recorded change; ConcurrentUpdateError when it lost."""
        ...

    def add_shipment(self, shipment: Shipment) -> Shipment | None:
        """Insert; ``None`` when another shipment already has its ``intl_tracking_no`` (draw another)."""
        ...

    def get_shipment(self, develop_id: str, shipment_id: int) -> Shipment | None: ...

    def list_shipments(self, develop_id: str, *, limit: int, offset: int) -> tuple[list[Shipment], int]: ...

    def save_shipment(self, shipment: Shipment) -> None: ...

    def history(self, aggregate_type: str, aggregate_id: int) -> list[StateChange]: ...


class UnitOfWork(accounts.UnitOfWork, Protocol):
    """What the warehouse's services need of a unit of work: its repository and the wallet it charges."""

    @property
    def warehouse(self) -> WarehouseRepository: ...
