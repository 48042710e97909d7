"""1688 order creation and reading, and the bookkeeping every 1688 use case shares: the timer kinds, the seller of
an order and the published snapshot. Each function runs inside the caller's unit of work and raises DomainErrors;
per seller and per call, one transaction. Stock is reserved at creation (owner ``1688-entry:<orderEntryId>``),
released by cancellation.py and consumed by fulfilment.py's shipping; payment.py pays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.alibaba_orders import events
from kuajing.domain.alibaba_orders.behaviour import SellerBehaviour
from kuajing.domain.alibaba_orders.model import Address, AlibabaOrder, OrderEntry, new_order_id, order_no
from kuajing.domain.alibaba_orders.quote import PREVIEW_VALID_MS, CargoRequest, quote
from kuajing.domain.alibaba_orders.states import OrderStatus
from kuajing.domain.catalog.model import Seller
from kuajing.domain.errors import BusinessRefusalError, InvalidInputError, NotFoundError
from kuajing.domain.line_refunds import Platform as AftersalesPlatform
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.domain.alibaba_orders.ports import UnitOfWork

JOB_CLOSE_UNPAID = "1688.close_unpaid"
JOB_SHIP = "1688.ship"
JOB_AUTO_CONFIRM = "1688.auto_confirm"
JOB_COMPLETE = "1688.complete"

FLOWS = frozenset({"general", "fenxiao", "fenxiaonew", "saleproxy", "paired", "boutiquefenxiao", "boutiquepifa"})


def create_order(
    uow: UnitOfWork,
    *,
    develop_id: str,
    user_id: str,
    cargos: list[CargoRequest],
    address: Address | None,
    flow: str,
    message: str = "",
    trade_type: str = "",
    cart_ids: list[int] | None = None,
    now_ms: int,
) -> AlibabaOrder:
    """H7 (and one seller of H3/G6): one order for one seller, stock reserved, or a refusal with no side effect."""
    if flow not in FLOWS:
        raise InvalidInputError(f"flow must be one of {', '.join(sorted(FLOWS))}", field="flow")
    quotes = quote(uow, cargos)
    if len(quotes) != 1:
        raise InvalidInputError(
            "cargoParamList holds offers of several sellers: use the batch create", field="cargoParamList"
        )
    q = quotes[0]
    seller = q.seller
    if SellerBehaviour(seller).fails_out_of_stock_at_create:
        raise BusinessRefusalError("the seller reports the goods out of stock", code=Code.OUT_OF_STOCK)
    if SellerBehaviour(seller).fails_price_change_at_create:
        raise BusinessRefusalError("the seller changed the price since the preview", code=Code.PRICE_CHANGED)
    refused = q.first_refusal
    if refused is not None:
        assert refused.refusal is not None
        raise BusinessRefusalError(
            f"offer {refused.request.offer_id} spec {refused.sku.spec_id}: {refused.message}",
            code=refused.refusal,
            field="cargoParamList",
        )
    previewed = uow.alibaba_orders.find_preview(develop_id=develop_id, key=q.key(develop_id))
    if previewed is not None and now_ms - previewed[1] <= PREVIEW_VALID_MS and previewed[0] != q.prices():
        raise BusinessRefusalError(
            "the price changed since the preview: preview again", code=Code.PRICE_CHANGED, field="cargoParamList"
        )
    order_id = new_order_id()
    entries = [
        OrderEntry(
            id=new_order_id(),
            product_id=c.product.id,
            sku_pk=c.sku.id,
            offer_id=c.product.external_id,
            spec_id=c.sku.spec_id,
            sku_id=c.sku.sku_id,
            title=c.product.titles.get("zh", ""),
            image=c.sku.image or (c.product.images[0] if c.product.images else ""),
            unit=c.product.unit,
            quantity=c.request.quantity,
            unit_price_fen=c.unit_price_fen,
            sku_text=";".join(f"{p.prop_names.get('zh', '')}:{p.value_names.get('zh', '')}" for p in c.sku.properties),
        )
        for c in q.cargos
    ]
    for entry in entries:
        if not uow.catalog.reserve_stock(sku_pk=entry.sku_pk, quantity=entry.quantity, owner=entry.stock_owner,
                                         now_ms=now_ms):  # fmt: skip
            raise BusinessRefusalError(
                f"offer {entry.offer_id} spec {entry.spec_id}: not enough stock", code=Code.OUT_OF_STOCK,
                field="cargoParamList",
            )  # fmt: skip
    order = AlibabaOrder(
        id=order_id,
        develop_id=develop_id,
        user_id=user_id,
        seller_id=seller.id,
        seller_open_id=seller.open_id,
        seller_nick=seller.nick,
        order_no=order_no(order_id, now_ms),
        flow=flow,
        trade_type=trade_type or "assureTrade",
        message=message,
        address=address,
        entries=entries,
        carriage_fen=q.carriage_fen,
        product_fen=q.goods_fen,
        created_at_ms=now_ms,
        updated_at_ms=now_ms,
    )
    uow.alibaba_orders.add(order)
    if cart_ids:
        uow.alibaba_cart.delete(develop_id, user_id, cart_ids)
    publish(uow, order, events.ORDER_CREATE)
    timeout_ms = SellerBehaviour(seller).unpaid_timeout_ms
    uow.schedule(develop_id=develop_id, kind=JOB_CLOSE_UNPAID, ref=str(order_id), due_at_ms=now_ms + timeout_ms)
    return order


# -- reading --------------------------------------------------------------------------------------------------------
def get_order(uow: UnitOfWork, *, develop_id: str, order_id: int, lock: bool = False) -> AlibabaOrder:
    order = uow.alibaba_orders.get(develop_id, order_id, lock=lock)
    if order is None:
        raise NotFoundError(f"order {order_id} does not exist", field="orderId")
    return order


def page_orders(
    uow: UnitOfWork,
    *,
    develop_id: str,
    status: OrderStatus | None,
    start_ms: int | None,
    end_ms: int | None,
    page: int,
    page_size: int,
) -> tuple[list[AlibabaOrder], int]:
    return uow.alibaba_orders.page(
        develop_id, status=status, start_ms=start_ms, end_ms=end_ms, offset=(page - 1) * page_size, limit=page_size
    )


# -- shared by the use cases of this context -----------------------------------------------------------------------
def seller_of(uow: UnitOfWork, order: AlibabaOrder) -> Seller:
    seller = uow.catalog.get_seller(order.seller_id)
    assert seller is not None
    return seller


def publish(uow: UnitOfWork, order: AlibabaOrder, message_type: str) -> None:
    """Publish the order's snapshot with what after-sales has refunded on it so far."""
    totals = uow.aftersales.order_totals(AftersalesPlatform.ALIBABA, order.develop_id, str(order.id))
    uow.publish(events.message(order, message_type, refunded_fen=sum(t.refunded_fen for t in totals.values())))
