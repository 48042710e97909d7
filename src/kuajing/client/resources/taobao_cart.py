"""Taobao cart (C1–C6), scoped to the client's ``user-id``."""

from __future__ import annotations

import builtins
from typing import Any

from kuajing.client._base import Operation
from kuajing.client.resources import AsyncResource, SyncResource
from kuajing.protocol.wire.taobao_cart import CartList, TaobaoCartItemInfo
from kuajing.protocol.wire.taobao_orders import CreateResult, RenderResult

ADD: Operation[TaobaoCartItemInfo] = Operation(
    "POST", "/open/cart/add", "/v2/taobao/cart/add", TaobaoCartItemInfo, effect="keyed"
)
LIST: Operation[CartList] = Operation("GET", "/open/cart/list", "/v2/taobao/cart/list", CartList)
DELETE: Operation[bool] = Operation("POST", "/open/cart/delete", "/v2/taobao/cart/delete", bool)
EDIT: Operation[bool] = Operation("POST", "/open/cart/edit-quantity", "/v2/taobao/cart/edit-quantity", bool)
PREVIEW: Operation[RenderResult] = Operation(
    "POST", "/open/cart/preview", "/v2/taobao/cart/preview", RenderResult, effect="read"
)
CREATE: Operation[CreateResult] = Operation("POST", "/open/cart/create/order", "/v2/taobao/cart/create/order",
                                            CreateResult, effect="keyed")  # fmt: skip


class TaobaoCart(SyncResource):
    def add(
        self, *, mp_id: str, mp_sku_id: str, quantity: int = 1, idempotency_key: str | None = None
    ) -> TaobaoCartItemInfo:
        return self._client.request(
            ADD, {"mpId": mp_id, "mpSkuId": mp_sku_id, "quantity": quantity}, idempotency_key=idempotency_key
        )

    def list(self) -> CartList:
        return self._client.request(LIST)

    def delete(self, ids: builtins.list[int]) -> bool:
        return self._client.request(DELETE, {"ids": ids})

    def edit_quantity(self, cart_id: int, quantity: int) -> bool:
        return self._client.request(EDIT, {"id": cart_id, "quantity": quantity})

    def preview(self, ids: builtins.list[int]) -> RenderResult:
        return self._client.request(PREVIEW, {"ids": ids})

    def create_order(
        self, ids: builtins.list[int], *, address: dict[str, Any], idempotency_key: str | None = None
    ) -> CreateResult:
        return self._client.request(CREATE, {"ids": ids, "orderAddress": address}, idempotency_key=idempotency_key)


class AsyncTaobaoCart(AsyncResource):
    async def add(
        self, *, mp_id: str, mp_sku_id: str, quantity: int = 1, idempotency_key: str | None = None
    ) -> TaobaoCartItemInfo:
        return await self._client.request(
            ADD, {"mpId": mp_id, "mpSkuId": mp_sku_id, "quantity": quantity}, idempotency_key=idempotency_key
        )

    async def list(self) -> CartList:
        return await self._client.request(LIST)

    async def delete(self, ids: builtins.list[int]) -> bool:
        return await self._client.request(DELETE, {"ids": ids})

    async def edit_quantity(self, cart_id: int, quantity: int) -> bool:
        return await self._client.request(EDIT, {"id": cart_id, "quantity": quantity})

    async def preview(self, ids: builtins.list[int]) -> RenderResult:
        return await self._client.request(PREVIEW, {"ids": ids})

    async def create_order(
        self, ids: builtins.list[int], *, address: dict[str, Any], idempotency_key: str | None = None
    ) -> CreateResult:
        return await self._client.request(
            CREATE, {"ids": ids, "orderAddress": address}, idempotency_key=idempotency_key
        )
