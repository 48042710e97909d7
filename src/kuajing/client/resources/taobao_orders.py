"""Taobao purchase orders (B1–B10) and the sandbox seller actions that drive them."""

from __future__ import annotations

import builtins
import json
from typing import Any

from kuajing.client._base import Operation
from kuajing.client.resources import AsyncResource, SyncResource
from kuajing.protocol.wire.taobao_order_actions import OrderPageResult, PayResult
from kuajing.protocol.wire.taobao_orders import CreateResult, LogisticsDetail, PurchaseOrderInfo, RenderResult
from kuajing.protocol.wire.taobao_sandbox import TaobaoSellerBehaviourInfo

CREATE: Operation[CreateResult] = Operation("POST", "/open/order", "/v2/taobao/order", CreateResult, effect="keyed")
RENDER: Operation[RenderResult] = Operation(
    "POST", "/open/order/render", "/v2/taobao/order/render", RenderResult, effect="read"
)
PAGE: Operation[OrderPageResult] = Operation(
    "POST", "/open/purchase/page", "/v2/taobao/order/page", OrderPageResult, effect="read"
)
PAGE_QUERY: Operation[OrderPageResult] = Operation("GET", "/open/order/page", None, OrderPageResult)  # v1 GET form
DETAIL: Operation[PurchaseOrderInfo] = Operation("GET", "/open/order/detail", "/v2/taobao/order/detail",
                                                 PurchaseOrderInfo)  # fmt: skip
PAY: Operation[list[PayResult]] = Operation(
    "POST", "/open/order/pay", "/v2/taobao/order/pay", list[PayResult], effect="keyed"
)
VOUCHER: Operation[PurchaseOrderInfo] = Operation("POST", "/open/order/voucher/upload", None, PurchaseOrderInfo)
CANCEL: Operation[PurchaseOrderInfo] = Operation("POST", "/open/order/cancel", "/v2/taobao/order/cancel",
                                                 PurchaseOrderInfo)  # fmt: skip
WAREHOUSE: Operation[PurchaseOrderInfo] = Operation("POST", "/open/order/warehouse/update",
                                                    "/v2/taobao/order/warehouse/update", PurchaseOrderInfo)  # fmt: skip
IM_LINK: Operation[str] = Operation(
    "POST", "/open/order/page/link/get", "/v2/taobao/order/page/link/get", str, effect="read"
)
LOGISTICS: Operation[LogisticsDetail] = Operation("GET", "/open/order/logistics/detail/get",
                                                  "/v2/taobao/order/logistics/detail/get", LogisticsDetail)  # fmt: skip
SB_SHIP: Operation[PurchaseOrderInfo] = Operation("POST", "/sandbox/taobao/order/ship", None, PurchaseOrderInfo)
SB_PRICE: Operation[PurchaseOrderInfo] = Operation("POST", "/sandbox/taobao/order/price/modify", None,
                                                   PurchaseOrderInfo)  # fmt: skip
SB_CLOSE: Operation[PurchaseOrderInfo] = Operation("POST", "/sandbox/taobao/order/close", None, PurchaseOrderInfo)
SB_APPROVE: Operation[PurchaseOrderInfo] = Operation("POST", "/sandbox/taobao/order/voucher/approve", None,
                                                     PurchaseOrderInfo)  # fmt: skip
SB_REJECT: Operation[PurchaseOrderInfo] = Operation("POST", "/sandbox/taobao/order/voucher/reject", None,
                                                    PurchaseOrderInfo)  # fmt: skip
SB_CONFIRM: Operation[PurchaseOrderInfo] = Operation("POST", "/sandbox/taobao/order/confirm", None, PurchaseOrderInfo)
SB_BEHAVIOUR: Operation[TaobaoSellerBehaviourInfo] = Operation("POST", "/sandbox/taobao/seller/behaviour", None,
                                                         TaobaoSellerBehaviourInfo)  # fmt: skip


