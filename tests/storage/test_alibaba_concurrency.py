"""Concurrency on the same database, each thread with its own unit of work: the last units are not oversold, and an
order paid from several threads at once is charged once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kuajing.domain.accounts.model import Credentials
from kuajing.domain.alibaba_orders import payment, service
from kuajing.domain.alibaba_orders.quote import CargoRequest
from kuajing.domain.errors import DomainError
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.alibaba_catalog import ORDER_ADDRESS, add_offer, add_seller, stock_of, wallet
from tests.concurrency import race

THREADS = 6


def _race(rt: Runtime, fn: Callable[..., Any], **kwargs: Any) -> list[Any]:
    """Run ``fn(uow, **kwargs)`` in THREADS threads released together; returns results or exceptions."""

    def work(i: int) -> Any:
        with rt.uow() as uow:
            result = fn(uow, **kwargs, now_ms=rt.clock.now_ms())
            uow.commit()
            return result

    return race(THREADS, work)


def test_last_units_are_not_oversold(runtime: Runtime, demo: Credentials) -> None:
    offer = add_offer(runtime, add_seller(runtime), stock=3, specs=1)
    results = _race(
        runtime, service.create_order, develop_id=demo.develop_id, user_id=demo.user_id,
        cargos=[CargoRequest(offer.external_id, offer.skus[0].spec_id, 1)], address=ORDER_ADDRESS, flow="general",
    )  # fmt: skip
    created = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(created) == 3 and stock_of(runtime, offer) == 0
    assert all(isinstance(e, DomainError) and e.code is Code.OUT_OF_STOCK for e in refused), refused
    with runtime.uow() as uow:
        reserved = uow.tx.scalar("SELECT SUM(quantity) AS q FROM stock_reservations WHERE state = 'active'")
    assert reserved == 3


def test_paying_concurrently_charges_once(runtime: Runtime, demo: Credentials) -> None:
    offer = add_offer(runtime, add_seller(runtime), specs=1)
    with runtime.uow() as uow:
        order = service.create_order(
            uow, develop_id=demo.develop_id, user_id=demo.user_id,
            cargos=[CargoRequest(offer.external_id, None, 2)], address=ORDER_ADDRESS, flow="general",
            now_ms=runtime.clock.now_ms(),
        )  # fmt: skip
        uow.commit()
    before = wallet(runtime, demo.develop_id)[0]
    results = _race(
        runtime, payment.request_payment, develop_id=demo.develop_id, order_ids=[order.id],
        cashier_base_url="http://x",
    )  # fmt: skip
    paid = [r for r in results if isinstance(r, payment.PayOutcome) and r.protocol_paid]
    others = [r for r in results if not (isinstance(r, payment.PayOutcome) and r.protocol_paid)]
    assert len(paid) == 1, results
    for r in others:  # told it cannot pay, or lost the version race: never charged
        assert (isinstance(r, payment.PayOutcome) and r.cant_pay == [order.id]) or isinstance(r, DomainError), r
    balance, ledger = wallet(runtime, demo.develop_id)
    assert balance == ledger == before - order.total_fen
    with runtime.uow() as uow:
        charges = uow.tx.scalar(
            "SELECT COUNT(*) AS n FROM ledger_entries WHERE entry_key = :k", {"k": f"pay:1688:{order.id}"}
        )
    assert charges == 1
