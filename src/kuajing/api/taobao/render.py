"""Domain → wire for Taobao orders: written once, used by the order, cart and sandbox handlers.

Renders take the request's :class:`Call` for the two things that depend on it: ``itemId`` in the path family's form
(a number on v1 paths, the encrypted id on v2, as A1 sends it) and pictures as URLs this server answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from kuajing.api.call import Call
from kuajing.api.goods_common import encode_id
from kuajing.api.images import render_picture_url
from kuajing.domain.catalog.model import Seller
from kuajing.domain.errors import InvalidInputError
from kuajing.domain.taobao_orders import messages
from kuajing.domain.taobao_orders.logistics import trace
from kuajing.domain.taobao_orders.model import PurchaseOrder, Receiver, SubOrder
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
    TaobaoReceiverInfo,
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
}  # fmt: skip  spelled as in the spec (ORDER_BULIDING)


def parse_lines(lines: list[OrderLine], item_ref: Callable[[str], str]) -> list[LineRequest]:
    """Wire lines → domain requests; ``item_ref`` turns a v2 encrypted item id into the numeric one."""
    out = []
    for i, line in enumerate(lines):
        ref = line.mpId or line.itemId
        if ref is None:
            raise InvalidInputError(f"orderLineList[{i}] needs itemId (the mpId)", field="itemId")
        out.append(LineRequest(item_ref(ref), line.mpSkuId or line.skuId, line.quantity, line.price,
                               line.orderLineNo or "", line.orderRemark or ""))  # fmt: skip
    return out


def parse_receiver(r: TaobaoReceiverInfo) -> Receiver:
    return Receiver(**r.model_dump())


def item_id(call: Call[Any], value: int) -> int | str:
    """A Taobao ``itemId`` as every answer sends it: the same JSON type as A1's on the same path family."""
    return encode_id(call, IdKind.TAOBAO_ITEM, value)


def render_quotes(call: Call[Any], quotes: list[SellerQuote]) -> RenderResult:
    orders = [
        RenderOrder(
            supplierNick=q.seller.nick, shopName=q.seller.shop_name, shopId=q.seller.shop_id,
            productAmount=q.product_fen, postFee=q.post_fee_fen, totalAmount=q.total_fen,
            currency=q.lines[0].product.currency, canBuy=q.can_buy,
            orderLineList=[
                RenderLine(
                    itemId=item_id(call, ln.product.external_id), mpId=_s(ln.product.mp_id), skuId=str(ln.sku.sku_id),
                    mpSkuId=_s(ln.sku.mp_sku_id), title=ln.product.titles.get("zh", ""), quantity=ln.request.quantity,
                    price=ln.unit_price_fen, amount=ln.amount_fen, currency=ln.product.currency, stock=ln.sku.stock,
                    canBuy=ln.problem is None, reason=ln.reason or None,
                    errorCode=int(ln.problem) if ln.problem is not None else None,
                )
                for ln in q.lines
            ],
        )
        for q in quotes
    ]  # fmt: skip
    return RenderResult(canBuy=all(o.canBuy for o in orders), totalAmount=sum(o.totalAmount for o in orders),
                        currency=orders[0].currency if orders else "CNY", orders=orders)  # fmt: skip


def _s(value: int | None) -> str | None:
    return str(value) if value is not None else None


def render_created(order: PurchaseOrder) -> CreatedOrder:
    return CreatedOrder(
        purchaseId=str(order.purchase_order_id), supplierNick=order.supplier_nick, estimateAmount=order.total_fen,
        estimateCurrency=order.currency, sourceMarket="TAOBAO", status=WIRE_CODE[order.state],
        orderLineList=[
            CreatedLine(itemId=str(s.mp_id or s.item_id), skuId=str(s.mp_sku_id or s.sku_id),
                        orderLineNo=s.order_line_no, quantity=s.quantity, estimateAmount=s.product_fen,
                        estimateCurrency=order.currency, subPurchaseOrderId=str(s.sub_purchase_order_id),
                        supplierNick=order.supplier_nick)
            for s in order.subs
        ],
    )  # fmt: skip


