"""After-sales use cases shared by both platforms. Each runs in the caller's unit of work: the refund's state, its
history rows, its outbox message, its timers, the line totals, the ledger row and the order's own change commit
together or not at all.

Money: a refund that reaches ``SUCCEEDED`` credits the wallet once, with the ledger key
``refund:<platform>:<refundId>`` (unique per developer, so a replay cannot credit twice), and adds its fen to each
line's ``refunded_fen`` — the store refuses ``refunded_fen > paid_fen``, so all refunds of a line together never
exceed what was paid. One open refund per line is held by the line row (``open_refund_pk``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kuajing.domain.accounts import wallet
from kuajing.domain.aftersales import messages
from kuajing.domain.aftersales.model import Refund, RefundLine, TimeoutType, refund_pk
from kuajing.domain.aftersales.policy import RefundPolicy
from kuajing.domain.aftersales.ports import LineFacts, LineStage, OrderLines, RefundNote, RefundQuery
from kuajing.domain.aftersales.states import OPEN, TERMINAL, Action, RefundState
from kuajing.domain.errors import (
    BusinessRefusalError,
    DuplicateError,
    IllegalTransitionError,
    InvalidInputError,
    NotFoundError,
)
from kuajing.domain.line_refunds import Platform
from kuajing.domain.money import Money
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.domain.aftersales.ports import UnitOfWork

JOB_SELLER_ANSWER = "aftersales.seller_answer"
JOB_SELLER_RECEIVE = "aftersales.seller_receive"
JOB_DEADLINE = "aftersales.deadline"
ALL_JOBS = (JOB_SELLER_ANSWER, JOB_SELLER_RECEIVE, JOB_DEADLINE)

MAX_DESCRIPTION = 200
MAX_IMAGES = 9


@dataclass(frozen=True, slots=True)
class LineRequest:
    line_id: str
    fen: int
    quantity: int


@dataclass(frozen=True, slots=True)
class Refundable:
    """What one line can still give back."""

    facts: LineFacts
    refunded_fen: int
    open_refund_pk: int | None

    @property
    def remaining_fen(self) -> int:
        return max(self.facts.paid_fen - self.refunded_fen, 0)


@dataclass(frozen=True, slots=True)
class RefundView:
    """A refund with what its wire answers show: the (first) line's facts and the seller's shop name."""

    refund: Refund
    line: LineFacts
    shop_name: str
    now_ms: int
    cancelled: bool = False


def view(uow: UnitOfWork, lines: OrderLines, refund: Refund, now_ms: int, *, cancelled: bool = False) -> RefundView:
    facts = lines.line(uow, develop_id=refund.develop_id, line_id=refund.lines[0].line_id)
    seller = uow.catalog.get_seller(facts.seller_id)
    return RefundView(refund, facts, seller.shop_name if seller else facts.supplier_nick, now_ms, cancelled)


# -- reading --------------------------------------------------------------------------------------------------------
def get_refund(uow: UnitOfWork, *, platform: Platform, develop_id: str, wire_id: str) -> Refund:
    refund = uow.aftersales.get(platform, develop_id, refund_pk(platform, wire_id))
    if refund is None:
        raise NotFoundError(f"no refund {wire_id}", field="refundId")
    return refund


def refundable(
    uow: UnitOfWork, lines: OrderLines, *, develop_id: str, line_id: str, facts: LineFacts | None = None
) -> Refundable:
    """The line with what after-sales has refunded on it; ``facts``: the line as the caller already read it."""
    facts = facts or lines.line(uow, develop_id=develop_id, line_id=line_id)
    total = uow.aftersales.line_totals(lines.platform, [line_id]).get(line_id)
    return Refundable(facts, total.refunded_fen if total else 0, total.open_refund_pk if total else None)


def policy_for(uow: UnitOfWork, seller_id: int) -> RefundPolicy:
    seller = uow.catalog.get_seller(seller_id)
    return RefundPolicy.from_behaviour(seller.behaviour if seller else {})


def sale_flag(line: Refundable, policy: RefundPolicy, now_ms: int) -> bool:
    """Whether a new request can be made on the line now (``saleFlag``)."""
    facts = line.facts
    if facts.stage in (LineStage.UNPAID, LineStage.CLOSED) or line.remaining_fen <= 0:
        return False
    if line.open_refund_pk is not None:
        return False
    if facts.stage is LineStage.RECEIVED and facts.received_at_ms is not None:
        return now_ms < facts.received_at_ms + policy.after_sale_ms
    return True


def list_refunds(uow: UnitOfWork, *, develop_id: str, query: RefundQuery) -> tuple[int, list[Refund]]:
    return uow.aftersales.page(develop_id, query)


def notes(uow: UnitOfWork, *, platform: Platform, develop_id: str, wire_id: str) -> list[RefundNote]:
    refund = get_refund(uow, platform=platform, develop_id=develop_id, wire_id=wire_id)
    return uow.aftersales.notes(refund.id)


# -- the buyer ------------------------------------------------------------------------------------------------------
def submit(
    uow: UnitOfWork,
    lines: OrderLines,
    *,
    develop_id: str,
    user_id: str,
    order_id: str,
    requests: list[LineRequest],
    needs_return: bool,
    goods_status: str,
    reason_id: int,
    reason_desc: str,
    description: str,
    images: list[str],
    carriage_fen: int = 0,
    carriage_limit_fen: int = 0,
    known_lines: Mapping[str, LineFacts] | None = None,
    now_ms: int,
) -> Refund:
    """Open a refund on paid lines of one order. Platform rules (reasons, goods statuses) are checked by the caller;
    here: the lines are the developer's, paid and in the after-sale window, have no open refund, and each amount is
    at most what is left of the line after earlier refunds. ``known_lines``: lines the caller's checks already read
    (by line id), not read again."""
    if not requests:
        raise InvalidInputError("name at least one line to refund", field="subOrderId")
    _check_text(description, images)
    seen: set[str] = set()
    paid: dict[str, int] = {}
    refund_lines: list[RefundLine] = []
    known = known_lines or {}
    policy: RefundPolicy | None = None
    for req in requests:
        if req.line_id in seen:
            raise InvalidInputError(f"line {req.line_id} is named twice", field="subOrderId")
        seen.add(req.line_id)
        line = refundable(uow, lines, develop_id=develop_id, line_id=req.line_id, facts=known.get(req.line_id))
        if line.facts.order_id != order_id:
            raise InvalidInputError(f"line {req.line_id} is not part of order {order_id}", field="orderEntryIds")
        policy = policy or policy_for(uow, line.facts.seller_id)  # the lines of one order have one seller
        if line.open_refund_pk is not None:
            raise DuplicateError(f"line {req.line_id} already has an open refund", field="subOrderId")
        if not sale_flag(line, policy, now_ms):
            raise BusinessRefusalError(f"line {req.line_id} cannot be refunded now (saleFlag false)",
                                       code=Code.LIMIT_EXCEEDED, field="subOrderId")  # fmt: skip
        if req.fen <= 0:
            raise InvalidInputError("the refund amount must be a positive number of fen", field="refundFee")
        if req.fen > line.remaining_fen:
            raise BusinessRefusalError(
                f"line {req.line_id}: {req.fen} fen is more than the {line.remaining_fen} fen still refundable",
                code=Code.LIMIT_EXCEEDED, field="refundFee",
            )  # fmt: skip
        if not 1 <= req.quantity <= line.facts.quantity:
            raise InvalidInputError(f"quantity must be 1..{line.facts.quantity}", field="refundQty")
        if needs_return and line.facts.stage is not LineStage.RECEIVED:
            raise BusinessRefusalError("a return is possible only after the goods were received",
                                       code=Code.LIMIT_EXCEEDED, field="refundType")  # fmt: skip
        paid[req.line_id] = line.facts.paid_fen
        refund_lines.append(RefundLine(req.line_id, req.fen, req.quantity))
    if carriage_fen < 0 or carriage_fen > carriage_limit_fen:
        raise BusinessRefusalError(f"applyCarriage must be 0..{carriage_limit_fen} fen", code=Code.LIMIT_EXCEEDED,
                                   field="applyCarriage")  # fmt: skip
    assert policy is not None  # requests is not empty
    refund = Refund(
        platform=lines.platform, develop_id=develop_id, user_id=user_id, order_id=order_id, lines=refund_lines,
        needs_return=needs_return, goods_status=goods_status, reason_id=reason_id, reason_desc=reason_desc,
        description=description, images=images, carriage_fen=carriage_fen,
    )  # fmt: skip
    refund.start(now_ms, timeout=TimeoutType.SELLER_AGREE, due_ms=now_ms + policy.seller_timeout_ms)
    uow.aftersales.add(refund)
    if not uow.aftersales.claim_lines(lines.platform, develop_id=develop_id, order_id=order_id, paid=paid,
                                      refund_pk=refund.id):  # fmt: skip
        raise DuplicateError("a line of this request already has an open refund", field="subOrderId")
    _persist(uow, refund, policy, now_ms, new=True)
    return refund


def modify(
    uow: UnitOfWork,
    lines: OrderLines,
    *,
    platform: Platform,
    develop_id: str,
    wire_id: str,
    reason_id: int | None,
    reason_desc: str | None,
    fen: int | None,
    description: str | None,
    images: list[str] | None,
    now_ms: int,
) -> Refund:
    """D9: after a refusal the buyer changes reason, amount or description; the request goes back to the seller."""
    refund = get_refund(uow, platform=platform, develop_id=develop_id, wire_id=wire_id)
    if fen is not None:
        if len(refund.lines) != 1:
            raise InvalidInputError("the amount of a multi-line refund cannot be changed", field="refundFee")
        line = refundable(uow, lines, develop_id=develop_id, line_id=refund.lines[0].line_id)
        if fen <= 0 or fen > line.remaining_fen:
            raise BusinessRefusalError(f"refundFee must be 1..{line.remaining_fen} fen", code=Code.LIMIT_EXCEEDED,
                                       field="refundFee")  # fmt: skip
    _check_text(description or "", images or [])
    refund.apply(Action.MODIFY, now_ms)
    if reason_id is not None:
        refund.reason_id = reason_id
        refund.reason_desc = reason_desc or refund.reason_desc
    if fen is not None:
        refund.lines[0].fen = fen
    if description is not None:
        refund.description = description
    if images is not None:
        refund.images = images
    refund.seller_refuse_reason = refund.seller_refuse_desc = ""
    _persist(uow, refund, _policy_of(uow, lines, refund), now_ms)
    return refund


def ship_return(
    uow: UnitOfWork,
    lines: OrderLines,
    *,
    platform: Platform,
    develop_id: str,
    wire_id: str,
    company_code: str,
    company_name: str,
    tracking_no: str,
    description: str,
    buyer_phone: str,
    now_ms: int,
) -> Refund:
    """D4 / I5: the buyer ships the goods back; the seller then receives and inspects them."""
    if not tracking_no.strip():
        raise InvalidInputError("the return's tracking number is required", field="logisticsNo")
    refund = get_refund(uow, platform=platform, develop_id=develop_id, wire_id=wire_id)
    refund.apply(Action.SHIP_RETURN, now_ms)
    refund.return_company_code, refund.return_company_name = company_code, company_name
    refund.return_no, refund.return_desc, refund.buyer_phone = tracking_no.strip(), description, buyer_phone
    refund.goods_status = "5" if platform is Platform.TAOBAO else refund.goods_status
    _persist(uow, refund, _policy_of(uow, lines, refund), now_ms)
    return refund


def cancel(uow: UnitOfWork, lines: OrderLines, *, platform: Platform, develop_id: str, wire_id: str,
           now_ms: int) -> Refund:  # fmt: skip
    """D5: the buyer withdraws the request (10, 20 or -10 → -20); the line is free for a new request."""
    refund = get_refund(uow, platform=platform, develop_id=develop_id, wire_id=wire_id)
    refund.apply(Action.CANCEL, now_ms, note="buyer cancelled")
    uow.aftersales.release_lines(platform, refund_pk=refund.id, refunded={})
    _persist(uow, refund, _policy_of(uow, lines, refund), now_ms)
    return refund


def leave_note(uow: UnitOfWork, *, platform: Platform, develop_id: str, wire_id: str, sender: str, content: str,
               images: list[str], now_ms: int) -> RefundNote:  # fmt: skip
    """D6: a message on a refund; allowed while the refund is open."""
    refund = get_refund(uow, platform=platform, develop_id=develop_id, wire_id=wire_id)
    if refund.state in TERMINAL:
        raise BusinessRefusalError("the refund is finished; no more messages", code=Code.LIMIT_EXCEEDED,
                                   field="refundId")  # fmt: skip
    if not content.strip():
        raise InvalidInputError("the message is empty", field="refundMessage")
    _check_text(content, images, field="refundMessage")
    return uow.aftersales.add_note(refund_pk=refund.id, sender=sender, content=content.strip(), images=images,
                                   now_ms=now_ms)  # fmt: skip


# -- the seller (policy timers and sandbox) -------------------------------------------------------------------------
def agree(uow: UnitOfWork, lines: OrderLines, *, platform: Platform, develop_id: str, wire_id: str, note: str,
          now_ms: int) -> Refund:  # fmt: skip
    refund = get_refund(uow, platform=platform, develop_id=develop_id, wire_id=wire_id)
    return _agree(uow, lines, refund, note=note, now_ms=now_ms)


def refuse(uow: UnitOfWork, lines: OrderLines, *, platform: Platform, develop_id: str, wire_id: str, reason: str,
           describe: str, now_ms: int) -> Refund:  # fmt: skip
    refund = get_refund(uow, platform=platform, develop_id=develop_id, wire_id=wire_id)
    return _refuse(uow, lines, refund, Action.REFUSE, reason=reason, describe=describe, now_ms=now_ms)


def receive_return(uow: UnitOfWork, lines: OrderLines, *, platform: Platform, develop_id: str, wire_id: str,
                   reject: bool, reason: str, now_ms: int) -> Refund:  # fmt: skip
    """The seller confirms receipt of the return: it passes inspection (→ refunded) or is rejected (→ -10)."""
    refund = get_refund(uow, platform=platform, develop_id=develop_id, wire_id=wire_id)
    if reject:
        return _refuse(uow, lines, refund, Action.REJECT_RETURN, reason=reason or "退回商品验货不通过",
                       describe="", now_ms=now_ms)  # fmt: skip
    refund.apply(Action.RECEIVE, now_ms, note="seller received the return")
    refund.goods_status = "6" if platform is Platform.TAOBAO else refund.goods_status
    _succeed(uow, lines, refund, now_ms)
    return refund


def _agree(uow: UnitOfWork, lines: OrderLines, refund: Refund, *, note: str, now_ms: int) -> Refund:
    refund.apply(Action.AGREE, now_ms, note=note)
    if refund.state is RefundState.SUCCEEDED:
        _succeed(uow, lines, refund, now_ms)
    else:
        refund.seller_agree_desc = "卖家同意退货,请在期限内寄回商品并填写退货物流"
        _persist(uow, refund, _policy_of(uow, lines, refund), now_ms)
    return refund


def _refuse(uow: UnitOfWork, lines: OrderLines, refund: Refund, action: Action, *, reason: str, describe: str,
            now_ms: int) -> Refund:  # fmt: skip
    if not reason.strip():
        raise InvalidInputError("a refusal needs a reason", field="reason")
    refund.apply(action, now_ms, note=reason)
    refund.seller_refuse_reason, refund.seller_refuse_desc = reason.strip(), describe
    _persist(uow, refund, _policy_of(uow, lines, refund), now_ms)
    text = f"{reason.strip()} {describe}".strip()  # the seller's side of the conversation (D8)
    uow.aftersales.add_note(refund_pk=refund.id, sender="seller", content=text, images=[], now_ms=now_ms)
    return refund


def _succeed(uow: UnitOfWork, lines: OrderLines, refund: Refund, now_ms: int) -> None:
    """The money moves: ledger row, line totals, then the order learns (and closes when everything is refunded)."""
    uow.aftersales.release_lines(refund.platform, refund_pk=refund.id,
                                 refunded={line.line_id: line.fen for line in refund.lines})  # fmt: skip
    wallet.refund(uow, develop_id=refund.develop_id, amount=Money(refund.total_fen, refund.currency),
                  kind=f"{refund.platform.value}_refund", entry_key=f"refund:{refund.platform.value}:{refund.refund_id}",
                  memo=f"after-sales refund {refund.refund_id}", now_ms=now_ms)  # fmt: skip
    order_lines = lines.order_lines(uow, develop_id=refund.develop_id, order_id=refund.order_id)
    first = next(f for f in order_lines if f.line_id == refund.lines[0].line_id)  # the order's lines, read once
    _persist(uow, refund, policy_for(uow, first.seller_id), now_ms)
    totals = uow.aftersales.order_totals(refund.platform, refund.develop_id, refund.order_id)
    done = [f.line_id for f in order_lines if (t := totals.get(f.line_id)) is not None and t.refunded_fen >= f.paid_fen]
    closed = [i for i in done if i in refund.line_ids]
    live = [f for f in order_lines if f.stage is not LineStage.CLOSED or f.line_id in done]
    fully = bool(live) and all(f.line_id in done for f in live)
    lines.refunded(uow, develop_id=refund.develop_id, order_id=refund.order_id, fen=refund.total_fen,
                   closed_line_ids=closed, order_fully_refunded=fully, now_ms=now_ms)  # fmt: skip


# -- timers ---------------------------------------------------------------------------------------------------------
def job_ref(refund: Refund) -> str:
    return f"{refund.platform.value}:{refund.id}"


def load_for_job(uow: UnitOfWork, develop_id: str, ref: str) -> Refund | None:
    platform_text, _, pk = ref.partition(":")
    return uow.aftersales.get(Platform(platform_text), develop_id, int(pk))


def seller_answers(uow: UnitOfWork, lines: OrderLines, refund: Refund, now_ms: int) -> None:
    """The seller's own answer at ``refundAgreeHours``: refuse a listed reason, agree otherwise."""
    if refund.state is not RefundState.REQUESTED:
        return
    policy = _policy_of(uow, lines, refund)
    if refund.reason_id in policy.refuse_reason_ids:
        _refuse(uow, lines, refund, Action.REFUSE, reason=policy.refuse_reason, describe="", now_ms=now_ms)
    else:
        _agree(uow, lines, refund, note="seller agreed", now_ms=now_ms)


