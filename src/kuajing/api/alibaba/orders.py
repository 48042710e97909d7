"""1688 orders (spec §2.H, H1–H12). Paths from §7.1; the ones the spec does not show are provisional (§7.2)."""

from __future__ import annotations

from typing import Any

from kuajing.api.alibaba.addresses import parse_address
from kuajing.api.alibaba.common import (
    cargo_requests,
    failure_view,
    order_id,
    render_order,
    render_preview,
)
from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.api.errors import ApiError
from kuajing.domain.alibaba_orders import cancellation, fulfilment, payment, quote, service
from kuajing.domain.alibaba_orders.logistics import logistics_status, trace_steps, trace_time
from kuajing.domain.alibaba_orders.model import Address
from kuajing.domain.alibaba_orders.quote import CargoRequest
from kuajing.domain.alibaba_orders.states import OrderStatus
from kuajing.domain.errors import DomainError, NotFoundError
from kuajing.protocol.codes import Code
from kuajing.protocol.wire.alibaba_order_actions import (
    AlibabaLogisticsTrace,
    AlibabaPayOrder,
    BatchPayParams,
    LogisticsStep,
    OrderCancelParams,
    OrderIdQuery,
    ReceiveGoodsParams,
    ReceiveGoodsResult,
)
from kuajing.protocol.wire.alibaba_order_view import (
    AlibabaOrderPage,
    AlibabaOrderView,
    OrderDetailParams,
    OrderPageParams,
)
from kuajing.protocol.wire.alibaba_orders import OrderCreateParams, OrderPreviewParams, OrderPreviewResult
from kuajing.protocol.wire.types import INT64_MAX, is_digits, parse_panda_time

TAG = "1688 orders"
MAX_PAGE_SIZE = 50
NOT_FOUND_UPSTREAM = ("4003", "订单信息不存在,请核对后重试")  # upstream receivegoods example (spec §1.5)


def _web_site(value: str) -> None:
    if value != "1688":
        raise ApiError(Code.INVALID_PARAMETER, 'webSite must be "1688"', field="webSite")


async def preview(call: Call[OrderPreviewParams]) -> OrderPreviewResult:
    """H6 / H2: quote per seller; refusals are reported in the answer, not raised."""
    cargos = cargo_requests(call, call.params.cargo_param_list)
    # a write: the preview records the prices it quoted, and create holds the order to them
    quotes = await call.run(quote.preview, develop_id=call.develop_id, cargos=cargos, now_ms=call.clock.now_ms())
    return render_preview(quotes, call.runtime.id_codec)


async def create(call: Call[OrderCreateParams]) -> AlibabaOrderView:
    """H7: one seller's order (``flow`` required); refusals are envelope errors with no side effect."""
    p = call.params
    if not p.flow:
        raise ApiError(Code.INVALID_PARAMETER, "flow is required", field="flow")
    order = await call.run(
        service.create_order, develop_id=call.develop_id, user_id=call.user_id,
        cargos=cargo_requests(call, p.cargo_param_list), address=parse_address(p.address_param), flow=p.flow,
        message=p.message, trade_type=p.trade_type or "", now_ms=call.clock.now_ms(),
    )  # fmt: skip
    return render_order(call, order, call.clock.now_ms())


async def create_per_seller(
    call: Call[Any], cargos: list[CargoRequest], *, address: Address | None, flow: str, message: str,
    trade_type: str, cart_ids: list[int] | None = None,
) -> list[AlibabaOrderView]:  # fmt: skip
    """One transaction per seller: a seller's refusal becomes its element's ``errorCode`` and the others go on."""
    groups = await call.read(quote.split_by_seller, cargos=cargos)
    out: list[AlibabaOrderView] = []
    for open_id, indexes in groups:
        try:
            order = await call.run(
                service.create_order, develop_id=call.develop_id, user_id=call.user_id,
                cargos=[cargos[i] for i in indexes], address=address, flow=flow, message=message,
                trade_type=trade_type, cart_ids=[cart_ids[i] for i in indexes] if cart_ids else None,
                now_ms=call.clock.now_ms(),
            )  # fmt: skip
        except DomainError as exc:
            out.append(failure_view(open_id, exc.code, exc.message))
        else:
            out.append(render_order(call, order, call.clock.now_ms()))
    return out


async def batch_create(call: Call[OrderCreateParams]) -> list[AlibabaOrderView]:
    """H3: an order per seller, each with its own outcome."""
    p = call.params
    return await create_per_seller(
        call, cargo_requests(call, p.cargo_param_list), address=parse_address(p.address_param), flow=p.flow or "general",
        message=p.message, trade_type=p.trade_type or "",
    )  # fmt: skip


