"""The Taobao cart on an in-memory unit of work (tests/fakes): rows added and merged, what a row shows when it cannot
be bought, and a cart turned into orders (the shop's figures are in shop.py)."""

from __future__ import annotations

import pytest

from kuajing.domain.catalog.model import ProductStatus
from kuajing.domain.errors import BusinessRefusalError, NotFoundError
from kuajing.domain.taobao_cart import service as cart
from kuajing.domain.taobao_orders.states import OrderState
from kuajing.protocol.codes import Code
from tests.fakes.transaction import FakeDatabase
from tests.unit.taobao_orders.shop import DEV, ITEM_ID, MP_ID, NOW, RECEIVER, USER, open_shop, stock, uow


@pytest.fixture
def db() -> FakeDatabase:
    return FakeDatabase()


def _add(db: FakeDatabase, sku_ref: str, quantity: int, *, now_ms: int = NOW, user_id: str = USER) -> int:
    with uow(db, now_ms) as u:
        item = cart.add_item(
            u, develop_id=DEV, user_id=user_id, item_ref=str(MP_ID), sku_ref=sku_ref, quantity=quantity, now_ms=now_ms
        )
        u.commit()
    return item.id


def test_adding_a_sku_twice_makes_one_row_with_both_quantities_at_the_price_first_seen(db: FakeDatabase) -> None:
    shop = open_shop(db)
    first = _add(db, "800002", 1)
    again = _add(db, "2", 2, now_ms=NOW + 1_000)  # the SKU's own id names the same row as its mpSkuId
    assert first == again == 1
    (row,) = db.committed.cart_items.values()
    assert (row.sku_pk, row.quantity, row.added_price_fen) == (shop.sku_pks[1], 3, 2_500)  # the promotion price
    assert (row.created_at_ms, row.updated_at_ms) == (NOW, NOW + 1_000)


def test_a_row_beyond_the_stock_is_listed_with_its_problem(db: FakeDatabase) -> None:
    open_shop(db)
    _add(db, "800002", 2)  # one in stock
    _add(db, "800001", 1)
    with uow(db) as u:
        lines = cart.list_lines(u, develop_id=DEV, user_id=USER)
    assert [(line.item.id, line.unit_price_fen, line.problem) for line in lines] == [
        (2, 2_590, None), (1, 2_500, Code.OUT_OF_STOCK),
    ]  # fmt: skip


def test_an_offline_item_cannot_be_added(db: FakeDatabase) -> None:
    shop = open_shop(db)
    with uow(db) as u:
        product = u.catalog.get_product(shop.product_id)
        assert product is not None
        product.status = ProductStatus.OFFLINE
        u.catalog.save_product(product)
        u.commit()
    with pytest.raises(BusinessRefusalError) as err:
        _add(db, "800001", 1)
    assert (err.value.code, err.value.field) == (Code.NOT_PURCHASABLE, "mpId")
    assert db.committed.cart_items == {}


def test_another_users_rows_are_not_found(db: FakeDatabase) -> None:
    open_shop(db)
    mine = _add(db, "800001", 1)
    with uow(db) as u, pytest.raises(NotFoundError) as err:
        cart.delete_items(u, develop_id=DEV, user_id="user-2", ids=[mine])
    assert err.value.field == "ids"
    assert list(db.committed.cart_items) == [mine]


def test_ordering_the_cart_makes_one_order_of_its_rows_and_empties_them(db: FakeDatabase) -> None:
    shop = open_shop(db)
    a, b = _add(db, "800001", 2), _add(db, "800002", 1)
    with uow(db) as u:
        result = cart.create_order(u, develop_id=DEV, user_id=USER, ids=[a, b], receiver=RECEIVER, now_ms=NOW)
        u.commit()
    (order,) = result.orders
    assert (order.state, order.order_source, order.outer_purchase_id) == (OrderState.WAIT_BUYER_PAY, "cart", None)
    assert [(s.item_id, s.sku_id, s.quantity, s.unit_price_fen, s.order_line_no) for s in order.subs] == [
        (ITEM_ID, 1, 2, 2_590, str(a)), (ITEM_ID, 2, 1, 2_500, str(b)),
    ]  # fmt: skip
    assert order.total_fen == 2 * 2_590 + 2_500 + 800
    assert (stock(db, shop.sku_pks[0]), stock(db, shop.sku_pks[1])) == (3, 0)
    assert db.committed.cart_items == {}