def _j(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _create_body(lines: list[dict[str, Any]], receiver: dict[str, Any], seller_order_number: str | None,
                 order_source: str, purchase_amount: int | None) -> dict[str, Any]:  # fmt: skip
    return {"orderLineList": _j(lines), "receiver": _j(receiver), "sellerOrderNumber": seller_order_number,
            "orderSource": order_source, "purchaseAmount": purchase_amount}  # fmt: skip


class TaobaoOrders(SyncResource):
    def render(self, *, lines: builtins.list[dict[str, Any]], receiver: dict[str, Any] | None = None) -> RenderResult:
        return self._client.request(
            RENDER, {"orderLineList": _j(lines), "receiver": _j(receiver) if receiver else None}
        )

    def create(self, *, lines: builtins.list[dict[str, Any]], receiver: dict[str, Any], seller_order_number: str | None = None,
               order_source: str = "", purchase_amount: int | None = None,
               idempotency_key: str | None = None) -> CreateResult:  # fmt: skip
        body = _create_body(lines, receiver, seller_order_number, order_source, purchase_amount)
        return self._client.request(CREATE, body, idempotency_key=idempotency_key)

    def list(self, **filters: Any) -> OrderPageResult:
        """Filters: status, sortType, pageNo, pageSize, modifyTimeStart, modifyTimeEnd, outerPurchaseId, purchaseIds."""
        return self._client.request(PAGE, filters)

    def page(self, **filters: Any) -> OrderPageResult:
        """The v1 GET form of :meth:`list` (filters as query parameters)."""
        return self._client.request(PAGE_QUERY, filters)

    def detail(self, purchase_order_id: str) -> PurchaseOrderInfo:
        return self._client.request(DETAIL, {"purchaseOrderId": purchase_order_id})

    def pay(
        self, purchase_order_ids: builtins.list[str], *, idempotency_key: str | None = None
    ) -> builtins.list[PayResult]:
        return self._client.request(PAY, {"purchaseOrderIdList": purchase_order_ids}, idempotency_key=idempotency_key)

    def upload_voucher(self, purchase_order_id: str, *, voucher_url: str) -> PurchaseOrderInfo:
        return self._client.request(VOUCHER, {"purchaseOrderId": purchase_order_id, "voucherUrl": voucher_url})

    def cancel(self, purchase_order_id: str, *, sub_purchase_order_ids: builtins.list[str] | None = None,
               reason: str = "") -> PurchaseOrderInfo:  # fmt: skip
        return self._client.request(CANCEL, {"purchaseOrderId": purchase_order_id, "cancelReason": reason,
                                             "subPurchaseOrderIdList": sub_purchase_order_ids or []})  # fmt: skip

    def modify_warehouse(self, purchase_order_id: str, *, receiver: dict[str, Any]) -> PurchaseOrderInfo:
        return self._client.request(WAREHOUSE, {"purchaseOrderId": purchase_order_id, "receiver": _j(receiver)})

    def im_link(self, *, source_type: str, biz_id: str) -> str:
        return self._client.request(IM_LINK, {"sourceType": source_type, "bizId": biz_id})

    def logistics(self, sub_purchase_order_id: str) -> LogisticsDetail:
        return self._client.request(LOGISTICS, {"subPurchaseOrderId": sub_purchase_order_id})


class AsyncTaobaoOrders(AsyncResource):
    async def render(
        self, *, lines: builtins.list[dict[str, Any]], receiver: dict[str, Any] | None = None
    ) -> RenderResult:
        body = {"orderLineList": _j(lines), "receiver": _j(receiver) if receiver else None}
        return await self._client.request(RENDER, body)

    async def create(self, *, lines: builtins.list[dict[str, Any]], receiver: dict[str, Any],
                     seller_order_number: str | None = None, order_source: str = "",
                     purchase_amount: int | None = None,
                     idempotency_key: str | None = None) -> CreateResult:  # fmt: skip
        body = _create_body(lines, receiver, seller_order_number, order_source, purchase_amount)
        return await self._client.request(CREATE, body, idempotency_key=idempotency_key)

    async def list(self, **filters: Any) -> OrderPageResult:
        return await self._client.request(PAGE, filters)

    async def page(self, **filters: Any) -> OrderPageResult:
        return await self._client.request(PAGE_QUERY, filters)

    async def detail(self, purchase_order_id: str) -> PurchaseOrderInfo:
        return await self._client.request(DETAIL, {"purchaseOrderId": purchase_order_id})

    async def pay(
        self, purchase_order_ids: builtins.list[str], *, idempotency_key: str | None = None
    ) -> builtins.list[PayResult]:
        return await self._client.request(
            PAY, {"purchaseOrderIdList": purchase_order_ids}, idempotency_key=idempotency_key
        )

    async def upload_voucher(self, purchase_order_id: str, *, voucher_url: str) -> PurchaseOrderInfo:
        return await self._client.request(VOUCHER, {"purchaseOrderId": purchase_order_id, "voucherUrl": voucher_url})

    async def cancel(self, purchase_order_id: str, *, sub_purchase_order_ids: builtins.list[str] | None = None,
                     reason: str = "") -> PurchaseOrderInfo:  # fmt: skip
        return await self._client.request(CANCEL, {"purchaseOrderId": purchase_order_id, "cancelReason": reason,
                                                   "subPurchaseOrderIdList": sub_purchase_order_ids or []})  # fmt: skip

    async def modify_warehouse(self, purchase_order_id: str, *, receiver: dict[str, Any]) -> PurchaseOrderInfo:
        return await self._client.request(WAREHOUSE, {"purchaseOrderId": purchase_order_id, "receiver": _j(receiver)})

    async def im_link(self, *, source_type: str, biz_id: str) -> str:
        return await self._client.request(IM_LINK, {"sourceType": source_type, "bizId": biz_id})

    async def logistics(self, sub_purchase_order_id: str) -> LogisticsDetail:
        return await self._client.request(LOGISTICS, {"subPurchaseOrderId": sub_purchase_order_id})


class TaobaoSandbox(SyncResource):
    """Sandbox-only: force what the embedded sellers and finance would do on the clock."""

    def ship(
        self, purchase_order_id: str, *, sub_purchase_order_ids: builtins.list[str] | None = None
    ) -> PurchaseOrderInfo:
        return self._client.request(SB_SHIP, {"purchaseOrderId": purchase_order_id,
                                              "subPurchaseOrderIdList": sub_purchase_order_ids or []})  # fmt: skip

    def modify_price(self, purchase_order_id: str, *, sub_purchase_order_id: str, price: int) -> PurchaseOrderInfo:
        return self._client.request(SB_PRICE, {"purchaseOrderId": purchase_order_id,
                                               "subPurchaseOrderId": sub_purchase_order_id, "price": price})  # fmt: skip

    def close(self, purchase_order_id: str, *, reason: str = "卖家关闭") -> PurchaseOrderInfo:
        return self._client.request(SB_CLOSE, {"purchaseOrderId": purchase_order_id, "reason": reason})

    def approve_voucher(self, purchase_order_id: str, *, remark: str = "") -> PurchaseOrderInfo:
        return self._client.request(SB_APPROVE, {"purchaseOrderId": purchase_order_id, "remark": remark})

    def reject_voucher(self, purchase_order_id: str, *, remark: str = "") -> PurchaseOrderInfo:
        return self._client.request(SB_REJECT, {"purchaseOrderId": purchase_order_id, "remark": remark})

    def confirm(self, purchase_order_id: str) -> PurchaseOrderInfo:
        return self._client.request(SB_CONFIRM, {"purchaseOrderId": purchase_order_id})

    def seller_behaviour(self, *, shop_id: int, behaviour: dict[str, Any]) -> TaobaoSellerBehaviourInfo:
        return self._client.request(SB_BEHAVIOUR, {"shopId": shop_id, "behaviour": behaviour})


class AsyncTaobaoSandbox(AsyncResource):
    async def ship(
        self, purchase_order_id: str, *, sub_purchase_order_ids: builtins.list[str] | None = None
    ) -> PurchaseOrderInfo:
        return await self._client.request(SB_SHIP, {"purchaseOrderId": purchase_order_id,
                                                    "subPurchaseOrderIdList": sub_purchase_order_ids or []})  # fmt: skip

    async def modify_price(
        self, purchase_order_id: str, *, sub_purchase_order_id: str, price: int
    ) -> PurchaseOrderInfo:
        return await self._client.request(SB_PRICE, {"purchaseOrderId": purchase_order_id,
                                                     "subPurchaseOrderId": sub_purchase_order_id, "price": price})  # fmt: skip

    async def close(self, purchase_order_id: str, *, reason: str = "卖家关闭") -> PurchaseOrderInfo:
        return await self._client.request(SB_CLOSE, {"purchaseOrderId": purchase_order_id, "reason": reason})

    async def approve_voucher(self, purchase_order_id: str, *, remark: str = "") -> PurchaseOrderInfo:
        return await self._client.request(SB_APPROVE, {"purchaseOrderId": purchase_order_id, "remark": remark})

    async def reject_voucher(self, purchase_order_id: str, *, remark: str = "") -> PurchaseOrderInfo:
        return await self._client.request(SB_REJECT, {"purchaseOrderId": purchase_order_id, "remark": remark})

    async def confirm(self, purchase_order_id: str) -> PurchaseOrderInfo:
        return await self._client.request(SB_CONFIRM, {"purchaseOrderId": purchase_order_id})

    async def seller_behaviour(self, *, shop_id: int, behaviour: dict[str, Any]) -> TaobaoSellerBehaviourInfo:
        return await self._client.request(SB_BEHAVIOUR, {"shopId": shop_id, "behaviour": behaviour})


#: The page an IM link opens (HTML, unsigned): follow the URL :meth:`TaobaoOrders.im_link` returns with any HTTP client.
#: Listed so the SDK's operation table covers every public route.
IM_PAGE: Operation[str] = Operation("GET", "/apps/open/imchat", None, str, signed=False)
