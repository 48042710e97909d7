"""Taobao after-sales: reverse orders D1–D10 (spec §2.D). Handlers are thin: one domain call in one unit of work on
the developer's clock, then the ``refundOrderAggregate`` rendering (written once, below)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.api.images import render_picture_url
from kuajing.domain.aftersales import logistics, service, taobao
from kuajing.domain.aftersales.model import Refund, refund_pk
from kuajing.domain.aftersales.ports import RefundNote, RefundQuery
from kuajing.domain.aftersales.service import RefundView
from kuajing.domain.aftersales.states import STATE_OF_TAOBAO_CODE, TAOBAO_CODE, RefundState
from kuajing.domain.catalog.model import SkuProperty
from kuajing.domain.errors import InvalidInputError
from kuajing.domain.line_refunds import Platform
from kuajing.domain.uow import UnitOfWork
from kuajing.protocol.wire.taobao_aftersales import (
    CancelRefundOrderVO,
    LineProperty,
    LogisticsCompany,
    PurchaseOrderLine,
    ReceiverAddress,
    RefundDetail,
    RefundListQuery,
    RefundLogistics,
    RefundMessage,
    RefundMessageSubmit,
    RefundModify,
    RefundOrder,
    RefundOrderAggregate,
    RefundPage,
    RefundRef,
    RefundSubmit,
    ReturnCarrier,
    ReturnLogisticsRenderVO,
    ReturnLogisticsSubmit,
)
from kuajing.protocol.wire.taobao_refund_render import (
    MaxRefundFee,
    RefundOrderTemplate,
    RefundReason,
    RefundRender,
    RefundRenderVO,
    TemplateRefundOrder,
)
from kuajing.protocol.wire.types import panda_time_from_ms

if TYPE_CHECKING:
    from kuajing.runtime import Runtime

TAG = "Taobao after-sales"
_P = "§2.D"
TB = Platform.TAOBAO
LINES = taobao.LINES


# -- rendering ------------------------------------------------------------------------------------------------------
def _fee_tips(max_fen: int) -> str:
    return f"最多可退 ¥{max_fen // 100}.{max_fen % 100:02d}"


def refund_order(refund: Refund, now_ms: int, max_fen: int) -> RefundOrder:
    due = refund.timeout_at_ms
    return RefundOrder(
        goods_status=int(refund.goods_status), refund_desc=refund.description,
        refund_status=str(TAOBAO_CODE[refund.state]),
        refund_type=2 if refund.needs_return else 1, timeout_date=panda_time_from_ms(due) if due else "",
        fee_tips=_fee_tips(max_fen), timeout_type=refund.timeout_type.value if refund.timeout_type else "",
        refund_id=refund.refund_id,
        pay_order_id=f"RP{refund.refund_id}" if refund.state is RefundState.SUCCEEDED else "",
        reason_id=refund.reason_id, can_edit_fee=refund.state is RefundState.REFUSED,
        seller_refuse_reason_describe=refund.seller_refuse_desc,
        remaining_time=str(max(due - now_ms, 0)) if due else "", reason_desc=refund.reason_desc,
        seller_refuse_reason=refund.seller_refuse_reason, refund_fee=refund.goods_fen,
    )  # fmt: skip


def line_property(p: SkuProperty) -> LineProperty:
    return LineProperty(value_id=p.value_id, value_name=p.value_names.get("zh", ""), prop_id=p.prop_id,
                        prop_name=p.prop_names.get("zh", ""))  # fmt: skip


def purchase_order_line(v: RefundView, runtime: Runtime) -> PurchaseOrderLine:
    f = v.line
    props = [line_property(p) for p in f.sku_properties]
    return PurchaseOrderLine(
        sales_order_id=f.sales_order_id, supplier_id=str(f.seller_id), quantity=f.quantity, total_price=f.paid_fen,
        item_title=f.title, post_fee=f.post_fee_fen, product_fee=f.unit_fen * f.quantity, sales_market=f.sales_market,
        purchase_order_line_id=f.line_id, create_time=f.created_at_ms, purchase_order_id=f.order_id, price=f.unit_fen,
        supplier_nick=f.supplier_nick, currency=f.currency, properties=props[0] if props else LineProperty(),
        item_image_url=render_picture_url(runtime, f.image), sku_properties=props,
    )  # fmt: skip


def refund_logistics(v: RefundView) -> RefundLogistics:
    r = v.refund
    agreed = r.needs_return and r.state in (RefundState.AWAITING_RETURN, RefundState.RETURN_SHIPPED,
                                            RefundState.SUCCEEDED) or bool(r.return_no)  # fmt: skip
    address = ReceiverAddress()
    if agreed:
        known = logistics.return_address(v.shop_name)
        address = ReceiverAddress(receiver=known.receiver, phone=known.phone, detail_address=known.detail_address)
    company = LogisticsCompany()
    if r.return_no:
        code = r.return_company_code
        company = LogisticsCompany(logistics_company_code=code, logistic_company_code=code,
                                   logistics_company_name=r.return_company_name)  # fmt: skip
    return RefundLogistics(
        receiver_address=address, return_goods_desc=r.return_desc, buyer_phone=r.buyer_phone, logistics_company=company,
        logistics_no=r.return_no, seller_agree_return_describe=r.seller_agree_desc,
    )  # fmt: skip


def aggregate(v: RefundView, runtime: Runtime) -> RefundOrderAggregate:
    return RefundOrderAggregate(refund_order=refund_order(v.refund, v.now_ms, v.line.paid_fen),
                                purchase_order_line=purchase_order_line(v, runtime),
                                logistics=refund_logistics(v))  # fmt: skip


def detail(v: RefundView, runtime: Runtime) -> RefundDetail:
    return RefundDetail(distributor_id=v.refund.develop_id, currency=v.refund.currency,
                        refund_order_aggregate=aggregate(v, runtime))  # fmt: skip


def render_message(refund_id: str, note: RefundNote) -> RefundMessage:
    return RefundMessage(message_id=note.id, refund_id=refund_id, sender_role=note.sender, content=note.content,
                         refund_images=note.images, create_time=note.at_ms)  # fmt: skip


# -- unit-of-work functions -----------------------------------------------------------------------------------------
def _view(uow: UnitOfWork, refund: Refund, now_ms: int, *, cancelled: bool = False) -> RefundView:
    return service.view(uow, LINES, refund, now_ms, cancelled=cancelled)


def _detail(uow: UnitOfWork, *, develop_id: str, refund_id: str, now_ms: int) -> RefundView:
    return _view(uow, service.get_refund(uow, platform=TB, develop_id=develop_id, wire_id=refund_id), now_ms)


def _submit(uow: UnitOfWork, *, now_ms: int, **kwargs: Any) -> RefundView:
    return _view(uow, taobao.submit(uow, now_ms=now_ms, **kwargs), now_ms)


def _modify(uow: UnitOfWork, *, now_ms: int, **kwargs: Any) -> RefundView:
    return _view(uow, taobao.modify(uow, now_ms=now_ms, **kwargs), now_ms)


def _cancel(uow: UnitOfWork, *, develop_id: str, refund_id: str, now_ms: int) -> RefundView:
    refund = service.cancel(uow, LINES, platform=TB, develop_id=develop_id, wire_id=refund_id, now_ms=now_ms)
    return _view(uow, refund, now_ms, cancelled=True)


def _ship_return(uow: UnitOfWork, *, develop_id: str, p: ReturnLogisticsSubmit, now_ms: int) -> RefundView:
    carrier = logistics.carrier(p.company_code, field="logisticsCompanyCode")
    refund = service.ship_return(uow, LINES, platform=TB, develop_id=develop_id, wire_id=p.refund_id,
                                 company_code=carrier.code, company_name=carrier.name, tracking_no=p.logistics_no,
                                 description=p.return_goods_desc, buyer_phone=p.buyer_phone, now_ms=now_ms)  # fmt: skip
    return _view(uow, refund, now_ms)


def _page(uow: UnitOfWork, *, develop_id: str, p: RefundListQuery, now_ms: int) -> tuple[int, list[RefundView]]:
    """Filters that no reverse order can match (refundStatus 0 or an unknown code, a refundId that is not one of
    ours — the spec's own example sends "111") answer an empty page rather than an error."""
    state = None
    if p.refund_status is not None:
        state = STATE_OF_TAOBAO_CODE.get(p.refund_status)
        if state is None:
            return 0, []
    pk = None
    if p.refund_id:
        try:
            pk = refund_pk(TB, p.refund_id)
        except InvalidInputError:
            return 0, []
    order_ids = None
    if p.sales_order_id:  # the buyer-platform order number (sellerOrderNumber) of the purchase orders
        found = uow.taobao_orders.find_by_outer(develop_id, p.sales_order_id)
        order_ids = tuple(str(o.purchase_order_id) for o in found)
    query = RefundQuery(
        TB, refund_pk=pk, order_id=p.purchase_order_id, order_ids=order_ids, state=state,
        created_from_ms=p.refund_start_time, created_to_ms=p.refund_end_time, page_no=p.page_no, page_size=p.page_size,
    )  # fmt: skip
    total, refunds = service.list_refunds(uow, develop_id=develop_id, query=query)
    return total, [_view(uow, r, now_ms) for r in refunds]


# -- handlers -------------------------------------------------------------------------------------------------------
async def render_refund(call: Call[RefundRender]) -> RefundRenderVO:
    p = call.params
    now = call.clock.now_ms()
    r = await call.read(taobao.render, develop_id=call.develop_id, sub_order_id=p.sub_order_id, refund_type=p.refund_type,
                        goods_status=p.goods_status, now_ms=now)  # fmt: skip
    max_fen = r.line.remaining_fen if r.sale_flag else 0
    template = RefundOrderTemplate(
        refund_reasons=[RefundReason(reason_desc=x.desc, tips=x.tips, reason_id=x.reason_id) for x in r.reasons],
        goods_status_list=[str(s) for s in r.goods_statuses],
        refund_order=TemplateRefundOrder(**refund_order(r.current, now, r.line.facts.paid_fen).model_dump())
        if r.current else TemplateRefundOrder(),
        max_refund_fee=MaxRefundFee(min_refund_fee=1 if max_fen else 0, fee_tips=_fee_tips(max_fen), refund_fee=max_fen,
                                  can_edit_refund_fee=max_fen > 0, max_refund_fee=max_fen),
    )  # fmt: skip
    return RefundRenderVO(refund_order_template=template, distributor_id=call.develop_id, currency=r.line.facts.currency,
                          sale_flag=r.sale_flag)  # fmt: skip


async def submit_refund(call: Call[RefundSubmit]) -> RefundDetail:
    p = call.params
    v = await call.run(_submit, develop_id=call.develop_id, user_id=call.user_id, sub_order_id=p.sub_order_id,
                       refund_type=p.refund_type, goods_status=p.goods_status, reason_id=p.reason_id,
                       refund_fee=p.refund_fee, refund_qty=p.refund_qty, description=p.refund_desc,
                       images=p.refund_images, now_ms=call.clock.now_ms())  # fmt: skip
    return detail(v, call.runtime)


async def list_refunds(call: Call[RefundListQuery]) -> RefundPage:
    p = call.params
    total, views = await call.read(_page, develop_id=call.develop_id, p=p, now_ms=call.clock.now_ms())
    return RefundPage(results_total=total, page_no=p.page_no, page_size=p.page_size,
                      refund_orders=[aggregate(v, call.runtime) for v in views])  # fmt: skip


async def query_refund(call: Call[RefundRef]) -> RefundDetail:
    v = await call.read(_detail, develop_id=call.develop_id, refund_id=call.params.refund_id,
                        now_ms=call.clock.now_ms())  # fmt: skip
    return detail(v, call.runtime)


async def cancel_refund(call: Call[RefundRef]) -> CancelRefundOrderVO:
    v = await call.run(_cancel, develop_id=call.develop_id, refund_id=call.params.refund_id,
                       now_ms=call.clock.now_ms())  # fmt: skip
    return CancelRefundOrderVO(distributor_id=v.refund.develop_id, currency=v.refund.currency, cancel_success=True,
                               refund_order_aggregate=aggregate(v, call.runtime))  # fmt: skip


async def modify_refund(call: Call[RefundModify]) -> RefundDetail:
    p = call.params
    v = await call.run(_modify, develop_id=call.develop_id, refund_id=p.refund_id, reason_id=p.reason_id,
                       refund_fee=p.refund_fee, description=p.refund_desc, images=p.refund_images,
                       now_ms=call.clock.now_ms())  # fmt: skip
    return detail(v, call.runtime)


async def return_logistics_render(call: Call[RefundRef]) -> ReturnLogisticsRenderVO:
    v = await call.read(_detail, develop_id=call.develop_id, refund_id=call.params.refund_id,
                        now_ms=call.clock.now_ms())  # fmt: skip
    address = logistics.return_address(v.shop_name)
    due = v.refund.timeout_at_ms if v.refund.state is RefundState.AWAITING_RETURN else None
    return ReturnLogisticsRenderVO(
        refund_id=v.refund.refund_id,
        receiver_address=ReceiverAddress(receiver=address.receiver, phone=address.phone,
                                        detail_address=address.detail_address),
        seller_agree_return_describe=v.refund.seller_agree_desc,
        logistics_companies=[ReturnCarrier(logistics_company_code=c.code, logistics_company_name=c.name)
                            for c in logistics.CARRIERS],
        timeout_date=panda_time_from_ms(due) if due else "", remaining_time=str(max(due - v.now_ms, 0)) if due else "",
    )  # fmt: skip


async def return_logistics_submit(call: Call[ReturnLogisticsSubmit]) -> RefundDetail:
    v = await call.run(_ship_return, develop_id=call.develop_id, p=call.params, now_ms=call.clock.now_ms())
    return detail(v, call.runtime)


async def submit_message(call: Call[RefundMessageSubmit]) -> RefundMessage:
    p = call.params
    note = await call.run(service.leave_note, platform=TB, develop_id=call.develop_id, wire_id=p.refund_id,
                          sender="buyer", content=p.refund_message, images=p.refund_images,
                          now_ms=call.clock.now_ms())  # fmt: skip
    return render_message(p.refund_id, note)


async def list_messages(call: Call[RefundRef]) -> list[RefundMessage]:
    rid = call.params.refund_id
    found = await call.read(service.notes, platform=TB, develop_id=call.develop_id, wire_id=rid)
    return [render_message(rid, n) for n in found]


def _paths(tail: str) -> tuple[str, str]:
    return (f"/open/order/refund/{tail}", f"/v2/taobao/order/refund/{tail}")


ENDPOINTS = [
    Endpoint("POST", _paths("queryList"), list_refunds, params=RefundListQuery, response=RefundPage,
             summary="Page through reverse orders with the spec's filters", tag=TAG,
             provisional=("/v2/taobao/order/refund/queryList",), spec_ref=f"{_P} D1"),
    Endpoint("POST", _paths("render"), render_refund, params=RefundRender, response=RefundRenderVO,
             summary="What may be asked for a sub-order: reasons, goods statuses, maximum fee, saleFlag", tag=TAG,
             provisional=("/open/order/refund/render",), spec_ref=f"{_P} D2"),
    Endpoint("GET", _paths("logistics/render"), return_logistics_render, params=RefundRef, params_in="query",
             response=ReturnLogisticsRenderVO, summary="The seller's return address and the carriers for the return",
             tag=TAG, provisional=_paths("logistics/render"), spec_ref=f"{_P} D3"),
    Endpoint("POST", _paths("logistics/submit"), return_logistics_submit, params=ReturnLogisticsSubmit,
             response=RefundDetail, summary="Submit the return's carrier code and tracking number (20 → 30)", tag=TAG,
             provisional=_paths("logistics/submit"), spec_ref=f"{_P} D4"),
    Endpoint("GET", ("/open/order/refund/cancel/{refundId}", "/v2/taobao/order/refund/cancel/{refundId}"),
             cancel_refund, params=RefundRef, params_in="query", extra_path_params=("refundId",),
             response=CancelRefundOrderVO, summary="Withdraw a reverse order (10, 20 or -10 → -20)", tag=TAG,
             spec_ref=f"{_P} D5"),
    Endpoint("POST", _paths("submit/message"), submit_message, params=RefundMessageSubmit, response=RefundMessage,
             summary="Leave a message (with images) on an open reverse order", tag=TAG,
             provisional=("/v2/taobao/order/refund/submit/message",), spec_ref=f"{_P} D6", idempotent=True),
    Endpoint("POST", _paths("submit"), submit_refund, params=RefundSubmit, response=RefundDetail,
             summary="Open a reverse order on a sub-order (refund only or return and refund)", tag=TAG,
             provisional=_paths("submit"), spec_ref=f"{_P} D7", idempotent=True),
    Endpoint("POST", _paths("message/list"), list_messages, params=RefundRef, response=list[RefundMessage],
             summary="The messages of a reverse order, oldest first", tag=TAG, provisional=_paths("message/list"),
             spec_ref=f"{_P} D8"),
    Endpoint("POST", _paths("modify"), modify_refund, params=RefundModify, response=RefundDetail,
             summary="Change a refused reverse order and send it back to the seller (-10 → 10)", tag=TAG,
             provisional=_paths("modify"), spec_ref=f"{_P} D9"),
    Endpoint("GET", _paths("query"), query_refund, params=RefundRef, params_in="query", response=RefundDetail,
             summary="A reverse order's refundOrderAggregate", tag=TAG, provisional=("/open/order/refund/query",),
             spec_ref=f"{_P} D10"),
]  # fmt: skip
