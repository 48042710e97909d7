"""1688 refund rules (spec §2.I, §4.4): reasons, ``disputeRequest`` × ``goodsStatus``, create (vouchers: vouchers.py).

``disputeRequest`` ``refund`` (refund only) or ``returnRefund`` (only after the goods were received) [U].
``goodsStatus`` by the order's stage: not shipped → ``refundWaitSellerSend``; shipped → ``refundWaitBuyerReceive``;
received → ``refundBuyerReceived`` (in-sale) or ``aftersaleBuyerReceived`` / ``aftersaleBuyerNotReceived`` (refund
only). ``applyPayment`` (fen) is spread over the named entries in order, each up to what is left of it;
``applyCarriage`` (fen) is at most the order's carriage not refunded yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kuajing.domain.aftersales import service
from kuajing.domain.aftersales.alibaba_lines import AlibabaOrderLines
from kuajing.domain.aftersales.model import Refund
from kuajing.domain.aftersales.ports import LineStage, RefundQuery
from kuajing.domain.aftersales.service import LineRequest
from kuajing.domain.aftersales.states import RefundState
from kuajing.domain.errors import BusinessRefusalError, InvalidInputError
from kuajing.domain.line_refunds import Platform
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.domain.aftersales.ports import UnitOfWork

LINES = AlibabaOrderLines()
REFUND, RETURN_REFUND = "refund", "returnRefund"
DESCRIPTION_MIN, DESCRIPTION_MAX = 2, 150  # upstream createRefund description length [U]

_ALLOWED: dict[LineStage, dict[str, frozenset[str]]] = {
    LineStage.NOT_SHIPPED: {REFUND: frozenset({"refundWaitSellerSend"})},
    LineStage.SHIPPED: {REFUND: frozenset({"refundWaitBuyerReceive"})},
    LineStage.RECEIVED: {
        REFUND: frozenset({"refundBuyerReceived", "aftersaleBuyerReceived", "aftersaleBuyerNotReceived"}),
        RETURN_REFUND: frozenset({"refundBuyerReceived", "aftersaleBuyerReceived"}),
    },
}
ALL_GOODS_STATUSES = ("refundWaitSellerSend", "refundWaitBuyerReceive", "refundBuyerReceived",
                      "aftersaleBuyerNotReceived", "aftersaleBuyerReceived")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reason:
    id: int
    name: str
    need_voucher: bool
    no_refund_carriage: bool
    tip: str
    goods_statuses: frozenset[str]


_NOT_RECEIVED = frozenset({"refundWaitSellerSend", "refundWaitBuyerReceive", "aftersaleBuyerNotReceived"})
_RECEIVED = frozenset({"refundBuyerReceived", "aftersaleBuyerReceived"})
REASONS: tuple[Reason, ...] = (
    Reason(20001, "我不想要了", False, True, "", frozenset(ALL_GOODS_STATUSES)),
    Reason(20002, "未按约定时间发货", False, False, "", frozenset({"refundWaitSellerSend"})),
    Reason(20003, "快递/物流一直未送到", False, False, "", _NOT_RECEIVED - {"refundWaitSellerSend"}),
    Reason(20004, "商品质量问题", True, False, "请上传凭证图片", _RECEIVED),
    Reason(20005, "少件/漏发", True, False, "请上传凭证图片", _RECEIVED),
    Reason(20006, "收到商品与描述不符", True, False, "请上传凭证图片", _RECEIVED),
    Reason(20007, "收到商品破损", True, False, "请上传凭证图片", _RECEIVED),
)
_REASON = {r.id: r for r in REASONS}


def goods_statuses(stage: LineStage, dispute: str) -> list[str]:
    return sorted(_ALLOWED.get(stage, {}).get(dispute, frozenset()))


def reasons(
    uow: UnitOfWork, *, develop_id: str, order_id: str, entry_ids: list[str], goods_status: str
) -> list[Reason]:
    """I2: the reasons offered for these entries (all of the order when none named) in this goods status."""
    order_lines = LINES.order_lines(uow, develop_id=develop_id, order_id=order_id)
    known = {f.line_id for f in order_lines}
    for entry in entry_ids:
        if entry not in known:
            raise InvalidInputError(f"entry {entry} is not part of order {order_id}", field="orderEntryIds")
    if goods_status not in ALL_GOODS_STATUSES:
        raise InvalidInputError(f"goodsStatus is one of {list(ALL_GOODS_STATUSES)}", field="goodsStatus")
    return [r for r in REASONS if goods_status in r.goods_statuses]


def create(
    uow: UnitOfWork, *, develop_id: str, user_id: str, order_id: str, entry_ids: list[str], dispute: str,
    apply_payment: int, apply_carriage: int, reason_id: int, description: str, goods_status: str,
    vouchers: list[str], counts: dict[str, int], now_ms: int,
) -> Refund:  # fmt: skip
    """I4: open a refund on entries of one order (all of its entries when none named)."""
    if dispute not in (REFUND, RETURN_REFUND):
        raise InvalidInputError("disputeRequest is refund or returnRefund", field="disputeRequest")
    if not DESCRIPTION_MIN <= len(description.strip()) <= DESCRIPTION_MAX:
        raise InvalidInputError(f"description must be {DESCRIPTION_MIN}–{DESCRIPTION_MAX} characters",
                                field="description")  # fmt: skip
    order_lines = LINES.order_lines(uow, develop_id=develop_id, order_id=order_id)
    by_id = {f.line_id: f for f in order_lines}
    named = entry_ids or [f.line_id for f in order_lines if f.stage is not LineStage.CLOSED]
    for entry in named:
        if entry not in by_id:
            raise InvalidInputError(f"entry {entry} is not part of order {order_id}", field="orderEntryIds")
    stage = by_id[named[0]].stage if named else LineStage.CLOSED
    if goods_status not in goods_statuses(stage, dispute):
        raise InvalidInputError(f"goodsStatus must be one of {goods_statuses(stage, dispute)} for this order",
                                field="goodsStatus")  # fmt: skip
    reason = _REASON.get(reason_id)
    if reason is None or goods_status not in reason.goods_statuses:
        raise InvalidInputError(f"applyReasonId {reason_id} is not offered for {goods_status}", field="applyReasonId")
    if reason.need_voucher and not vouchers:
        raise InvalidInputError("this reason needs at least one voucher image", field="vouchers")
    if apply_payment <= 0:
        raise InvalidInputError("applyPayment must be a positive number of fen", field="applyPayment")
    totals = uow.aftersales.line_totals(Platform.ALIBABA, named)
    requests: list[LineRequest] = []
    left = apply_payment
    for entry in named:
        total = totals.get(entry)
        remaining = by_id[entry].paid_fen - (total.refunded_fen if total else 0)
        share = min(left, max(remaining, 0))
        if share > 0:
            requests.append(LineRequest(entry, share, counts.get(entry, by_id[entry].quantity)))
        left -= share
    if left > 0:
        raise BusinessRefusalError(f"applyPayment is {left} fen more than these entries can still refund",
                                   code=Code.LIMIT_EXCEEDED, field="applyPayment")  # fmt: skip
    carriage_refunded = _carriage_refunded(uow, develop_id=develop_id, order_id=order_id)
    carriage_limit = 0 if reason.no_refund_carriage and stage is LineStage.RECEIVED else by_id[named[0]].post_fee_fen
    return service.submit(
        uow, LINES, develop_id=develop_id, user_id=user_id, order_id=order_id,
        requests=requests, needs_return=dispute == RETURN_REFUND, goods_status=goods_status, reason_id=reason_id,
        reason_desc=reason.name, description=description.strip(), images=vouchers, carriage_fen=apply_carriage,
        carriage_limit_fen=max(carriage_limit - carriage_refunded, 0), now_ms=now_ms,
    )  # fmt: skip


def _carriage_refunded(uow: UnitOfWork, *, develop_id: str, order_id: str) -> int:
    """Carriage refunded or asked for by an open refund (so two open refunds cannot both take it)."""
    _, refunds = uow.aftersales.page(develop_id, RefundQuery(Platform.ALIBABA, order_id=order_id, page_size=1000))
    return sum(r.carriage_fen for r in refunds if r.state is not RefundState.CLOSED)
