"""Warehouse logistics: parcels (forecast, update, inventory), freight, international shipments, sandbox inbound."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from kuajing.client._base import Effect, Operation
from kuajing.client.resources import AsyncResource, SyncResource
from kuajing.protocol.wire.warehouse import (
    ChannelInfo,
    DomesticLogisticsUpdate,
    FreightEstimate,
    FreightQuote,
    ParcelForecast,
    ParcelInbound,
    ParcelInfo,
    ParcelPageResult,
    ParcelUpdate,
    ShipmentCreate,
    ShipmentInfo,
    ShipmentPageResult,
    ShipmentPreview,
    ShipmentPreviewResult,
)

M = TypeVar("M", bound=BaseModel)


def _op(method: str, tail: str, returns: Any, effect: Effect | None = None) -> Operation[Any]:
    return Operation(method, f"/open/warehouse/{tail}", f"/v2/basis/warehouse/{tail}", returns, effect=effect)


FORECAST: Operation[ParcelInfo] = _op("POST", "package/forecast", ParcelInfo, "keyed")
UPDATE: Operation[ParcelInfo] = _op("POST", "package/update", ParcelInfo)
CANCEL: Operation[ParcelInfo] = _op("POST", "package/cancel", ParcelInfo)
DETAIL: Operation[ParcelInfo] = _op("GET", "package/detail", ParcelInfo)
PAGE: Operation[ParcelPageResult] = _op("POST", "package/page", ParcelPageResult, "read")
DOMESTIC_LOGISTICS_UPDATE: Operation[ParcelInfo] = _op("POST", "domestic/logistics/update", ParcelInfo, "keyed")
CHANNELS: Operation[list[ChannelInfo]] = _op("GET", "channel/list", list[ChannelInfo])
ESTIMATE: Operation[list[FreightQuote]] = _op("POST", "freight/estimate", list[FreightQuote], "read")
PREVIEW: Operation[ShipmentPreviewResult] = _op("POST", "logistics/order/preview", ShipmentPreviewResult, "read")
CREATE: Operation[ShipmentInfo] = _op("POST", "logistics/order/create", ShipmentInfo, "keyed")
SHIPMENT_CANCEL: Operation[ShipmentInfo] = _op("POST", "logistics/order/cancel", ShipmentInfo)
SHIPMENT_DETAIL: Operation[ShipmentInfo] = _op("GET", "logistics/order/detail", ShipmentInfo)
SHIPMENT_PAGE: Operation[ShipmentPageResult] = _op("POST", "logistics/order/page", ShipmentPageResult, "read")
SANDBOX_INBOUND: Operation[ParcelInfo] = Operation("POST", "/sandbox/warehouse/package/inbound", None, ParcelInfo)
SANDBOX_FAIL: Operation[ShipmentInfo] = Operation("POST", "/sandbox/warehouse/shipment/fail", None, ShipmentInfo)


def _v(model: type[M], value: M | dict[str, Any]) -> M:
    return value if isinstance(value, model) else model.model_validate(value)


class Warehouse(SyncResource):
    """``client.warehouse``: every warehouse endpoint, typed."""

    def forecast(self, parcel: ParcelForecast | dict[str, Any], *, idempotency_key: str | None = None) -> ParcelInfo:
        return self._client.request(FORECAST, _v(ParcelForecast, parcel), idempotency_key=idempotency_key)

    def update(self, changes: ParcelUpdate | dict[str, Any]) -> ParcelInfo:
        return self._client.request(UPDATE, _v(ParcelUpdate, changes))

    def cancel(self, parcel_id: int) -> ParcelInfo:
        return self._client.request(CANCEL, {"parcelId": parcel_id})

    def parcel(self, parcel_id: int) -> ParcelInfo:
        return self._client.request(DETAIL, {"parcelId": parcel_id})

    def parcels(self, *, status: str | None = None, page_no: int = 1, page_size: int = 20) -> ParcelPageResult:
        return self._client.request(PAGE, {"status": status, "pageNo": page_no, "pageSize": page_size})

    def update_domestic_logistics(
        self, update: DomesticLogisticsUpdate | dict[str, Any], *, idempotency_key: str | None = None
    ) -> ParcelInfo:
        return self._client.request(
            DOMESTIC_LOGISTICS_UPDATE, _v(DomesticLogisticsUpdate, update), idempotency_key=idempotency_key
        )

    def channels(self) -> list[ChannelInfo]:
        return self._client.request(CHANNELS)

    def estimate(self, request: FreightEstimate | dict[str, Any]) -> list[FreightQuote]:
        return self._client.request(ESTIMATE, _v(FreightEstimate, request))

    def preview(self, request: ShipmentPreview | dict[str, Any]) -> ShipmentPreviewResult:
        return self._client.request(PREVIEW, _v(ShipmentPreview, request))

    def create(self, request: ShipmentCreate | dict[str, Any], *, idempotency_key: str | None = None) -> ShipmentInfo:
        return self._client.request(CREATE, _v(ShipmentCreate, request), idempotency_key=idempotency_key)

    def cancel_shipment(self, shipment_id: int) -> ShipmentInfo:
        return self._client.request(SHIPMENT_CANCEL, {"shipmentId": shipment_id})

    def shipment(self, shipment_id: int) -> ShipmentInfo:
        return self._client.request(SHIPMENT_DETAIL, {"shipmentId": shipment_id})

    def shipments(self, *, page_no: int = 1, page_size: int = 20) -> ShipmentPageResult:
        return self._client.request(SHIPMENT_PAGE, {"pageNo": page_no, "pageSize": page_size})

    def sandbox_inbound(self, inbound: ParcelInbound | dict[str, Any]) -> ParcelInfo:
        """Sandbox only: play the warehouse and receive one of your forecast parcels."""
        return self._client.request(SANDBOX_INBOUND, _v(ParcelInbound, inbound))

    def sandbox_fail(self, shipment_id: int) -> ShipmentInfo:
        """Sandbox only: make a shipped shipment fail (lost/returned)."""
        return self._client.request(SANDBOX_FAIL, {"shipmentId": shipment_id})


class AsyncWarehouse(AsyncResource):
    """``async_client.warehouse``: the asyncio twin of :class:`Warehouse`."""

    async def forecast(
        self, parcel: ParcelForecast | dict[str, Any], *, idempotency_key: str | None = None
    ) -> ParcelInfo:
        return await self._client.request(FORECAST, _v(ParcelForecast, parcel), idempotency_key=idempotency_key)

    async def update(self, changes: ParcelUpdate | dict[str, Any]) -> ParcelInfo:
        return await self._client.request(UPDATE, _v(ParcelUpdate, changes))

    async def cancel(self, parcel_id: int) -> ParcelInfo:
        return await self._client.request(CANCEL, {"parcelId": parcel_id})

    async def parcel(self, parcel_id: int) -> ParcelInfo:
        return await self._client.request(DETAIL, {"parcelId": parcel_id})

    async def parcels(self, *, status: str | None = None, page_no: int = 1, page_size: int = 20) -> ParcelPageResult:
        return await self._client.request(PAGE, {"status": status, "pageNo": page_no, "pageSize": page_size})

    async def update_domestic_logistics(
        self, update: DomesticLogisticsUpdate | dict[str, Any], *, idempotency_key: str | None = None
    ) -> ParcelInfo:
        return await self._client.request(
            DOMESTIC_LOGISTICS_UPDATE, _v(DomesticLogisticsUpdate, update), idempotency_key=idempotency_key
        )

    async def channels(self) -> list[ChannelInfo]:
        return await self._client.request(CHANNELS)

    async def estimate(self, request: FreightEstimate | dict[str, Any]) -> list[FreightQuote]:
        return await self._client.request(ESTIMATE, _v(FreightEstimate, request))

    async def preview(self, request: ShipmentPreview | dict[str, Any]) -> ShipmentPreviewResult:
        return await self._client.request(PREVIEW, _v(ShipmentPreview, request))

    async def create(
        self, request: ShipmentCreate | dict[str, Any], *, idempotency_key: str | None = None
    ) -> ShipmentInfo:
        return await self._client.request(CREATE, _v(ShipmentCreate, request), idempotency_key=idempotency_key)

    async def cancel_shipment(self, shipment_id: int) -> ShipmentInfo:
        return await self._client.request(SHIPMENT_CANCEL, {"shipmentId": shipment_id})

    async def shipment(self, shipment_id: int) -> ShipmentInfo:
        return await self._client.request(SHIPMENT_DETAIL, {"shipmentId": shipment_id})

    async def shipments(self, *, page_no: int = 1, page_size: int = 20) -> ShipmentPageResult:
        return await self._client.request(SHIPMENT_PAGE, {"pageNo": page_no, "pageSize": page_size})

    async def sandbox_inbound(self, inbound: ParcelInbound | dict[str, Any]) -> ParcelInfo:
        return await self._client.request(SANDBOX_INBOUND, _v(ParcelInbound, inbound))

    async def sandbox_fail(self, shipment_id: int) -> ShipmentInfo:
        return await self._client.request(SANDBOX_FAIL, {"shipmentId": shipment_id})
