"""What a refund's timers do when they come due: the seller's own answer and receipt, and the step's deadline
(the seller's silence agrees or receives, the buyer's closes). The sandbox can force a deadline now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.aftersales.answers import agree_refund, receive_return, refuse_refund, succeed_refund
from kuajing.domain.aftersales.model import Refund
from kuajing.domain.aftersales.ports import OrderLines
from kuajing.domain.aftersales.service import get_refund
from kuajing.domain.aftersales.states import TERMINAL, Action, RefundState
from kuajing.domain.aftersales.steps import persist, policy_of
from kuajing.domain.errors import IllegalTransitionError
from kuajing.domain.line_refunds import Platform

if TYPE_CHECKING:
    from kuajing.domain.aftersales.ports import UnitOfWork


def load_for_job(uow: UnitOfWork, develop_id: str, ref: str) -> Refund | None:
    platform_text, _, pk = ref.partition(":")
    return uow.aftersales.get(Platform(platform_text), develop_id, int(pk))


def seller_answers(uow: UnitOfWork, lines: OrderLines, refund: Refund, now_ms: int) -> None:
    """The seller's own answer at ``refundAgreeHours``: refuse a listed reason, agree otherwise."""
    if refund.state is not RefundState.REQUESTED:
        return
    policy = policy_of(uow, lines, refund)
    if refund.reason_id in policy.refuse_reason_ids:
        refuse_refund(uow, lines, refund, Action.REFUSE, reason=policy.refuse_reason, describe="", now_ms=now_ms)
    else:
        agree_refund(uow, lines, refund, note="seller agreed", now_ms=now_ms)


def seller_receives(uow: UnitOfWork, lines: OrderLines, refund: Refund, now_ms: int) -> None:
    """The seller's own receipt of the return at ``refundReceiveHours``, then inspection."""
    if refund.state is not RefundState.RETURN_SHIPPED:
        return
    policy = policy_of(uow, lines, refund)
    receive_return(uow, lines, platform=refund.platform, develop_id=refund.develop_id, wire_id=refund.refund_id,
                   reject=policy.inspect_reject, reason="", now_ms=now_ms)  # fmt: skip


def deadline_passed(uow: UnitOfWork, lines: OrderLines, refund: Refund, now_ms: int) -> bool:
    """The step's deadline: the seller's silence agrees (or receives); the buyer's silence closes."""
    if refund.state in TERMINAL or refund.timeout_at_ms is None or now_ms < refund.timeout_at_ms:
        return False
    if refund.state is RefundState.REQUESTED:
        agree_refund(uow, lines, refund, note="seller did not answer in time: agreed automatically", now_ms=now_ms)
    elif refund.state is RefundState.RETURN_SHIPPED:
        refund.apply(Action.RECEIVE, now_ms, note="seller did not confirm receipt in time")
        succeed_refund(uow, lines, refund, now_ms)
    else:
        refund.apply(Action.EXPIRE, now_ms, note=f"{refund.timeout_type} passed")
        uow.aftersales.release_lines(refund.platform, refund_pk=refund.id, refunded={})
        persist(uow, refund, policy_of(uow, lines, refund), now_ms)
    return True


def force_deadline(uow: UnitOfWork, lines: OrderLines, *, platform: Platform, develop_id: str, wire_id: str,
                   now_ms: int) -> Refund:  # fmt: skip
    """Sandbox: let the current step's deadline pass now (what the timer does when the clock reaches it)."""
    refund = get_refund(uow, platform=platform, develop_id=develop_id, wire_id=wire_id)
    if refund.state in TERMINAL:
        raise IllegalTransitionError(refund.state.value, "deadline")
    refund.timeout_at_ms = min(refund.timeout_at_ms or now_ms, now_ms)
    deadline_passed(uow, lines, refund, now_ms)
    return refund