def _pay_answer(outcome: payment.PayOutcome, single: int | None) -> AlibabaPayOrder:
    return AlibabaPayOrder(
        order_id=str(single) if single is not None else None, protocol_pay_success=outcome.protocol_paid,
        pay_url=outcome.pay_url or None, cant_pay_order_list=outcome.cant_pay, order_ids=[str(i) for i in outcome.order_ids],
    )  # fmt: skip


async def pay_url(call: Call[OrderIdQuery]) -> AlibabaPayOrder:
    """H9: the wallet pays at once when protocol pay is on and the balance covers it; otherwise a cashier link."""
    oid = order_id(call.params.order_id)
    outcome = await call.run(
        payment.request_payment, develop_id=call.develop_id, order_ids=[oid],
        cashier_base_url=call.runtime.settings.base_url, now_ms=call.clock.now_ms(), strict=True,
    )  # fmt: skip
    return _pay_answer(outcome, oid)


async def batch_submit_to_pay(call: Call[BatchPayParams]) -> AlibabaPayOrder:
    """H1: the same rule for up to 30 orders at once; one link pays them all."""
    ids = [order_id(v, "orderIds") for v in call.params.order_ids]
    outcome = await call.run(
        payment.request_payment, develop_id=call.develop_id, order_ids=ids,
        cashier_base_url=call.runtime.settings.base_url, now_ms=call.clock.now_ms(),
    )  # fmt: skip
    return _pay_answer(outcome, None)


async def cancel(call: Call[OrderCancelParams]) -> bool:
    """H8: before payment only."""
    p = call.params
    return await call.run(
        cancellation.cancel_order, develop_id=call.develop_id, order_id=order_id(p.order_id), web_site=p.web_site,
        reason=p.cancel_reason, remark=p.remark or "", now_ms=call.clock.now_ms(),
    )  # fmt: skip


async def receive_goods(call: Call[ReceiveGoodsParams]) -> ReceiveGoodsResult:
    """H10: refusals come back in ``data`` (``success`` false, ``errorCode``, ``errorInfo``) as upstream does."""
    p = call.params
    try:
        await call.run(
            fulfilment.confirm_receipt, develop_id=call.develop_id, order_id=order_id(p.order_id),
            entry_ids=[order_id(e, "orderEntryIds") for e in p.order_entry_ids], now_ms=call.clock.now_ms(),
        )  # fmt: skip
    except NotFoundError:
        return ReceiveGoodsResult(success=False, error_code=NOT_FOUND_UPSTREAM[0], error_info=NOT_FOUND_UPSTREAM[1])
    except DomainError as exc:
        return ReceiveGoodsResult(success=False, error_code=str(int(exc.code)), error_info=exc.message)
    return ReceiveGoodsResult(success=True)


async def detail(call: Call[OrderDetailParams]) -> AlibabaOrderView:
    """H12: the buyerView of one order."""
    _web_site(call.params.web_site)
    order = await call.read(service.get_order, develop_id=call.develop_id, order_id=order_id(call.params.order_id))
    return render_order(call, order, call.clock.now_ms())


def _time_ms(value: str | int | None, field: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int):
        return value
    if is_digits(value.strip()):
        if len(value.strip()) > 19 or int(value) > INT64_MAX:
            raise ApiError(Code.INVALID_PARAMETER, "is out of range (at most 19 digits, below 2^63)", field=field)
        return int(value)
    try:
        return int(parse_panda_time(value.strip()).timestamp() * 1000)
    except ValueError:
        raise ApiError(Code.INVALID_PARAMETER, "epoch ms or yyyy-MM-dd HH:mm:ss", field=field) from None


async def page(call: Call[OrderPageParams]) -> AlibabaOrderPage:
    """H5: newest first; filters ``orderStatus`` (a §4.3 status) and the creation time range."""
    p = call.params
    number = p.page or p.page_no or 1
    size = p.page_size or 20
    if number < 1:
        raise ApiError(Code.INVALID_PARAMETER, "must be at least 1", field="page")
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ApiError(Code.INVALID_PARAMETER, f"must be 1–{MAX_PAGE_SIZE}", field="pageSize")
    status = None
    if p.order_status:
        try:
            status = OrderStatus(p.order_status)
        except ValueError:
            raise ApiError(Code.INVALID_PARAMETER, f"unknown status {p.order_status!r}", field="orderStatus") from None
    orders, total = await call.read(
        service.page_orders, develop_id=call.develop_id, status=status,
        start_ms=_time_ms(p.create_start_time, "createStartTime"), end_ms=_time_ms(p.create_end_time, "createEndTime"),
        page=number, page_size=size,
    )  # fmt: skip
    now = call.clock.now_ms()
    return AlibabaOrderPage(
        total_records=total, total_page=(total + size - 1) // size, page_size=size, current_page=number,
        data=[render_order(call, o, now) for o in orders],
    )  # fmt: skip


