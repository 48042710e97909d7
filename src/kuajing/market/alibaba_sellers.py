"""The embedded 1688 sellers on the developer's clock: close unpaid orders, ship paid ones, confirm receipt
automatically, complete, and the logistics trace a shipped parcel shows as time passes (spec §4.5).

Timers are set by the order service in the transaction of the change; each handler re-reads the order and does
nothing when the order moved on (paid before the timeout, confirmed by the buyer before auto-confirm…).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kuajing.domain import waybills
from kuajing.domain.alibaba_orders import service
from kuajing.domain.alibaba_orders.model import AlibabaOrder, Shipment
from kuajing.domain.alibaba_orders.states import OrderStatus
from kuajing.domain.jobs import ScheduledJob
from kuajing.protocol.wire.types import panda_time_from_ms

if TYPE_CHECKING:
    from kuajing.domain.uow import UnitOfWork
    from kuajing.market.timers import JobHandler

# (code, name, tracking-number prefix); a number is the prefix and BILL_DIGITS random digits
BILL_DIGITS = 12
CARRIERS = (
    ("ZTO", "中通快递", "ZT"),
    ("YTO", "圆通速递", "YT"),
    ("STO", "申通快递", "773"),
    ("YUNDA", "韵达快递", "4312"),
    ("SF", "顺丰速运", "SF"),
)
HOUR_MS = 3_600_000


def make_shipment(
    uow: UnitOfWork, order: AlibabaOrder, *, company_no: str = "", bill_no: str = "", now_ms: int
) -> Shipment:
    """The seller's configured carrier (or one chosen from the order id) and, unless given, a new random tracking
    number; the logistics order id is random too."""
    wanted = company_no.strip().upper()
    carrier = next((c for c in CARRIERS if c[0] == wanted), None)
    if carrier is None:
        carrier = (wanted, wanted, "") if wanted else CARRIERS[order.id % len(CARRIERS)]
    code, name, prefix = carrier
    return Shipment(
        company_no=code,
        company_name=name,
        bill_no=bill_no
        or waybills.domestic(uow, develop_id=order.develop_id, carrier_code=code, prefix=prefix, digits=BILL_DIGITS),
        logistics_id=waybills.draw("LP00", 12),
        shipped_at_ms=now_ms,
    )


def ship(uow: UnitOfWork, *, develop_id: str, order_id: int, company_no: str = "", bill_no: str = "",
         now_ms: int) -> AlibabaOrder:  # fmt: skip
    """Ship now (timer or sandbox): builds the shipment and hands it to the order service."""
    order = service.get_order(uow, develop_id=develop_id, order_id=order_id)
    seller = uow.catalog.get_seller(order.seller_id)
    configured = str(service.behaviour(seller, "logisticsCompanyNo")) if seller else ""
    shipment = make_shipment(uow, order, company_no=company_no or configured, bill_no=bill_no, now_ms=now_ms)
    return service.ship_order(uow, develop_id=develop_id, order_id=order_id, shipment=shipment, now_ms=now_ms)


# -- timer handlers -------------------------------------------------------------------------------------------------
def _order_in(uow: UnitOfWork, job: ScheduledJob, status: OrderStatus) -> AlibabaOrder | None:
    order = uow.alibaba_orders.get(job.develop_id, int(job.ref))
    return order if order is not None and order.status is status else None


def on_close_unpaid(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    if _order_in(uow, job, OrderStatus.WAITBUYERPAY):
        service.close_order(uow, develop_id=job.develop_id, order_id=int(job.ref), by_seller=False,
                            reason="unpaid timeout", now_ms=now_ms)  # fmt: skip


def on_ship(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    if _order_in(uow, job, OrderStatus.WAITSELLERSEND):
        ship(uow, develop_id=job.develop_id, order_id=int(job.ref), now_ms=now_ms)


def on_auto_confirm(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    if _order_in(uow, job, OrderStatus.WAITBUYERRECEIVE):
        service.confirm_receipt(uow, develop_id=job.develop_id, order_id=int(job.ref), entry_ids=None,
                                now_ms=now_ms, auto=True)  # fmt: skip


def on_complete(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    if _order_in(uow, job, OrderStatus.CONFIRM_GOODS):
        service.complete_order(uow, develop_id=job.develop_id, order_id=int(job.ref), now_ms=now_ms)


def job_handlers() -> dict[str, JobHandler]:
    return {
        service.JOB_CLOSE_UNPAID: on_close_unpaid,
        service.JOB_SHIP: on_ship,
        service.JOB_AUTO_CONFIRM: on_auto_confirm,
        service.JOB_COMPLETE: on_complete,
    }


# -- logistics trace (H4) -------------------------------------------------------------------------------------------
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
    province = str(order.address.get("provinceText") or "浙江省")
    city = str(order.address.get("cityText") or "杭州市")
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
