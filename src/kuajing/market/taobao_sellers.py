"""The embedded Taobao sellers: what they do on the developer's clock, and the parcels' logistics traces.

Timers (scheduled by the order services, fired by :mod:`kuajing.market.timers`):

- ``taobao.close_unpaid`` — an order still unpaid at ``unpaidTimeoutSeconds`` closes (stock released).
- ``taobao.finance_pay`` — an approved voucher is paid upstream a minute after approval.
- ``taobao.ship`` — a paid order ships ``shipDelaySeconds`` after payment, with a carrier and a fresh random tracking
  number (:mod:`kuajing.domain.waybills`).
- ``taobao.auto_confirm`` — receipt is confirmed ``autoConfirmDays`` after shipping.

A timer that finds the order already moved on (paid before the timeout, cancelled before shipping…) does nothing.
Traces are a pure function of (shipping time, carrier, route, now): each step appears once the developer's clock
passes its time, ``traceStepSeconds`` apart, so advancing the sandbox clock walks the parcel to the warehouse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kuajing.domain import waybills
from kuajing.domain.catalog.model import Seller
from kuajing.domain.jobs import ScheduledJob
from kuajing.domain.taobao_orders import service
from kuajing.domain.taobao_orders.model import PurchaseOrder, SubOrder
from kuajing.domain.taobao_orders.policy import SellerPolicy
from kuajing.domain.taobao_orders.states import OrderState
from kuajing.market.timers import JobHandler
from kuajing.protocol.wire.types import panda_time_from_ms

if TYPE_CHECKING:
    from kuajing.domain.uow import UnitOfWork

# (code, name, tracking-number prefix): the big domestic express companies Taobao sellers ship with; a number is
# the prefix and TRACKING_DIGITS random digits.
TRACKING_DIGITS = 13
CARRIERS = (
    ("ZTO", "中通快递", "7831"),
    ("YTO", "圆通速递", "YT"),
    ("YUNDA", "韵达快递", "4312"),
    ("STO", "申通快递", "7730"),
    ("SF", "顺丰速运", "SF"),
)
# Where the sellers ship from (province, city, district), picked by seller id unless behaviour says
# ``originProvince`` / ``originCity`` / ``originDistrict``.
ORIGINS = (
    ("浙江省", "杭州市", "余杭区"),
    ("广东省", "广州市", "白云区"),
    ("浙江省", "金华市", "义乌市"),
    ("江苏省", "苏州市", "吴中区"),
    ("福建省", "泉州市", "晋江市"),
)


def waybill_for(uow: UnitOfWork, order: PurchaseOrder) -> tuple[str, str, str]:
    """The seller's carrier (code, name) and a new tracking number for one shipment of the order."""
    code, name, prefix = CARRIERS[order.seller_id % len(CARRIERS)]
    number = waybills.domestic(uow, develop_id=order.develop_id, carrier_code=code, prefix=prefix,
                               digits=TRACKING_DIGITS)  # fmt: skip
    return code, name, number


def origin_of(seller: Seller | None) -> tuple[str, str, str]:
    if seller is None:
        return ORIGINS[0]
    b = seller.behaviour
    default = ORIGINS[seller.id % len(ORIGINS)]
    return (str(b.get("originProvince", default[0])), str(b.get("originCity", default[1])),
            str(b.get("originDistrict", default[2])))  # fmt: skip


def ship_now(
    uow: UnitOfWork, *, develop_id: str, purchase_order_id: int, sub_purchase_order_ids: list[int], now_ms: int
) -> PurchaseOrder:
    order = service.get_order(uow, develop_id=develop_id, purchase_order_id=purchase_order_id)
    code, name, tracking = waybill_for(uow, order)
    return service.ship_order(
        uow, develop_id=develop_id, purchase_order_id=purchase_order_id, sub_purchase_order_ids=sub_purchase_order_ids,
        carrier_code=code, carrier_name=name, tracking_number=tracking, now_ms=now_ms,
    )  # fmt: skip


# -- timers ---------------------------------------------------------------------------------------------------------
def _close_unpaid(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    service.close_if_unpaid(uow, develop_id=job.develop_id, purchase_order_id=int(job.ref), now_ms=now_ms)


def _finance_pay(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    order = service.get_order(uow, develop_id=job.develop_id, purchase_order_id=int(job.ref))
    if order.state is OrderState.WAIT_FINANCE_PAY:
        service.finance_pay(uow, develop_id=job.develop_id, purchase_order_id=int(job.ref), now_ms=now_ms)


def _ship(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    order = service.get_order(uow, develop_id=job.develop_id, purchase_order_id=int(job.ref))
    if any(s.state is OrderState.WAIT_SELLER_SEND for s in order.subs):
        ship_now(uow, develop_id=job.develop_id, purchase_order_id=int(job.ref), sub_purchase_order_ids=[],
                 now_ms=now_ms)  # fmt: skip


def _auto_confirm(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    order = service.get_order(uow, develop_id=job.develop_id, purchase_order_id=int(job.ref))
    if any(s.state is OrderState.WAIT_BUYER_CONFIRM for s in order.subs):
        service.confirm_receipt(uow, develop_id=job.develop_id, purchase_order_id=int(job.ref), now_ms=now_ms)


def job_handlers() -> dict[str, JobHandler]:
    return {
        service.JOB_CLOSE_UNPAID: _close_unpaid,
        service.JOB_FINANCE_PAY: _finance_pay,
        service.JOB_SHIP: _ship,
        service.JOB_AUTO_CONFIRM: _auto_confirm,
    }


# -- logistics traces (B10, spec §4.5) ------------------------------------------------------------------------------
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
    op, oc, od = origin_of(seller)
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