async def logistics_trace(call: Call[OrderIdQuery]) -> list[AlibabaLogisticsTrace]:
    """H4: the parcel's steps so far on the developer's clock (empty before shipping)."""
    _web_site(call.params.web_site)
    order = await call.read(service.get_order, develop_id=call.develop_id, order_id=order_id(call.params.order_id))
    s = order.shipment
    if s is None:
        return []
    now = call.clock.now_ms()
    steps = [
        LogisticsStep(accept_time=trace_time(t.at_ms), remark=t.remark, status=t.status)
        for t in trace_steps(order, now)
    ]
    return [
        AlibabaLogisticsTrace(
            order_id=str(order.id),
            logistics_id=s.logistics_id,
            logistics_bill_no=s.bill_no,
            logistics_company_no=s.company_no,
            logistics_company_name=s.company_name,
            status=logistics_status(order, now),
            logistics_steps=steps,
        )
    ]


V2_ONLY_PAGE = "/v2/alibaba/order/page"

ENDPOINTS = [
    Endpoint(
        "POST", ("/alibaba/order/create/preview", "/v2/alibaba/order/create/preview"), preview,
        params=OrderPreviewParams, response=OrderPreviewResult, tag=TAG, spec_ref="§2.H H6",
        summary="Preview orders before creating them (split per seller, totals in fen)",
    ),
    Endpoint(
        "POST", ("/alibaba/order/batch/create/preview", "/v2/alibaba/order/batch/create/preview"), preview,
        params=OrderPreviewParams, response=OrderPreviewResult, tag=TAG, spec_ref="§2.H H2",
        provisional=("/alibaba/order/batch/create/preview", "/v2/alibaba/order/batch/create/preview"),
        summary="Preview orders of different sellers in one call",
    ),
    Endpoint(
        "POST", ("/alibaba/order/create", "/v2/alibaba/order/create"), create, params=OrderCreateParams,
        response=AlibabaOrderView, tag=TAG, spec_ref="§2.H H7",
        summary="Create one seller's order (stock reserved; refused with PRICE_CHANGED/OUT_OF_STOCK if the preview no longer holds)",
        idempotent=True,
    ),
    Endpoint(
        "POST", ("/alibaba/order/batch/create", "/v2/alibaba/order/batch/create"), batch_create,
        params=OrderCreateParams, response=list[AlibabaOrderView], tag=TAG, spec_ref="§2.H H3",
        summary="Create orders for several sellers; each element carries its seller's outcome", idempotent=True,
    ),
    Endpoint(
        "GET", ("/alibaba/order/pay/url", "/v2/alibaba/order/pay/url"), pay_url, params=OrderIdQuery,
        params_in="query", response=AlibabaPayOrder, tag=TAG, spec_ref="§2.H H9",
        summary="Pay an order: protocol pay from the wallet, or a link to the cashier page", idempotent=True,
    ),
    Endpoint(
        "POST", ("/alibaba/order/batch/submit/to/pay", "/v2/alibaba/order/batch/submit/to/pay"), batch_submit_to_pay,
        params=BatchPayParams, response=AlibabaPayOrder, tag=TAG, spec_ref="§2.H H1",
        provisional=("/v2/alibaba/order/batch/submit/to/pay",), summary="Submit up to 30 orders for payment",
        idempotent=True,
    ),
    Endpoint(
        "POST", ("/alibaba/order/cancel", "/v2/alibaba/order/cancel"), cancel, params=OrderCancelParams,
        response=bool, tag=TAG, spec_ref="§2.H H8", summary="Cancel an order before payment",
    ),
    Endpoint(
        "POST", ("/alibaba/order/receivegoods", "/v2/alibaba/order/receivegoods"), receive_goods,
        params=ReceiveGoodsParams, response=ReceiveGoodsResult, tag=TAG, spec_ref="§2.H H10",
        provisional=("/v2/alibaba/order/receivegoods",), summary="Confirm receipt of an order or some of its entries",
    ),
    Endpoint(
        "POST", ("/alibaba/order/detail", "/v2/alibaba/order/detail"), detail, params=OrderDetailParams,
        response=AlibabaOrderView, tag=TAG, spec_ref="§2.H H12", provisional=("/v2/alibaba/order/detail",),
        summary="Order detail in the buyerView shape",
    ),
    Endpoint(
        "POST", ("/alibaba/order/page", V2_ONLY_PAGE), page, params=OrderPageParams, response=AlibabaOrderPage,
        tag=TAG, spec_ref="§2.H H5", provisional=("/alibaba/order/page",), summary="Page through orders",
    ),
    Endpoint(
        "GET", ("/alibaba/order/logistics/trace", "/v2/alibaba/order/logistics/trace"), logistics_trace,
        params=OrderIdQuery, params_in="query", response=list[AlibabaLogisticsTrace], tag=TAG, spec_ref="§2.H H4",
        provisional=("/alibaba/order/logistics/trace", "/v2/alibaba/order/logistics/trace"),
        summary="Logistics trace of a shipped order",
    ),
]  # fmt: skip
