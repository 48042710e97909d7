"""Basis: the developer's shipping addresses."""

from __future__ import annotations

from typing import Any

from kuajing.client._base import Operation
from kuajing.client.resources import AsyncResource, SyncResource
from kuajing.protocol.wire.basis import AddressAdd, AddressInfo, AddressUpdate

LIST: Operation[list[AddressInfo]] = Operation("GET", "/open/address/list", "/v2/basis/address/list", list[AddressInfo])
ADD: Operation[AddressInfo] = Operation(
    "POST", "/open/address/add", "/v2/basis/address/add", AddressInfo, effect="keyed"
)
UPDATE: Operation[AddressInfo] = Operation("POST", "/open/address/update", "/v2/basis/address/update", AddressInfo)
DELETE: Operation[bool] = Operation("POST", "/open/address/delete", "/v2/basis/address/delete", bool)


class Addresses(SyncResource):
    def list(self) -> list[AddressInfo]:
        return self._client.request(LIST)

    def add(self, address: AddressAdd | dict[str, Any], *, idempotency_key: str | None = None) -> AddressInfo:
        return self._client.request(ADD, _validated(AddressAdd, address), idempotency_key=idempotency_key)

    def update(self, changes: AddressUpdate | dict[str, Any]) -> AddressInfo:
        return self._client.request(UPDATE, _validated(AddressUpdate, changes))

    def delete(self, address_id: int) -> bool:
        return self._client.request(DELETE, {"id": address_id})


class AsyncAddresses(AsyncResource):
    async def list(self) -> list[AddressInfo]:
        return await self._client.request(LIST)

    async def add(self, address: AddressAdd | dict[str, Any], *, idempotency_key: str | None = None) -> AddressInfo:
        return await self._client.request(ADD, _validated(AddressAdd, address), idempotency_key=idempotency_key)

    async def update(self, changes: AddressUpdate | dict[str, Any]) -> AddressInfo:
        return await self._client.request(UPDATE, _validated(AddressUpdate, changes))

    async def delete(self, address_id: int) -> bool:
        return await self._client.request(DELETE, {"id": address_id})


def _validated(model: type[AddressAdd] | type[AddressUpdate], value: Any) -> Any:
    return value if isinstance(value, model) else model.model_validate(value)
