"""Domain → wire for Taobao orders: written once, used by the order, cart and sandbox handlers.

Renders take the request's :class:`Call` for the two things that depend on it: ``itemId`` in the path family's form
(a number on v1 paths, the encrypted id on v2, as A1 sends it) and pictures as URLs this server answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kuajing.api.call import Call
from kuajing.api.goods_common import encode_id
from kuajing.api.images import render_picture_url
from kuajing.api.taobao.receivers import render_receiver
from kuajing.domain.catalog.model import Seller
from kuajing.domain.errors import InvalidInputError
from kuajing.domain.taobao_orders import messages
from kuajing.domain.taobao_orders.logistics import trace
from kuajing.domain.taobao_orders.model import PurchaseOrder, SubOrder
from kuajing.domain.taobao_orders.quote import LineRequest, SellerQuote
from kuajing.domain.taobao_orders.states import ORDER, PAID, UNPAID, WIRE_CODE, OrderState
from kuajing.protocol.ids import IdKind
from kuajing.protocol.wire.taobao_orders import (
    CreatedLine,
    CreatedOrder,
    LogisticOrder,
    LogisticsDetail,
    LogisticsPackage,
    OrderLine,
    PurchaseOrderInfo,
    RenderLine,
    RenderOrder,
    RenderResult,
    SubPurchaseOrderInfo,
    TaobaoLogisticsTrace,
)

STATUS_NAMES = {
    12: "ORDER_BULIDING",
    0: "TAOBAO_ORDER_WAIT_BUYER_PAY",
    1: "ORDER_PAY_STATUS",
    2: "ORDER_FINANCE_PASS_STATUS",
    3: "ORDER_FINANCE_REFUSE_STATUS",
    5: "WAIT_FINANCE_PAY",
    10: "WAIT_SELLER_SEND_GOODS",
    11: "WAIT_BUYER_CONFIRM_GOODS",
    4: "CANCEL",
    9: "OTHER_STATUS",
}  # spelled as in the spec (ORDER_BULIDING)


def parse_lines(lines: list[OrderLine], item_ref: Callable[[str], str]) -> list[LineRequest]:
    """Wire lines → domain requests; ``item_ref`` turns a v2 encrypted item id into the numeric one."""
    out = []
    for i, line in enumerate(lines):
        ref = line.mp_id or line.item_id
        if ref is None:
            raise InvalidInputError(f"orderLineList[{i}] needs itemId (the mpId)", field="itemId")
        out.append(LineRequest(item_ref(ref), line.mp_sku_id or line.sku_id, line.quantity, line.price,
                               line.order_line_no or "", line.order_remark or ""))  # fmt: skip
    return out


def item_id(call: Call[Any], value: int) -> int | str:
    """A Taobao ``itemId`` as every answer sends it: the same JSON type as A1's on the same path family."""
    return encode_id(call, IdKind.TAOBAO_ITEM, value)


def render_quotes(call: Call[Any], quotes: list[SellerQuote]) -> RenderResult:
    orders = [
        RenderOrder(
            supplier_nick=q.seller.nick, shop_name=q.seller.shop_name, shop_id=q.seller.shop_id,
            product_amount=q.product_fen, post_fee=q.post_fee_fen, total_amount=q.total_fen,
            currency=q.lines[0].product.currency, can_buy=q.can_buy,
            order_line_list=[
                RenderLine(
                    item_id=item_id(call, ln.product.external_id), mp_id=_s(ln.product.mp_id), sku_id=str(ln.sku.sku_id),
                    mp_sku_id=_s(ln.sku.mp_sku_id), title=ln.product.titles.get("zh", ""), quantity=ln.request.quantity,
                    price=ln.unit_price_fen, amount=ln.amount_fen, currency=ln.product.currency, stock=ln.sku.stock,
                    can_buy=ln.problem is None, reason=ln.reason or None,
                    error_code=int(ln.problem) if ln.problem is not None else None,
                )
                for ln in q.lines
            ],
        )
        for q in quotes
    ]  # fmt: skip
    return RenderResult(can_buy=all(o.can_buy for o in orders), total_amount=sum(o.total_amount for o in orders),
                        currency=orders[0].currency if orders else "CNY", orders=orders)  # fmt: skip


def _s(value: int | None) -> str | None:
    return str(value) if value is not None else None


def render_created(order: PurchaseOrder) -> CreatedOrder:
    return CreatedOrder(
        purchase_id=str(order.purchase_order_id), supplier_nick=order.supplier_nick, estimate_amount=order.total_fen,
        estimate_currency=order.currency, source_market="TAOBAO", status=WIRE_CODE[order.state],
        order_line_list=[
            CreatedLine(item_id=str(s.mp_id or s.item_id), sku_id=str(s.mp_sku_id or s.sku_id),
                        order_line_no=s.order_line_no, quantity=s.quantity, estimate_amount=s.product_fen,
                        estimate_currency=order.currency, sub_purchase_order_id=str(s.sub_purchase_order_id),
                        supplier_nick=order.supplier_nick)
            for s in order.subs
        ],
    )  # fmt: skip


