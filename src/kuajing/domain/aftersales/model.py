"""The refund aggregate, shared by Taobao reverse orders and 1688 refunds.

A refund covers one Taobao sub-order, or one or more 1688 order entries (``lines``, each with the fen it asks back).
Only :meth:`Refund.apply` changes ``state``: it looks the move up in :mod:`.states`, records the change for the
history table and sets the deadline of the new step. Money never moves here; the service credits the wallet when
the state becomes ``SUCCEEDED``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kuajing.domain.aftersales.states import REFUND, Action, RefundState
from kuajing.domain.errors import InvalidInputError
from kuajing.domain.line_refunds import Platform
from kuajing.protocol.ids import numeric_id

TAOBAO_REFUND_ID_BASE = 110_000_000_000  # 12 digits like the spec's 110000235001
ALIBABA_REFUND_ID_BASE = 10_000_000_000_000_000  # "TQ" + 17 digits; 1688 refund ids start with TQ [C]


class TimeoutType(StrEnum):
    """``timeoutType``: whose deadline runs in the current step, and what happens when it passes [I]."""

    SELLER_AGREE = "SELLER_AGREE_TIMEOUT"  # 10: the request is agreed automatically
    BUYER_RETURN = "BUYER_RETURN_TIMEOUT"  # 20: the request closes (-20)
    SELLER_RECEIVE = "SELLER_RECEIVE_TIMEOUT"  # 30: the return counts as received; the money is refunded
    BUYER_MODIFY = "BUYER_MODIFY_TIMEOUT"  # -10: the request closes (-20)


def refund_id(platform: Platform, pk: int) -> str:
    if platform is Platform.TAOBAO:
        return str(TAOBAO_REFUND_ID_BASE + pk)
    return f"TQ{ALIBABA_REFUND_ID_BASE + pk}"


def refund_pk(platform: Platform, wire_id: str, *, field_name: str = "refundId") -> int:
    """The internal key of a wire refund id of this platform; InvalidInputError for anything else."""
    text = wire_id.strip()
    base = TAOBAO_REFUND_ID_BASE
    if platform is Platform.ALIBABA:
        if not text.upper().startswith("TQ"):
            raise InvalidInputError("a 1688 refundId starts with TQ", field=field_name)
        text, base = text[2:], ALIBABA_REFUND_ID_BASE
    number = numeric_id(text)
    if number is None or number <= base:
        raise InvalidInputError(f"{wire_id!r} is not a refund id", field=field_name)
    return number - base


def line_number(text: str, field: str) -> int:
    """A sub-order / order-entry id from the wire; InvalidInputError naming ``field`` for anything else."""
    number = numeric_id(text)
    if number is None:
        raise InvalidInputError(f"{text!r} is not an id", field=field)
    return number


@dataclass(slots=True)
class RefundLine:
    line_id: str  # subPurchaseOrderId / orderEntryId
    fen: int  # the money this refund asks back for the line
    quantity: int


@dataclass(frozen=True, slots=True)
class StateChange:
    old: RefundState | None
    new: RefundState
    action: Action
    at_ms: int
    note: str = ""


@dataclass(slots=True)
class Refund:
    platform: Platform
    develop_id: str
    user_id: str
    order_id: str  # purchaseOrderId / 1688 orderId
    lines: list[RefundLine]
    needs_return: bool  # refundType 2 / returnRefund
    goods_status: str  # Taobao 1–6 as text, or the 1688 goodsStatus string
    reason_id: int
    reason_desc: str
    description: str
    images: list[str]
    carriage_fen: int = 0  # 1688 applyCarriage
    currency: str = "CNY"
    state: RefundState = RefundState.REQUESTED
    seller_refuse_reason: str = ""
    seller_refuse_desc: str = ""
    seller_agree_desc: str = ""
    return_company_code: str = ""
    return_company_name: str = ""
    return_no: str = ""
    return_desc: str = ""
    buyer_phone: str = ""
    timeout_type: TimeoutType | None = None
    timeout_at_ms: int | None = None
    created_at_ms: int = 0
    updated_at_ms: int = 0
    finished_at_ms: int | None = None
    version: int = 0
    id: int = 0
    changes: list[StateChange] = field(default_factory=list)

    @property
    def refund_id(self) -> str:
        return refund_id(self.platform, self.id)

    @property
    def goods_fen(self) -> int:
        return sum(line.fen for line in self.lines)

    @property
    def total_fen(self) -> int:
        return self.goods_fen + self.carriage_fen

    @property
    def line_ids(self) -> list[str]:
        return [line.line_id for line in self.lines]

    def start(self, now_ms: int, *, timeout: TimeoutType, due_ms: int) -> None:
        self.created_at_ms = self.updated_at_ms = now_ms
        self.changes.append(StateChange(None, self.state, Action.SUBMIT, now_ms))
        self.timeout_type, self.timeout_at_ms = timeout, due_ms

    def apply(self, action: Action, now_ms: int, *, note: str = "") -> RefundState:
        """The one writer of ``state``."""
        old = self.state
        new = REFUND.next_state(old, action, self.needs_return)
        self.state = new
        self.updated_at_ms = now_ms
        self.changes.append(StateChange(old, new, action, now_ms, note))
        if new in (RefundState.SUCCEEDED, RefundState.CLOSED):
            self.finished_at_ms = now_ms
            self.timeout_type = self.timeout_at_ms = None
        return new

    def set_deadline(self, timeout: TimeoutType, due_ms: int) -> None:
        self.timeout_type, self.timeout_at_ms = timeout, due_ms

    def take_changes(self) -> list[StateChange]:
        changes, self.changes = self.changes, []
        return changes
