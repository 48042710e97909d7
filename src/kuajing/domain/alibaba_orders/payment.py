"""Paying 1688 orders: H9/H1 (the wallet pays at once when protocol pay is on and covers every payable order,
otherwise a one-time cashier link pays later), the cashier page's read and pay button, and the developer's protocol
pay switch. Every payment is a wallet ledger row with the entry key ``pay:1688:<orderId>``, so a second payment of
the same order cannot charge twice even if the state check raced; a paid order's ship timer starts.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kuajing.domain.accounts import wallet
from kuajing.domain.accounts.model import Status
from kuajing.domain.alibaba_orders import events
from kuajing.domain.alibaba_orders.behaviour import SellerBehaviour
from kuajing.domain.alibaba_orders.model import AlibabaOrder
from kuajing.domain.alibaba_orders.service import JOB_CLOSE_UNPAID, JOB_SHIP, get_order, publish, seller_of
from kuajing.domain.alibaba_orders.states import Action, OrderStatus
from kuajing.domain.errors import AuthError, InvalidInputError, LimitError, NotFoundError
from kuajing.domain.money import CNY, Money
from kuajing.protocol.codes import Code

if TYPE_CHECKING:
    from kuajing.domain.alibaba_orders.ports import UnitOfWork

MAX_PAY_ORDERS = 30  # upstream: one pay link for at most 30 orders
PAY_TOKEN_VALID_MS = 86_400_000


def _pay(uow: UnitOfWork, order: AlibabaOrder, *, via: str, now_ms: int) -> None:
    order.apply(Action.PAY, now_ms, detail=via)
    wallet.charge(
        uow, develop_id=order.develop_id, amount=Money(order.total_fen, CNY), kind="1688-pay",
        entry_key=f"pay:1688:{order.id}", memo=f"1688 order {order.id} ({via})", now_ms=now_ms,
    )  # fmt: skip
    order.paid_fen = order.total_fen
    order.pay_time_ms = now_ms
    uow.alibaba_orders.save(order)
    publish(uow, order, events.ORDER_PAY_SUCCESS)
    uow.cancel_jobs(JOB_CLOSE_UNPAID, ref=str(order.id))
    delay_ms = SellerBehaviour(seller_of(uow, order)).ship_delay_ms
    uow.schedule(develop_id=order.develop_id, kind=JOB_SHIP, ref=str(order.id), due_at_ms=now_ms + delay_ms)


@dataclass(slots=True)
class PayOutcome:
    order_ids: list[int]  # the payable orders this answer is about
    protocol_paid: bool
    pay_url: str
    cant_pay: list[int]


def request_payment(
    uow: UnitOfWork, *, develop_id: str, order_ids: list[int], cashier_base_url: str, now_ms: int, strict: bool = False
) -> PayOutcome:
    """H9/H1. Rule: when the developer's protocol pay is on (default) and the wallet covers every payable order,
    the wallet pays them now (``protocolPaySuccess``); otherwise a one-time cashier link pays them later.
    Orders that are unknown or not awaiting payment are listed in ``cantPayOrderList`` and left alone."""
    if not order_ids:
        raise InvalidInputError("orderIds must not be empty", field="orderIds")
    if len(order_ids) > MAX_PAY_ORDERS:
        raise LimitError(f"at most {MAX_PAY_ORDERS} orders per pay link", field="orderIds")
    payable: list[AlibabaOrder] = []
    cant: list[int] = []
    for oid in sorted(set(order_ids)):  # one lock order for every caller: no deadlock between batches
        order = uow.alibaba_orders.get(develop_id, oid, lock=True)
        if order is None and strict:
            raise NotFoundError(f"order {oid} does not exist", field="orderId")
        if order is None or order.status is not OrderStatus.WAITBUYERPAY:
            cant.append(oid)
        else:
            payable.append(order)
    if not payable:
        return PayOutcome([], False, "", cant)
    total = sum(o.total_fen for o in payable)
    if uow.alibaba_orders.protocol_pay_enabled(develop_id) and uow.wallets.balance_fen(develop_id, CNY) >= total:
        for order in payable:
            _pay(uow, order, via="protocol", now_ms=now_ms)
        return PayOutcome([o.id for o in payable], True, "", cant)
    token = secrets.token_urlsafe(24)
    uow.alibaba_orders.add_pay_token(
        token=token, develop_id=develop_id, order_ids=[o.id for o in payable], now_ms=now_ms,
        expires_at_ms=now_ms + PAY_TOKEN_VALID_MS,
    )  # fmt: skip
    return PayOutcome([o.id for o in payable], False, f"{cashier_base_url.rstrip('/')}/cashier/1688/{token}", cant)


def cashier_orders(uow: UnitOfWork, *, token: str, now_ms: int) -> tuple[str, list[AlibabaOrder]]:
    """What the cashier page shows; NotFoundError when the token is unknown, used or expired. A disabled developer's
    links are refused like their keys: the page is a way into their wallet."""
    found = uow.alibaba_orders.peek_pay_token(token, now_ms=now_ms)
    if found is None:
        raise NotFoundError("this payment link is unknown, already used or expired", field="token")
    develop_id, ids = found
    developer = uow.accounts.get_developer(develop_id)
    if developer is not None and developer.status is not Status.ACTIVE:
        raise AuthError("the developer account is disabled", code=Code.DEVELOPER_DISABLED, field="token")
    return develop_id, [get_order(uow, develop_id=develop_id, order_id=i) for i in ids]


def cashier_pay(uow: UnitOfWork, *, token: str, now_ms: int) -> list[AlibabaOrder]:
    """The cashier page's pay button: uses the token once and pays its orders still awaiting payment from the
    wallet. Insufficient balance refuses the whole payment and leaves the token usable."""
    develop_id, orders = cashier_orders(uow, token=token, now_ms=now_ms)
    if not uow.alibaba_orders.use_pay_token(token, now_ms=now_ms):
        raise NotFoundError("this payment link was used already", field="token")
    paid = []
    for shown in orders:
        order = get_order(uow, develop_id=develop_id, order_id=shown.id, lock=True)
        if order.status is OrderStatus.WAITBUYERPAY:
            _pay(uow, order, via="cashier", now_ms=now_ms)
            paid.append(order)
    return paid


def set_protocol_pay(uow: UnitOfWork, *, develop_id: str, enabled: bool, now_ms: int) -> bool:
    uow.alibaba_orders.set_protocol_pay(develop_id, enabled, now_ms=now_ms)
    return enabled
