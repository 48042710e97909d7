"""The SDK's retry rule against httpx.MockTransport: keyed writes carry one Idempotency-Key across their attempts;
other writes are sent again only when they cannot have reached the server; reads are retried as before."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from kuajing.client import (
    APIConnectionError,
    AsyncClient,
    Client,
    InternalServerError,
    RateLimitError,
    ResponseFormatError,
)
from kuajing.client.resources import basis

OK = {"requestId": "a" * 32, "code": 200, "developId": "1", "msg": "成功", "data": True}
FAILED = {**OK, "code": 50001, "msg": "系统错误", "data": None}
ADDRESS = {"fullName": "张三", "mobile": "13800000000", "address": "文一西路 1 号"}
Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture(autouse=True)
def _no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kuajing.client._base.BaseClient._retry_delay_s", lambda self, error, attempt: 0.0)


def _client(handler: Handler, **kw: Any) -> Client:
    return Client(base_url="http://kj", access_key="ak", access_secret="sk", user_id="2100000000001",
                  http_client=httpx.Client(transport=httpx.MockTransport(handler)), **kw)  # fmt: skip


ADDRESS_INFO = {**ADDRESS, "id": 1, "createTime": 1, "updateTime": 1}


def _failing_then_ok(seen: list[httpx.Request], failure: Handler, data: object = ADDRESS_INFO) -> Handler:
    """The first attempt fails with ``failure``; later ones succeed with ``data``."""

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == 1:
            return failure(request)
        return httpx.Response(200, json={**OK, "data": data})

    return handler


def _lost(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadError("the connection dropped before the answer", request=request)


def test_a_keyed_write_keeps_one_generated_key_across_its_retries() -> None:
    seen: list[httpx.Request] = []
    kj = _client(_failing_then_ok(seen, _lost))
    kj.addresses.add(ADDRESS)
    keys = [r.headers["Idempotency-Key"] for r in seen]
    assert len(seen) == 2 and keys[0] == keys[1] and len(keys[0]) == 36  # a uuid4
    assert seen[0].headers["nonce-str"] != seen[1].headers["nonce-str"]  # every attempt is signed afresh
    kj.addresses.add(ADDRESS)  # the next call is another request: another key
    assert seen[2].headers["Idempotency-Key"] != keys[0]


def test_the_caller_may_bring_their_own_key() -> None:
    seen: list[httpx.Request] = []
    _client(_failing_then_ok(seen, lambda r: httpx.Response(500, json=FAILED), [])).taobao.orders.pay(
        ["200000000001"], idempotency_key="my-order-77-pay"
    )
    assert [r.headers["Idempotency-Key"] for r in seen] == ["my-order-77-pay"] * 2


def test_a_key_on_an_operation_the_server_does_not_deduplicate_is_a_caller_error() -> None:
    kj = _client(lambda r: httpx.Response(200, json=OK))
    with pytest.raises(ValueError, match="Idempotency-Key"):
        kj.request(basis.DELETE, {"id": 1}, idempotency_key="k")


@pytest.mark.parametrize(
    ("failure", "raised"),
    [(_lost, APIConnectionError), (lambda r: httpx.Response(500, json=FAILED), InternalServerError),
     (lambda r: httpx.Response(502, text="<html>bad gateway</html>"), ResponseFormatError)],
)  # fmt: skip
def test_a_write_without_a_key_is_not_sent_again_once_it_may_have_arrived(failure: Handler, raised: type) -> None:
    seen: list[httpx.Request] = []
    with pytest.raises(raised):
        _client(_failing_then_ok(seen, failure)).addresses.update({"id": 1, "fullName": "李四"})
    assert len(seen) == 1 and "Idempotency-Key" not in seen[0].headers


def test_a_write_without_a_key_is_sent_again_when_it_cannot_have_arrived() -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    def limited(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, json={**OK, "code": 42901, "msg": "请求过于频繁", "data": None})

    for failure in (refused, limited):
        seen: list[httpx.Request] = []
        _client(_failing_then_ok(seen, failure)).addresses.update({"id": 1, "fullName": "李四"})
        assert len(seen) == 2


def test_reads_sent_as_post_are_retried_after_a_lost_answer() -> None:
    seen: list[httpx.Request] = []

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    page = {"resultsTotal": 0, "pageNo": 1, "pageSize": 20, "purchaseOrders": []}
    _client(_failing_then_ok(seen, slow, page)).taobao.orders.list()
    assert len(seen) == 2 and "Idempotency-Key" not in seen[0].headers


def test_keys_turned_off_send_none_and_retry_keyed_writes_only_before_they_are_sent() -> None:
    seen: list[httpx.Request] = []
    kj = _client(_failing_then_ok(seen, _lost), idempotency_keys=False)
    with pytest.raises(APIConnectionError):
        kj.addresses.add(ADDRESS)
    assert len(seen) == 1 and "Idempotency-Key" not in seen[0].headers


def test_a_rate_limited_keyed_write_keeps_its_key_and_gives_up_after_the_retries() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(429, json={**OK, "code": 42901, "msg": "请求过于频繁", "data": None})

    with pytest.raises(RateLimitError):
        _client(handler, max_retries=2).warehouse.forecast({"carrierCode": "YTO", "trackingNo": "YT1"})
    assert len(seen) == 3 and len({r.headers["Idempotency-Key"] for r in seen}) == 1


def test_the_async_client_follows_the_same_rule() -> None:
    keyed: list[httpx.Request] = []
    unkeyed: list[httpx.Request] = []

    async def calls() -> None:
        for seen, call in ((keyed, "add"), (unkeyed, "update")):
            transport = httpx.MockTransport(_failing_then_ok(seen, _lost))
            async with AsyncClient(base_url="http://kj", access_key="ak", access_secret="sk", user_id="2100000000001",
                                   http_client=httpx.AsyncClient(transport=transport)) as kj:  # fmt: skip
                if call == "add":
                    await kj.addresses.add(ADDRESS)
                else:
                    with pytest.raises(APIConnectionError):
                        await kj.addresses.update({"id": 1, "fullName": "李四"})

    asyncio.run(calls())
    assert len(keyed) == 2 and keyed[0].headers["Idempotency-Key"] == keyed[1].headers["Idempotency-Key"]
    assert len(unkeyed) == 1
