"""Taobao purchase orders (spec §2.B, B1–B10). Seen paths are served exactly; the rest are the spec's §7.2
provisional paths, each with its ``/v2/taobao/...`` twin."""

from __future__ import annotations

import hashlib
import html
from typing import Any

from starlette.responses import HTMLResponse, Response

from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.api.taobao import render as r
from kuajing.api.taobao.receivers import parse_receiver
from kuajing.domain.errors import DomainError, DuplicateError, InvalidInputError, NotFoundError
from kuajing.domain.taobao_orders import cancellation, fulfilment, service
from kuajing.domain.taobao_orders.model import PurchaseOrder, purchase_order_pk
from kuajing.domain.taobao_orders.ports import OrderQuery
from kuajing.domain.taobao_orders.states import WIRE_CODE, OrderState
from kuajing.domain.uow import UnitOfWork
from kuajing.protocol.ids import IdKind, InvalidIdError, numeric_id
from kuajing.protocol.wire.taobao_order_actions import (
    ImLink,
    ImPage,
    OrderCancel,
    OrderPage,
    OrderPageResult,
    OrderPay,
    PayResult,
    TaobaoVoucherUpload,
    WarehouseModify,
)
from kuajing.protocol.wire.taobao_orders import (
    CreateResult,
    LogisticsDetail,
    LogisticsQuery,
    OrderCreate,
    OrderRef,
    OrderRender,
    PurchaseOrderInfo,
    RenderResult,
)

TAG = "Taobao orders"


def item_ref_decoder(call: Call[Any]) -> Any:
    """Numeric (v1) item ids pass through; v2 encrypted ``itemId``s are decoded to the numeric id."""
    codec = call.runtime.id_codec

    def decode(ref: str) -> str:
        try:
            return str(codec.decode_loose(IdKind.TAOBAO_ITEM, ref))
        except InvalidIdError:
            raise NotFoundError(f"no Taobao item {ref!r}", field="itemId") from None

    return decode


def id_or_not_found(value: str, field: str) -> int:
    number = numeric_id(value)
    if number is None:
        raise NotFoundError(f"no such {field} {value!r}", field=field)
    return number


async def render_order(call: Call[OrderRender]) -> RenderResult:
    lines = r.parse_lines(call.params.order_line_list, item_ref_decoder(call))
    return r.render_quotes(call, await call.read(service.render, lines=lines))


async def create_order(call: Call[OrderCreate]) -> CreateResult:
    p = call.params
    outer = p.seller_order_number or p.outer_purchase_id
    kwargs: dict[str, Any] = dict(
        develop_id=call.develop_id, user_id=call.user_id, lines=r.parse_lines(p.order_line_list, item_ref_decoder(call)),
        receiver=parse_receiver(p.receiver), outer_purchase_id=outer, order_source=p.order_source,
        budget_fen=p.purchase_amount, now_ms=call.clock.now_ms(),
    )  # fmt: skip
    try:
        result = await call.run(service.create_orders, **kwargs)
    except DuplicateError:
        # A concurrent create with the same sellerOrderNumber won the race: answer with its orders.
        result = await call.run(service.create_orders, **kwargs)
    return CreateResult(success=True, outer_purchase_id=outer, replayed=result.replayed,
                        order_list=[r.render_created(o) for o in result.orders])  # fmt: skip


def _page(uow: UnitOfWork, *, develop_id: str, query: OrderQuery) -> tuple[int, list[PurchaseOrder]]:
    return service.list_orders(uow, develop_id=develop_id, query=query)


async def list_orders(call: Call[OrderPage]) -> OrderPageResult:
    p = call.params
    states: tuple[OrderState, ...] = ()
    if p.status is not None:
        states = tuple(s for s, code in WIRE_CODE.items() if code == p.status)
        if not states:
            raise InvalidInputError(f"unknown status code {p.status}", field="status")
    pks = tuple(purchase_order_pk(id_or_not_found(i, "purchaseIds")) for i in (p.purchase_ids or []))
    query = OrderQuery(
        states=states, outer_purchase_id=p.outer_purchase_id or p.seller_order_number, purchase_pks=pks,
        modified_from_ms=p.modify_time_start, modified_to_ms=p.modify_time_end,
        descending=p.sort_type.upper() != "ASC", page_no=p.page_no, page_size=p.page_size,
    )  # fmt: skip
    total, orders = await call.read(_page, develop_id=call.develop_id, query=query)
    return OrderPageResult(results_total=total, page_no=query.page_no, page_size=query.page_size,
                           purchase_orders=[r.render_order(call, o) for o in orders])  # fmt: skip


