"""1688 orders (H1–H12), the 1688 cart (G1–G6) and the sandbox seller actions, sync and async.

Cargo lines and addresses may be given as the wire models or as plain dicts with the wire names
(``{"offerId": 706627393257, "specId": "…", "quantity": 2}``). Order ids are strings (19 digits).
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from kuajing.client._base import Operation
from kuajing.client.resources import AsyncResource, SyncResource
from kuajing.protocol.wire.alibaba_cart import AlibabaCart
from kuajing.protocol.wire.alibaba_cashier import CashierInfo
from kuajing.protocol.wire.alibaba_order_actions import AlibabaLogisticsTrace, AlibabaPayOrder, ReceiveGoodsResult
from kuajing.protocol.wire.alibaba_order_view import AlibabaOrderPage, AlibabaOrderView
from kuajing.protocol.wire.alibaba_orders import OrderPreviewResult
from kuajing.protocol.wire.alibaba_sandbox import AlibabaSellerBehaviourInfo

PREVIEW: Operation[OrderPreviewResult] = Operation(
    "POST", "/alibaba/order/create/preview", "/v2/alibaba/order/create/preview", OrderPreviewResult, effect="read"
)
BATCH_PREVIEW: Operation[OrderPreviewResult] = Operation(
    "POST",
    "/alibaba/order/batch/create/preview",
    "/v2/alibaba/order/batch/create/preview",
    OrderPreviewResult,
    effect="read",
)
CREATE: Operation[AlibabaOrderView] = Operation(
    "POST", "/alibaba/order/create", "/v2/alibaba/order/create", AlibabaOrderView, effect="keyed"
)
BATCH_CREATE: Operation[list[AlibabaOrderView]] = Operation(
    "POST", "/alibaba/order/batch/create", "/v2/alibaba/order/batch/create", list[AlibabaOrderView], effect="keyed"
)
PAY_URL: Operation[AlibabaPayOrder] = Operation(
    "GET", "/alibaba/order/pay/url", "/v2/alibaba/order/pay/url", AlibabaPayOrder, effect="keyed"
)
BATCH_PAY: Operation[AlibabaPayOrder] = Operation(
    "POST",
    "/alibaba/order/batch/submit/to/pay",
    "/v2/alibaba/order/batch/submit/to/pay",
    AlibabaPayOrder,
    effect="keyed",
)
CANCEL: Operation[bool] = Operation("POST", "/alibaba/order/cancel", "/v2/alibaba/order/cancel", bool)
RECEIVE: Operation[ReceiveGoodsResult] = Operation(
    "POST", "/alibaba/order/receivegoods", "/v2/alibaba/order/receivegoods", ReceiveGoodsResult
)
DETAIL: Operation[AlibabaOrderView] = Operation(
    "POST", "/alibaba/order/detail", "/v2/alibaba/order/detail", AlibabaOrderView, effect="read"
)
PAGE: Operation[AlibabaOrderPage] = Operation(
    "POST", "/alibaba/order/page", "/v2/alibaba/order/page", AlibabaOrderPage, effect="read"
)
TRACE: Operation[list[AlibabaLogisticsTrace]] = Operation(
    "GET", "/alibaba/order/logistics/trace", "/v2/alibaba/order/logistics/trace", list[AlibabaLogisticsTrace]
)
CASHIER: Operation[CashierInfo] = Operation("GET", "/cashier/1688/{token}", None, CashierInfo, signed=False)
CASHIER_PAY: Operation[CashierInfo] = Operation("POST", "/cashier/1688/{token}", None, CashierInfo, signed=False)
SB_SHIP: Operation[AlibabaOrderView] = Operation("POST", "/sandbox/1688/order/ship", None, AlibabaOrderView)
SB_CLOSE: Operation[AlibabaOrderView] = Operation("POST", "/sandbox/1688/order/close", None, AlibabaOrderView)
SB_PRICE: Operation[AlibabaOrderView] = Operation("POST", "/sandbox/1688/order/modify-price", None, AlibabaOrderView)
SB_BEHAVIOUR: Operation[AlibabaSellerBehaviourInfo] = Operation(
    "POST", "/sandbox/1688/seller/behaviour", None, AlibabaSellerBehaviourInfo
)
SB_PROTOCOL_PAY: Operation[bool] = Operation("POST", "/sandbox/1688/protocol-pay", None, bool)

CART_LIST: Operation[AlibabaCart] = Operation("GET", "/alibaba/cart/list", "/v2/alibaba/cart/list", AlibabaCart)
CART_ADD: Operation[int] = Operation("POST", "/alibaba/cart/add", "/v2/alibaba/cart/add", int, effect="keyed")
CART_DELETE: Operation[bool] = Operation("POST", "/alibaba/cart/delete", "/v2/alibaba/cart/delete", bool)
CART_EDIT: Operation[bool] = Operation("POST", "/alibaba/cart/edit-quantity", "/v2/alibaba/cart/edit-quantity", bool)
CART_PREVIEW: Operation[OrderPreviewResult] = Operation(
    "POST", "/alibaba/cart/create/preview", "/v2/alibaba/cart/create/preview", OrderPreviewResult, effect="read"
)
CART_CREATE: Operation[list[AlibabaOrderView]] = Operation(
    "POST", "/alibaba/cart/create/order", "/v2/alibaba/cart/create/order", list[AlibabaOrderView], effect="keyed"
)

Wire = BaseModel | dict[str, Any]
Body = dict[str, Any]


def _w(value: Wire | None) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    return value


def _preview(cargo: Sequence[Wire], address: Wire | None) -> Body:
    return {
        "cargoParamList": [_w(c) for c in cargo],
        "addressParam": _w(address),
    }


def _create(cargo: Sequence[Wire], address: Wire, flow: str | None, message: str | None,
            trade_type: str | None) -> Body:  # fmt: skip
    return {
        "flow": flow, "message": message, "tradeType": trade_type, "addressParam": _w(address),
        "cargoParamList": [_w(c) for c in cargo],
    }  # fmt: skip


def _token(pay_url: str) -> dict[str, str]:
    """The one-time token of a ``payUrl`` (or the token itself)."""
    return {"token": pay_url.rstrip("/").rsplit("/", 1)[-1]}


def _cancel(order_id: str, reason: str, remark: str | None) -> Body:
    return {"webSite": "1688", "orderId": str(order_id), "cancelReason": reason, "remark": remark}


def _receive(order_id: str, entry_ids: Sequence[str | int] | None) -> Body:
    return {"orderId": str(order_id), "orderEntryIds": [str(e) for e in entry_ids or []]}


def _page(page: int, page_size: int, status: str | None, start: str | int | None, end: str | int | None) -> Body:
    return {"page": page, "pageSize": page_size, "orderStatus": status, "createStartTime": start,
                  "createEndTime": end}  # fmt: skip


def _ship(order_id: str, company_no: str | None, bill_no: str | None) -> Body:
    return {"orderId": str(order_id), "logisticsCompanyNo": company_no, "logisticsBillNo": bill_no}


def _price(order_id: str, product_amount: int | None, shipping_fee: int | None) -> Body:
    return {"orderId": str(order_id), "productAmount": product_amount, "shippingFee": shipping_fee}


def _cart_add(offer_id: int | None, offer_map_id: str | None, spec_id: str | None, quantity: int) -> Body:
    return {"offerId": offer_id, "offerMapId": offer_map_id, "specId": spec_id, "quantity": quantity}


def _cart_create(cart_ids: Sequence[int], address: Wire, flow: str, message: str | None) -> Body:
    return {"cartIds": list(cart_ids), "addressParam": _w(address), "flow": flow, "message": message}


class AlibabaOrders(SyncResource):
    def preview(self, cargo: Sequence[Wire], address: Wire | None = None) -> OrderPreviewResult:
        return self._client.request(PREVIEW, _preview(cargo, address))

    def batch_preview(self, cargo: Sequence[Wire], address: Wire | None = None) -> OrderPreviewResult:
        return self._client.request(BATCH_PREVIEW, _preview(cargo, address))

    def create(self, cargo: Sequence[Wire], address: Wire, *, flow: str = "general", message: str | None = None,
               trade_type: str | None = None, idempotency_key: str | None = None) -> AlibabaOrderView:  # fmt: skip
        return self._client.request(
            CREATE, _create(cargo, address, flow, message, trade_type), idempotency_key=idempotency_key
        )

    def batch_create(self, cargo: Sequence[Wire], address: Wire, *, flow: str | None = None,
                     message: str | None = None, trade_type: str | None = None,
                     idempotency_key: str | None = None) -> builtins.list[AlibabaOrderView]:  # fmt: skip
        return self._client.request(
            BATCH_CREATE, _create(cargo, address, flow, message, trade_type), idempotency_key=idempotency_key
        )

    def pay_url(self, order_id: str, *, idempotency_key: str | None = None) -> AlibabaPayOrder:
        return self._client.request(PAY_URL, {"orderId": str(order_id)}, idempotency_key=idempotency_key)

    def batch_submit_to_pay(self, order_ids: Sequence[str], *, idempotency_key: str | None = None) -> AlibabaPayOrder:
        return self._client.request(
            BATCH_PAY, {"orderIds": [str(i) for i in order_ids]}, idempotency_key=idempotency_key
        )

    def cancel(self, order_id: str, reason: str, *, remark: str | None = None) -> bool:
        return self._client.request(CANCEL, _cancel(order_id, reason, remark))

    def receive_goods(self, order_id: str, order_entry_ids: Sequence[str | int] | None = None) -> ReceiveGoodsResult:
        return self._client.request(RECEIVE, _receive(order_id, order_entry_ids))

    def detail(self, order_id: str) -> AlibabaOrderView:
        return self._client.request(DETAIL, {"webSite": "1688", "orderId": str(order_id)})

    def page(self, *, page: int = 1, page_size: int = 20, order_status: str | None = None,
             create_start_time: str | int | None = None, create_end_time: str | int | None = None) -> AlibabaOrderPage:  # fmt: skip
        return self._client.request(PAGE, _page(page, page_size, order_status, create_start_time, create_end_time))

    def logistics_trace(self, order_id: str) -> list[AlibabaLogisticsTrace]:
        return self._client.request(TRACE, {"orderId": str(order_id)})

    def cashier(self, pay_url: str) -> CashierInfo:
        """What the cashier page of a ``payUrl`` shows (its orders and total)."""
        return self._client.request(CASHIER, path_params=_token(pay_url))

    def cashier_pay(self, pay_url: str) -> CashierInfo:
        """Press the cashier page's pay button: pays the link's orders from the wallet (once)."""
        return self._client.request(CASHIER_PAY, path_params=_token(pay_url))

    # sandbox (sandbox mode only)
    def sandbox_ship(self, order_id: str, *, company_no: str | None = None,
                     bill_no: str | None = None) -> AlibabaOrderView:  # fmt: skip
        return self._client.request(SB_SHIP, _ship(order_id, company_no, bill_no))

    def sandbox_close(self, order_id: str, *, reason: str = "") -> AlibabaOrderView:
        return self._client.request(SB_CLOSE, {"orderId": str(order_id), "reason": reason})

    def sandbox_modify_price(self, order_id: str, *, product_amount: int | None = None,
                             shipping_fee: int | None = None) -> AlibabaOrderView:  # fmt: skip
        return self._client.request(SB_PRICE, _price(order_id, product_amount, shipping_fee))

    def sandbox_seller_behaviour(self, seller_open_id: str, behaviour: dict[str, Any]) -> AlibabaSellerBehaviourInfo:
        return self._client.request(SB_BEHAVIOUR, {"sellerOpenId": seller_open_id, "behaviour": behaviour})

    def sandbox_protocol_pay(self, enabled: bool) -> bool:
        return self._client.request(SB_PROTOCOL_PAY, {"enabled": enabled})


class AsyncAlibabaOrders(AsyncResource):
    async def preview(self, cargo: Sequence[Wire], address: Wire | None = None) -> OrderPreviewResult:
        return await self._client.request(PREVIEW, _preview(cargo, address))

    async def batch_preview(self, cargo: Sequence[Wire], address: Wire | None = None) -> OrderPreviewResult:
        return await self._client.request(BATCH_PREVIEW, _preview(cargo, address))

    async def create(self, cargo: Sequence[Wire], address: Wire, *, flow: str = "general",
                     message: str | None = None, trade_type: str | None = None,
                     idempotency_key: str | None = None) -> AlibabaOrderView:  # fmt: skip
        return await self._client.request(
            CREATE, _create(cargo, address, flow, message, trade_type), idempotency_key=idempotency_key
        )

    async def batch_create(self, cargo: Sequence[Wire], address: Wire, *, flow: str | None = None,
                           message: str | None = None, trade_type: str | None = None,
                           idempotency_key: str | None = None) -> builtins.list[AlibabaOrderView]:  # fmt: skip
        return await self._client.request(
            BATCH_CREATE, _create(cargo, address, flow, message, trade_type), idempotency_key=idempotency_key
        )

    async def pay_url(self, order_id: str, *, idempotency_key: str | None = None) -> AlibabaPayOrder:
        return await self._client.request(PAY_URL, {"orderId": str(order_id)}, idempotency_key=idempotency_key)

    async def batch_submit_to_pay(
        self, order_ids: Sequence[str], *, idempotency_key: str | None = None
    ) -> AlibabaPayOrder:
        return await self._client.request(
            BATCH_PAY, {"orderIds": [str(i) for i in order_ids]}, idempotency_key=idempotency_key
        )

    async def cancel(self, order_id: str, reason: str, *, remark: str | None = None) -> bool:
        return await self._client.request(CANCEL, _cancel(order_id, reason, remark))

    async def receive_goods(self, order_id: str,
                            order_entry_ids: Sequence[str | int] | None = None) -> ReceiveGoodsResult:  # fmt: skip
        return await self._client.request(RECEIVE, _receive(order_id, order_entry_ids))

    async def detail(self, order_id: str) -> AlibabaOrderView:
        return await self._client.request(DETAIL, {"webSite": "1688", "orderId": str(order_id)})

    async def page(self, *, page: int = 1, page_size: int = 20, order_status: str | None = None,
                   create_start_time: str | int | None = None,
                   create_end_time: str | int | None = None) -> AlibabaOrderPage:  # fmt: skip
        return await self._client.request(
            PAGE, _page(page, page_size, order_status, create_start_time, create_end_time)
        )

    async def logistics_trace(self, order_id: str) -> list[AlibabaLogisticsTrace]:
        return await self._client.request(TRACE, {"orderId": str(order_id)})

    async def cashier(self, pay_url: str) -> CashierInfo:
        return await self._client.request(CASHIER, path_params=_token(pay_url))

    async def cashier_pay(self, pay_url: str) -> CashierInfo:
        return await self._client.request(CASHIER_PAY, path_params=_token(pay_url))

    async def sandbox_ship(self, order_id: str, *, company_no: str | None = None,
                           bill_no: str | None = None) -> AlibabaOrderView:  # fmt: skip
        return await self._client.request(SB_SHIP, _ship(order_id, company_no, bill_no))

    async def sandbox_close(self, order_id: str, *, reason: str = "") -> AlibabaOrderView:
        return await self._client.request(SB_CLOSE, {"orderId": str(order_id), "reason": reason})

    async def sandbox_modify_price(self, order_id: str, *, product_amount: int | None = None,
                                   shipping_fee: int | None = None) -> AlibabaOrderView:  # fmt: skip
        return await self._client.request(SB_PRICE, _price(order_id, product_amount, shipping_fee))

    async def sandbox_seller_behaviour(
        self, seller_open_id: str, behaviour: dict[str, Any]
    ) -> AlibabaSellerBehaviourInfo:
        return await self._client.request(SB_BEHAVIOUR, {"sellerOpenId": seller_open_id, "behaviour": behaviour})

    async def sandbox_protocol_pay(self, enabled: bool) -> bool:
        return await self._client.request(SB_PROTOCOL_PAY, {"enabled": enabled})


class AlibabaCartResource(SyncResource):
    def list(self) -> AlibabaCart:
        return self._client.request(CART_LIST)

    def add(self, *, quantity: int, offer_id: int | None = None, offer_map_id: str | None = None,
            spec_id: str | None = None, idempotency_key: str | None = None) -> int:  # fmt: skip
        return self._client.request(
            CART_ADD, _cart_add(offer_id, offer_map_id, spec_id, quantity), idempotency_key=idempotency_key
        )

    def delete(self, ids: Sequence[int]) -> bool:
        return self._client.request(CART_DELETE, {"ids": list(ids)})

    def edit_quantity(self, cart_id: int, quantity: int) -> bool:
        return self._client.request(CART_EDIT, {"id": cart_id, "quantity": quantity})

    def preview(self, cart_ids: Sequence[int], address: Wire | None = None) -> OrderPreviewResult:
        return self._client.request(CART_PREVIEW, {"cartIds": list(cart_ids), "addressParam": _w(address)})

    def create_order(self, cart_ids: Sequence[int], address: Wire, *, flow: str = "general",
                     message: str | None = None,
                     idempotency_key: str | None = None) -> builtins.list[AlibabaOrderView]:  # fmt: skip
        return self._client.request(
            CART_CREATE, _cart_create(cart_ids, address, flow, message), idempotency_key=idempotency_key
        )


class AsyncAlibabaCartResource(AsyncResource):
    async def list(self) -> AlibabaCart:
        return await self._client.request(CART_LIST)

    async def add(self, *, quantity: int, offer_id: int | None = None, offer_map_id: str | None = None,
                  spec_id: str | None = None, idempotency_key: str | None = None) -> int:  # fmt: skip
        return await self._client.request(
            CART_ADD, _cart_add(offer_id, offer_map_id, spec_id, quantity), idempotency_key=idempotency_key
        )

    async def delete(self, ids: Sequence[int]) -> bool:
        return await self._client.request(CART_DELETE, {"ids": list(ids)})

    async def edit_quantity(self, cart_id: int, quantity: int) -> bool:
        return await self._client.request(CART_EDIT, {"id": cart_id, "quantity": quantity})

    async def preview(self, cart_ids: Sequence[int], address: Wire | None = None) -> OrderPreviewResult:
        return await self._client.request(CART_PREVIEW, {"cartIds": list(cart_ids), "addressParam": _w(address)})

    async def create_order(self, cart_ids: Sequence[int], address: Wire, *, flow: str = "general",
                           message: str | None = None,
                           idempotency_key: str | None = None) -> builtins.list[AlibabaOrderView]:  # fmt: skip
        return await self._client.request(
            CART_CREATE, _cart_create(cart_ids, address, flow, message), idempotency_key=idempotency_key
        )
