"""The embedded Taobao sellers: what they do on the developer's clock, and the sandbox switch of their behaviour.

Timers (scheduled by the order services, fired by :mod:`kuajing.market.timers`):

- ``taobao.close_unpaid`` — an order still unpaid at ``unpaidTimeoutSeconds`` closes (stock released).
- ``taobao.finance_pay`` — an approved voucher is paid upstream a minute after approval.
- ``taobao.ship`` — a paid order ships ``shipDelaySeconds`` after payment, with a carrier and a fresh random tracking
  number (:mod:`kuajing.domain.warehouse.waybills`).
- ``taobao.auto_confirm`` — receipt is confirmed ``autoConfirmDays`` after shipping.

A timer that finds the order already moved on (paid before the timeout, cancelled before shipping…) does nothing.
The trace a shipped parcel shows is a rule of the order (``domain/taobao_orders/logistics.py``), not of the seller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kuajing.domain.catalog.model import CatalogPlatform, Seller
from kuajing.domain.errors import InvalidInputError, NotFoundError
from kuajing.domain.jobs import ScheduledJob
from kuajing.domain.taobao_orders import cancellation, fulfilment, service
from kuajing.domain.taobao_orders.model import PurchaseOrder
from kuajing.domain.taobao_orders.states import OrderState
from kuajing.domain.warehouse import waybills
from kuajing.market.timers import JobHandler

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


def waybill_for(uow: UnitOfWork, order: PurchaseOrder) -> tuple[str, str, str]:
    """The seller's carrier (code, name) and a new tracking number for one shipment of the order."""
    code, name, prefix = CARRIERS[order.seller_id % len(CARRIERS)]
    number = waybills.domestic(uow, develop_id=order.develop_id, carrier_code=code, prefix=prefix,
                               digits=TRACKING_DIGITS)  # fmt: skip
    return code, name, number


def ship_now(
    uow: UnitOfWork, *, develop_id: str, purchase_order_id: int, sub_purchase_order_ids: list[int], now_ms: int
) -> PurchaseOrder:
    order = service.get_order(uow, develop_id=develop_id, purchase_order_id=purchase_order_id)
    code, name, tracking = waybill_for(uow, order)
    return fulfilment.ship_order(
        uow, develop_id=develop_id, purchase_order_id=purchase_order_id, sub_purchase_order_ids=sub_purchase_order_ids,
        carrier_code=code, carrier_name=name, tracking_number=tracking, now_ms=now_ms,
    )  # fmt: skip


# -- timers ---------------------------------------------------------------------------------------------------------
def _close_unpaid(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    cancellation.close_if_unpaid(uow, develop_id=job.develop_id, purchase_order_id=int(job.ref), now_ms=now_ms)


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
        fulfilment.confirm_receipt(uow, develop_id=job.develop_id, purchase_order_id=int(job.ref), now_ms=now_ms)


def job_handlers() -> dict[str, JobHandler]:
    return {
        service.JOB_CLOSE_UNPAID: _close_unpaid,
        service.JOB_FINANCE_PAY: _finance_pay,
        service.JOB_SHIP: _ship,
        service.JOB_AUTO_CONFIRM: _auto_confirm,
    }


def configure_seller(uow: UnitOfWork, *, shop_id: int | None, nick: str | None, changes: dict[str, Any]) -> Seller:
    """Sandbox: merge behaviour keys into a Taobao seller named by shop id or nick (``null`` removes a key)."""
    seller = find_taobao_seller(uow, shop_id=shop_id, nick=nick)
    for key, value in changes.items():
        if value is None:
            seller.behaviour.pop(key, None)
        else:
            seller.behaviour[key] = value
    uow.catalog.save_seller(seller)
    return seller


def find_taobao_seller(uow: UnitOfWork, *, shop_id: int | None, nick: str | None) -> Seller:
    if shop_id is None and not nick:
        raise InvalidInputError("name the seller by shopId or userNick", field="shopId")
    for seller in uow.catalog.list_sellers(CatalogPlatform.TAOBAO):
        if (shop_id is not None and seller.shop_id == shop_id) or (nick and seller.nick == nick):
            return seller
    raise NotFoundError("no such Taobao seller", field="shopId")
