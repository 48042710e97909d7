"""Concurrent duplicates of one keyed write against two real server processes sharing a database (SQLite file or
PostgreSQL): the work is done once and every duplicate gets the first answer, byte for byte."""

from __future__ import annotations

import json

import httpx

from kuajing.domain.accounts.model import Credentials
from kuajing.runtime import Runtime
from tests.api.helpers import headers
from tests.concurrency import race
from tests.e2e.test_parallel_http import servers
from tests.taobao_fixtures import RECEIVER, add_taobao_item, balance_and_ledger, sku_stock

__all__ = ["servers"]


def _orders(runtime: Runtime, develop_id: str) -> int:
    with runtime.db.snapshot() as tx:
        return int(
            tx.scalar("SELECT count(*) AS n FROM taobao_purchase_orders WHERE develop_id = :d", {"d": develop_id})
        )


def _post(base: str, creds: Credentials, path: str, body: object, key: str) -> httpx.Response:
    h = headers(creds) | {"Idempotency-Key": key}  # each duplicate signed afresh: its own nonce
    return httpx.post(base + path, json=body, headers=h, timeout=60)


def test_concurrent_duplicates_create_one_order_and_pay_it_once(
    servers: list[str], runtime: Runtime, demo: Credentials
) -> None:
    item = add_taobao_item(runtime, stock=10, price=1_000)
    lines = [{"itemId": str(item.mp_id), "skuId": str(item.mp_sku_ids[0]), "quantity": "3"}]
    body = {"orderLineList": json.dumps(lines), "receiver": json.dumps(RECEIVER, ensure_ascii=False)}

    created = race(8, lambda i: _post(servers[i % 2], demo, "/open/order", body, "race-create"))
    answers = [r for r in created if isinstance(r, httpx.Response)]
    assert len(answers) == 8, created
    assert len({a.content for a in answers}) == 1 and answers[0].json()["code"] == 200
    assert sum(a.headers.get("idempotent-replayed") == "true" for a in answers) == 7
    assert _orders(runtime, demo.develop_id) == 1 and sku_stock(runtime, item.sku_pks[0]) == 7

    po = answers[0].json()["data"]["orderList"][0]["purchaseId"]
    start, _ = balance_and_ledger(runtime, demo.develop_id)
    paid = race(6, lambda i: _post(servers[i % 2], demo, "/open/order/pay", {"purchaseOrderIdList": [po]}, "race-pay"))
    answers = [r for r in paid if isinstance(r, httpx.Response)]
    assert len(answers) == 6 and len({a.content for a in answers}) == 1, paid
    assert answers[0].json()["data"][0]["success"] is True
    assert balance_and_ledger(runtime, demo.develop_id) == (start - 3_000, start - 3_000)
