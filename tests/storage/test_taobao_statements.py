"""Statement counts on the Taobao hot paths, as tests/storage/test_alibaba_statements.py has them for 1688: a page of
orders costs the same whatever its size (no N+1), a cancel reads each row once and cancels its timers in one
statement, and a reverse order's submit, agree and cancel cost a fixed number of statements."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.testclient import TestClient

from kuajing.domain.accounts.model import Credentials
from kuajing.domain.aftersales import answers
from kuajing.domain.aftersales import service as aftersales
from kuajing.domain.aftersales import taobao as reverse_orders
from kuajing.domain.aftersales.taobao import LINES
from kuajing.domain.line_refunds import Platform
from kuajing.domain.taobao_orders import cancellation, service
from kuajing.domain.taobao_orders.ports import OrderQuery
from kuajing.domain.uow import UnitOfWork
from kuajing.runtime import Runtime
from tests.aftersales_helpers import taobao_line
from tests.api.conftest import http

__all__ = ["http"]


def _statements(rt: Runtime, counter: list[str], work: Callable[[UnitOfWork], Any]) -> list[str]:
    counter.clear()
    with rt.uow() as uow:
        work(uow)
        uow.commit()
    return list(counter)


def test_cancel_reads_each_row_once_and_cancels_its_timers_in_one_statement(
    http: TestClient, runtime: Runtime, demo: Credentials, counter: list[str]
) -> None:
    po, _ = taobao_line(http, runtime, demo, stage="paid")
    seen = _statements(runtime, counter, lambda uow: cancellation.cancel_order(
        uow, develop_id=demo.develop_id, purchase_order_id=int(po), sub_purchase_order_ids=[], reason="不想要了",
        now_ms=runtime.clock.now_ms()))  # fmt: skip
    reads = [s for s in seen if s.startswith("SELECT")]
    assert len(reads) == len(set(reads)), reads
    assert sum("scheduled_jobs" in s for s in seen) == 1, seen
    # order, sub-orders, after-sales refunds and lines; save order and subs, history, outbox (sequence, message,
    # delivery); stock (reservations, release, sku); wallet refund (ledger key, wallet row, balance, entry); timers
    assert len(seen) == 18, seen


def test_a_page_of_orders_costs_the_same_whatever_its_size(
    http: TestClient, runtime: Runtime, demo: Credentials, counter: list[str]
) -> None:
    def page(uow: UnitOfWork) -> None:
        total, orders = service.list_orders(uow, develop_id=demo.develop_id, query=OrderQuery(page_size=20))
        assert orders and total == len(orders)

    taobao_line(http, runtime, demo, stage="paid")
    one = len(_statements(runtime, counter, page))
    for _ in range(4):
        taobao_line(http, runtime, demo, stage="paid")
    seen = _statements(runtime, counter, page)
    assert len(seen) == one == 4, seen  # count, orders, sub-orders, their reverse orders


def test_reverse_order_submit_agree_and_cancel_statement_counts(
    http: TestClient, runtime: Runtime, demo: Credentials, counter: list[str]
) -> None:
    _, sub = taobao_line(http, runtime, demo, stage="received")
    now = runtime.clock.now_ms()
    submitted: list[str] = []

    def submit(uow: UnitOfWork) -> None:
        refund = reverse_orders.submit(uow, develop_id=demo.develop_id, user_id=demo.user_id, sub_order_id=sub,
                                       refund_type=1, goods_status=4, reason_id=1, refund_fee=100, refund_qty=None,
                                       description="", images=[], now_ms=now)  # fmt: skip
        submitted.append(refund.refund_id)

    opened = _statements(runtime, counter, submit)
    # the line (sub-order, order, sub-orders, their reverse orders, after-sales totals) and its seller, read once;
    # refund, line claim (insert, update), history, outbox (3), timers (cancel, 2 new)
    assert len(opened) == 16, opened
    cancelled = _statements(runtime, counter, lambda uow: aftersales.cancel(
        uow, LINES, platform=Platform.TAOBAO, develop_id=demo.develop_id, wire_id=submitted[0], now_ms=now))  # fmt: skip
    assert sum("scheduled_jobs" in s for s in cancelled) == 1 and len(cancelled) == 14, cancelled

    _statements(runtime, counter, submit)
    agreed = _statements(runtime, counter, lambda uow: answers.agree(
        uow, LINES, platform=Platform.TAOBAO, develop_id=demo.develop_id, wire_id=submitted[1], note="",
        now_ms=now))  # fmt: skip
    reads = [s.removesuffix(" FOR UPDATE") for s in agreed if s.startswith("SELECT")]  # PostgreSQL locks the rows
    # the order context reads its aggregate again to record the refund: the only reads made twice
    assert {s for s in reads if reads.count(s) > 1} == {
        "SELECT * FROM taobao_purchase_orders WHERE id = :id AND develop_id = :d",
        "SELECT * FROM taobao_sub_orders WHERE order_pk IN (:o0) ORDER BY order_pk, position",
        "SELECT id, first_line_id, state FROM aftersales_refunds WHERE platform = :platform AND order_id IN (:p0) ORDER BY id",
    }, reads
    assert len(agreed) == 24, agreed  # a refund-only request succeeds at once: money, refund, order, messages


SUBMIT, CANCEL, AGREE = 16, 14, 99
