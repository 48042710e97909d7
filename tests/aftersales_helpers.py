"""Real orders for after-sales tests: Taobao sub-orders and 1688 orders made, paid, shipped and received through
the orders' own API and sandbox, and the checks every after-sales test repeats (money, outbox)."""

from __future__ import annotations

import io
import itertools
import json
import uuid
from typing import Any

from PIL import Image
from starlette.testclient import TestClient

from kuajing.domain.accounts.model import Credentials
from kuajing.runtime import Runtime
from tests.alibaba_catalog import ADDRESS, add_offer, add_seller, cargo
from tests.api.conftest import sdk
from tests.api.helpers import headers
from tests.taobao_fixtures import RECEIVER, add_taobao_item

_N = itertools.count(100)


def ok(http: TestClient, creds: Credentials, method: str, path: str, body: Any = None) -> Any:
    if method == "GET":
        resp = http.get(path, params=body, headers=headers(creds))
    else:
        resp = http.post(path, json=body or {}, headers=headers(creds))
    env = resp.json()
    assert env["code"] == 200, env
    return env["data"]


def jpeg(colour: str = "red") -> bytes:
    """A small real JPEG (the voucher upload takes pictures only)."""
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buf, format="JPEG")
    return buf.getvalue()


def taobao_line(http: TestClient, runtime: Runtime, creds: Credentials, *, qty: int = 2, price: int = 1000,
                stage: str = "paid", behaviour: dict[str, Any] | None = None) -> tuple[str, str]:  # fmt: skip
    """A paid Taobao purchase order with one sub-order; ``stage`` paid | shipped | received. (po, sub)."""
    item = add_taobao_item(runtime, n=next(_N), price=price, stock=100, behaviour=behaviour or {})
    line = {"itemId": str(item.mp_id), "skuId": str(item.mp_sku_ids[0]), "quantity": str(qty)}
    body = {"orderLineList": json.dumps([line]), "receiver": json.dumps(RECEIVER, ensure_ascii=False),
            "orderSource": "lazada", "sellerOrderNumber": "SO-" + uuid.uuid4().hex[:10]}  # fmt: skip
    created = ok(http, creds, "POST", "/open/order", body)["orderList"][0]
    po, sub = created["purchaseId"], created["orderLineList"][0]["subPurchaseOrderId"]
    ok(http, creds, "POST", "/open/order/pay", {"purchaseOrderIdList": [po]})
    if stage in ("shipped", "received"):
        ok(http, creds, "POST", "/sandbox/taobao/order/ship", {"purchaseOrderId": po})
    if stage == "received":
        ok(http, creds, "POST", "/sandbox/taobao/order/confirm", {"purchaseOrderId": po})
    return po, sub


def taobao_status(http: TestClient, creds: Credentials, po: str) -> int:
    status: int = ok(http, creds, "GET", "/open/order/detail", {"purchaseOrderId": po})["status"]
    return status


def alibaba_order(http: TestClient, runtime: Runtime, creds: Credentials, *, qty: int = 2, price_fen: int = 2900,
                  stage: str = "paid", **behaviour: Any) -> tuple[str, list[str], int]:  # fmt: skip
    """A paid 1688 order with one entry; ``stage`` paid | shipped | received. (orderId, entry ids, total paid)."""
    seller = add_seller(runtime, **behaviour)
    offer = add_offer(runtime, seller, stock=100, price_fen=price_fen)
    kj = sdk(http, creds)
    view = kj.alibaba.orders.create([cargo(offer, qty)], ADDRESS)
    assert view.base_info is not None
    order_id = view.base_info.id
    paid = kj.alibaba.orders.pay_url(order_id)
    assert paid.protocol_pay_success
    entries = [p.sub_item_id_string for p in kj.alibaba.orders.detail(order_id).product_items]
    if stage in ("shipped", "received"):
        kj.alibaba.orders.sandbox_ship(order_id)
    if stage == "received":
        assert kj.alibaba.orders.receive_goods(order_id, entries).success
    detail = kj.alibaba.orders.detail(order_id).base_info
    assert detail is not None
    return order_id, entries, int(detail.total_amount)


def alibaba_status(http: TestClient, creds: Credentials, order_id: str) -> str:
    base = sdk(http, creds).alibaba.orders.detail(order_id).base_info
    assert base is not None
    return str(base.status)


def wallet(runtime: Runtime, develop_id: str) -> int:
    """The balance, after checking it equals the ledger's sum."""
    with runtime.uow() as uow:
        balance = uow.wallets.balance_fen(develop_id, "CNY")
        assert balance == uow.wallets.ledger_sum_fen(develop_id, "CNY")
        return balance


def ledger_keys(runtime: Runtime, develop_id: str, prefix: str) -> list[str]:
    with runtime.uow() as uow:
        rows = uow.tx.all("SELECT entry_key FROM ledger_entries WHERE develop_id = :d ORDER BY id", {"d": develop_id})
    return [r["entry_key"] for r in rows if r["entry_key"].startswith(prefix)]


def outbox(runtime: Runtime, aggregate_type: str, aggregate_id: str) -> list[tuple[str, dict[str, Any]]]:
    with runtime.uow() as uow:
        rows = uow.tx.all(
            "SELECT message_type, body FROM outbox WHERE aggregate_type = :t AND aggregate_id = :i ORDER BY sequence",
            {"t": aggregate_type, "i": aggregate_id},
        )
    return [(r["message_type"], json.loads(r["body"])) for r in rows]
