"""Taobao purchase orders on an in-memory unit of work (tests/fakes): create, pay and cancel — states, fen, stock,
the published messages and the timers, written out by hand (the shop's figures are in shop.py)."""

from __future__ import annotations

import pytest

from kuajing.domain.errors import BusinessRefusalError, InsufficientBalanceError, StateConflictError
from kuajing.domain.line_refunds import LineTotal
from kuajing.domain.line_refunds import Platform as LinePlatform
from kuajing.domain.taobao_orders import cancellation, service
from kuajing.domain.taobao_orders.quote import LineRequest
from kuajing.domain.taobao_orders.service import CreateResult
from kuajing.domain.taobao_orders.states import OrderState
from kuajing.protocol.codes import Code
from tests.fakes.tables import Timer
from tests.fakes.transaction import FakeDatabase
from tests.unit.taobao_orders.shop import DEV, MP_ID, NOW, RECEIVER, USER, balance, open_shop, stock, uow

PO, SUB = 200_000_000_001, 200_500_000_001  # the first order's and first sub-order's ids on the wire
HOUR_MS, DAY_MS = 3_600_000, 86_400_000


@pytest.fixture
def db() -> FakeDatabase:
    return FakeDatabase()


def _create(db: FakeDatabase, *, quantity: int = 2, outer: str | None = "SO-1") -> CreateResult:
    with uow(db) as u:
        result = service.create_orders(
            u, develop_id=DEV, user_id=USER, lines=[LineRequest(str(MP_ID), "800001", quantity, 2_590)],
            receiver=RECEIVER, outer_purchase_id=outer, order_source="api", budget_fen=None, now_ms=NOW,
        )  # fmt: skip
        u.commit()
    return result


def _pay(db: FakeDatabase, at_ms: int = NOW + 1_000) -> None:
    with uow(db, at_ms) as u:
        service.pay_order(u, develop_id=DEV, purchase_order_id=PO, now_ms=at_ms)
        u.commit()


def test_create_reserves_the_stock_publishes_the_status_and_sets_the_unpaid_close_timer(db: FakeDatabase) -> None:
    shop = open_shop(db)
    result = _create(db)
    (order,) = result.orders
    assert not result.replayed
    assert (order.purchase_order_id, order.subs[0].sub_purchase_order_id) == (PO, SUB)
    assert (order.state, order.total_fen, order.post_fee_fen) == (OrderState.WAIT_BUYER_PAY, 2 * 2_590 + 800, 800)
    assert stock(db, shop.sku_pks[0]) == 3
    assert [(r.owner, r.quantity, r.state) for r in db.committed.reservations] == [(f"tb-line:{SUB}", 2, "active")]
    (published,) = db.committed.outbox
    assert published.message.message_type == "TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY"
    assert (published.message.body["purchase_id"], published.message.body["purchase_order_status"]) == (str(PO), 0)
    assert db.committed.timers == [Timer(DEV, "taobao.close_unpaid", str(PO), NOW + DAY_MS)]
    assert [(row.sub_pk, row.action, row.old, row.new) for _, row in db.committed.taobao_history] == [
        (None, "create", None, "building"),
        (1, "build", "building", "wait_buyer_pay"),  # the sub-order, then the main order it moves
        (None, "build", "building", "wait_buyer_pay"),
    ]


def test_creating_again_with_the_same_seller_order_number_returns_the_first_orders(db: FakeDatabase) -> None:
    shop = open_shop(db)
    _create(db)
    again = _create(db, quantity=1)
    assert again.replayed and [o.purchase_order_id for o in again.orders] == [PO]
    assert stock(db, shop.sku_pks[0]) == 3 and len(db.committed.taobao_orders) == 1


def test_a_line_beyond_the_stock_refuses_the_whole_create_and_changes_nothing(db: FakeDatabase) -> None:
    shop = open_shop(db)
    with pytest.raises(BusinessRefusalError) as err:
        _create(db, quantity=6)
    assert (err.value.code, err.value.field) == (Code.OUT_OF_STOCK, "orderLineList")
    assert db.committed.taobao_orders == {} and db.committed.outbox == [] and db.committed.timers == []
    assert stock(db, shop.sku_pks[0]) == 5


