"""Idempotency-Key on the writes that create something or move money, on SQLite and PostgreSQL: a second request
with the key gets the first answer byte for byte and does nothing; another request under the key is refused; what is
stored and what is not; the key's format; expiry and pruning."""

from __future__ import annotations

import asyncio
import importlib
import json
import pkgutil
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from kuajing.api.app import _prune_idempotency_keys, all_endpoints, create_app
from kuajing.client import resources
from kuajing.client._base import Operation
from kuajing.domain.accounts import service, wallet
from kuajing.domain.accounts.model import Credentials
from kuajing.domain.clock import ManualClock
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.api.helpers import headers
from tests.conftest import make_settings, new_developer
from tests.taobao_fixtures import RECEIVER, TbItem, add_taobao_item, balance_and_ledger, sku_stock

ADDRESS = {"fullName": "张三", "mobile": "13800000000", "address": "文一西路 1 号"}
DOC = Path(__file__).resolve().parents[2] / "docs" / "idempotency.md"

#: a request that passes each keyed endpoint's schema, on an empty marketplace: most are refused for an unknown id
#: (40401, a stored answer like a success), some succeed
KEYED_REQUESTS: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/open/order"): {"orderLineList": '[{"itemId": "1", "skuId": "2", "quantity": "1"}]',
                              "receiver": json.dumps(RECEIVER)},
    ("POST", "/open/order/pay"): {"purchaseOrderIdList": ["200000000001"]},
    ("POST", "/open/cart/add"): {"mpId": "2048057995999", "mpSkuId": "1", "quantity": 1},
    ("POST", "/open/cart/create/order"): {"ids": [99], "orderAddress": RECEIVER},
    ("POST", "/open/order/refund/submit"): {"subOrderId": "200000000001", "refundType": 1, "goodsStatus": 1,
                                            "reasonId": 1, "refundFee": 100},
    ("POST", "/open/order/refund/submit/message"): {"refundId": "300000000001", "refundMessage": "hi"},
    ("POST", "/alibaba/order/create"): {"flow": "general", "addressParam": ADDRESS,
                                        "cargoParamList": [{"offerId": 1, "quantity": 1}]},
    ("POST", "/alibaba/order/batch/create"): {"addressParam": ADDRESS, "cargoParamList": [{"offerId": 1, "quantity": 1}]},
    ("GET", "/alibaba/order/pay/url"): {"orderId": "1234567890123456789"},
    ("POST", "/alibaba/order/batch/submit/to/pay"): {"orderIds": ["1234567890123456789"]},
    ("POST", "/alibaba/cart/add"): {"offerId": 1, "quantity": 1},
    ("POST", "/alibaba/cart/create/order"): {"flow": "general", "addressParam": ADDRESS, "cartIds": [1]},
    ("POST", "/alibaba/refund/detail/create"): {"orderId": "1234567890123456789", "disputeRequest": "refund",
                                                "applyPayment": 1, "applyCarriage": 0, "applyReasonId": 1,
                                                "description": "broken", "goodsStatus": "refundWaitSellerSend"},
    ("POST", "/open/warehouse/package/forecast"): {"carrierCode": "YTO", "trackingNo": "YT1"},
    ("POST", "/open/warehouse/domestic/logistics/update"): {"sourcePlatform": "taobao", "sourceOrderId": "200000000001",
                                                            "carrierCode": "YTO", "trackingNo": "YT2"},
    ("POST", "/open/warehouse/logistics/order/create"): {"parcelIds": [1], "channelCode": "X", "receiver": {
        "fullName": "A", "mobile": "12345", "countryCode": "US", "address": "x"}},
    ("POST", "/open/address/add"): ADDRESS,
}  # fmt: skip
KEYED = sorted((ep.method, ep.paths[0]) for ep in all_endpoints() if ep.idempotent)


def send(http: TestClient, creds: Credentials, path: str, body: Any, key: str | None, **sign: Any) -> httpx.Response:
    h = headers(creds, **sign)
    if key is not None:
        h["Idempotency-Key"] = key
    response: httpx.Response = http.post(path, json=body, headers=h)
    return response


def order_body(item: TbItem, qty: int = 2) -> dict[str, Any]:
    """No sellerOrderNumber: the order's own de-duplication must not be what saves the retry."""
    lines = [{"itemId": str(item.mp_id), "skuId": str(item.mp_sku_ids[0]), "quantity": str(qty)}]
    return {"orderLineList": json.dumps(lines), "receiver": json.dumps(RECEIVER, ensure_ascii=False)}


