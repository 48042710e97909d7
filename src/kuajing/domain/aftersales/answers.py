"""The seller's answers to a refund: agree, refuse, receive (and inspect) the return — made by the sandbox, by the
seller's own timers (timers.py) or by a deadline. A refund that succeeds moves the money here (:func:`succeed_refund`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.accounts import wallet
from kuajing.domain.aftersales.model import Refund
from kuajing.domain.aftersales.ports import LineStage, OrderLines
from kuajing.domain.aftersales.service import get_refund
from kuajing.domain.aftersales.states import Action, RefundState
from kuajing.domain.aftersales.steps import persist, policy_for, policy_of
from kuajing.domain.errors import InvalidInputError
from kuajing.domain.line_refunds import Platform
from kuajing.domain.money import Money

if TYPE_CHECKING:
    from kuajing.domain.aftersales.ports import UnitOfWork


def agree(uow: UnitOfWork, lines: OrderLines, *, platform: Platform, develop_id: str, wire_id: str, note: str,
          now_ms: int) -> Refund:  # fmt: skip
    refund = get_refund(uow, platform=platform, develop_id=develop_id, wire_id=wire_id)
    return agree_refund(uow, lines, refund, note=note, now_ms=now_ms)


def refuse(uow: UnitOfWork, lines: OrderLines, *, platform: Platform, develop_id: str, wire_id: str, reason: str,
           describe: str, now_ms: int) -> Refund:  # fmt: skip
    refund = get_refund(uow, platform=platform, develop_id=develop_id, wire_id=wire_id)
    return refuse_refund(uow, lines, refund, Action.REFUSE, reason=reason, describe=describe, now_ms=now_ms)


def receive_return(uow: UnitOfWork, lines: OrderLines, *, platform: Platform, develop_id: str, wire_id: str,
                   reject: bool, reason: str, now_ms: int) -> Refund:  # fmt: skip
    """The seller confirms receipt of the return: it passes inspection (→ refunded) or is rejected (→ -10)."""
    refund = get_refund(uow, platform=platform, develop_id=develop_id, wire_id=wire_id)
    if reject:
        return refuse_refund(uow, lines, refund, Action.REJECT_RETURN, reason=reason or "退回商品验货不通过",
                             describe="", now_ms=now_ms)  # fmt: skip
    refund.apply(Action.RECEIVE, now_ms, note="seller received the return")
    refund.goods_status = "6" if platform is Platform.TAOBAO else refund.goods_status
    succeed_refund(uow, lines, refund, now_ms)
    return refund


def agree_refund(uow: UnitOfWork, lines: OrderLines, refund: Refund, *, note: str, now_ms: int) -> Refund:
    refund.apply(Action.AGREE, now_ms, note=note)
    if refund.state is RefundState.SUCCEEDED:
        succeed_refund(uow, lines, refund, now_ms)
    else:
        refund.seller_agree_desc = "卖家同意退货,请在期限内寄回商品并填写退货物流"
        persist(uow, refund, policy_of(uow, lines, refund), now_ms)
    return refund


def refuse_refund(uow: UnitOfWork, lines: OrderLines, refund: Refund, action: Action, *, reason: str, describe: str,
                  now_ms: int) -> Refund:  # fmt: skip
    if not reason.strip():
        raise InvalidInputError("a refusal needs a reason", field="reason")
    refund.apply(action, now_ms, note=reason)
    refund.seller_refuse_reason, refund.seller_refuse_desc = reason.strip(), describe
    persist(uow, refund, policy_of(uow, lines, refund), now_ms)
    text = f"{reason.strip()} {describe}".strip()  # the seller's side of the conversation (D8)
    uow.aftersales.add_note(refund_pk=refund.id, sender="seller", content=text, images=[], now_ms=now_ms)
    return refund


def succeed_refund(uow: UnitOfWork, lines: OrderLines, refund: Refund, now_ms: int) -> None:
    """The money moves: ledger row, line totals, then the order learns (and closes when everything is refunded)."""
    uow.aftersales.release_lines(refund.platform, refund_pk=refund.id,
                                 refunded={line.line_id: line.fen for line in refund.lines})  # fmt: skip
    wallet.refund(uow, develop_id=refund.develop_id, amount=Money(refund.total_fen, refund.currency),
                  kind=f"{refund.platform.value}_refund", entry_key=f"refund:{refund.platform.value}:{refund.refund_id}",
                  memo=f"after-sales refund {refund.refund_id}", now_ms=now_ms)  # fmt: skip
    order_lines = lines.order_lines(uow, develop_id=refund.develop_id, order_id=refund.order_id)
    first = next(f for f in order_lines if f.line_id == refund.lines[0].line_id)  # the order's lines, read once
    persist(uow, refund, policy_for(uow, first.seller_id), now_ms)
    totals = uow.aftersales.order_totals(refund.platform, refund.develop_id, refund.order_id)
    done = [f.line_id for f in order_lines if (t := totals.get(f.line_id)) is not None and t.refunded_fen >= f.paid_fen]
    closed = [i for i in done if i in refund.line_ids]
    live = [f for f in order_lines if f.stage is not LineStage.CLOSED or f.line_id in done]
    fully = bool(live) and all(f.line_id in done for f in live)
    lines.refunded(uow, develop_id=refund.develop_id, order_id=refund.order_id, fen=refund.total_fen,
                   closed_line_ids=closed, order_fully_refunded=fully, now_ms=now_ms)  # fmt: skip