def _sub_info(call: Call[Any], order: PurchaseOrder, s: SubOrder) -> SubPurchaseOrderInfo:
    code = WIRE_CODE[s.state]
    picture = render_picture_url(call.runtime, s.image)
    unpaid = s.state in UNPAID or s.state is OrderState.BUILDING
    return SubPurchaseOrderInfo(
        subPurchaseOrderId=str(s.sub_purchase_order_id), purchaseOrderOuterId=messages.outer_order_id(order),
        purchaseOrderLineOuterId=messages.outer_line_id(s), status=code, statusName=STATUS_NAMES[code],
        closeReason=s.close_reason or None, itemId=item_id(call, s.item_id), mpId=_s(s.mp_id), skuId=str(s.sku_id),
        mpSkuId=_s(s.mp_sku_id), orderLineNo=s.order_line_no, title=s.title, quantity=s.quantity,
        price=s.unit_price_fen, productAmount=s.product_fen, purchaseAmount=s.product_fen,
        payAmount=str(s.product_fen) if s.paid_at_ms is not None else None, domesticPostFee=0,
        purchaseCurrency=order.currency, payCurrency=order.currency, payTime=s.paid_at_ms,
        closeTimeWithoutPayment=order.next_close_at_ms if unpaid else None,
        canConfirmReceipt=s.state is OrderState.WAIT_BUYER_CONFIRM, confirmTime=s.confirmed_at_ms,
        logisticOrders=[LogisticOrder(logisticCompanyName=s.carrier_name, logisticNumber=s.tracking_number,
                                      rtsTime=s.shipped_at_ms)] if s.tracking_number else [],
        skuInfo={"skuPv": {"zh": s.sku_desc.get("zh", ""), "en": s.sku_desc.get("en", "")}, "skuImgUrl": picture},
        optionFields={"SKU_IMG_URL": picture, "supplierNick": order.supplier_nick},
        refundId=s.refund_id or None, refundStatus=s.refund_status,
    )  # fmt: skip


def render_order(call: Call[Any], order: PurchaseOrder) -> PurchaseOrderInfo:
    code = WIRE_CODE[order.state]
    paid = order.state in PAID or order.paid_fen > 0
    return PurchaseOrderInfo(
        purchaseOrderId=str(order.purchase_order_id), purchaseId=str(order.purchase_order_id), status=code,
        statusName=STATUS_NAMES[code], orderSource=order.order_source, outerPurchaseId=order.outer_purchase_id,
        sellerOrderNumber=order.outer_purchase_id, supplierNick=order.supplier_nick, subUserId=order.user_id,
        receiver=asdict(order.receiver), purchaseCurrency=order.currency, payCurrency=order.currency,
        productAmount=order.product_fen, domesticPostFee=order.post_fee_fen if order.live_subs else 0,
        purchaseAmount=order.total_fen, payAmount=str(order.paid_fen) if paid else None,
        refundAmount=order.refunded_fen, payTime=order.paid_at_ms,
        nextCloseTimeWithoutPayment=order.next_close_at_ms if order.state in UNPAID else None,
        voucherUrl=order.voucher_url or None, voucherRemark=order.voucher_note or None,
        closeReason=order.close_reason or None, createdTime=order.created_at_ms, modifyTime=order.updated_at_ms,
        allowedActions=sorted({a.value for s in order.live_subs for a in ORDER.allowed_actions(s.state)}),
        subPurchaseOrders=[_sub_info(call, order, s) for s in order.subs],
    )  # fmt: skip


def render_logistics(order: PurchaseOrder, sub: SubOrder, seller: Seller | None, now_ms: int) -> LogisticsDetail:
    steps = trace(sub, order, seller, now_ms)
    packages = []
    if sub.tracking_number:
        packages.append(LogisticsPackage(
            mailNo=sub.tracking_number, logisticsCompanyCode=sub.carrier_code, logisticsCompanyName=sub.carrier_name,
            logisticsStatus=steps[-1].status if steps else "WAITACCEPT",
            logisticsTraces=[
                TaobaoLogisticsTrace(statusDesc=t.status_desc, province=t.province, city=t.city, district=t.district,
                               action=t.action, facilityName=t.facility_name, time=t.time, standerdDesc=t.standard_desc,
                               status=t.status, nextCity=t.next_city, nextNodeName=t.next_node_name)
                for t in steps
            ],
        ))  # fmt: skip
    return LogisticsDetail(purchaseOrderOuterId=messages.outer_line_id(sub), pnmLogisticsDetails=packages)