def _sub_info(call: Call[Any], order: PurchaseOrder, s: SubOrder) -> SubPurchaseOrderInfo:
    code = WIRE_CODE[s.state]
    picture = render_picture_url(call.runtime, s.image)
    unpaid = s.state in UNPAID or s.state is OrderState.BUILDING
    return SubPurchaseOrderInfo(
        sub_purchase_order_id=str(s.sub_purchase_order_id), purchase_order_outer_id=messages.outer_order_id(order),
        purchase_order_line_outer_id=messages.outer_line_id(s), status=code, status_name=STATUS_NAMES[code],
        close_reason=s.close_reason or None, item_id=item_id(call, s.item_id), mp_id=_s(s.mp_id), sku_id=str(s.sku_id),
        mp_sku_id=_s(s.mp_sku_id), order_line_no=s.order_line_no, title=s.title, quantity=s.quantity,
        price=s.unit_price_fen, product_amount=s.product_fen, purchase_amount=s.product_fen,
        pay_amount=str(s.product_fen) if s.paid_at_ms is not None else None, domestic_post_fee=0,
        purchase_currency=order.currency, pay_currency=order.currency, pay_time=s.paid_at_ms,
        close_time_without_payment=order.next_close_at_ms if unpaid else None,
        can_confirm_receipt=s.state is OrderState.WAIT_BUYER_CONFIRM, confirm_time=s.confirmed_at_ms,
        logistic_orders=[LogisticOrder(logistic_company_name=s.carrier_name, logistic_number=s.tracking_number,
                                      rts_time=s.shipped_at_ms)] if s.tracking_number else [],
        sku_info={"skuPv": {"zh": s.sku_desc.get("zh", ""), "en": s.sku_desc.get("en", "")}, "skuImgUrl": picture},
        option_fields={"SKU_IMG_URL": picture, "supplierNick": order.supplier_nick},
        refund_id=s.refund_id or None, refund_status=s.refund_status,
    )  # fmt: skip


def render_order(call: Call[Any], order: PurchaseOrder) -> PurchaseOrderInfo:
    code = WIRE_CODE[order.state]
    paid = order.state in PAID or order.paid_fen > 0
    return PurchaseOrderInfo(
        purchase_order_id=str(order.purchase_order_id), purchase_id=str(order.purchase_order_id), status=code,
        status_name=STATUS_NAMES[code], order_source=order.order_source, outer_purchase_id=order.outer_purchase_id,
        seller_order_number=order.outer_purchase_id, supplier_nick=order.supplier_nick, sub_user_id=order.user_id,
        receiver=render_receiver(order.receiver), purchase_currency=order.currency, pay_currency=order.currency,
        product_amount=order.product_fen, domestic_post_fee=order.post_fee_fen if order.live_subs else 0,
        purchase_amount=order.total_fen, pay_amount=str(order.paid_fen) if paid else None,
        refund_amount=order.refunded_fen, pay_time=order.paid_at_ms,
        next_close_time_without_payment=order.next_close_at_ms if order.state in UNPAID else None,
        voucher_url=order.voucher_url or None, voucher_remark=order.voucher_note or None,
        close_reason=order.close_reason or None, created_time=order.created_at_ms, modify_time=order.updated_at_ms,
        allowed_actions=sorted({a.value for s in order.live_subs for a in ORDER.allowed_actions(s.state)}),
        sub_purchase_orders=[_sub_info(call, order, s) for s in order.subs],
    )  # fmt: skip


def render_logistics(order: PurchaseOrder, sub: SubOrder, seller: Seller | None, now_ms: int) -> LogisticsDetail:
    steps = trace(sub, order, seller, now_ms)
    packages = []
    if sub.tracking_number:
        packages.append(LogisticsPackage(
            mail_no=sub.tracking_number, logistics_company_code=sub.carrier_code, logistics_company_name=sub.carrier_name,
            logistics_status=steps[-1].status if steps else "WAITACCEPT",
            logistics_traces=[
                TaobaoLogisticsTrace(status_desc=t.status_desc, province=t.province, city=t.city, district=t.district,
                               action=t.action, facility_name=t.facility_name, time=t.time, standard_desc=t.standard_desc,
                               status=t.status, next_city=t.next_city, next_node_name=t.next_node_name)
                for t in steps
            ],
        ))  # fmt: skip
    return LogisticsDetail(purchase_order_outer_id=messages.outer_line_id(sub), pnm_logistics_details=packages)
