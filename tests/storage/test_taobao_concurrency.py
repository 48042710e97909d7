"""Stock and money under concurrency, each thread with its own unit of work on the same database: SQLite
serialises writers (BEGIN IMMEDIATE), PostgreSQL runs them for real."""

from __future__ import annotations

from typing import Any

from kuajing.domain.accounts.model import Credentials
from kuajing.domain.errors import DomainError
from kuajing.domain.taobao_orders import service
from kuajing.domain.taobao_orders.model import Receiver
from kuajing.domain.taobao_orders.quote import LineRequest
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.concurrency import race, succeeded
from tests.taobao_fixtures import RECEIVER, add_taobao_item, balance_and_ledger, sku_stock


def _create(runtime: Runtime, creds: Credentials, mp_id: int, mp_sku_id: int, number: str | None) -> Any:
    with runtime.uow() as uow:
        result = service.create_orders(
            uow, develop_id=creds.develop_id, user_id=creds.user_id,
            lines=[LineRequest(str(mp_id), str(mp_sku_id), 1)], receiver=Receiver(**RECEIVER),
            outer_purchase_id=number, order_source="", budget_fen=None, now_ms=runtime.clock.now_ms(),
        )  # fmt: skip
        uow.commit()
        return result


def test_parallel_creates_for_the_last_units_never_oversell(runtime: Runtime, demo: Credentials) -> None:
    item = add_taobao_item(runtime, stock=3)
    results = race(8, lambda i: _create(runtime, demo, item.mp_id, item.mp_sku_ids[0], f"SO-{i}"))
    won = [r for r in results if isinstance(r, service.CreateResult)]
    lost = [r for r in results if isinstance(r, DomainError)]
    assert len(won) == 3 and len(lost) == 5
    assert {e.code for e in lost} == {Code.OUT_OF_STOCK}
    assert sku_stock(runtime, item.sku_pks[0]) == 0


def test_parallel_creates_with_one_seller_order_number_make_one_order(runtime: Runtime, demo: Credentials) -> None:
    item = add_taobao_item(runtime, stock=10)

    def attempt(i: int) -> Any:
        try:
            return _create(runtime, demo, item.mp_id, item.mp_sku_ids[0], "SO-SAME")
        except DomainError as exc:
            if exc.code is not Code.DUPLICATE:
                raise
            return _create(runtime, demo, item.mp_id, item.mp_sku_ids[0], "SO-SAME")  # the API's retry

    results = race(5, attempt)
    ids = {r.orders[0].purchase_order_id for r in succeeded(results)}
    assert len(ids) == 1
    assert sku_stock(runtime, item.sku_pks[0]) == 9


def test_a_concurrent_double_pay_charges_once(runtime: Runtime, demo: Credentials) -> None:
    item = add_taobao_item(runtime, stock=5, price=1000)
    po = _create(runtime, demo, item.mp_id, item.mp_sku_ids[0], "SO-P").orders[0].purchase_order_id
    before, _ = balance_and_ledger(runtime, demo.develop_id)

    def pay(i: int) -> Any:
        with runtime.uow() as uow:
            order = service.pay_order(uow, develop_id=demo.develop_id, purchase_order_id=po,
                                      now_ms=runtime.clock.now_ms())  # fmt: skip
            uow.commit()
            return order

    results = race(6, pay)
    assert sum(1 for r in results if not isinstance(r, DomainError)) == 1
    assert {r.code for r in results if isinstance(r, DomainError)} <= {Code.STATE_CONFLICT, Code.CONCURRENT_UPDATE}
    balance, ledger = balance_and_ledger(runtime, demo.develop_id)
    assert balance == ledger == before - 1000
    with runtime.uow() as uow:
        assert uow.wallets.find_entry(demo.develop_id, f"pay:taobao:{po}") is not None