def test_paying_charges_the_wallet_once_and_swaps_the_close_timer_for_the_ship_timer(db: FakeDatabase) -> None:
    open_shop(db, wallet_fen=10_000)
    _create(db)
    _pay(db)
    order = db.committed.taobao_orders[1]
    assert (order.state, order.paid_fen, order.pay_method) == (OrderState.WAIT_SELLER_SEND, 5_980, "wallet")
    assert balance(db) == 10_000 - 5_980
    charge = db.committed.ledger[-1]
    assert (charge.amount.fen, charge.kind, charge.entry_key) == (-5_980, "taobao_pay", f"pay:taobao:{PO}")
    assert db.committed.timers == [Timer(DEV, "taobao.ship", str(PO), NOW + 1_000 + HOUR_MS)]
    assert [p.message.body["purchase_order_status"] for p in db.committed.outbox] == [0, 10]


def test_paying_twice_is_refused_by_the_orders_state_and_charges_once(db: FakeDatabase) -> None:
    open_shop(db, wallet_fen=20_000)
    _create(db)
    _pay(db)
    with pytest.raises(StateConflictError):
        _pay(db, NOW + 2_000)
    assert balance(db) == 20_000 - 5_980


def test_an_order_the_wallet_cannot_pay_stays_unpaid(db: FakeDatabase) -> None:
    open_shop(db, wallet_fen=5_979)
    _create(db)
    with pytest.raises(InsufficientBalanceError):
        _pay(db)
    assert db.committed.taobao_orders[1].state is OrderState.WAIT_BUYER_PAY
    assert balance(db) == 5_979
    assert db.committed.timers == [Timer(DEV, "taobao.close_unpaid", str(PO), NOW + DAY_MS)]


def test_cancelling_a_paid_order_refunds_lines_and_postage_and_puts_the_stock_back(db: FakeDatabase) -> None:
    shop = open_shop(db, wallet_fen=10_000)
    _create(db)
    _pay(db)
    with uow(db) as u:
        order = cancellation.cancel_order(
            u, develop_id=DEV, purchase_order_id=PO, sub_purchase_order_ids=[], reason="不想要了", now_ms=NOW + 2_000
        )
        u.commit()
    assert (order.state, order.refunded_fen, order.close_reason) == (OrderState.CANCELLED, 5_980, "不想要了")
    assert [(e.amount.fen, e.entry_key) for e in db.committed.ledger[2:]] == [
        (5_180, f"refund:taobao:{SUB}"), (800, f"refund:taobao-post:{PO}"),
    ]  # fmt: skip
    assert balance(db) == 10_000
    assert stock(db, shop.sku_pks[0]) == 5
    assert db.committed.reservations[0].state == "released"
    assert db.committed.timers == []


def test_cancelling_an_unpaid_order_moves_no_money(db: FakeDatabase) -> None:
    shop = open_shop(db)
    _create(db)
    with uow(db) as u:
        cancellation.cancel_order(
            u, develop_id=DEV, purchase_order_id=PO, sub_purchase_order_ids=[SUB, SUB], reason="x", now_ms=NOW + 1
        )
        u.commit()
    assert db.committed.taobao_orders[1].state is OrderState.CANCELLED
    assert db.committed.ledger == [] and db.committed.timers == []
    assert stock(db, shop.sku_pks[0]) == 5


def test_a_cancel_pays_back_only_what_after_sales_has_not_refunded(db: FakeDatabase) -> None:
    open_shop(db, wallet_fen=10_000)
    _create(db)
    _pay(db)
    db.committed.line_totals[(LinePlatform.TAOBAO, str(SUB))] = (DEV, str(PO), LineTotal(5_180, 1_000, None))
    with uow(db) as u:
        order = cancellation.cancel_order(
            u, develop_id=DEV, purchase_order_id=PO, sub_purchase_order_ids=[], reason="x", now_ms=NOW + 2_000
        )
        u.commit()
    assert [(e.amount.fen, e.entry_key) for e in db.committed.ledger[2:]] == [
        (4_180, f"refund:taobao:{SUB}"), (800, f"refund:taobao-post:{PO}"),
    ]  # fmt: skip
    assert order.refunded_fen == 5_980 - 1_000  # after-sales counted its ¥10.00 when it refunded it


def test_a_line_with_an_open_reverse_order_cannot_be_cancelled(db: FakeDatabase) -> None:
    open_shop(db, wallet_fen=10_000)
    _create(db)
    _pay(db)
    db.committed.line_totals[(LinePlatform.TAOBAO, str(SUB))] = (DEV, str(PO), LineTotal(5_180, 0, 7))
    with uow(db) as u, pytest.raises(StateConflictError) as err:
        cancellation.cancel_order(
            u, develop_id=DEV, purchase_order_id=PO, sub_purchase_order_ids=[], reason="x", now_ms=NOW + 2_000
        )
    assert err.value.field == "subPurchaseOrderIdList"
    assert db.committed.taobao_orders[1].state is OrderState.WAIT_SELLER_SEND and balance(db) == 10_000 - 5_980
