"""How an embedded Taobao seller behaves, read from ``Seller.behaviour`` (a dict the sandbox can change).

Keys (camelCase, shared with the 1688 sellers where the meaning is the same; docs/taobao-orders.md):

=============================  ========  ==============================================================
key                            default   meaning
=============================  ========  ==============================================================
``unpaidTimeoutSeconds``       86400     an unpaid order closes this long after creation
``shipDelaySeconds``           7200      a paid order ships this long after payment
``autoConfirmDays``            10        receipt is confirmed automatically this many days after shipping
``postFeeFen``                 0         domestic postage per purchase order, in fen
``traceStepSeconds``           21600     time between two logistics trace steps
``failOutOfStockAtCreate``     false     create refuses with OUT_OF_STOCK (render still says buyable)
``failPriceChangeAtCreate``    false     create refuses with PRICE_CHANGED (the seller "just" repriced)
``originProvince`` / ``City``  (by id)   where the parcels' traces start (``originDistrict`` too)
=============================  ========  ==============================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEFAULT_UNPAID_TIMEOUT_S = 86_400  # Taobao closes unpaid orders after a day unless the seller says otherwise [I]
DEFAULT_SHIP_DELAY_S = 7_200
DEFAULT_AUTO_CONFIRM_DAYS = 10  # Taobao's default automatic receipt confirmation for express parcels
DEFAULT_TRACE_STEP_S = 21_600


def _int(behaviour: dict[str, Any], key: str, default: int) -> int:
    value = behaviour.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return default
    try:
        return max(0, int(value))
    except ValueError:
        return default


def _text(behaviour: dict[str, Any], key: str) -> str | None:
    value = behaviour.get(key)
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class SellerPolicy:
    unpaid_timeout_s: int = DEFAULT_UNPAID_TIMEOUT_S
    ship_delay_s: int = DEFAULT_SHIP_DELAY_S
    auto_confirm_days: int = DEFAULT_AUTO_CONFIRM_DAYS
    post_fee_fen: int = 0
    trace_step_s: int = DEFAULT_TRACE_STEP_S
    fail_out_of_stock_at_create: bool = False
    fail_price_change_at_create: bool = False
    origin: tuple[str | None, str | None, str | None] = (None, None, None)  # province, city, district; None: by id

    @classmethod
    def from_behaviour(cls, behaviour: dict[str, Any]) -> SellerPolicy:
        return cls(
            unpaid_timeout_s=_int(behaviour, "unpaidTimeoutSeconds", DEFAULT_UNPAID_TIMEOUT_S),
            ship_delay_s=_int(behaviour, "shipDelaySeconds", DEFAULT_SHIP_DELAY_S),
            auto_confirm_days=_int(behaviour, "autoConfirmDays", DEFAULT_AUTO_CONFIRM_DAYS),
            post_fee_fen=_int(behaviour, "postFeeFen", 0),
            trace_step_s=max(1, _int(behaviour, "traceStepSeconds", DEFAULT_TRACE_STEP_S)),
            fail_out_of_stock_at_create=bool(behaviour.get("failOutOfStockAtCreate", False)),
            fail_price_change_at_create=bool(behaviour.get("failPriceChangeAtCreate", False)),
            origin=(
                _text(behaviour, "originProvince"),
                _text(behaviour, "originCity"),
                _text(behaviour, "originDistrict"),
            ),
        )


BEHAVIOUR_KEYS = frozenset(
    {
        "unpaidTimeoutSeconds", "shipDelaySeconds", "autoConfirmDays", "postFeeFen", "traceStepSeconds",
        "failOutOfStockAtCreate", "failPriceChangeAtCreate",
    }
)  # fmt: skip
