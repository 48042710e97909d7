"""The logistics trace of a shipped 1688 order (H4, spec §4.5), as ``logistics/trace`` and the order views show it.

It is a rule of the order, not of who ships it: from the shipment the order records (carrier, time) and the
receiver's city, a parcel is collected at shipping, moves every few hours and is signed 48 hours after shipping, so
advancing the sandbox clock advances the trace. The simulated sellers only decide when an order ships; a shipment
recorded any other way (by an operator, or upstream) reads the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from kuajing.domain.alibaba_orders.model import AlibabaOrder
from kuajing.protocol.wire.types import panda_time_from_ms

HOUR_MS = 3_600_000


@dataclass(frozen=True, slots=True)
class TraceStep:
    at_ms: int
    status: str  # ACCEPT, TRANSPORT, DELIVERING, SIGN (§4.5)
    remark: str


def trace_steps(order: AlibabaOrder, now_ms: int) -> list[TraceStep]:
    """The steps a parcel has gone through by ``now_ms``: collected at shipping, then every few hours a new step,
    signed 48 hours after shipping. Derived from the shipping time, so advancing the clock advances the trace."""
    s = order.shipment
    if s is None:
        return []
    a = order.address
    province = (a.province_text if a else "") or "浙江省"
    city = (a.city_text if a else "") or "杭州市"
    plan = (
        (0, "ACCEPT", f"【{s.company_name}】已揽收，揽投员正在处理"),
        (6, "TRANSPORT", "【金华转运中心】已发出，下一站【" + city + "转运中心】"),
        (24, "TRANSPORT", f"【{city}转运中心】已到达"),
        (40, "DELIVERING", f"【{city}】快件正在派送中，请保持电话畅通"),
        (48, "SIGN", f"【{province}{city}】已签收，签收人：本人"),
    )
    return [
        TraceStep(s.shipped_at_ms + h * HOUR_MS, st, r) for h, st, r in plan if s.shipped_at_ms + h * HOUR_MS <= now_ms
    ]


def logistics_status(order: AlibabaOrder, now_ms: int) -> str:
    """Upstream logistics-order status: WAITACCEPT before shipping, then the last trace step's status."""
    steps = trace_steps(order, now_ms)
    if not steps:
        return "WAITACCEPT"
    last = steps[-1].status
    return "TRANSPORT" if last == "DELIVERING" else last


def trace_time(ms: int) -> str:
    return panda_time_from_ms(ms)