async def order_detail(call: Call[OrderRef]) -> PurchaseOrderInfo:
    order = await call.read(service.get_order, develop_id=call.develop_id,
                           purchase_order_id=id_or_not_found(call.params.purchase_order_id, "purchaseOrderId"))  # fmt: skip
    return r.render_order(call, order)


async def pay_orders(call: Call[OrderPay]) -> list[PayResult]:
    """Each order is paid in its own transaction (all-or-nothing per order). If every order fails, the envelope
    carries the first failure's code (a single-order call with too little money answers INSUFFICIENT_BALANCE);
    otherwise it is a success with one result per order."""
    ids = call.params.purchase_order_id_list
    service.check_pay_batch([id_or_not_found(i, "purchaseOrderIdList") for i in ids])
    results: list[PayResult] = []
    first_error: DomainError | None = None
    for raw in ids:
        try:
            order = await call.run(service.pay_order, develop_id=call.develop_id,
                                   purchase_order_id=int(raw), now_ms=call.clock.now_ms())  # fmt: skip
        except DomainError as exc:
            first_error = first_error or exc
            results.append(PayResult(purchase_order_id=raw, success=False, error_code=int(exc.code),
                                     error_message=exc.message))  # fmt: skip
        else:
            results.append(PayResult(purchase_order_id=raw, success=True, pay_amount=order.paid_fen,
                                     pay_currency=order.currency, status=WIRE_CODE[order.state]))  # fmt: skip
    if first_error is not None and not any(x.success for x in results):
        raise first_error
    return results


async def upload_voucher(call: Call[TaobaoVoucherUpload]) -> PurchaseOrderInfo:
    order = await call.run(service.upload_voucher, develop_id=call.develop_id,
                           purchase_order_id=id_or_not_found(call.params.purchase_order_id, "purchaseOrderId"),
                           voucher_url=call.params.voucher_url, now_ms=call.clock.now_ms())  # fmt: skip
    return r.render_order(call, order)


async def cancel_order(call: Call[OrderCancel]) -> PurchaseOrderInfo:
    p = call.params
    reason = " ".join(x for x in (p.cancel_reason, p.cancel_remark) if x) or "买家取消 (buyer cancelled)"
    order = await call.run(cancellation.cancel_order, develop_id=call.develop_id,
                           purchase_order_id=id_or_not_found(p.purchase_order_id, "purchaseOrderId"),
                           sub_purchase_order_ids=[id_or_not_found(i, "subPurchaseOrderIdList") for i in p.sub_purchase_order_id_list],
                           reason=reason, now_ms=call.clock.now_ms())  # fmt: skip
    return r.render_order(call, order)


async def modify_warehouse(call: Call[WarehouseModify]) -> PurchaseOrderInfo:
    order = await call.run(fulfilment.modify_receiver, develop_id=call.develop_id,
                           purchase_order_id=id_or_not_found(call.params.purchase_order_id, "purchaseOrderId"),
                           receiver=parse_receiver(call.params.receiver), now_ms=call.clock.now_ms())  # fmt: skip
    return r.render_order(call, order)


async def im_link(call: Call[ImLink]) -> str:
    """A chat page URL on this platform (upstream: distributor.taobao.global/apps/open/imchat?loginToken=…)."""
    p = call.params
    token = hashlib.sha256(f"{call.develop_id}:{call.user_id}:{p.source_type}:{p.biz_id}".encode()).hexdigest()[:32]
    base = call.runtime.settings.base_url
    return f"{base}/apps/open/imchat?sourceType={p.source_type}&bizId={p.biz_id}&loginToken={token}"


async def im_page(call: Call[ImPage]) -> Response:
    """The page an IM link opens. The embedded sellers do not chat, so it says so instead of pretending."""
    p = call.params
    body = (
        "<!doctype html><html><head><meta charset=utf-8><title>卖家旺旺 · Kuajing sandbox</title></head><body>"
        f"<h1>联系卖家 / Chat with the seller</h1><p>{html.escape(p.source_type)} {html.escape(p.biz_id)}</p>"
        "<p>This is Kuajing's embedded marketplace: its sellers do not answer chats. On PandaPon this link opens the "
        "Taobao distributor IM page.</p></body></html>"
    )
    return HTMLResponse(body)


def _logistics(uow: UnitOfWork, *, develop_id: str, sub_id: int, now_ms: int) -> LogisticsDetail:
    order, sub = service.get_order_by_sub(uow, develop_id=develop_id, sub_purchase_order_id=sub_id)
    return r.render_logistics(order, sub, uow.catalog.get_seller(order.seller_id), now_ms)


