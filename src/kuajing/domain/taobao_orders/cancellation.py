"""Ending a Taobao purchase order before it is finished: the buyer's cancel (B5), the seller's close, the unpaid
timeout, and what after-sales refunded on its sub-orders. A paid sub-order cancelled before shipment is refunded
(``refund:taobao:<subPurchaseOrderId>``; postage ``refund:taobao-post:<purchaseOrderId>`` with the last line) and
its reserved stock released, in the caller's unit of work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.accounts import wallet
from kuajing.domain.errors import StateConflictError
from kuajing.domain.money import Money
from kuajing.domain.taobao_orders.model import PurchaseOrder
from kuajing.domain.taobao_orders.service import AFTERSALES_TAOBAO, ALL_JOBS, get_order, job_ref, persist
from kuajing.domain.taobao_orders.states import Action, OrderState

if TYPE_CHECKING:
    from kuajing.domain.taobao_orders.ports import UnitOfWork


def cancel_order(
    uow: UnitOfWork,
    *,
    develop_id: str,
    purchase_order_id: int,
    sub_purchase_order_ids: list[int],
    reason: str,
    now_ms: int,
    action: Action = Action.CANCEL,
) -> PurchaseOrder:
    """Cancel the whole order (no sub ids) or the chosen sub-orders. Allowed before shipment only; a paid line's
    money goes back to the wallet, its stock back to the shelf."""
    order = get_order(uow, develop_id=develop_id, purchase_order_id=purchase_order_id)
    chosen = dict.fromkeys(sub_purchase_order_ids)  # a sub-order named twice is cancelled (and refunded) once
    targets = [order.sub(i) for i in chosen] if chosen else order.live_subs
    # After-sales may have refunded part of a line already, or have a request open on it (docs/aftersales.md).
    after_sales = uow.aftersales.line_totals(AFTERSALES_TAOBAO, [str(s.sub_purchase_order_id) for s in targets])
    if any(t.open_refund_pk is not None for t in after_sales.values()):
        raise StateConflictError("a sub-order has an open reverse order; cancel or finish it first",
                                 field="subPurchaseOrderIdList")  # fmt: skip
    already = {
        sub.sub_purchase_order_id: (t.refunded_fen if (t := after_sales.get(str(sub.sub_purchase_order_id))) else 0)
        for sub in targets
    }
    refund = order.cancel(targets, action=action, reason=reason, now_ms=now_ms)
    order.refunded_fen -= sum(already.values())  # counted when after-sales refunded it
    never_shipped = all(s.shipped_at_ms is None for s in order.subs)
    persist(uow, order)
    for sub in targets:
        uow.catalog.release_stock(owner=sub.stock_owner, now_ms=now_ms)
        done = already[sub.sub_purchase_order_id]
        if sub.paid_at_ms is not None and sub.product_fen > done:
            wallet.refund(uow, develop_id=develop_id, amount=Money(sub.product_fen - done, order.currency),
                          kind="taobao_refund", entry_key=f"refund:taobao:{sub.sub_purchase_order_id}",
                          memo=f"cancelled sub purchase order {sub.sub_purchase_order_id}", now_ms=now_ms)  # fmt: skip
    # postage goes back only when nothing of the order was ever shipped (the same rule as record_refund)
    if refund and order.paid_fen and not order.live_subs and order.post_fee_fen and never_shipped:
        wallet.refund(uow, develop_id=develop_id, amount=Money(order.post_fee_fen, order.currency),
                      kind="taobao_refund", entry_key=f"refund:taobao-post:{order.purchase_order_id}",
                      memo=f"postage of cancelled purchase order {job_ref(order)}", now_ms=now_ms)  # fmt: skip
    if not order.live_subs:
        uow.cancel_jobs(*ALL_JOBS, ref=job_ref(order))
    return order


def close_if_unpaid(uow: UnitOfWork, *, develop_id: str, purchase_order_id: int, now_ms: int) -> bool:
    """The unpaid-timeout timer: closes an order still waiting for payment (0 or 3) once its close time passed."""
    order = get_order(uow, develop_id=develop_id, purchase_order_id=purchase_order_id)
    due = order.next_close_at_ms
    if order.state not in (OrderState.WAIT_BUYER_PAY, OrderState.FINANCE_REFUSED) or (due and now_ms < due):
        return False
    cancel_order(uow, develop_id=develop_id, purchase_order_id=purchase_order_id, sub_purchase_order_ids=[],
                 reason="超时未付款关闭 (unpaid timeout)", now_ms=now_ms, action=Action.CLOSE)  # fmt: skip
    return True


def record_refund(
    uow: UnitOfWork, *, develop_id: str, purchase_order_id: int, sub_purchase_order_ids: list[int], refunded_fen: int,
    now_ms: int,
) -> PurchaseOrder:  # fmt: skip
    """After-sales moved money back (the wallet row is after-sales' own): count it, and close the fully refunded
    sub-orders (releasing a still-reserved stock); the order closes (4) when no live sub-order is left, and if
    nothing of it was ever shipped its postage goes back too (``refund:taobao-post:<id>``, the key a cancel uses)."""
    order = get_order(uow, develop_id=develop_id, purchase_order_id=purchase_order_id)
    targets = [order.sub(i) for i in sub_purchase_order_ids]
    unshipped = [s for s in targets if s.state is OrderState.WAIT_SELLER_SEND]
    order.refund_close(targets, refunded_fen=refunded_fen, reason="售后退款完成 (refunded)", now_ms=now_ms)
    never_shipped = all(s.shipped_at_ms is None for s in order.subs)
    if not order.live_subs and never_shipped and order.paid_fen and order.post_fee_fen:
        order.refunded_fen += order.post_fee_fen  # nothing was shipped: the postage goes back, as on a cancel
    persist(uow, order)
    for sub in unshipped:
        uow.catalog.release_stock(owner=sub.stock_owner, now_ms=now_ms)
    if not order.live_subs:
        if never_shipped and order.paid_fen and order.post_fee_fen:
            wallet.refund(uow, develop_id=develop_id, amount=Money(order.post_fee_fen, order.currency),
                          kind="taobao_refund", entry_key=f"refund:taobao-post:{order.purchase_order_id}",
                          memo=f"postage of refunded purchase order {job_ref(order)}", now_ms=now_ms)  # fmt: skip
        uow.cancel_jobs(*ALL_JOBS, ref=job_ref(order))
    return order
