"""Sandbox seller actions on refunds (sandbox mode only): force agree, refuse with a reason, confirm receipt of the
return, reject after inspection, and let the current deadline pass — for Taobao reverse orders and 1688 refunds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kuajing.api.alibaba.aftersales import refund_info
from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.api.taobao.aftersales import detail
from kuajing.domain.aftersales import alibaba, answers, service, taobao, timers
from kuajing.domain.aftersales.model import Refund
from kuajing.domain.aftersales.ports import OrderLines
from kuajing.domain.line_refunds import Platform
from kuajing.domain.uow import UnitOfWork
from kuajing.protocol.wire.aftersales_sandbox import SandboxRefundAction
from kuajing.protocol.wire.alibaba_aftersales import AlibabaRefundInfo
from kuajing.protocol.wire.taobao_aftersales import RefundDetail

TAG = "Sandbox after-sales"
LINES: dict[Platform, OrderLines] = {Platform.TAOBAO: taobao.LINES, Platform.ALIBABA: alibaba.LINES}


def _act(uow: UnitOfWork, *, action: str, platform: Platform, develop_id: str, p: SandboxRefundAction,
         now_ms: int) -> Refund:  # fmt: skip
    lines = LINES[platform]
    common: dict[str, Any] = {"platform": platform, "develop_id": develop_id, "wire_id": p.refund_id, "now_ms": now_ms}
    if action == "agree":
        return answers.agree(uow, lines, note=p.describe or "seller agreed (sandbox)", **common)
    if action == "refuse":
        return answers.refuse(uow, lines, reason=p.reason or "卖家拒绝退款", describe=p.describe, **common)
    if action == "receive":
        return answers.receive_return(uow, lines, reject=False, reason="", **common)
    if action == "reject":
        return answers.receive_return(uow, lines, reject=True, reason=p.reason, **common)
    return timers.force_deadline(uow, lines, **common)


def _handler(action: str, platform: Platform) -> Callable[[Call[SandboxRefundAction]], Any]:
    async def handle(call: Call[SandboxRefundAction]) -> Any:
        now = call.clock.now_ms()
        if platform is Platform.TAOBAO:
            view = await call.run(_taobao_view, action=action, develop_id=call.develop_id, p=call.params, now_ms=now)
            return detail(view, call.runtime)
        refund = await call.run(_act, action=action, platform=platform, develop_id=call.develop_id, p=call.params,
                                now_ms=now)  # fmt: skip
        return refund_info(refund, now)

    return handle


def _taobao_view(uow: UnitOfWork, *, action: str, develop_id: str, p: SandboxRefundAction,
                 now_ms: int) -> service.RefundView:  # fmt: skip
    refund = _act(uow, action=action, platform=Platform.TAOBAO, develop_id=develop_id, p=p, now_ms=now_ms)
    return service.view(uow, taobao.LINES, refund, now_ms)


_ACTIONS = (
    ("agree", "Seller agrees (refund only → refunded; return → waiting for the return)"),
    ("refuse", "Seller refuses with a reason"),
    ("receive", "Seller confirms receipt of the return; it passes inspection and the money is refunded"),
    ("reject", "Seller rejects the return after inspection"),
    ("deadline", "The current step's deadline passes now (seller silence agrees, buyer silence closes)"),
)

ENDPOINTS = [
    Endpoint("POST", (f"/sandbox/{prefix}/refund/{action}",), _handler(action, platform), params=SandboxRefundAction,
             response=response, summary=summary, tag=TAG, sandbox_only=True, spec_ref=ref)
    for prefix, platform, response, ref in (
        ("taobao", Platform.TAOBAO, RefundDetail, "§4.2"), ("1688", Platform.ALIBABA, AlibabaRefundInfo, "§4.4"),
    )
    for action, summary in _ACTIONS
]  # fmt: skip
