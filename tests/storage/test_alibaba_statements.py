"""Statement counts on the 1688 hot paths: a page of orders costs the same whatever its size (no N+1), and a create
costs a fixed number of statements per line."""

from __future__ import annotations

from kuajing.domain.accounts.model import Credentials
from kuajing.domain.alibaba_orders import service
from kuajing.domain.alibaba_orders.quote import CargoRequest
from kuajing.runtime import Runtime
from tests.alibaba_catalog import ORDER_ADDRESS, add_offer, add_seller


def _create(rt: Runtime, creds: Credentials, lines: list[CargoRequest]) -> None:
    with rt.uow() as uow:
        service.create_order(uow, develop_id=creds.develop_id, user_id=creds.user_id, cargos=lines,
                             address=ORDER_ADDRESS, flow="general", now_ms=rt.clock.now_ms())  # fmt: skip
        uow.commit()


def _page_statements(rt: Runtime, creds: Credentials, counter: list[str]) -> int:
    counter.clear()
    with rt.uow() as uow:
        orders, _ = service.page_orders(uow, develop_id=creds.develop_id, status=None, start_ms=None, end_ms=None,
                                        page=1, page_size=20)  # fmt: skip
    assert orders
    return len(counter)


def test_page_and_create_statement_counts(runtime: Runtime, demo: Credentials, counter: list[str]) -> None:
    seller = add_seller(runtime)
    offers = [add_offer(runtime, seller, specs=1) for _ in range(4)]
    _create(runtime, demo, [CargoRequest(offers[0].external_id, None, 1)])
    one_order = _page_statements(runtime, demo, counter)
    for _ in range(5):
        _create(runtime, demo, [CargoRequest(o.external_id, None, 1) for o in offers])
    assert _page_statements(runtime, demo, counter) == one_order == 3  # count, orders, entries

    counter.clear()
    _create(runtime, demo, [CargoRequest(offers[0].external_id, None, 1)])
    single = len(counter)
    counter.clear()
    _create(runtime, demo, [CargoRequest(o.external_id, None, 1) for o in offers])
    per_line = (len(counter) - single) / 3
    print(f"create: {single} statements for one line, +{per_line:.1f} per further line")
    assert per_line <= 6, (single, len(counter), counter)
