"""The embedded sellers' side of after-sales, on each developer's clock (policy keys: domain/aftersales/policy.py).

Three timer kinds per refund (ref ``<platform>:<pk>``), reset by every state change:
``aftersales.seller_answer`` (the seller answers at ``refundAgreeHours``), ``aftersales.seller_receive`` (the seller
receives and inspects a shipped return at ``refundReceiveHours``) and ``aftersales.deadline`` (the step's deadline:
the seller's silence agrees or receives, the buyer's silence closes). Each handler re-reads the refund and does
nothing when the state moved on, so a stale timer is harmless.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.aftersales import alibaba, steps, taobao, timers
from kuajing.domain.aftersales.ports import OrderLines
from kuajing.domain.jobs import ScheduledJob
from kuajing.domain.line_refunds import Platform
from kuajing.market.timers import JobHandler

if TYPE_CHECKING:
    from kuajing.domain.uow import UnitOfWork

LINES: dict[Platform, OrderLines] = {Platform.TAOBAO: taobao.LINES, Platform.ALIBABA: alibaba.LINES}


def _seller_answer(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    refund = timers.load_for_job(uow, job.develop_id, job.ref)
    if refund is not None:
        timers.seller_answers(uow, LINES[refund.platform], refund, now_ms)


def _seller_receive(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    refund = timers.load_for_job(uow, job.develop_id, job.ref)
    if refund is not None:
        timers.seller_receives(uow, LINES[refund.platform], refund, now_ms)


def _deadline(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    refund = timers.load_for_job(uow, job.develop_id, job.ref)
    if refund is not None:
        timers.deadline_passed(uow, LINES[refund.platform], refund, now_ms)


def job_handlers() -> dict[str, JobHandler]:
    return {
        steps.JOB_SELLER_ANSWER: _seller_answer,
        steps.JOB_SELLER_RECEIVE: _seller_receive,
        steps.JOB_DEADLINE: _deadline,
    }
