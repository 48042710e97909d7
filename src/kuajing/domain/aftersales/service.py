"""After-sales use cases shared by both platforms: reading refunds and the buyer's requests (the seller's
answers and the money of a refund that succeeds are answers.py, the timers timers.py). Each runs in the caller's unit of work: the refund's state, its
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

from kuajing.domain.aftersales.model import Refund, RefundLine, TimeoutType, refund_pk
from kuajing.domain.aftersales.policy import RefundPolicy
from kuajing.domain.aftersales.ports import LineFacts, LineStage, OrderLines, RefundNote, RefundQuery
from kuajing.domain.aftersales.states import TERMINAL, Action
from kuajing.domain.aftersales.steps import persist, policy_for, policy_of
from kuajing.domain.errors import BusinessRefusalError, DuplicateError, InvalidInputError, NotFoundError
from kuajing.domain.line_refunds import Platform
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.domain.aftersales.ports import UnitOfWork

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
    persist(uow, refund, policy, now_ms, new=True)
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
    persist(uow, refund, policy_of(uow, lines, refund), now_ms)
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
    persist(uow, refund, policy_of(uow, lines, refund), now_ms)
    return refund


def cancel(uow: UnitOfWork, lines: OrderLines, *, platform: Platform, develop_id: str, wire_id: str,
           now_ms: int) -> Refund:  # fmt: skip
    """D5: the buyer withdraws the request (10, 20 or -10 → -20); the line is free for a new request."""
    refund = get_refund(uow, platform=platform, develop_id=develop_id, wire_id=wire_id)
    refund.apply(Action.CANCEL, now_ms, note="buyer cancelled")
    uow.aftersales.release_lines(platform, refund_pk=refund.id, refunded={})
    persist(uow, refund, policy_of(uow, lines, refund), now_ms)
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


def _check_text(description: str, images: list[str], *, field: str = "refundDesc") -> None:
    if len(description) > MAX_DESCRIPTION:
        raise InvalidInputError(f"at most {MAX_DESCRIPTION} characters", field=field)
    if len(images) > MAX_IMAGES:
        raise InvalidInputError(f"at most {MAX_IMAGES} images", field="refundImages")
