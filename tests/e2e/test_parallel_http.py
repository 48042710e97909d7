"""Stock and money under parallel HTTP requests to two real server processes sharing one database.

Threads inside one process serialise on SQLite's write lock; here two uvicorn processes on the same SQLite file (or
PostgreSQL database) take requests at the same time: the last units are never oversold, and an order paid by two
requests at once is charged once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kuajing.client import APIError, Client
from kuajing.domain.accounts.model import Credentials
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.api.test_multiprocess import _free_port, _serve, _wait
from tests.concurrency import race
from tests.taobao_fixtures import RECEIVER, add_taobao_item, balance_and_ledger, sku_stock


@pytest.fixture
def servers(db_url: str, tmp_path: Path, demo: Credentials) -> Iterator[list[str]]:
    ports = [_free_port(), _free_port()]
    procs = [_serve(db_url, tmp_path, port) for port in ports]
    try:
        for port in ports:
            _wait(port)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)


def _client(base: str, creds: Credentials) -> Client:
    return Client(base_url=base, access_key=creds.access_key, access_secret=creds.access_secret,
                  user_id=creds.user_id, max_retries=0, timeout_s=60)  # fmt: skip


def test_parallel_creates_never_oversell_and_a_parallel_double_pay_charges_once(
    servers: list[str], runtime: Runtime, demo: Credentials
) -> None:
    item = add_taobao_item(runtime, stock=3, price=1_000)
    line = {"itemId": str(item.mp_id), "skuId": str(item.mp_sku_ids[0]), "quantity": "1"}

    def create(i: int) -> Any:
        with _client(servers[i % 2], demo) as kj:
            return kj.taobao.orders.create(lines=[line], receiver=RECEIVER, seller_order_number=f"race-{i}")

    results = race(8, create)
    made = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(made) == 3 and all(isinstance(r, APIError) and r.code == Code.OUT_OF_STOCK for r in refused), results
    assert sku_stock(runtime, item.sku_pks[0]) == 0

    po = made[0].order_list[0].purchase_id
    start, _ = balance_and_ledger(runtime, demo.develop_id)

    def pay(i: int) -> Any:
        with _client(servers[i % 2], demo) as kj:
            return kj.taobao.orders.pay([po])[0]

    paid = race(6, pay)
    assert all(isinstance(p, APIError) for p in paid if isinstance(p, Exception)), paid
    successes = [p for p in paid if not isinstance(p, Exception) and p.success]
    assert len(successes) == 1, paid
    balance, ledger = balance_and_ledger(runtime, demo.develop_id)
    assert balance == ledger == start - 1_000
