"""The SDK alone, against httpx.MockTransport: retries, error mapping, re-signing, dependency isolation."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from kuajing.client import (
    APIConnectionError,
    APIError,
    AuthenticationError,
    BusinessError,
    Client,
    ConflictError,
    InternalServerError,
    RateLimitError,
    ResponseFormatError,
    _constants,
    parse_callback,
    verify,
)
from kuajing.client._base import retry_after_s
from kuajing.protocol.callbacks import sign_callback

OK = {"requestId": "a" * 32, "code": 200, "developId": "1", "msg": "成功", "data": []}


def _client(handler: Callable[[httpx.Request], httpx.Response], **kw: Any) -> Client:
    return Client(base_url="http://kj", access_key="ak", access_secret="sk", user_id="2100000000001",
                  http_client=httpx.Client(transport=httpx.MockTransport(handler)), **kw)  # fmt: skip


@pytest.fixture(autouse=True)
def _no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr("kuajing.client._client.time.sleep", slept.append)
    return slept


@pytest.mark.parametrize("status", [200, 429], ids=["code-only", "mirrored-status"])
def test_retries_429_honouring_retry_after_and_resigns_every_attempt(_no_sleep: list[float], status: int) -> None:
    """By the code: the server sends 42901 with HTTP 200 by default, 429 in mirror mode."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == 1:
            return httpx.Response(
                status, headers={"Retry-After": "3"}, json={**OK, "code": 42901, "msg": "慢点", "data": None}
            )
        return httpx.Response(200, json=OK)

    assert _client(handler).addresses.list() == []
    assert _no_sleep == [3.0]
    assert seen[0].headers["nonce-str"] != seen[1].headers["nonce-str"]
    assert len(seen[0].headers["timestamp"]) == 13


def test_retries_5xx_and_transport_errors_with_backoff_then_gives_up(_no_sleep: list[float]) -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        raise httpx.ConnectError("refused")

    with pytest.raises(APIConnectionError):
        _client(handler, max_retries=3).addresses.list()
    assert calls == 4 and len(_no_sleep) == 3
    assert all(0 < d <= _constants.MAX_RETRY_DELAY_S for d in _no_sleep)
    assert _no_sleep[0] <= _constants.INITIAL_RETRY_DELAY_S

    def failing(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, json={**OK, "code": 50001, "msg": "系统错误", "data": None})

    with pytest.raises(InternalServerError) as err:
        _client(failing, max_retries=1).addresses.list()
    assert err.value.request_id == "a" * 32


def test_a_5xx_code_is_retried_whatever_the_http_status(_no_sleep: list[float]) -> None:
    """A server that answers every envelope with HTTP 200 (as PandaPon's do) still has its failures retried."""
    answers = iter([{**OK, "code": 50301, "data": None}, {**OK, "code": 50001, "data": None}, OK])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=next(answers))

    assert _client(handler, max_retries=2).addresses.list() == []
    assert len(_no_sleep) == 2


@pytest.mark.parametrize(
    ("code", "status", "error"),
    [(40102, 401, AuthenticationError), (40901, 409, ConflictError), (42201, 422, BusinessError),
     (42201, 200, BusinessError)],
)  # fmt: skip
def test_business_errors_are_not_retried_and_map_by_code_family(code: int, status: int, error: type[APIError]) -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(
            status,
            headers={"x-kuajing-error-field": "lines.0.%E5%A4%87%E6%B3%A8"},
            json={**OK, "code": code, "msg": "x"},
        )

    with pytest.raises(error) as err:
        _client(handler).addresses.list()
    assert calls == 1 and err.value.code == code and err.value.field == "lines.0.备注"


def test_a_non_envelope_answer_is_a_format_error() -> None:
    with pytest.raises(ResponseFormatError):
        _client(lambda r: httpx.Response(502, text="<html>bad gateway</html>"), max_retries=0).addresses.list()


def test_rate_limit_error_exposes_retry_after() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"Retry-After": "120"}, json={**OK, "code": 42901, "msg": "x", "data": None})

    with pytest.raises(RateLimitError) as err:
        _client(handler, max_retries=0).addresses.list()
    assert err.value.retry_after_s == 120


@pytest.mark.parametrize(
    ("headers", "expected"),
    [({"retry-after": "2"}, 2.0), ({"retry-after-ms": "1500"}, 1.5), ({"retry-after": "soon"}, None), ({}, None),
     ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0)],
)  # fmt: skip
def test_parse_retry_after_header(headers: dict[str, str], expected: float | None) -> None:
    assert retry_after_s(httpx.Headers(headers)) == expected


def test_missing_credentials_are_a_clear_error() -> None:
    with pytest.raises(Exception, match="access_key"):
        Client(
            base_url="http://kj", http_client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200)))
        ).addresses.list()


def test_callback_verification_and_parsing_accepts_object_or_string_bodies() -> None:
    secret = "s3cret"
    body = json.dumps({"messageType": "ORDER_PAY_SUCCESS", "messageBody": '{"orderId":"2542285634920880794"}',
                       "messagePlatform": 1, "timestamp": "1779263269913"}).encode()  # fmt: skip
    sig = sign_callback(body, secret)
    assert verify(body, sig, secret) and verify(body, sig.upper(), secret)
    assert not verify(body, sig, "other") and not verify(body, "", secret)
    msg = parse_callback(body, sig, secret)
    assert msg.message_body == {"orderId": "2542285634920880794"} and msg.message_platform == 1


def test_importing_the_client_pulls_in_no_server_dependency() -> None:
    code = (
        "import sys, kuajing.client; "
        "bad = [m for m in ('starlette','sqlalchemy','alembic','psycopg','uvicorn','typer','numpy','onnxruntime') "
        "if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
