"""A paid Taobao purchase order on its way: the seller ships (consuming the reserved stock, and forecasting the
parcel to the warehouse when it ships there), the buyer's receipt (by hand or by the auto-confirm timer), and the
seller's changes to an order (price, receiver), each in the caller's unit of work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.errors import IllegalTransitionError
from kuajing.domain.taobao_orders.model import PurchaseOrder, Receiver
from kuajing.domain.taobao_orders.service import JOB_AUTO_CONFIRM, JOB_SHIP, get_order, job_ref, persist, seller_policy
from kuajing.domain.taobao_orders.states import OrderState
from kuajing.domain.warehouse.model import ParcelItem
from kuajing.domain.warehouse.parcels import register_domestic_parcel

if TYPE_CHECKING:
    from kuajing.domain.taobao_orders.ports import UnitOfWork


_DAY_MS = 86_400_000


def ship_order(
    uow: UnitOfWork,
    *,
    develop_id: str,
    purchase_order_id: int,
    sub_purchase_order_ids: list[int],
    carrier_code: str,
    carrier_name: str,
    tracking_number: str,
    now_ms: int,
) -> PurchaseOrder:
    order = get_order(uow, develop_id=develop_id, purchase_order_id=purchase_order_id)
    if sub_purchase_order_ids:
        targets = [order.sub(i) for i in dict.fromkeys(sub_purchase_order_ids)]  # named twice, shipped once
    else:
        targets = [s for s in order.subs if s.state is OrderState.WAIT_SELLER_SEND] or order.live_subs
    order.ship(targets, carrier_code=carrier_code, carrier_name=carrier_name, tracking=tracking_number,
               now_ms=now_ms)  # fmt: skip
    persist(uow, order)
    for sub in targets:
        uow.catalog.consume_stock(owner=sub.stock_owner, now_ms=now_ms)
    # A Taobao purchase order ships to the China (pre-)warehouse (upstream: the receiver *is* that address), so the
    # parcel enters the developer's warehouse inventory as a forecast, ready for inbound (docs/warehouse.md).
    register_domestic_parcel(
        uow, develop_id=develop_id, carrier_code=carrier_code, carrier_name=carrier_name, tracking_no=tracking_number,
        source_platform="taobao", source_order_id=str(purchase_order_id),
        items=[ParcelItem(name=sub.title, quantity=sub.quantity, sku_id=str(sub.sku_id)) for sub in targets],
        now_ms=now_ms,
    )  # fmt: skip
    if not any(s.state is OrderState.WAIT_SELLER_SEND for s in order.subs):
        uow.cancel_jobs(JOB_SHIP, ref=job_ref(order))
    policy = seller_policy(uow, order)
    uow.cancel_jobs(JOB_AUTO_CONFIRM, ref=job_ref(order))
    uow.schedule(develop_id=develop_id, kind=JOB_AUTO_CONFIRM, ref=job_ref(order),
                 due_at_ms=now_ms + policy.auto_confirm_days * _DAY_MS)  # fmt: skip
    return order


def confirm_receipt(uow: UnitOfWork, *, develop_id: str, purchase_order_id: int, now_ms: int) -> PurchaseOrder:
    order = get_order(uow, develop_id=develop_id, purchase_order_id=purchase_order_id)
    order.confirm(now_ms)
    persist(uow, order)
    if order.state is OrderState.FINISHED:
        uow.cancel_jobs(JOB_AUTO_CONFIRM, ref=job_ref(order))
    return order


def modify_price(
    uow: UnitOfWork, *, develop_id: str, purchase_order_id: int, sub_purchase_order_id: int, unit_price_fen: int,
    now_ms: int,
) -> PurchaseOrder:  # fmt: skip
    order = get_order(uow, develop_id=develop_id, purchase_order_id=purchase_order_id)
    order.modify_price(order.sub(sub_purchase_order_id), unit_price_fen, now_ms)
    persist(uow, order)
    return order


def modify_receiver(
    uow: UnitOfWork, *, develop_id: str, purchase_order_id: int, receiver: Receiver, now_ms: int
) -> PurchaseOrder:
    """B6: the China-warehouse address can change until the seller ships."""
    order = get_order(uow, develop_id=develop_id, purchase_order_id=purchase_order_id)
    if order.state in (OrderState.WAIT_BUYER_CONFIRM, OrderState.FINISHED, OrderState.CANCELLED):
        raise IllegalTransitionError(order.state.value, "modify_receiver")
    order.change_receiver(receiver, now_ms)
    persist(uow, order)
    return order