def seller_receives(uow: UnitOfWork, lines: OrderLines, refund: Refund, now_ms: int) -> None:
    """The seller's own receipt of the return at ``refundReceiveHours``, then inspection."""
    if refund.state is not RefundState.RETURN_SHIPPED:
        return
    policy = _policy_of(uow, lines, refund)
    receive_return(uow, lines, platform=refund.platform, develop_id=refund.develop_id, wire_id=refund.refund_id,
                   reject=policy.inspect_reject, reason="", now_ms=now_ms)  # fmt: skip


def deadline_passed(uow: UnitOfWork, lines: OrderLines, refund: Refund, now_ms: int) -> bool:
    """The step's deadline: the seller's silence agrees (or receives); the buyer's silence closes."""
    if refund.state in TERMINAL or refund.timeout_at_ms is None or now_ms < refund.timeout_at_ms:
        return False
    if refund.state is RefundState.REQUESTED:
        _agree(uow, lines, refund, note="seller did not answer in time: agreed automatically", now_ms=now_ms)
    elif refund.state is RefundState.RETURN_SHIPPED:
        refund.apply(Action.RECEIVE, now_ms, note="seller did not confirm receipt in time")
        _succeed(uow, lines, refund, now_ms)
    else:
        refund.apply(Action.EXPIRE, now_ms, note=f"{refund.timeout_type} passed")
        uow.aftersales.release_lines(refund.platform, refund_pk=refund.id, refunded={})
        _persist(uow, refund, _policy_of(uow, lines, refund), now_ms)
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


# -- helpers --------------------------------------------------------------------------------------------------------
def _policy_of(uow: UnitOfWork, lines: OrderLines, refund: Refund) -> RefundPolicy:
    facts = lines.line(uow, develop_id=refund.develop_id, line_id=refund.lines[0].line_id)
    return policy_for(uow, facts.seller_id)


def _check_text(description: str, images: list[str], *, field: str = "refundDesc") -> None:
    if len(description) > MAX_DESCRIPTION:
        raise InvalidInputError(f"at most {MAX_DESCRIPTION} characters", field=field)
    if len(images) > MAX_IMAGES:
        raise InvalidInputError(f"at most {MAX_IMAGES} images", field="refundImages")


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


def _persist(uow: UnitOfWork, refund: Refund, policy: RefundPolicy, now_ms: int, *, new: bool = False) -> None:
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
        _schedule(uow, refund, policy, now_ms)


def _schedule(uow: UnitOfWork, refund: Refund, policy: RefundPolicy, now_ms: int) -> None:
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
