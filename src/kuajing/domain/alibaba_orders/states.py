"""The 1688 order lifecycle (spec §4.3) as a table: ``(state, action) → next state``, with pure guards.

Statuses are upstream ``baseInfo.status`` values. ``terminated`` is reached only by the after-sales work (a full
refund of a paid order); nothing in this package takes that action yet, but the table reserves it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from kuajing.domain.errors import IllegalTransitionError

if TYPE_CHECKING:
    from kuajing.domain.alibaba_orders.model import AlibabaOrder


class OrderStatus(StrEnum):
    WAITBUYERPAY = "waitbuyerpay"
    WAITSELLERSEND = "waitsellersend"
    WAITBUYERRECEIVE = "waitbuyerreceive"
    CONFIRM_GOODS = "confirm_goods"
    SUCCESS = "success"
    CANCEL = "cancel"
    TERMINATED = "terminated"


class Action(StrEnum):
    PAY = "pay"  # H9 protocol pay, H1, the cashier page
    CANCEL = "cancel"  # H8, buyer before payment
    CLOSE = "close"  # unpaid timeout or the seller closes it (sandbox)
    MODIFY_PRICE = "modify_price"  # the seller changes the price before payment
    SHIP = "ship"  # the seller ships (timer or sandbox)
    CONFIRM_RECEIPT = "confirm_receipt"  # H10 or auto-confirm
    COMPLETE = "complete"  # confirm_goods → success (timer)
    TERMINATE = "terminate"  # full refund of a paid order (after-sales; reserved)


Guard = Callable[["AlibabaOrder", int], str | None]


@dataclass(frozen=True, slots=True)
class Transition:
    source: OrderStatus
    action: Action
    target: OrderStatus
    guard: Guard | None = None


S, A = OrderStatus, Action

TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.WAITBUYERPAY, A.PAY, S.WAITSELLERSEND),
    Transition(S.WAITBUYERPAY, A.CANCEL, S.CANCEL),
    Transition(S.WAITBUYERPAY, A.CLOSE, S.CANCEL),
    Transition(S.WAITBUYERPAY, A.MODIFY_PRICE, S.WAITBUYERPAY),
    Transition(S.WAITSELLERSEND, A.SHIP, S.WAITBUYERRECEIVE),
    Transition(S.WAITSELLERSEND, A.TERMINATE, S.TERMINATED),
    Transition(S.WAITBUYERRECEIVE, A.CONFIRM_RECEIPT, S.CONFIRM_GOODS),
    Transition(S.WAITBUYERRECEIVE, A.TERMINATE, S.TERMINATED),
    Transition(S.CONFIRM_GOODS, A.COMPLETE, S.SUCCESS),
    Transition(S.CONFIRM_GOODS, A.TERMINATE, S.TERMINATED),
    # spec §4.3: "paid states ──full refund──► terminated" — a completed order refunded in full after sale too
    Transition(S.SUCCESS, A.TERMINATE, S.TERMINATED),
)
TERMINAL = frozenset({S.CANCEL, S.TERMINATED})
INITIAL = S.WAITBUYERPAY

_TABLE: dict[tuple[OrderStatus, Action], Transition] = {}


def _check_table() -> None:
    for t in TRANSITIONS:
        if (t.source, t.action) in _TABLE:
            raise AssertionError(f"duplicate transition {t.source} --{t.action}-->")
        if t.source in TERMINAL:
            raise AssertionError(f"terminal state {t.source} has an outgoing transition")
        _TABLE[(t.source, t.action)] = t
    reachable = {INITIAL} | {t.target for t in TRANSITIONS}
    missing = set(OrderStatus) - reachable
    if missing:
        raise AssertionError(f"unreachable states: {sorted(missing)}")


_check_table()


def allowed_actions(state: OrderStatus) -> list[Action]:
    return [t.action for t in TRANSITIONS if t.source is state]


def lookup(state: OrderStatus, action: Action) -> Transition | None:
    return _TABLE.get((state, action))


def next_state(order: AlibabaOrder, action: Action, now_ms: int) -> OrderStatus:
    """The state ``action`` leads to from the order's state; refuses actions the table does not list."""
    t = _TABLE.get((order.status, action))
    if t is None:
        raise IllegalTransitionError(order.status.value, action.value)
    if t.guard is not None:
        refusal = t.guard(order, now_ms)
        if refusal is not None:
            raise IllegalTransitionError(order.status.value, f"{action.value} ({refusal})")
    return t.target
