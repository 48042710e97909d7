"""Taobao purchase-order use cases: reading, rendering, creating and paying an order (cancelling is cancellation.py,
shipping, receipt and the seller's changes fulfilment.py), and the bookkeeping all of them share. Each runs in the caller's unit of work: the state change, its history rows,
its outbox message, its ledger rows, its stock movements and its timers commit together or not at all.

Money: paying charges the wallet once per order (ledger key ``pay:taobao:<purchaseOrderId>``, and the order's version
check refuses a concurrent second payment before it reaches the wallet). Cancelling or closing a paid sub-order
before shipment refunds it (``refund:taobao:<subPurchaseOrderId>``; postage ``refund:taobao-post:<purchaseOrderId>``
with the last line). Stock: reserved per sub-order at create (owner ``tb-line:<subPurchaseOrderId>``), released at
cancel/close, consumed at shipment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kuajing.domain.accounts import wallet
from kuajing.domain.errors import (
    BusinessRefusalError,
    InvalidInputError,
    LimitError,
    NotFoundError,
)
from kuajing.domain.line_refunds import Platform as AftersalesPlatform
from kuajing.domain.money import Money
from kuajing.domain.taobao_orders import messages
from kuajing.domain.taobao_orders.events import PriceModified, StateChanged
from kuajing.domain.taobao_orders.model import (
    PurchaseOrder,
    Receiver,
    SubOrder,
    purchase_order_pk,
    sub_purchase_order_pk,
)
from kuajing.domain.taobao_orders.policy import SellerPolicy
from kuajing.domain.taobao_orders.ports import OrderQuery
from kuajing.domain.taobao_orders.quote import LineRequest, SellerQuote, quote
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.domain.taobao_orders.ports import UnitOfWork

AFTERSALES_TAOBAO = AftersalesPlatform.TAOBAO
MAX_PAY_ORDERS = 10  # upstream: at most 10 purchase orders per pay call (spec §1.6)
FINANCE_PAY_DELAY_S = 60  # an approved voucher reaches upstream payment this long after approval [I]

JOB_CLOSE_UNPAID = "taobao.close_unpaid"
JOB_SHIP = "taobao.ship"
JOB_AUTO_CONFIRM = "taobao.auto_confirm"
JOB_FINANCE_PAY = "taobao.finance_pay"
ALL_JOBS = (JOB_CLOSE_UNPAID, JOB_SHIP, JOB_AUTO_CONFIRM, JOB_FINANCE_PAY)

_SECOND_MS = 1000


@dataclass(frozen=True, slots=True)
class CreateResult:
    orders: list[PurchaseOrder]
    replayed: bool  # True when the sellerOrderNumber was seen before: these are the orders created then


# -- loading --------------------------------------------------------------------------------------------------------
def get_order(uow: UnitOfWork, *, develop_id: str, purchase_order_id: int) -> PurchaseOrder:
    order = uow.taobao_orders.get(develop_id, purchase_order_pk(purchase_order_id))
    if order is None:
        raise NotFoundError(f"no purchase order {purchase_order_id}", field="purchaseOrderId")
    return order


def get_order_by_sub(uow: UnitOfWork, *, develop_id: str, sub_purchase_order_id: int) -> tuple[PurchaseOrder, SubOrder]:
    order = uow.taobao_orders.find_by_sub(develop_id, sub_purchase_order_pk(sub_purchase_order_id))
    if order is None:
        raise NotFoundError(f"no sub purchase order {sub_purchase_order_id}", field="subPurchaseOrderId")
    return order, order.sub(sub_purchase_order_id)


def list_orders(uow: UnitOfWork, *, develop_id: str, query: OrderQuery) -> tuple[int, list[PurchaseOrder]]:
    return uow.taobao_orders.page(develop_id, query)


def seller_policy(uow: UnitOfWork, order: PurchaseOrder) -> SellerPolicy:
    seller = uow.catalog.get_seller(order.seller_id)
    return SellerPolicy.from_behaviour(seller.behaviour if seller else {})


def persist(uow: UnitOfWork, order: PurchaseOrder, *, new: bool = False) -> None:
    """Save (or insert) the order, then its history rows and messages — same transaction."""
    if new:
        uow.taobao_orders.add(order)
    else:
        uow.taobao_orders.save(order)
    events = order.take_events()
    uow.taobao_orders.add_history(order, events)
    now = order.updated_at_ms
    if any(isinstance(e, StateChanged) for e in events):
        uow.publish(messages.status_message(order, now))
    if any(isinstance(e, PriceModified) for e in events):
        uow.publish(messages.price_message(order))


def job_ref(order: PurchaseOrder) -> str:
    return str(order.purchase_order_id)


# -- render and create (B2, B1) -------------------------------------------------------------------------------------
def render(uow: UnitOfWork, *, lines: list[LineRequest]) -> list[SellerQuote]:
    return quote(uow, lines)


def create_orders(
    uow: UnitOfWork,
    *,
    develop_id: str,
    user_id: str,
    lines: list[LineRequest],
    receiver: Receiver,
    outer_purchase_id: str | None,
    order_source: str,
    budget_fen: int | None,
    now_ms: int,
) -> CreateResult:
    """One purchase order per seller. Replays of a known ``outer_purchase_id`` return the orders made the first time
    (without re-checking the lines); otherwise every line must be buyable at the price it carries, or nothing
    happens."""
    if outer_purchase_id:
        existing = uow.taobao_orders.find_by_outer(develop_id, outer_purchase_id)
        if existing:
            return CreateResult(existing, replayed=True)
    quotes = quote(uow, lines)
    for q in quotes:
        for line in q.lines:
            if line.problem is not None:
                raise BusinessRefusalError(f"line {line.request.item_ref}: {line.reason}", code=line.problem,
                                           field="orderLineList")  # fmt: skip
        if q.policy.fail_out_of_stock_at_create:
            raise BusinessRefusalError(f"seller {q.seller.nick} is out of stock (sandbox failure)",
                                       code=Code.OUT_OF_STOCK, field="orderLineList")  # fmt: skip
        if q.policy.fail_price_change_at_create:
            raise BusinessRefusalError(f"seller {q.seller.nick} changed the price (sandbox failure)",
                                       code=Code.PRICE_CHANGED, field="orderLineList")  # fmt: skip
    total = sum(q.total_fen for q in quotes)
    if budget_fen is not None and budget_fen > 0 and total > budget_fen:
        raise BusinessRefusalError(f"the orders cost {total} fen, more than purchaseAmount {budget_fen}",
                                   code=Code.PRICE_CHANGED, field="purchaseAmount")  # fmt: skip
    orders = [
        _create_one(uow, q, develop_id=develop_id, user_id=user_id, receiver=receiver,
                    outer_purchase_id=outer_purchase_id, order_source=order_source, budget_fen=budget_fen,
                    now_ms=now_ms)
        for q in quotes
    ]  # fmt: skip
    return CreateResult(orders, replayed=False)


def _create_one(
    uow: UnitOfWork,
    q: SellerQuote,
    *,
    develop_id: str,
    user_id: str,
    receiver: Receiver,
    outer_purchase_id: str | None,
    order_source: str,
    budget_fen: int | None,
    now_ms: int,
) -> PurchaseOrder:
    subs = [
        SubOrder(
            product_id=line.product.id, sku_pk=line.sku.id, item_id=line.product.external_id, sku_id=line.sku.sku_id,
            quantity=line.request.quantity, unit_price_fen=line.unit_price_fen,
            title=line.product.titles.get("zh", ""), mp_id=line.product.mp_id, mp_sku_id=line.sku.mp_sku_id,
            order_line_no=line.request.order_line_no or str(i + 1),
            sku_desc={lang: ";".join(f"{p.prop_names.get(lang, '')}:{p.value_names.get(lang, '')}"
                                     for p in line.sku.properties) for lang in ("zh", "en")},
            sku_properties=list(line.sku.properties),
            image=line.sku.image or (line.product.images[0] if line.product.images else ""),
            remark=line.request.remark,
        )
        for i, line in enumerate(q.lines)
    ]  # fmt: skip
    order = PurchaseOrder(
        develop_id=develop_id, user_id=user_id, seller_id=q.seller.id, supplier_nick=q.seller.nick,
        receiver=receiver, subs=subs, outer_purchase_id=outer_purchase_id or None, order_source=order_source,
        currency=q.lines[0].product.currency, post_fee_fen=q.post_fee_fen, budget_fen=budget_fen,
        next_close_at_ms=now_ms + q.policy.unpaid_timeout_s * _SECOND_MS,
    )  # fmt: skip
    order.start(now_ms)
    persist(uow, order, new=True)
    for sub in order.subs:
        if not uow.catalog.reserve_stock(sku_pk=sub.sku_pk, quantity=sub.quantity, owner=sub.stock_owner,
                                         now_ms=now_ms):  # fmt: skip
            raise BusinessRefusalError(f"not enough stock for SKU {sub.sku_id}", code=Code.OUT_OF_STOCK,
                                       field="orderLineList")  # fmt: skip
    assert order.next_close_at_ms is not None
    uow.schedule(develop_id=develop_id, kind=JOB_CLOSE_UNPAID, ref=job_ref(order), due_at_ms=order.next_close_at_ms)
    return order


# -- paying (B7, B4 + finance) --------------------------------------------------------------------------------------
def check_pay_batch(purchase_order_ids: list[int]) -> None:
    if not purchase_order_ids:
        raise InvalidInputError("purchaseOrderIdList must name at least one order", field="purchaseOrderIdList")
    if len(purchase_order_ids) > MAX_PAY_ORDERS:
        raise LimitError(f"at most {MAX_PAY_ORDERS} purchase orders per pay call", field="purchaseOrderIdList")


def pay_order(uow: UnitOfWork, *, develop_id: str, purchase_order_id: int, now_ms: int) -> PurchaseOrder:
    """Pay one order from the wallet. The version-checked save comes before the charge, so of two concurrent payers
    the second is refused by the version check (or blocks and then is), never charged."""
    order = get_order(uow, develop_id=develop_id, purchase_order_id=purchase_order_id)
    amount = order.pay(now_ms, method="wallet")
    persist(uow, order)
    wallet.charge(uow, develop_id=develop_id, amount=Money(amount, order.currency), kind="taobao_pay",
                  entry_key=f"pay:taobao:{order.purchase_order_id}", memo=f"Taobao purchase order {job_ref(order)}",
                  now_ms=now_ms)  # fmt: skip
    _after_paid(uow, order, now_ms)
    return order


def _after_paid(uow: UnitOfWork, order: PurchaseOrder, now_ms: int) -> None:
    uow.cancel_jobs(JOB_CLOSE_UNPAID, ref=job_ref(order))
    policy = seller_policy(uow, order)
    uow.schedule(develop_id=order.develop_id, kind=JOB_SHIP, ref=job_ref(order),
                 due_at_ms=now_ms + policy.ship_delay_s * _SECOND_MS)  # fmt: skip


def upload_voucher(
    uow: UnitOfWork, *, develop_id: str, purchase_order_id: int, voucher_url: str, now_ms: int
) -> PurchaseOrder:
    order = get_order(uow, develop_id=develop_id, purchase_order_id=purchase_order_id)
    order.upload_voucher(voucher_url, now_ms)
    persist(uow, order)
    return order


def review_voucher(
    uow: UnitOfWork, *, develop_id: str, purchase_order_id: int, approved: bool, note: str, now_ms: int
) -> PurchaseOrder:
    """Finance's decision (sandbox). Approval (1 → 2 → 5) hands the order to the payment system, which pays it
    :data:`FINANCE_PAY_DELAY_S` later (5 → 10); rejection (1 → 3) lets the buyer pay or upload again."""
    order = get_order(uow, develop_id=develop_id, purchase_order_id=purchase_order_id)
    order.review_voucher(approved=approved, note=note, now_ms=now_ms)
    persist(uow, order)
    if approved:
        uow.cancel_jobs(JOB_CLOSE_UNPAID, ref=job_ref(order))
        uow.schedule(develop_id=develop_id, kind=JOB_FINANCE_PAY, ref=job_ref(order),
                     due_at_ms=now_ms + FINANCE_PAY_DELAY_S * _SECOND_MS)  # fmt: skip
    return order


def finance_pay(uow: UnitOfWork, *, develop_id: str, purchase_order_id: int, now_ms: int) -> PurchaseOrder:
    """The voucher's offline transfer arrives in the wallet and pays the order: two ledger rows (credit
    ``voucher:taobao:<id>``, charge ``pay:taobao:<id>``), so the ledger tells the whole story."""
    order = get_order(uow, develop_id=develop_id, purchase_order_id=purchase_order_id)
    amount = order.pay(now_ms, method="voucher")
    persist(uow, order)
    money = Money(amount, order.currency)
    memo = f"Taobao purchase order {job_ref(order)} (voucher)"
    wallet.credit(uow, develop_id=develop_id, amount_fen=amount, memo=memo,
                  entry_key=f"voucher:taobao:{order.purchase_order_id}", now_ms=now_ms)  # fmt: skip
    wallet.charge(uow, develop_id=develop_id, amount=money, kind="taobao_pay", memo=memo,
                  entry_key=f"pay:taobao:{order.purchase_order_id}", now_ms=now_ms)  # fmt: skip
    _after_paid(uow, order, now_ms)
    return order
