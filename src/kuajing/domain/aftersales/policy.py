"""How an embedded seller answers refunds, read from ``Seller.behaviour`` (shared by Taobao and 1688 sellers).

=============================  ========  ==========================================================================
key                            default   meaning
=============================  ========  ==========================================================================
``refundAgreeHours``           24        the seller answers a request (agree, or refuse a listed reason) this many
                                         hours after it is submitted or modified; ``null`` or negative: never
                                         answers, so the seller deadline agrees automatically
``refundRefuseReasonIds``      []        reason ids the seller refuses (with ``refundRefuseReason``)
``refundRefuseReason``         "..."     the refusal text the seller gives
``refundInspectReject``        false     after receiving a return the seller rejects it after inspection (30 → -10)
``refundReceiveHours``         24        the seller confirms receipt of a shipped return this many hours after it
                                         was shipped; ``null`` or negative: only the deadline confirms it
``sellerRefundTimeoutHours``   48        seller deadline for a request: then it is agreed automatically
``sellerReceiveTimeoutDays``   10        seller deadline to confirm a shipped return: then it is refunded
``buyerReturnDays``            7         buyer deadline to ship the return after an agreement: then closed (-20)
``buyerModifyDays``            7         buyer deadline to modify or cancel after a refusal: then closed (-20)
``afterSaleDays``              15        after-sale window after receipt is confirmed (``saleFlag``)
=============================  ========  ==========================================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

HOUR_MS = 3_600_000
DAY_MS = 86_400_000

DEFAULT_AGREE_HOURS = 24
DEFAULT_RECEIVE_HOURS = 24
DEFAULT_SELLER_TIMEOUT_HOURS = 48  # Taobao gives the seller 48 h on a refund-only request before it auto-agrees [I]
DEFAULT_RECEIVE_TIMEOUT_DAYS = 10  # Taobao's seller confirmation window for a returned parcel [I]
DEFAULT_BUYER_RETURN_DAYS = 7  # Taobao: ship the return within 7 days of the agreement [I]
DEFAULT_BUYER_MODIFY_DAYS = 7
DEFAULT_AFTER_SALE_DAYS = 15  # after-sale window after receipt [I]
DEFAULT_REFUSE_REASON = "商品无质量问题,不同意退款"

BEHAVIOUR_KEYS = frozenset({
    "refundAgreeHours", "refundRefuseReasonIds", "refundRefuseReason", "refundInspectReject", "refundReceiveHours",
    "sellerRefundTimeoutHours", "sellerReceiveTimeoutDays", "buyerReturnDays", "buyerModifyDays", "afterSaleDays",
})  # fmt: skip


def _is_integer(text: str) -> bool:
    digits = text.removeprefix("-")
    return digits.isascii() and digits.isdecimal() and len(digits) <= 18


def _hours(behaviour: dict[str, Any], key: str, default: int) -> int | None:
    """A non-negative number from the behaviour dict; ``None`` for null or negative ("never")."""
    value = behaviour.get(key, default)
    if value is None or isinstance(value, bool):
        return None if value is None else default
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return None if number < 0 else number


def _positive(behaviour: dict[str, Any], key: str, default: int) -> int:
    value = _hours(behaviour, key, default)
    return default if value is None else max(value, 0)


@dataclass(frozen=True, slots=True)
class RefundPolicy:
    agree_after_ms: int | None = DEFAULT_AGREE_HOURS * HOUR_MS
    refuse_reason_ids: frozenset[int] = frozenset()
    refuse_reason: str = DEFAULT_REFUSE_REASON
    inspect_reject: bool = False
    receive_after_ms: int | None = DEFAULT_RECEIVE_HOURS * HOUR_MS
    seller_timeout_ms: int = DEFAULT_SELLER_TIMEOUT_HOURS * HOUR_MS
    receive_timeout_ms: int = DEFAULT_RECEIVE_TIMEOUT_DAYS * DAY_MS
    buyer_return_ms: int = DEFAULT_BUYER_RETURN_DAYS * DAY_MS
    buyer_modify_ms: int = DEFAULT_BUYER_MODIFY_DAYS * DAY_MS
    after_sale_ms: int = DEFAULT_AFTER_SALE_DAYS * DAY_MS

    @classmethod
    def from_behaviour(cls, behaviour: dict[str, Any]) -> RefundPolicy:
        agree = _hours(behaviour, "refundAgreeHours", DEFAULT_AGREE_HOURS)
        receive = _hours(behaviour, "refundReceiveHours", DEFAULT_RECEIVE_HOURS)
        raw_ids = behaviour.get("refundRefuseReasonIds") or []
        raw_ids = raw_ids if isinstance(raw_ids, list) else [raw_ids]
        ids = frozenset(int(i) for i in raw_ids if isinstance(i, int | str) and _is_integer(str(i)))
        return cls(
            agree_after_ms=None if agree is None else agree * HOUR_MS,
            refuse_reason_ids=ids,
            refuse_reason=str(behaviour.get("refundRefuseReason") or DEFAULT_REFUSE_REASON),
            inspect_reject=bool(behaviour.get("refundInspectReject", False)),
            receive_after_ms=None if receive is None else receive * HOUR_MS,
            seller_timeout_ms=_positive(behaviour, "sellerRefundTimeoutHours", DEFAULT_SELLER_TIMEOUT_HOURS) * HOUR_MS,
            receive_timeout_ms=_positive(behaviour, "sellerReceiveTimeoutDays", DEFAULT_RECEIVE_TIMEOUT_DAYS) * DAY_MS,
            buyer_return_ms=_positive(behaviour, "buyerReturnDays", DEFAULT_BUYER_RETURN_DAYS) * DAY_MS,
            buyer_modify_ms=_positive(behaviour, "buyerModifyDays", DEFAULT_BUYER_MODIFY_DAYS) * DAY_MS,
            after_sale_ms=_positive(behaviour, "afterSaleDays", DEFAULT_AFTER_SALE_DAYS) * DAY_MS,
        )
