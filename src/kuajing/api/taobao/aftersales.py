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
    MaxRefundFee,
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
    RefundOrderTemplate,
    RefundPage,
    RefundReason,
    RefundRef,
    RefundRender,
    RefundRenderVO,
    RefundSubmit,
    ReturnCarrier,
    ReturnLogisticsRenderVO,
    ReturnLogisticsSubmit,
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
        goodsStatus=int(refund.goods_status), refundDesc=refund.description,
        refundStatus=str(TAOBAO_CODE[refund.state]),
        refundType=2 if refund.needs_return else 1, timeoutDate=panda_time_from_ms(due) if due else "",
        feeTips=_fee_tips(max_fen), timeoutType=refund.timeout_type.value if refund.timeout_type else "",
        refundId=refund.refund_id,
        payOrderId=f"RP{refund.refund_id}" if refund.state is RefundState.SUCCEEDED else "",
        reasonId=refund.reason_id, canEditFee=refund.state is RefundState.REFUSED,
        sellerRefuseReasonDescribe=refund.seller_refuse_desc,
        remainingTime=str(max(due - now_ms, 0)) if due else "", reasonDesc=refund.reason_desc,
        sellerRefuseReason=refund.seller_refuse_reason, refundFee=refund.goods_fen,
    )  # fmt: skip


def line_property(p: SkuProperty) -> LineProperty:
    return LineProperty(valueId=p.value_id, valueName=p.value_names.get("zh", ""), propId=p.prop_id,
                        propName=p.prop_names.get("zh", ""))  # fmt: skip


def purchase_order_line(v: RefundView, runtime: Runtime) -> PurchaseOrderLine:
    f = v.line
    props = [line_property(p) for p in f.sku_properties]
    return PurchaseOrderLine(
        salesOrderId=f.sales_order_id, supplierId=str(f.seller_id), quantity=f.quantity, totalPrice=f.paid_fen,
        itemTitle=f.title, postFee=f.post_fee_fen, productFee=f.unit_fen * f.quantity, salesMarket=f.sales_market,
        purchaseOrderLineId=f.line_id, createTime=f.created_at_ms, purchaseOrderId=f.order_id, price=f.unit_fen,
        supplierNick=f.supplier_nick, currency=f.currency, properties=props[0] if props else LineProperty(),
        itemImageUrl=render_picture_url(runtime, f.image), skuProperties=props,
    )  # fmt: skip


def refund_logistics(v: RefundView) -> RefundLogistics:
    r = v.refund
    agreed = r.needs_return and r.state in (RefundState.AWAITING_RETURN, RefundState.RETURN_SHIPPED,
                                            RefundState.SUCCEEDED) or bool(r.return_no)  # fmt: skip
    address = ReceiverAddress()
    if agreed:
        known = logistics.return_address(v.shop_name)
        address = ReceiverAddress(receiver=known.receiver, phone=known.phone, detailAddress=known.detail_address)
    company = LogisticsCompany()
    if r.return_no:
        code = r.return_company_code
        company = LogisticsCompany(logisticsCompanyCode=code, logisticCompanyCode=code,
                                   logisticsCompanyName=r.return_company_name)  # fmt: skip
    return RefundLogistics(
        receiverAddress=address, returnGoodsDesc=r.return_desc, buyerPhone=r.buyer_phone, logisticsCompany=company,
        logisticsNo=r.return_no, sellerAgreeReturnDescribe=r.seller_agree_desc,
    )  # fmt: skip


def aggregate(v: RefundView, runtime: Runtime) -> RefundOrderAggregate:
    return RefundOrderAggregate(refundOrder=refund_order(v.refund, v.now_ms, v.line.paid_fen),
                                purchaseOrderLine=purchase_order_line(v, runtime),
                                logistics=refund_logistics(v))  # fmt: skip


def detail(v: RefundView, runtime: Runtime) -> RefundDetail:
    return RefundDetail(distributorId=v.refund.develop_id, currency=v.refund.currency,
                        refundOrderAggregate=aggregate(v, runtime))  # fmt: skip


def render_message(refund_id: str, note: RefundNote) -> RefundMessage:
    return RefundMessage(messageId=note.id, refundId=refund_id, senderRole=note.sender, content=note.content,
                         refundImages=note.images, createTime=note.at_ms)  # fmt: skip


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
    refund = service.ship_return(uow, LINES, platform=TB, develop_id=develop_id, wire_id=p.refundId,
                                 company_code=carrier.code, company_name=carrier.name, tracking_no=p.logisticsNo,
                                 description=p.returnGoodsDesc, buyer_phone=p.buyerPhone, now_ms=now_ms)  # fmt: skip
    return _view(uow, refund, now_ms)


def _page(uow: UnitOfWork, *, develop_id: str, p: RefundListQuery, now_ms: int) -> tuple[int, list[RefundView]]:
    """Filters that no reverse order can match (refundStatus 0 or an unknown code, a refundId that is not one of
    ours — the spec's own example sends "111") answer an empty page rather than an error."""
    state = None
    if p.refundStatus is not None:
        state = STATE_OF_TAOBAO_CODE.get(p.refundStatus)
        if state is None:
            return 0, []
    pk = None
    if p.refundId:
        try:
            pk = refund_pk(TB, p.refundId)
        except InvalidInputError:
            return 0, []
    order_ids = None
    if p.salesOrderId:  # the buyer-platform order number (sellerOrderNumber) of the purchase orders
        found = uow.taobao_orders.find_by_outer(develop_id, p.salesOrderId)
        order_ids = tuple(str(o.purchase_order_id) for o in found)
    query = RefundQuery(
        TB, refund_pk=pk, order_id=p.purchaseOrderId, order_ids=order_ids, state=state,
        created_from_ms=p.refundStartTime, created_to_ms=p.refundEndTime, page_no=p.pageNo, page_size=p.pageSize,
    )  # fmt: skip
    total, refunds = service.list_refunds(uow, develop_id=develop_id, query=query)
    return total, [_view(uow, r, now_ms) for r in refunds]


