"""The refund lifecycle as a table on :mod:`kuajing.domain.lifecycle` (:data:`REFUND`), with pure guards.

Taobao's reverse order (§4.2) and 1688's refund (§4.4) are the same machine in two vocabularies: each of our states
maps to exactly one Taobao ``refundStatus`` code and one 1688 ``status`` string (:data:`TAOBAO_CODE`,
:data:`ALIBABA_STATUS`). ``0`` (``NOT_APPLY_FOR_REFUND``) is not a state of a refund: it is what a sub-order without
a refund shows.

The seller's "agree" has two edges: to the money at once for a refund only, to the return for a return and refund.
Their guards read one fact the refund passes, ``needs_return``.
"""

from __future__ import annotations

from enum import StrEnum

from kuajing.domain.lifecycle import Edge, Lifecycle, Refusal
from kuajing.protocol.codes import Code


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


def refund_only(needs_return: bool) -> Refusal | None:
    """The guard of agreeing to a refund without a return."""
    return Refusal(Code.STATE_CONFLICT, "a return is needed") if needs_return else None


def return_and_refund(needs_return: bool) -> Refusal | None:
    """The guard of agreeing to a return and refund."""
    return None if needs_return else Refusal(Code.STATE_CONFLICT, "refund only")


TERMINAL = frozenset({S.SUCCEEDED, S.CLOSED})
OPEN = frozenset(set(RefundState) - TERMINAL)

REFUND = Lifecycle[RefundState, Action, bool](
    "refund",
    states=RefundState,
    actions=Action,
    initial={S.REQUESTED},
    terminal=TERMINAL,
    edges=(
        Edge(S.REQUESTED, A.AGREE, S.SUCCEEDED, guard=refund_only),
        Edge(S.REQUESTED, A.AGREE, S.AWAITING_RETURN, guard=return_and_refund),
        Edge(S.REQUESTED, A.REFUSE, S.REFUSED),
        Edge(S.REQUESTED, A.CANCEL, S.CLOSED),
        Edge(S.REFUSED, A.MODIFY, S.REQUESTED),
        Edge(S.REFUSED, A.CANCEL, S.CLOSED),
        Edge(S.REFUSED, A.EXPIRE, S.CLOSED),
        Edge(S.AWAITING_RETURN, A.SHIP_RETURN, S.RETURN_SHIPPED),
        Edge(S.AWAITING_RETURN, A.CANCEL, S.CLOSED),
        Edge(S.AWAITING_RETURN, A.EXPIRE, S.CLOSED),
        Edge(S.RETURN_SHIPPED, A.RECEIVE, S.SUCCEEDED),
        Edge(S.RETURN_SHIPPED, A.REJECT_RETURN, S.REFUSED),
    ),
)

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


if set(TAOBAO_CODE) != set(RefundState) or set(ALIBABA_STATUS) != set(RefundState):
    raise RuntimeError("refund states: every state needs a Taobao code and a 1688 status")
