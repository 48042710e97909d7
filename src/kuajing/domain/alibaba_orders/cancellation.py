"""Closing a 1688 order before payment: the buyer's cancel (H8), the seller's close (sandbox) and the unpaid timeout
(timer). The reserved stock (owner ``1688-entry:<orderEntryId>``) goes back and the unpaid timer is cancelled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.alibaba_orders import events
from kuajing.domain.alibaba_orders.model import AlibabaOrder, EntryStatus
from kuajing.domain.alibaba_orders.service import JOB_CLOSE_UNPAID, get_order, publish
from kuajing.domain.alibaba_orders.states import Action
from kuajing.domain.errors import InvalidInputError

if TYPE_CHECKING:
    from kuajing.domain.alibaba_orders.ports import UnitOfWork


def _close(uow: UnitOfWork, order: AlibabaOrder, action: Action, *, reason: str, close_reason: str,
           now_ms: int) -> None:  # fmt: skip
    order.apply(action, now_ms, detail=reason)
    for entry in order.entries:
        uow.catalog.release_stock(owner=entry.stock_owner, now_ms=now_ms)
        entry.status = EntryStatus.CANCELLED
    order.cancel_reason = reason
    order.close_reason = close_reason
    uow.alibaba_orders.save(order)
    publish(uow, order, events.ORDER_CANCEL)
    uow.cancel_jobs(JOB_CLOSE_UNPAID, ref=str(order.id))


def cancel_order(
    uow: UnitOfWork, *, develop_id: str, order_id: int, web_site: str, reason: str, remark: str = "", now_ms: int
) -> bool:
    """H8: the buyer cancels before payment; the stock goes back."""
    if web_site != "1688":
        raise InvalidInputError('webSite must be "1688"', field="webSite")
    if not reason.strip():
        raise InvalidInputError("cancelReason is required", field="cancelReason")
    order = get_order(uow, develop_id=develop_id, order_id=order_id, lock=True)
    text = reason if not remark else f"{reason} ({remark})"
    _close(uow, order, Action.CANCEL, reason=text, close_reason="buyer_cancel", now_ms=now_ms)
    return True


def close_order(uow: UnitOfWork, *, develop_id: str, order_id: int, by_seller: bool, reason: str,
                now_ms: int) -> AlibabaOrder:  # fmt: skip
    """The unpaid timeout (timer) or the seller (sandbox) closes an order awaiting payment."""
    order = get_order(uow, develop_id=develop_id, order_id=order_id, lock=True)
    close_reason = "seller_close" if by_seller else "timeout_close"
    _close(uow, order, Action.CLOSE, reason=reason or close_reason, close_reason=close_reason, now_ms=now_ms)
    return order