# -- handlers -------------------------------------------------------------------------------------------------------
async def render_refund(call: Call[RefundRender]) -> RefundRenderVO:
    p = call.params
    now = call.clock.now_ms()
    r = await call.read(taobao.render, develop_id=call.develop_id, sub_order_id=p.subOrderId, refund_type=p.refundType,
                        goods_status=p.goodsStatus, now_ms=now)  # fmt: skip
    max_fen = r.line.remaining_fen if r.sale_flag else 0
    template = RefundOrderTemplate(
        refundReasons=[RefundReason(reasonDesc=x.desc, tips=x.tips, reasonId=x.reason_id) for x in r.reasons],
        goodsStatusList=[str(s) for s in r.goods_statuses],
        refundOrder=TemplateRefundOrder(**refund_order(r.current, now, r.line.facts.paid_fen).model_dump())
        if r.current else TemplateRefundOrder(),
        maxRefundFee=MaxRefundFee(minRefundFee=1 if max_fen else 0, feeTips=_fee_tips(max_fen), refundFee=max_fen,
                                  canEditRefundFee=max_fen > 0, maxRefundFee=max_fen),
    )  # fmt: skip
    return RefundRenderVO(refundOrderTemplate=template, distributorId=call.develop_id, currency=r.line.facts.currency,
                          saleFlag=r.sale_flag)  # fmt: skip


async def submit_refund(call: Call[RefundSubmit]) -> RefundDetail:
    p = call.params
    v = await call.run(_submit, develop_id=call.develop_id, user_id=call.user_id, sub_order_id=p.subOrderId,
                       refund_type=p.refundType, goods_status=p.goodsStatus, reason_id=p.reasonId,
                       refund_fee=p.refundFee, refund_qty=p.refundQty, description=p.refundDesc,
                       images=p.refundImages, now_ms=call.clock.now_ms())  # fmt: skip
    return detail(v, call.runtime)


async def list_refunds(call: Call[RefundListQuery]) -> RefundPage:
    p = call.params
    total, views = await call.read(_page, develop_id=call.develop_id, p=p, now_ms=call.clock.now_ms())
    return RefundPage(resultsTotal=total, pageNo=p.pageNo, pageSize=p.pageSize,
                      refundOrders=[aggregate(v, call.runtime) for v in views])  # fmt: skip


async def query_refund(call: Call[RefundRef]) -> RefundDetail:
    v = await call.read(_detail, develop_id=call.develop_id, refund_id=call.params.refundId,
                        now_ms=call.clock.now_ms())  # fmt: skip
    return detail(v, call.runtime)


async def cancel_refund(call: Call[RefundRef]) -> CancelRefundOrderVO:
    v = await call.run(_cancel, develop_id=call.develop_id, refund_id=call.params.refundId,
                       now_ms=call.clock.now_ms())  # fmt: skip
    return CancelRefundOrderVO(distributorId=v.refund.develop_id, currency=v.refund.currency, cancelSuccess=True,
                               refundOrderAggregate=aggregate(v, call.runtime))  # fmt: skip


async def modify_refund(call: Call[RefundModify]) -> RefundDetail:
    p = call.params
    v = await call.run(_modify, develop_id=call.develop_id, refund_id=p.refundId, reason_id=p.reasonId,
                       refund_fee=p.refundFee, description=p.refundDesc, images=p.refundImages,
                       now_ms=call.clock.now_ms())  # fmt: skip
    return detail(v, call.runtime)


async def return_logistics_render(call: Call[RefundRef]) -> ReturnLogisticsRenderVO:
    v = await call.read(_detail, develop_id=call.develop_id, refund_id=call.params.refundId,
                        now_ms=call.clock.now_ms())  # fmt: skip
    address = logistics.return_address(v.shop_name)
    due = v.refund.timeout_at_ms if v.refund.state is RefundState.AWAITING_RETURN else None
    return ReturnLogisticsRenderVO(
        refundId=v.refund.refund_id,
        receiverAddress=ReceiverAddress(receiver=address.receiver, phone=address.phone,
                                        detailAddress=address.detail_address),
        sellerAgreeReturnDescribe=v.refund.seller_agree_desc,
        logisticsCompanies=[ReturnCarrier(logisticsCompanyCode=c.code, logisticsCompanyName=c.name)
                            for c in logistics.CARRIERS],
        timeoutDate=panda_time_from_ms(due) if due else "", remainingTime=str(max(due - v.now_ms, 0)) if due else "",
    )  # fmt: skip


async def return_logistics_submit(call: Call[ReturnLogisticsSubmit]) -> RefundDetail:
    v = await call.run(_ship_return, develop_id=call.develop_id, p=call.params, now_ms=call.clock.now_ms())
    return detail(v, call.runtime)


async def submit_message(call: Call[RefundMessageSubmit]) -> RefundMessage:
    p = call.params
    note = await call.run(service.leave_note, platform=TB, develop_id=call.develop_id, wire_id=p.refundId,
                          sender="buyer", content=p.refundMessage, images=p.refundImages,
                          now_ms=call.clock.now_ms())  # fmt: skip
    return render_message(p.refundId, note)


async def list_messages(call: Call[RefundRef]) -> list[RefundMessage]:
    rid = call.params.refundId
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
