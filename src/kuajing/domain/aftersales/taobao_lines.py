"""After-sales' window onto Taobao purchase orders (:class:`~kuajing.domain.aftersales.ports.OrderLines`).

A line is a sub-purchase-order (``subPurchaseOrderId``). Its refundable money is its goods amount once paid
(postage comes back with the last line only if nothing was shipped, see ``taobao_orders.cancellation.record_refund``). A fully refunded sub-order closes through the order's own table
(``refund_close``: 10/11 → 4), and the purchase order closes when no live sub-order is left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.aftersales.model import line_number
from kuajing.domain.aftersales.ports import LineFacts, LineStage
from kuajing.domain.line_refunds import Platform
from kuajing.domain.taobao_orders import cancellation
from kuajing.domain.taobao_orders import service as orders
from kuajing.domain.taobao_orders.model import PurchaseOrder, SubOrder
from kuajing.domain.taobao_orders.states import OrderState

if TYPE_CHECKING:
    from kuajing.domain.aftersales.ports import UnitOfWork

_STAGE = {
    OrderState.WAIT_SELLER_SEND: LineStage.NOT_SHIPPED,
    OrderState.WAIT_BUYER_CONFIRM: LineStage.SHIPPED,
    OrderState.FINISHED: LineStage.RECEIVED,
    OrderState.CANCELLED: LineStage.CLOSED,
}


def facts(order: PurchaseOrder, sub: SubOrder) -> LineFacts:
    paid = sub.paid_at_ms is not None
    return LineFacts(
        develop_id=order.develop_id, order_id=str(order.purchase_order_id), line_id=str(sub.sub_purchase_order_id),
        paid_fen=sub.product_fen if paid else 0, quantity=sub.quantity, unit_fen=sub.unit_price_fen,
        stage=_STAGE.get(sub.state, LineStage.UNPAID), seller_id=order.seller_id, received_at_ms=sub.confirmed_at_ms,
        title=sub.title, image=sub.image, sku_properties=tuple(sub.sku_properties),
        item_id=str(sub.mp_id or sub.item_id),
        supplier_nick=order.supplier_nick, currency=order.currency, created_at_ms=order.created_at_ms,
        post_fee_fen=order.post_fee_fen, sales_order_id=order.outer_purchase_id or "", sales_market=order.order_source,
    )  # fmt: skip


class TaobaoOrderLines:
    platform = Platform.TAOBAO

    def line(self, uow: UnitOfWork, *, develop_id: str, line_id: str) -> LineFacts:
        order, sub = orders.get_order_by_sub(uow, develop_id=develop_id,
                                             sub_purchase_order_id=line_number(line_id, "subOrderId"))  # fmt: skip
        return facts(order, sub)

    def order_lines(self, uow: UnitOfWork, *, develop_id: str, order_id: str) -> list[LineFacts]:
        order = orders.get_order(uow, develop_id=develop_id, purchase_order_id=line_number(order_id, "purchaseOrderId"))
        return [facts(order, s) for s in order.subs]

    def refunded(
        self, uow: UnitOfWork, *, develop_id: str, order_id: str, fen: int, closed_line_ids: list[str],
        order_fully_refunded: bool, now_ms: int,
    ) -> None:  # fmt: skip
        cancellation.record_refund(uow, develop_id=develop_id, purchase_order_id=int(order_id),
                                   sub_purchase_order_ids=[int(i) for i in closed_line_ids], refunded_fen=fen,
                                   now_ms=now_ms)  # fmt: skip
