"""After-sales under concurrency, each thread with its own unit of work: one open refund per line and one credit
per refund hold when requests race (SQLite serialises writers, PostgreSQL runs them for real); the schema refuses
refunds beyond what was paid."""

from __future__ import annotations

from typing import Any

import pytest

from kuajing.domain.accounts.model import Credentials
from kuajing.domain.aftersales import answers, taobao
from kuajing.domain.errors import BusinessRefusalError, DomainError
from kuajing.domain.line_refunds import Platform
from kuajing.domain.taobao_orders import service as orders
from kuajing.domain.taobao_orders.model import Receiver
from kuajing.domain.taobao_orders.quote import LineRequest
from kuajing.runtime import Runtime
from tests.concurrency import race
from tests.taobao_fixtures import RECEIVER, add_taobao_item, balance_and_ledger


def _paid_sub(runtime: Runtime, creds: Credentials) -> str:
    item = add_taobao_item(runtime, stock=5, price=1000, behaviour={"shipDelaySeconds": 86400 * 30})
    with runtime.uow() as uow:
        created = orders.create_orders(
            uow, develop_id=creds.develop_id, user_id=creds.user_id,
            lines=[LineRequest(str(item.mp_id), str(item.mp_sku_ids[0]), 2)], receiver=Receiver(**RECEIVER),
            outer_purchase_id=None, order_source="", budget_fen=None, now_ms=runtime.clock.now_ms(),
        )  # fmt: skip
        order = created.orders[0]
        orders.pay_order(uow, develop_id=creds.develop_id, purchase_order_id=order.purchase_order_id,
                         now_ms=runtime.clock.now_ms())  # fmt: skip
        uow.commit()
    return str(order.subs[0].sub_purchase_order_id)


def _submit(runtime: Runtime, creds: Credentials, sub: str, fee: int) -> Any:
    with runtime.uow() as uow:
        refund = taobao.submit(uow, develop_id=creds.develop_id, user_id=creds.user_id, sub_order_id=sub,
                               refund_type=1, goods_status=1, reason_id=1, refund_fee=fee, refund_qty=None,
                               description="", images=[], now_ms=runtime.clock.now_ms())  # fmt: skip
        uow.commit()
        return refund.refund_id


def _agree(runtime: Runtime, creds: Credentials, refund_id: str) -> Any:
    with runtime.uow() as uow:
        refund = answers.agree(uow, taobao.LINES, platform=Platform.TAOBAO, develop_id=creds.develop_id,
                               wire_id=refund_id, note="race", now_ms=runtime.clock.now_ms())  # fmt: skip
        uow.commit()
        return refund.state


def test_parallel_submits_on_one_line_open_one_refund(runtime: Runtime, demo: Credentials) -> None:
    sub = _paid_sub(runtime, demo)
    results = race(6, lambda i: _submit(runtime, demo, sub, 100 + i))
    won = [r for r in results if isinstance(r, str)]
    assert len(won) == 1 and all(isinstance(r, DomainError) for r in results if r not in won)
    with runtime.uow() as uow:
        assert int(uow.tx.scalar("SELECT COUNT(*) AS n FROM aftersales_refunds")) == 1


def test_parallel_agreements_credit_once(runtime: Runtime, demo: Credentials) -> None:
    sub = _paid_sub(runtime, demo)
    rid = _submit(runtime, demo, sub, 2000)
    before, _ = balance_and_ledger(runtime, demo.develop_id)
    results = race(4, lambda i: _agree(runtime, demo, rid))
    assert sum(1 for r in results if not isinstance(r, DomainError)) == 1
    balance, ledger = balance_and_ledger(runtime, demo.develop_id)
    assert balance == ledger == before + 2000


def test_the_schema_refuses_refunds_beyond_what_was_paid(runtime: Runtime, demo: Credentials) -> None:
    with runtime.uow() as uow:
        repo = uow.aftersales
        assert repo.claim_lines(Platform.TAOBAO, develop_id=demo.develop_id, order_id="1", paid={"L1": 500},
                                refund_pk=7)  # fmt: skip
        assert not repo.claim_lines(Platform.TAOBAO, develop_id=demo.develop_id, order_id="1", paid={"L1": 500},
                                    refund_pk=8)  # fmt: skip
        with pytest.raises(BusinessRefusalError):
            repo.release_lines(Platform.TAOBAO, refund_pk=7, refunded={"L1": 501})
