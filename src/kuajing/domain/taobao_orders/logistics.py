"""The logistics trace of a shipped Taobao sub-order (B10, spec §4.5), as ``logistics/detail/get`` shows it.

It is a rule of the order, not of who ships it: a pure function of the shipment the sub-order records (time,
carrier), the seller's origin and the receiver's route, and now — each step appears once the developer's clock
passes its time, ``traceStepSeconds`` apart, so advancing the sandbox clock walks the parcel to the warehouse. The
simulated sellers only decide when an order ships; a shipment recorded any other way reads the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from kuajing.domain.catalog.model import Seller
from kuajing.domain.taobao_orders.model import PurchaseOrder, SubOrder
from kuajing.domain.taobao_orders.policy import SellerPolicy
from kuajing.protocol.wire.types import panda_time_from_ms

# Where the sellers ship from (province, city, district), picked by seller id unless behaviour says
# ``originProvince`` / ``originCity`` / ``originDistrict``.
ORIGINS = (
    ("浙江省", "杭州市", "余杭区"),
    ("广东省", "广州市", "白云区"),
    ("浙江省", "金华市", "义乌市"),
    ("江苏省", "苏州市", "吴中区"),
    ("福建省", "泉州市", "晋江市"),
)


def origin_of(seller: Seller | None, policy: SellerPolicy) -> tuple[str, str, str]:
    default = ORIGINS[seller.id % len(ORIGINS)] if seller is not None else ORIGINS[0]
    province, city, district = (g if g is not None else d for g, d in zip(policy.origin, default, strict=True))
    return province, city, district


@dataclass(frozen=True, slots=True)
class TraceStep:
    status: str  # ACCEPT | TRANSPORT | DELIVERING | SIGN
    status_desc: str
    action: str  # TMS_ACCEPT, TMS_STATION_IN, TMS_STATION_OUT, TMS_DELIVERING, TMS_SIGN
    standard_desc: str
    province: str
    city: str
    district: str
    facility_name: str
    next_city: str
    next_node_name: str
    time: str  # yyyy-MM-dd HH:mm:ss, Asia/Shanghai
    at_ms: int


def trace(sub: SubOrder, order: PurchaseOrder, seller: Seller | None, now_ms: int) -> list[TraceStep]:
    """The steps of a shipped sub-order's parcel whose time has come, oldest first. Empty before shipment."""
    if sub.shipped_at_ms is None:
        return []
    policy = SellerPolicy.from_behaviour(seller.behaviour if seller else {})
    step_ms = policy.trace_step_s * 1000
    op, oc, od = origin_of(seller, policy)
    r = order.receiver
    dp, dc, dd = r.state or "浙江省", r.city or "杭州市", r.district or ""
    carrier = sub.carrier_name
    origin_hub, dest_hub = f"{oc}转运中心", f"{dc}转运中心"
    station = f"{dc}{dd}营业部"
    plan = [
        ("ACCEPT", "已揽收", "TMS_ACCEPT", f"【{oc}】{carrier} 已揽收", op, oc, od, f"{oc}{od}揽投部", oc, origin_hub),
        ("TRANSPORT", "运输中", "TMS_STATION_IN", f"快件已到达【{origin_hub}】", op, oc, "", origin_hub, oc, origin_hub),
        ("TRANSPORT", "运输中", "TMS_STATION_OUT", f"快件已从【{origin_hub}】发出,下一站【{dest_hub}】", op, oc, "",
         origin_hub, dc, dest_hub),
        ("TRANSPORT", "运输中", "TMS_STATION_IN", f"快件已到达【{dest_hub}】", dp, dc, "", dest_hub, dc, dest_hub),
        ("TRANSPORT", "运输中", "TMS_STATION_OUT", f"快件已从【{dest_hub}】发出,下一站【{station}】", dp, dc, "",
         dest_hub, dc, station),
        ("DELIVERING", "派送中", "TMS_DELIVERING", f"【{station}】快递员正在派件,请保持电话畅通", dp, dc, dd, station, "", ""),
        ("SIGN", "已签收", "TMS_SIGN", f"已签收,签收人:{r.name or '仓库'},感谢使用{carrier}", dp, dc, dd, station, "", ""),
    ]  # fmt: skip
    steps = []
    for i, (status, desc, action, std, prov, city, dist, facility, next_city, next_node) in enumerate(plan):
        at = sub.shipped_at_ms + i * step_ms
        if at > now_ms:
            break
        steps.append(TraceStep(status, desc, action, std, prov, city, dist, facility, next_city, next_node,
                               panda_time_from_ms(at), at))  # fmt: skip
    return steps