def count(runtime: Runtime, table: str, develop_id: str) -> int:
    with runtime.db.snapshot() as tx:
        return int(tx.scalar(f"SELECT count(*) AS n FROM {table} WHERE develop_id = :d", {"d": develop_id}))


def test_a_retried_create_gets_the_first_answer_and_makes_no_second_order(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    item = add_taobao_item(runtime, stock=10)
    first = send(http, demo, "/open/order", order_body(item), "order-1")
    assert first.json()["code"] == 200 and "idempotent-replayed" not in first.headers
    again = send(http, demo, "/open/order", order_body(item), "order-1")
    assert again.content == first.content  # byte for byte, the first requestId included
    assert again.status_code == first.status_code and again.headers["content-type"] == "application/json"
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["x-request-id"] != first.headers["x-request-id"]  # this request's own id
    assert count(runtime, "taobao_purchase_orders", demo.develop_id) == 1
    assert sku_stock(runtime, item.sku_pks[0]) == 8

    # a body that differs only in key order and spacing is the same request
    reordered = json.loads(json.dumps(order_body(item)))
    reordered = {"receiver": reordered["receiver"], "orderLineList": reordered["orderLineList"]}
    h = headers(demo) | {"Idempotency-Key": "order-1", "Content-Type": "application/json"}
    spaced = http.post("/open/order", content=json.dumps(reordered, indent=2).encode(), headers=h)
    assert spaced.content == first.content and spaced.headers["idempotent-replayed"] == "true"

    # a new key is a new order
    other = send(http, demo, "/open/order", order_body(item), "order-2")
    assert other.json()["code"] == 200 and other.content != first.content
    assert count(runtime, "taobao_purchase_orders", demo.develop_id) == 2


def test_a_retried_payment_is_charged_once_and_answers_the_same(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    item = add_taobao_item(runtime, stock=10, price=1_000)
    po = send(http, demo, "/open/order", order_body(item, qty=1), None).json()["data"]["orderList"][0]["purchaseId"]
    start, _ = balance_and_ledger(runtime, demo.develop_id)
    first = send(http, demo, "/open/order/pay", {"purchaseOrderIdList": [po]}, "pay-1")
    assert first.json()["data"][0]["success"] is True
    again = send(http, demo, "/open/order/pay", {"purchaseOrderIdList": [po]}, "pay-1")
    # without the key a second pay of a paid order is refused (40901); with it, the first answer comes back
    assert again.content == first.content and again.headers["idempotent-replayed"] == "true"
    assert balance_and_ledger(runtime, demo.develop_id) == (start - 1_000, start - 1_000)
    assert send(http, demo, "/open/order/pay", {"purchaseOrderIdList": [po]}, None).json()["code"] == 40901


def test_the_key_used_for_another_request_is_refused(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    first = send(http, demo, "/open/address/add", ADDRESS, "k")
    assert first.json()["code"] == 200
    with runtime.uow() as uow:
        other_user = service.create_sub_account(uow, develop_id=demo.develop_id, name="b", now_ms=0).user_id
        uow.commit()
    refusals = [
        send(http, demo, "/open/address/add", {**ADDRESS, "fullName": "李四"}, "k"),  # another body
        send(http, demo, "/v2/basis/address/add", ADDRESS, "k"),  # another path (the v2 twin)
        send(http, demo, "/open/warehouse/package/forecast", {"carrierCode": "YTO", "trackingNo": "YT1"}, "k"),
        send(http, demo, "/open/address/add", ADDRESS, "k", user_id=other_user),  # another sub-account
    ]
    for refused in refusals:
        body = refused.json()
        assert body["code"] == Code.IDEMPOTENCY_KEY_REUSED, body
        assert "Idempotency-Key" in body["msg"] and "idempotent-replayed" not in refused.headers
    assert count(runtime, "addresses", demo.develop_id) == 1
    assert count(runtime, "warehouse_parcels", demo.develop_id) == 0

    # keys are per developer: another developer's "k" is a key of its own
    stranger = new_developer(runtime)
    theirs = send(http, stranger, "/open/address/add", ADDRESS, "k")
    assert theirs.json()["code"] == 200 and "idempotent-replayed" not in theirs.headers
    assert count(runtime, "addresses", stranger.develop_id) == 1


def test_a_refusal_is_the_key_s_answer_but_a_malformed_request_is_not(http: TestClient, runtime: Runtime) -> None:
    poor = new_developer(runtime)
    item = add_taobao_item(runtime, stock=5, price=1_000)
    po = send(http, poor, "/open/order", order_body(item, qty=1), None).json()["data"]["orderList"][0]["purchaseId"]
    refused = send(http, poor, "/open/order/pay", {"purchaseOrderIdList": [po]}, "pay")
    assert refused.json()["code"] == Code.INSUFFICIENT_BALANCE
    with runtime.uow() as uow:
        wallet.credit(uow, develop_id=poor.develop_id, amount_fen=5_000, memo="top up", entry_key="t", now_ms=0)
        uow.commit()
    # the key keeps its answer: the refusal comes back and nothing is charged; a new key pays
    again = send(http, poor, "/open/order/pay", {"purchaseOrderIdList": [po]}, "pay")
    assert again.content == refused.content and again.headers["idempotent-replayed"] == "true"
    assert balance_and_ledger(runtime, poor.develop_id) == (5_000, 5_000)
    assert send(http, poor, "/open/order/pay", {"purchaseOrderIdList": [po]}, "pay-2").json()["code"] == 200
    assert balance_and_ledger(runtime, poor.develop_id) == (4_000, 4_000)

    # a request the endpoint finds malformed keeps its key free: fixed, it is sent again under the same key
    bad = send(http, poor, "/open/order", {**order_body(item), "receiver": "not json"}, "fix-me")
    assert bad.json()["code"] == Code.INVALID_PARAMETER and "receiver" in bad.json()["msg"]
    fixed = send(http, poor, "/open/order", order_body(item, qty=1), "fix-me")
    assert fixed.json()["code"] == 200 and "idempotent-replayed" not in fixed.headers


def test_a_failure_inside_the_endpoint_undoes_everything_and_keeps_the_key_free(
    http: TestClient, runtime: Runtime, demo: Credentials, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a key the address would stay: it is committed before the rendering fails. With one, the endpoint's
    work and its answer are one transaction, and an unexpected failure rolls back both."""
    from kuajing.api import basis

    def fail(address: Any) -> Any:
        raise RuntimeError("the answer cannot be rendered")

    monkeypatch.setattr(basis, "render_address", fail)
    failed = send(http, demo, "/open/address/add", ADDRESS, "a")
    assert failed.json()["code"] == Code.INTERNAL
    assert count(runtime, "addresses", demo.develop_id) == 0
    monkeypatch.undo()
    retried = send(http, demo, "/open/address/add", ADDRESS, "a")
    assert retried.json()["code"] == 200 and "idempotent-replayed" not in retried.headers
    assert count(runtime, "addresses", demo.develop_id) == 1


@pytest.mark.parametrize("key", [b"", b"x" * 256, "订单-1".encode(), b"tab\there", b"del\x7f"])
def test_a_malformed_key_is_refused_before_the_nonce_is_used(http: TestClient, demo: Credentials, key: bytes) -> None:
    h = headers(demo)
    refused = http.post("/open/address/add", json=ADDRESS, headers={**h, "Idempotency-Key": key})
    body = refused.json()
    assert body["code"] == Code.INVALID_PARAMETER and "Idempotency-Key" in body["msg"]
    assert http.post("/open/address/add", json=ADDRESS, headers=h).json()["code"] == 200  # the same nonce, unused


def test_the_longest_key_and_every_printable_character_are_accepted(http: TestClient, demo: Credentials) -> None:
    for key in ("k" * 255, "".join(chr(c) for c in range(0x20, 0x7F)).strip()):
        first = send(http, demo, "/open/address/add", ADDRESS, key)
        assert first.json()["code"] == 200
        assert send(http, demo, "/open/address/add", ADDRESS, key).headers["idempotent-replayed"] == "true"


def test_a_key_on_an_endpoint_that_does_not_take_one_changes_nothing(http: TestClient, demo: Credentials) -> None:
    added = send(http, demo, "/open/address/add", ADDRESS, None).json()["data"]
    update = {"id": added["id"], "fullName": "王五"}
    first = send(http, demo, "/open/address/update", update, "u")
    second = send(http, demo, "/open/address/update", update, "u")
    assert first.json()["code"] == second.json()["code"] == 200
    assert "idempotent-replayed" not in second.headers and second.json()["requestId"] != first.json()["requestId"]


def test_keys_expire_after_the_ttl_and_the_prune_forgets_them(db_url: str, tmp_path: Path) -> None:
    clock = ManualClock(1_800_000_000_000)
    rt = Runtime.build(make_settings(db_url, tmp_path, idempotency_ttl_s=3_600), clock=clock)
    try:
        creds = new_developer(rt)
        with TestClient(create_app(rt), base_url="http://testserver", raise_server_exceptions=False) as http:

            def add(key: str) -> httpx.Response:
                return send(http, creds, "/open/address/add", ADDRESS, key, ts=str(clock.now_ms()))

            assert add("a").json()["code"] == 200
            clock.advance(seconds=3_599)
            assert add("a").headers["idempotent-replayed"] == "true"
            assert add("b").json()["code"] == 200
            clock.advance(seconds=1)  # "a" is an hour old: expired, taken over by the next request that uses it
            taken_over = add("a")
            assert taken_over.json()["code"] == 200 and "idempotent-replayed" not in taken_over.headers
            assert count(rt, "addresses", creds.develop_id) == 3

            clock.advance(seconds=3_600)  # "b" and the new "a" have expired; the prune removes both
            assert count(rt, "idempotency_keys", creds.develop_id) == 2
            assert _prune_idempotency_keys(rt) == 2
            assert _prune_idempotency_keys(rt) == 0
            assert count(rt, "idempotency_keys", creds.develop_id) == 0
    finally:
        rt.close()


def test_the_keyed_requests_cover_every_keyed_endpoint() -> None:
    assert sorted(KEYED_REQUESTS) == KEYED


@pytest.mark.parametrize(("method", "path"), KEYED, ids=[f"{m} {p}" for m, p in KEYED])
def test_every_keyed_endpoint_answers_a_repeat_with_its_first_answer(
    http: TestClient, runtime: Runtime, demo: Credentials, method: str, path: str
) -> None:
    params = KEYED_REQUESTS[(method, path)]

    def once() -> httpx.Response:
        h = headers(demo) | {"Idempotency-Key": "same"}
        response: httpx.Response = (
            http.get(path, params=params, headers=h) if method == "GET" else http.post(path, json=params, headers=h)
        )
        return response

    first, again = once(), once()
    assert first.json()["code"] in (200, Code.NOT_FOUND), first.json()
    assert again.content == first.content and again.headers["idempotent-replayed"] == "true"
    assert count(runtime, "idempotency_keys", demo.develop_id) == 1


def test_the_docs_list_exactly_the_keyed_endpoints() -> None:
    section = DOC.read_text().split("## Covered endpoints", 1)[1].split("\n## ", 1)[0]
    rows = [row for row in section.splitlines() if row.startswith("| ") and "`" in row]
    assert sorted((row.split("|")[1].strip(), row.split("`")[1]) for row in rows) == KEYED


def test_the_sdk_sends_keys_exactly_where_the_server_honours_them() -> None:
    keyed: set[tuple[str, str]] = set()
    for info in pkgutil.iter_modules(resources.__path__):
        module = importlib.import_module(f"{resources.__name__}.{info.name}")
        keyed |= {(v.method, v.v1) for v in vars(module).values() if isinstance(v, Operation) and v.risk == "keyed"}
    assert sorted(keyed) == KEYED


def test_on_sqlite_a_keyed_endpoint_that_would_let_the_loop_run_is_stopped_and_undone(
    runtime: Runtime, demo: Credentials
) -> None:
    """The request's SQLite transaction is open on the connection every request of the loop's thread shares, so a
    keyed handler must not give the loop a turn; one that does is refused and its work undone. PostgreSQL's
    transaction has a connection of its own: there the same handler may wait."""
    from kuajing.api.call import Call
    from kuajing.api.endpoint import Endpoint
    from kuajing.domain.accounts import addresses
    from kuajing.domain.accounts.model import Address
    from kuajing.protocol.wire.basis import AddressAdd

    async def add_then_wait(call: Call[AddressAdd]) -> bool:
        address = Address(develop_id=call.develop_id, full_name="张三", mobile="13800000000", address="x")
        await call.run(addresses.add_address, address=address, now_ms=0)
        await asyncio.sleep(0)
        return True

    endpoint = Endpoint("POST", ("/t/add",), add_then_wait, params=AddressAdd, summary="t", tag="t", idempotent=True)
    with TestClient(create_app(runtime, endpoints=[endpoint]), raise_server_exceptions=False) as http:
        answer = send(http, demo, "/t/add", ADDRESS, "w").json()
    if runtime.db.dialect == "sqlite":
        assert answer["code"] == Code.INTERNAL
        assert count(runtime, "addresses", demo.develop_id) == count(runtime, "idempotency_keys", demo.develop_id) == 0
    else:
        assert answer["code"] == 200
        assert count(runtime, "addresses", demo.develop_id) == count(runtime, "idempotency_keys", demo.develop_id) == 1
