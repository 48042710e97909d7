"""After-sales' window onto 1688 orders (:class:`~kuajing.domain.aftersales.ports.OrderLines`).

A line is an order entry (``orderEntryId``). Its refundable money is its share of the paid goods amount (the
entries' amounts, scaled to the seller's modified price when there was one; the last entry takes the rounding).
Carriage is refundable through ``applyCarriage`` up to the order's carriage. When every live entry is fully
refunded the order terminates (``terminated``, spec §4.3: every paid state, ``success`` included) with its own
``ORDER_TERMINATED`` message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.aftersales.model import line_number
from kuajing.domain.aftersales.ports import LineFacts, LineStage, RefundQuery
from kuajing.domain.aftersales.states import RefundState
from kuajing.domain.alibaba_orders import events
from kuajing.domain.alibaba_orders import service as orders
from kuajing.domain.alibaba_orders.model import AlibabaOrder, EntryStatus
from kuajing.domain.alibaba_orders.states import Action, OrderStatus
from kuajing.domain.errors import NotFoundError
from kuajing.domain.line_refunds import Platform

if TYPE_CHECKING:
    from kuajing.domain.aftersales.ports import UnitOfWork

ORDER_TERMINATED = "ORDER_TERMINATED"  # our name, after the ORDER_<EVENT> pattern of docs/alibaba-orders.md [I]

_STAGE = {
    OrderStatus.WAITBUYERPAY: LineStage.UNPAID,
    OrderStatus.WAITSELLERSEND: LineStage.NOT_SHIPPED,
    OrderStatus.WAITBUYERRECEIVE: LineStage.SHIPPED,
    OrderStatus.CONFIRM_GOODS: LineStage.RECEIVED,
    OrderStatus.SUCCESS: LineStage.RECEIVED,
    OrderStatus.CANCEL: LineStage.CLOSED,
    OrderStatus.TERMINATED: LineStage.CLOSED,
}


def entry_paid_fen(order: AlibabaOrder) -> dict[int, int]:
    """Each entry's share of the paid goods amount (0 before payment)."""
    if order.pay_time_ms is None:
        return {e.id: 0 for e in order.entries}
    goods = order.goods_fen
    shares: dict[int, int] = {}
    given = 0
    for i, e in enumerate(order.entries):
        if i == len(order.entries) - 1:
            shares[e.id] = order.product_fen - given
        else:
            shares[e.id] = e.amount_fen * order.product_fen // goods if goods else 0
            given += shares[e.id]
    return shares


def all_facts(order: AlibabaOrder) -> list[LineFacts]:
    paid = entry_paid_fen(order)
    stage = _STAGE[order.status]
    return [
        LineFacts(
            develop_id=order.develop_id,
            order_id=str(order.id),
            line_id=str(e.id),
            paid_fen=paid[e.id],
            quantity=e.quantity,
            unit_fen=e.unit_price_fen,
            stage=LineStage.CLOSED if e.status is EntryStatus.CANCELLED else stage,
            seller_id=order.seller_id,
            received_at_ms=order.receive_time_ms,
            title=e.title,
            image=e.image,
            item_id=str(e.offer_id),
            supplier_nick=order.seller_nick,
            currency=order.currency,
            created_at_ms=order.created_at_ms,
            post_fee_fen=order.carriage_fen,
        )
        for e in order.entries
    ]


class AlibabaOrderLines:
    platform = Platform.ALIBABA

    def get_order(self, uow: UnitOfWork, *, develop_id: str, order_id: str) -> AlibabaOrder:
        return orders.get_order(uow, develop_id=develop_id, order_id=line_number(order_id, "orderId"))

    def line(self, uow: UnitOfWork, *, develop_id: str, line_id: str) -> LineFacts:
        entry_id = line_number(line_id, "orderEntryIds")
        order_id = uow.aftersales.alibaba_order_of_entry(develop_id, entry_id)
        if order_id is None:
            raise NotFoundError(f"no order entry {line_id}", field="orderEntryIds")
        order = self.get_order(uow, develop_id=develop_id, order_id=str(order_id))
        return next(f for f in all_facts(order) if f.line_id == line_id)

    def order_lines(self, uow: UnitOfWork, *, develop_id: str, order_id: str) -> list[LineFacts]:
        return all_facts(self.get_order(uow, develop_id=develop_id, order_id=order_id))

    def refunded(
        self, uow: UnitOfWork, *, develop_id: str, order_id: str, fen: int, closed_line_ids: list[str],
        order_fully_refunded: bool, now_ms: int,
    ) -> None:  # fmt: skip
        if not order_fully_refunded:
            return
        order = orders.get_order(uow, develop_id=develop_id, order_id=int(order_id), lock=True)
        if order.status is OrderStatus.TERMINATED:
            return
        unshipped = order.status is OrderStatus.WAITSELLERSEND
        order.apply(Action.TERMINATE, now_ms, detail="全额退款 (fully refunded)")
        order.close_reason = "refund_terminate"
        uow.alibaba_orders.save(order)
        if unshipped:
            for e in order.entries:
                uow.catalog.release_stock(owner=e.stock_owner, now_ms=now_ms)
        goods = sum(t.refunded_fen for t in uow.aftersales.order_totals(self.platform, develop_id, order_id).values())
        _, refunds = uow.aftersales.page(develop_id, RefundQuery(self.platform, order_id=order_id, page_size=1000))
        carriage = sum(r.carriage_fen for r in refunds if r.state is RefundState.SUCCEEDED)
        uow.publish(events.message(order, ORDER_TERMINATED, refunded_fen=goods + carriage, fully_refunded=True))