async def logistics_detail(call: Call[LogisticsQuery]) -> LogisticsDetail:
    return await call.read(_logistics, develop_id=call.develop_id,
                          sub_id=id_or_not_found(call.params.sub_purchase_order_id, "subPurchaseOrderId"), now_ms=call.clock.now_ms())  # fmt: skip


_P = "§2.B"
ENDPOINTS = [
    Endpoint("GET", ("/apps/open/imchat",), im_page, params=ImPage, params_in="query", signed=False,
             summary="The chat page an IM link (B8) opens", tag="Taobao orders", provisional=("/apps/open/imchat",),
             spec_ref="§2.B B8", media_type="text/html"),
    Endpoint("POST", ("/open/order", "/v2/taobao/order"), create_order, params=OrderCreate, response=CreateResult,
             summary="Create purchase orders (one per seller); sellerOrderNumber makes retries idempotent", tag=TAG,
             provisional=("/v2/taobao/order",), spec_ref=f"{_P} B1", idempotent=True),
    Endpoint("POST", ("/open/order/render", "/v2/taobao/order/render"), render_order, params=OrderRender,
             response=RenderResult, summary="Price the lines before creating (what can and cannot be bought)",
             tag=TAG, provisional=("/v2/taobao/order/render",), spec_ref=f"{_P} B2"),
    Endpoint("GET", ("/open/order/page",), list_orders, params=OrderPage, params_in="query",
             response=OrderPageResult, summary="Page through purchase orders", tag=TAG,
             provisional=("/open/order/page",), spec_ref=f"{_P} B3"),
    Endpoint("POST", ("/open/purchase/page", "/v2/taobao/order/page"), list_orders, params=OrderPage,
             response=OrderPageResult, summary="Page through purchase orders (POST form)", tag=TAG,
             provisional=("/v2/taobao/order/page",), spec_ref=f"{_P} B3"),
    Endpoint("POST", ("/open/order/voucher/upload",), upload_voucher, params=TaobaoVoucherUpload,
             response=PurchaseOrderInfo, summary="Upload a payment voucher for finance review", tag=TAG,
             provisional=("/open/order/voucher/upload",), spec_ref=f"{_P} B4"),
    Endpoint("POST", ("/open/order/cancel", "/v2/taobao/order/cancel"), cancel_order, params=OrderCancel,
             response=PurchaseOrderInfo, summary="Cancel a purchase order or chosen sub-orders (before shipment)",
             tag=TAG, provisional=("/open/order/cancel", "/v2/taobao/order/cancel"), spec_ref=f"{_P} B5"),
    Endpoint("POST", ("/open/order/warehouse/update", "/v2/taobao/order/warehouse/update"), modify_warehouse,
             params=WarehouseModify, response=PurchaseOrderInfo, tag=TAG,
             summary="Change the pre-warehouse (China warehouse) address before shipment",
             provisional=("/open/order/warehouse/update", "/v2/taobao/order/warehouse/update"), spec_ref=f"{_P} B6"),
    Endpoint("POST", ("/open/order/pay", "/v2/taobao/order/pay"), pay_orders, params=OrderPay,
             response=list[PayResult], summary="Pay up to 10 purchase orders from the wallet", tag=TAG,
             provisional=("/open/order/pay", "/v2/taobao/order/pay"), spec_ref=f"{_P} B7", idempotent=True),
    Endpoint("POST", ("/open/order/page/link/get", "/v2/taobao/order/page/link/get"), im_link, params=ImLink,
             response=str, summary="Get the seller chat (IM) link", tag=TAG,
             provisional=("/v2/taobao/order/page/link/get",), spec_ref=f"{_P} B8"),
    Endpoint("GET", ("/open/order/detail", "/v2/taobao/order/detail"), order_detail, params=OrderRef,
             params_in="query", response=PurchaseOrderInfo, summary="A purchase order with its sub-orders", tag=TAG,
             provisional=("/open/order/detail", "/v2/taobao/order/detail"), spec_ref=f"{_P} B9"),
    Endpoint("GET", ("/open/order/logistics/detail/get", "/v2/taobao/order/logistics/detail/get"), logistics_detail,
             params=LogisticsQuery, params_in="query", response=LogisticsDetail, tag=TAG,
             summary="Logistics detail (packages and traces) of a sub-order",
             provisional=("/v2/taobao/order/logistics/detail/get",), spec_ref=f"{_P} B10"),
]  # fmt: skip
