"""A 1688 order after creation in the seller's and the buyer's hands: the seller's price change of an unpaid order,
shipping (the reserved stock is consumed, the auto-confirm timer starts), the buyer's receipt of some or all
entries (H10, or the auto-confirm timer) and the completion that follows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.alibaba_orders import events
from kuajing.domain.alibaba_orders.behaviour import SellerBehaviour
from kuajing.domain.alibaba_orders.model import AlibabaOrder, EntryStatus, Shipment
from kuajing.domain.alibaba_orders.service import (
    JOB_AUTO_CONFIRM,
    JOB_COMPLETE,
    JOB_SHIP,
    get_order,
    publish,
    seller_of,
)
from kuajing.domain.alibaba_orders.states import Action, OrderStatus
from kuajing.domain.errors import IllegalTransitionError, InvalidInputError

if TYPE_CHECKING:
    from kuajing.domain.alibaba_orders.ports import UnitOfWork


def modify_price(
    uow: UnitOfWork, *, develop_id: str, order_id: int, product_fen: int | None, carriage_fen: int | None,
    now_ms: int,
) -> AlibabaOrder:  # fmt: skip
    """The seller changes the goods amount and/or postage of an unpaid order."""
    order = get_order(uow, develop_id=develop_id, order_id=order_id, lock=True)
    new_product = order.product_fen if product_fen is None else product_fen
    new_carriage = order.carriage_fen if carriage_fen is None else carriage_fen
    if new_product < 0 or new_carriage < 0 or new_product + new_carriage <= 0:
        raise InvalidInputError("the new amounts must be non-negative with a positive total", field="productAmount")
    order.apply(Action.MODIFY_PRICE, now_ms, detail=f"{order.total_fen}->{new_product + new_carriage}")
    order.product_fen, order.carriage_fen = new_product, new_carriage
    uow.alibaba_orders.save(order)
    publish(uow, order, events.ORDER_PRICE_MODIFY)
    return order


def ship_order(uow: UnitOfWork, *, develop_id: str, order_id: int, shipment: Shipment, now_ms: int) -> AlibabaOrder:
    """The seller ships a paid order: stock is consumed, the auto-confirm timer starts."""
    order = get_order(uow, develop_id=develop_id, order_id=order_id, lock=True)
    order.apply(Action.SHIP, now_ms, detail=f"{shipment.company_no} {shipment.bill_no}")
    order.shipment = shipment
    for entry in order.entries:
        uow.catalog.consume_stock(owner=entry.stock_owner, now_ms=now_ms)
        entry.status = EntryStatus.SHIPPED
    uow.alibaba_orders.save(order)
    publish(uow, order, events.ORDER_SHIPPED)
    uow.cancel_jobs(JOB_SHIP, ref=str(order.id))
    days = SellerBehaviour(seller_of(uow, order)).auto_confirm_days
    uow.schedule(develop_id=develop_id, kind=JOB_AUTO_CONFIRM, ref=str(order.id), due_at_ms=now_ms + days * 86_400_000)
    return order


def confirm_receipt(
    uow: UnitOfWork, *, develop_id: str, order_id: int, entry_ids: list[int] | None, now_ms: int, auto: bool = False
) -> AlibabaOrder:
    """H10 (or auto-confirm): the chosen entries (all when none are named) are received; when every entry is,
    the order moves to ``confirm_goods`` and completes after ``completeDelaySeconds``."""
    order = get_order(uow, develop_id=develop_id, order_id=order_id, lock=True)
    if order.status is not OrderStatus.WAITBUYERRECEIVE:
        raise IllegalTransitionError(order.status.value, Action.CONFIRM_RECEIPT.value)
    chosen = order.entries if not entry_ids else []
    for eid in entry_ids or []:
        entry = order.entry(eid)
        if entry is None:
            raise InvalidInputError(f"orderEntryId {eid} is not an entry of order {order.id}", field="orderEntryIds")
        chosen.append(entry)
    for entry in chosen:
        entry.status = EntryStatus.RECEIVED
    if all(e.status is EntryStatus.RECEIVED for e in order.entries):
        order.apply(Action.CONFIRM_RECEIPT, now_ms, detail="auto" if auto else "buyer")
        order.receive_time_ms = now_ms
        uow.alibaba_orders.save(order)
        publish(uow, order, events.ORDER_CONFIRM_RECEIPT)
        uow.cancel_jobs(JOB_AUTO_CONFIRM, ref=str(order.id))
        delay_ms = SellerBehaviour(seller_of(uow, order)).complete_delay_ms
        uow.schedule(develop_id=develop_id, kind=JOB_COMPLETE, ref=str(order.id), due_at_ms=now_ms + delay_ms)
    else:
        order.updated_at_ms = now_ms
        uow.alibaba_orders.save(order)
    return order


def complete_order(uow: UnitOfWork, *, develop_id: str, order_id: int, now_ms: int) -> AlibabaOrder:
    order = get_order(uow, develop_id=develop_id, order_id=order_id, lock=True)
    order.apply(Action.COMPLETE, now_ms)
    order.complete_time_ms = now_ms
    uow.alibaba_orders.save(order)
    publish(uow, order, events.ORDER_SUCCESS)
    return order
