"""Sandbox endpoints (only in sandbox mode): the developer's clock, and later the sellers' forced actions."""

from __future__ import annotations

from typing import Any

from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.domain.uow import UnitOfWork
from kuajing.market.handlers import job_handlers
from kuajing.market.timers import run_due_jobs
from kuajing.protocol.wire.sandbox import ClockAdvance, ClockInfo


async def get_clock(call: Call[Any]) -> ClockInfo:
    clock = call.clock
    return ClockInfo(now=clock.now_ms(), offset_ms=clock.offset_ms)


def _advance(uow: UnitOfWork, *, develop_id: str, seconds: int) -> int:
    offset = uow.platform.clock_offset_ms(develop_id) + seconds * 1000
    uow.platform.set_clock_offset_ms(develop_id, offset)
    return offset


async def advance_clock(call: Call[ClockAdvance]) -> ClockInfo:
    """Move the developer's clock forward and fire every timer that became due, before answering."""
    offset = await call.run(_advance, develop_id=call.develop_id, seconds=call.params.seconds)
    runtime = call.runtime
    await runtime.db.run(run_due_jobs, runtime, job_handlers(), develop_id=call.develop_id)
    return ClockInfo(now=runtime.clock.now_ms() + offset, offset_ms=offset)


ENDPOINTS = [
    Endpoint(
        "GET", ("/sandbox/clock",), get_clock, summary="Read the developer's sandbox clock", tag="Sandbox",
        response=ClockInfo, sandbox_only=True,
    ),
    Endpoint(
        "POST", ("/sandbox/clock/advance",), advance_clock, params=ClockAdvance,
        summary="Advance the developer's sandbox clock and fire the timers that fall due", tag="Sandbox",
        response=ClockInfo, sandbox_only=True,
    ),
]  # fmt: skip
