"""Taobao reverse-order rules (spec §2.D, §4.2): reasons, ``refundType`` × ``goodsStatus``, render, submit.

``refundType`` 1 refund only, 2 return and refund. ``goodsStatus`` 1 not shipped, 2 shipped, 3 not received,
4 received, 5 returned, 6 seller confirmed receipt. What the buyer may choose depends on the sub-order:
not shipped → refund only with 1; shipped → refund only with 2 or 3; received → refund only with 3 or 4, or return
and refund with 4 [U: a consumer UI's rules, extended to the unshipped case]. 5 and 6 are set by the return flow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kuajing.domain.aftersales import service, steps
from kuajing.domain.aftersales.model import Refund
from kuajing.domain.aftersales.ports import LineStage
from kuajing.domain.aftersales.service import LineRequest, Refundable
from kuajing.domain.aftersales.taobao_lines import TaobaoOrderLines
from kuajing.domain.errors import BusinessRefusalError, InvalidInputError
from kuajing.domain.line_refunds import Platform
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.domain.aftersales.ports import UnitOfWork

LINES = TaobaoOrderLines()
REFUND_ONLY, RETURN_AND_REFUND = 1, 2


@dataclass(frozen=True, slots=True)
class Reason:
    reason_id: int
    desc: str
    tips: str
    goods_statuses: frozenset[int]  # where the reason can be chosen
    refund_types: frozenset[int]


_ALL_TYPES = frozenset({REFUND_ONLY, RETURN_AND_REFUND})
REASONS: tuple[Reason, ...] = (
    Reason(1, "不想要了", "七天无理由退货需保证商品完好", frozenset({1, 2, 3, 4}), _ALL_TYPES),
    Reason(2, "拍错/多拍", "", frozenset({1, 2, 3}), frozenset({REFUND_ONLY})),
    Reason(3, "未按约定时间发货", "", frozenset({1}), frozenset({REFUND_ONLY})),
    Reason(4, "快递一直未送达", "请先联系卖家确认物流", frozenset({2, 3}), frozenset({REFUND_ONLY})),
    Reason(5, "商品质量问题", "请上传商品问题部位的照片", frozenset({4}), _ALL_TYPES),
    Reason(6, "少件/漏发", "请上传包裹和商品的照片", frozenset({4}), _ALL_TYPES),
    Reason(7, "与商品描述不符", "请上传实物与描述不符的照片", frozenset({4}), _ALL_TYPES),
    Reason(8, "商品破损", "请上传破损部位的照片", frozenset({4}), _ALL_TYPES),
)
_REASON = {r.reason_id: r for r in REASONS}

GOODS_STATUS_TEXT = {1: "未发货", 2: "已发货", 3: "未收到货", 4: "已收到货", 5: "已寄回", 6: "卖家确认收货"}

_ALLOWED: dict[LineStage, dict[int, frozenset[int]]] = {
    LineStage.NOT_SHIPPED: {REFUND_ONLY: frozenset({1})},
    LineStage.SHIPPED: {REFUND_ONLY: frozenset({2, 3})},
    LineStage.RECEIVED: {REFUND_ONLY: frozenset({3, 4}), RETURN_AND_REFUND: frozenset({4})},
}


def goods_statuses(stage: LineStage, refund_type: int) -> list[int]:
    return sorted(_ALLOWED.get(stage, {}).get(refund_type, frozenset()))


def reasons(refund_type: int, goods_status: int) -> list[Reason]:
    return [r for r in REASONS if goods_status in r.goods_statuses and refund_type in r.refund_types]


@dataclass(frozen=True, slots=True)
class RenderResult:
    line: Refundable
    refund_type: int
    goods_status: int
    goods_statuses: list[int]
    reasons: list[Reason]
    sale_flag: bool
    current: Refund | None  # the line's latest refund, if any


def render(uow: UnitOfWork, *, develop_id: str, sub_order_id: str, refund_type: int, goods_status: int,
           now_ms: int) -> RenderResult:  # fmt: skip
    """D2: what may be asked for this sub-order now."""
    _check_type(refund_type)
    line = service.refundable(uow, LINES, develop_id=develop_id, line_id=sub_order_id)
    policy = steps.policy_for(uow, line.facts.seller_id)
    statuses = goods_statuses(line.facts.stage, refund_type)
    return RenderResult(
        line=line, refund_type=refund_type, goods_status=goods_status, goods_statuses=statuses,
        reasons=reasons(refund_type, goods_status) if goods_status in statuses else [],
        sale_flag=service.sale_flag(line, policy, now_ms) and bool(statuses),
        current=uow.aftersales.latest_for_line(Platform.TAOBAO, develop_id, sub_order_id),
    )  # fmt: skip


def submit(
    uow: UnitOfWork, *, develop_id: str, user_id: str, sub_order_id: str, refund_type: int, goods_status: int,
    reason_id: int, refund_fee: int, refund_qty: int | None, description: str, images: list[str], now_ms: int,
) -> Refund:  # fmt: skip
    """D7: open a reverse order on one sub-order."""
    _check_type(refund_type)
    facts = LINES.line(uow, develop_id=develop_id, line_id=sub_order_id)
    if facts.stage in (LineStage.UNPAID, LineStage.CLOSED):
        raise BusinessRefusalError(f"sub-order {sub_order_id} is {facts.stage.value}: nothing to refund",
                                   code=Code.LIMIT_EXCEEDED, field="subOrderId")  # fmt: skip
    if goods_status not in goods_statuses(facts.stage, refund_type):
        allowed = goods_statuses(facts.stage, refund_type)
        raise InvalidInputError(f"goodsStatus must be one of {allowed} for this sub-order and refundType",
                                field="goodsStatus")  # fmt: skip
    reason = _reason(reason_id, refund_type, goods_status)
    return service.submit(
        uow, LINES, develop_id=develop_id, user_id=user_id, order_id=facts.order_id,
        requests=[LineRequest(sub_order_id, refund_fee, refund_qty or facts.quantity)],
        needs_return=refund_type == RETURN_AND_REFUND, goods_status=str(goods_status), reason_id=reason_id,
        reason_desc=reason.desc, description=description, images=images, known_lines={sub_order_id: facts},
        now_ms=now_ms,
    )  # fmt: skip


def modify(
    uow: UnitOfWork, *, develop_id: str, refund_id: str, reason_id: int | None, refund_fee: int | None,
    description: str | None, images: list[str] | None, now_ms: int,
) -> Refund:  # fmt: skip
    """D9: change a refused request and send it back to the seller."""
    refund = service.get_refund(uow, platform=Platform.TAOBAO, develop_id=develop_id, wire_id=refund_id)
    desc = None
    if reason_id is not None:
        desc = _reason(reason_id, 2 if refund.needs_return else 1, int(refund.goods_status)).desc
    return service.modify(uow, LINES, platform=Platform.TAOBAO, develop_id=develop_id, wire_id=refund_id,
                          reason_id=reason_id, reason_desc=desc, fen=refund_fee, description=description,
                          images=images, now_ms=now_ms)  # fmt: skip


def _check_type(refund_type: int) -> None:
    if refund_type not in (REFUND_ONLY, RETURN_AND_REFUND):
        raise InvalidInputError("refundType is 1 (refund only) or 2 (return and refund)", field="refundType")


def _reason(reason_id: int, refund_type: int, goods_status: int) -> Reason:
    reason = _REASON.get(reason_id)
    if reason is None or reason not in reasons(refund_type, goods_status):
        raise InvalidInputError(f"reasonId {reason_id} is not offered for this refundType and goodsStatus",
                                field="reasonId")  # fmt: skip
    return reason
