"""The embedded 1688 sellers on the developer's clock: close unpaid orders, ship paid ones, confirm receipt
automatically, complete; and the sandbox switches of their behaviour. What a shipped parcel's trace shows is a
rule of the order (``domain/alibaba_orders/logistics.py``), not of the seller.

Timers are set by the order service in the transaction of the change; each handler re-reads the order and does
nothing when the order moved on (paid before the timeout, confirmed by the buyer before auto-confirm…).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kuajing.domain.aftersales.policy import BEHAVIOUR_KEYS as REFUND_BEHAVIOUR_KEYS
from kuajing.domain.alibaba_orders import cancellation, fulfilment, service
from kuajing.domain.alibaba_orders.behaviour import BEHAVIOUR_DEFAULTS, SellerBehaviour
from kuajing.domain.alibaba_orders.model import AlibabaOrder, Shipment
from kuajing.domain.alibaba_orders.states import OrderStatus
from kuajing.domain.catalog.model import CatalogPlatform, Seller
from kuajing.domain.errors import InvalidInputError, NotFoundError
from kuajing.domain.jobs import ScheduledJob
from kuajing.domain.warehouse import waybills

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
    configured = SellerBehaviour(seller).logistics_company_no if seller else ""
    shipment = make_shipment(uow, order, company_no=company_no or configured, bill_no=bill_no, now_ms=now_ms)
    return fulfilment.ship_order(uow, develop_id=develop_id, order_id=order_id, shipment=shipment, now_ms=now_ms)


# -- timer handlers -------------------------------------------------------------------------------------------------
def _order_in(uow: UnitOfWork, job: ScheduledJob, status: OrderStatus) -> AlibabaOrder | None:
    order = uow.alibaba_orders.get(job.develop_id, int(job.ref))
    return order if order is not None and order.status is status else None


def on_close_unpaid(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    if _order_in(uow, job, OrderStatus.WAITBUYERPAY):
        cancellation.close_order(uow, develop_id=job.develop_id, order_id=int(job.ref), by_seller=False,
                            reason="unpaid timeout", now_ms=now_ms)  # fmt: skip


def on_ship(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    if _order_in(uow, job, OrderStatus.WAITSELLERSEND):
        ship(uow, develop_id=job.develop_id, order_id=int(job.ref), now_ms=now_ms)


def on_auto_confirm(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    if _order_in(uow, job, OrderStatus.WAITBUYERRECEIVE):
        fulfilment.confirm_receipt(uow, develop_id=job.develop_id, order_id=int(job.ref), entry_ids=None,
                                now_ms=now_ms, auto=True)  # fmt: skip


def on_complete(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    if _order_in(uow, job, OrderStatus.CONFIRM_GOODS):
        fulfilment.complete_order(uow, develop_id=job.develop_id, order_id=int(job.ref), now_ms=now_ms)


def job_handlers() -> dict[str, JobHandler]:
    return {
        service.JOB_CLOSE_UNPAID: on_close_unpaid,
        service.JOB_SHIP: on_ship,
        service.JOB_AUTO_CONFIRM: on_auto_confirm,
        service.JOB_COMPLETE: on_complete,
    }


def configure_seller(uow: UnitOfWork, *, open_id: str, changes: dict[str, Any]) -> Seller:
    """Sandbox: merge behaviour keys into a 1688 seller (``null`` removes a key, restoring its default). The keys
    are the order's (``BEHAVIOUR_DEFAULTS``) and after-sales' (``aftersales.policy.BEHAVIOUR_KEYS``): the simulated
    seller is the one place that knows both."""
    seller = uow.catalog.find_seller(open_id=open_id)
    if seller is None or seller.platform is not CatalogPlatform.ALIBABA:
        raise NotFoundError(f"1688 seller {open_id} does not exist", field="sellerOpenId")
    unknown = sorted(set(changes) - set(BEHAVIOUR_DEFAULTS) - REFUND_BEHAVIOUR_KEYS)  # after-sales keys too
    if unknown:
        raise InvalidInputError(f"unknown behaviour keys: {', '.join(unknown)}", field="behaviour")
    merged = dict(seller.behaviour)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    seller.behaviour = merged
    uow.catalog.save_seller(seller)
    return seller
