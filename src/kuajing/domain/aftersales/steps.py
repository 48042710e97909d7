"""What every step of a refund does once it has moved, whoever moved it (buyer, seller, timer): save with the
version check, write history and the outbox message, set the new step's deadline and reschedule its timers.

The timers a refund has: the step's deadline, and the seller's own answer and receipt after the delays of its
refund policy (the seller's behaviour in the catalog).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.aftersales import messages
from kuajing.domain.aftersales.model import Refund, TimeoutType
from kuajing.domain.aftersales.policy import RefundPolicy
from kuajing.domain.aftersales.ports import OrderLines
from kuajing.domain.aftersales.states import OPEN, TERMINAL, RefundState

if TYPE_CHECKING:
    from kuajing.domain.aftersales.ports import UnitOfWork

JOB_SELLER_ANSWER = "aftersales.seller_answer"
JOB_SELLER_RECEIVE = "aftersales.seller_receive"
JOB_DEADLINE = "aftersales.deadline"
ALL_JOBS = (JOB_SELLER_ANSWER, JOB_SELLER_RECEIVE, JOB_DEADLINE)


def policy_for(uow: UnitOfWork, seller_id: int) -> RefundPolicy:
    seller = uow.catalog.get_seller(seller_id)
    return RefundPolicy.from_behaviour(seller.behaviour if seller else {})


def job_ref(refund: Refund) -> str:
    return f"{refund.platform.value}:{refund.id}"


def policy_of(uow: UnitOfWork, lines: OrderLines, refund: Refund) -> RefundPolicy:
    facts = lines.line(uow, develop_id=refund.develop_id, line_id=refund.lines[0].line_id)
    return policy_for(uow, facts.seller_id)


_DEADLINES = {
    RefundState.REQUESTED: TimeoutType.SELLER_AGREE,
    RefundState.AWAITING_RETURN: TimeoutType.BUYER_RETURN,
    RefundState.RETURN_SHIPPED: TimeoutType.SELLER_RECEIVE,
    RefundState.REFUSED: TimeoutType.BUYER_MODIFY,
}


def _deadline_ms(policy: RefundPolicy, timeout: TimeoutType) -> int:
    return {
        TimeoutType.SELLER_AGREE: policy.seller_timeout_ms,
        TimeoutType.BUYER_RETURN: policy.buyer_return_ms,
        TimeoutType.SELLER_RECEIVE: policy.receive_timeout_ms,
        TimeoutType.BUYER_MODIFY: policy.buyer_modify_ms,
    }[timeout]


def persist(uow: UnitOfWork, refund: Refund, policy: RefundPolicy, now_ms: int, *, new: bool = False) -> None:
    """Save with the version check, write history and the outbox message, and reset the step's timers."""
    changes = refund.take_changes()
    moved = any(c.old is not c.new for c in changes)
    if moved and refund.state in OPEN and not new:
        timeout = _DEADLINES[refund.state]
        refund.set_deadline(timeout, now_ms + _deadline_ms(policy, timeout))
    if not new:
        uow.aftersales.save(refund)
    uow.aftersales.add_history(refund, changes)
    if moved:
        uow.publish(messages.refund_message(refund))
        schedule_timers(uow, refund, policy, now_ms)


def schedule_timers(uow: UnitOfWork, refund: Refund, policy: RefundPolicy, now_ms: int) -> None:
    ref = job_ref(refund)
    uow.cancel_jobs(*ALL_JOBS, ref=ref)
    if refund.state in TERMINAL or refund.timeout_at_ms is None:
        return
    uow.schedule(develop_id=refund.develop_id, kind=JOB_DEADLINE, ref=ref, due_at_ms=refund.timeout_at_ms)
    if refund.state is RefundState.REQUESTED and policy.agree_after_ms is not None:
        uow.schedule(develop_id=refund.develop_id, kind=JOB_SELLER_ANSWER, ref=ref,
                     due_at_ms=now_ms + policy.agree_after_ms)  # fmt: skip
    if refund.state is RefundState.RETURN_SHIPPED and policy.receive_after_ms is not None:
        uow.schedule(develop_id=refund.develop_id, kind=JOB_SELLER_RECEIVE, ref=ref,
                     due_at_ms=now_ms + policy.receive_after_ms)  # fmt: skip
