"""The refund lifecycle as a table: ``(state, action) → next state`` with pure guards (style §6.3).

Taobao's reverse order (§4.2) and 1688's refund (§4.4) are the same machine in two vocabularies: each of our states
maps to exactly one Taobao ``refundStatus`` code and one 1688 ``status`` string (:data:`TAOBAO_CODE`,
:data:`ALIBABA_STATUS`). ``0`` (``NOT_APPLY_FOR_REFUND``) is not a state of a refund: it is what a sub-order without
a refund shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from kuajing.domain.errors import IllegalTransitionError, StateConflictError

if TYPE_CHECKING:
    from kuajing.domain.aftersales.model import Refund


class RefundState(StrEnum):
    REQUESTED = "requested"  # 10 APPLIED_REFUND / waitselleragree: the seller must answer
    REFUSED = "refused"  # -10 SELLER_REFUSES_REFUND / waitbuyermodify: the buyer may modify or cancel
    AWAITING_RETURN = "awaiting_return"  # 20 AGREE_TO_REFUND / waitbuyersend: the buyer must ship the goods back
    RETURN_SHIPPED = "return_shipped"  # 30 WAITING_SELLER_RECEIPT / waitsellerreceive: the seller receives, inspects
    SUCCEEDED = "succeeded"  # 100 REFUND_SUCCESSFUL / refundsuccess: money credited (terminal)
    CLOSED = "closed"  # -20 REFUND_CLOSED / refundclose: cancelled by the buyer or timed out (terminal)


class Action(StrEnum):
    SUBMIT = "submit"  # D7 / I4 (creates the refund in REQUESTED; not in the table)
    AGREE = "agree"  # the seller agrees (policy, sandbox, or the seller's deadline passing)
    REFUSE = "refuse"  # the seller refuses with a reason
    MODIFY = "modify"  # D9: the buyer changes reason, fee or description after a refusal
    SHIP_RETURN = "ship_return"  # D4 / I5: the buyer ships the goods back
    RECEIVE = "receive"  # the seller confirms receipt of the return (inspection passed) → money moves
    REJECT_RETURN = "reject_return"  # the seller refuses after inspecting the return
    CANCEL = "cancel"  # D5: the buyer withdraws the request
    EXPIRE = "expire"  # the buyer's deadline (ship the return, modify after refusal) passed


S, A = RefundState, Action

Guard = Callable[["Refund"], str | None]


def _refund_only(refund: Refund) -> str | None:
    return None if not refund.needs_return else "a return is needed"


def _needs_return(refund: Refund) -> str | None:
    return None if refund.needs_return else "refund only"


@dataclass(frozen=True, slots=True)
class Transition:
    source: RefundState
    action: Action
    target: RefundState
    guard: Guard | None = None


TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.REQUESTED, A.AGREE, S.SUCCEEDED, guard=_refund_only),
    Transition(S.REQUESTED, A.AGREE, S.AWAITING_RETURN, guard=_needs_return),
    Transition(S.REQUESTED, A.REFUSE, S.REFUSED),
    Transition(S.REQUESTED, A.CANCEL, S.CLOSED),
    Transition(S.REFUSED, A.MODIFY, S.REQUESTED),
    Transition(S.REFUSED, A.CANCEL, S.CLOSED),
    Transition(S.REFUSED, A.EXPIRE, S.CLOSED),
    Transition(S.AWAITING_RETURN, A.SHIP_RETURN, S.RETURN_SHIPPED),
    Transition(S.AWAITING_RETURN, A.CANCEL, S.CLOSED),
    Transition(S.AWAITING_RETURN, A.EXPIRE, S.CLOSED),
    Transition(S.RETURN_SHIPPED, A.RECEIVE, S.SUCCEEDED),
    Transition(S.RETURN_SHIPPED, A.REJECT_RETURN, S.REFUSED),
)
INITIAL = S.REQUESTED
TERMINAL = frozenset({S.SUCCEEDED, S.CLOSED})
OPEN = frozenset(set(RefundState) - TERMINAL)

TAOBAO_CODE: dict[RefundState, int] = {
    S.REQUESTED: 10, S.AWAITING_RETURN: 20, S.RETURN_SHIPPED: 30, S.SUCCEEDED: 100, S.REFUSED: -10, S.CLOSED: -20,
}  # fmt: skip
NO_REFUND_CODE = 0  # NOT_APPLY_FOR_REFUND: a sub-order without a refund
ALIBABA_STATUS: dict[RefundState, str] = {
    S.REQUESTED: "waitselleragree", S.REFUSED: "waitbuyermodify", S.AWAITING_RETURN: "waitbuyersend",
    S.RETURN_SHIPPED: "waitsellerreceive", S.SUCCEEDED: "refundsuccess", S.CLOSED: "refundclose",
}  # fmt: skip
STATE_OF_TAOBAO_CODE = {code: state for state, code in TAOBAO_CODE.items()}
STATE_OF_ALIBABA_STATUS = {status: state for state, status in ALIBABA_STATUS.items()}


class TransitionRefusedError(StateConflictError):
    """The table has the pair, but every guard said no; ``reason`` says why."""


def candidates(state: RefundState, action: Action) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source is state and t.action is action]


def next_state(refund: Refund, action: Action) -> RefundState:
    """The first transition of ``(refund.state, action)`` whose guard passes (table order)."""
    options = candidates(refund.state, action)
    if not options:
        raise IllegalTransitionError(refund.state.value, action.value)
    reasons = []
    for t in options:
        refusal = t.guard(refund) if t.guard else None
        if refusal is None:
            return t.target
        reasons.append(refusal)
    raise TransitionRefusedError(f"{action.value} refused in state {refund.state.value}: {'; '.join(reasons)}")


def allowed_actions(state: RefundState) -> list[Action]:
    return list(dict.fromkeys(t.action for t in TRANSITIONS if t.source is state))


def _check_table() -> None:
    seen: set[tuple[RefundState, Action]] = set()
    for t in TRANSITIONS:
        pair = (t.source, t.action)
        if pair in seen and t.guard is None:
            raise AssertionError(f"duplicate unguarded transition {pair}")
        seen.add(pair)
        if t.source in TERMINAL:
            raise AssertionError(f"terminal state {t.source} has an outgoing transition")
    reachable = {INITIAL} | {t.target for t in TRANSITIONS}
    if reachable != set(RefundState):
        raise AssertionError(f"unreachable states: {set(RefundState) - reachable}")
    if set(TAOBAO_CODE) != set(RefundState) or set(ALIBABA_STATUS) != set(RefundState):
        raise AssertionError("every state needs a Taobao code and a 1688 status")


_check_table()
