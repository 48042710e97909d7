"""Regressions found in review: a shifted-digit replay, unicode digits and huge integers, trailing slashes, early
body-size refusal — each answered with an envelope, never a 500 and never a second success."""

from __future__ import annotations

import time

import pytest
from starlette.testclient import TestClient

from kuajing.domain.accounts.model import Credentials
from kuajing.protocol.codes import Code
from kuajing.protocol.signature import sign
from tests.api.helpers import headers

ADDRESS = {"fullName": "张三", "mobile": "15068763421", "address": "文一西路 969 号"}


def test_moving_timestamp_digits_into_the_nonce_is_still_a_replay(http: TestClient, demo: Credentials) -> None:
    ts = str(time.time_ns() // 1_000_000)
    nonce = "abcdefghijklmnopqrstuvwxyz012345"
    signature = sign(demo.access_key, ts, nonce, demo.access_secret)
    first = {"access-key": demo.access_key, "timestamp": ts, "nonce-str": nonce, "user-id": demo.user_id,
             "signature": signature}  # fmt: skip
    assert http.post("/open/address/add", json=ADDRESS, headers=first).json()["code"] == 200
    shifted = {**first, "timestamp": ts[:10], "nonce-str": ts[10:] + nonce}  # same signed string, same signature
    assert sign(demo.access_key, shifted["timestamp"], shifted["nonce-str"], demo.access_secret) == signature
    replay = http.post("/open/address/add", json=ADDRESS, headers=shifted).json()
    assert replay["code"] == Code.NONCE_REPLAYED
    assert len(http.get("/open/address/list", headers=headers(demo)).json()["data"]) == 1


@pytest.mark.parametrize(
    "body",
    [{"id": "²"}, {"id": 2**63}, {"id": "99999999999999999999"}, {"id": -(2**63) - 5}],
    ids=["superscript-digit", "2^63", "20-digits", "below-int64"],
)
def test_odd_numbers_are_invalid_parameters_not_internal_errors(
    http: TestClient, demo: Credentials, body: dict[str, object]
) -> None:
    response = http.post("/open/address/delete", json=body, headers=headers(demo))
    assert response.json()["code"] in (Code.INVALID_PARAMETER, Code.NOT_FOUND), response.json()


def test_unsigned_picture_with_a_unicode_digit_is_not_found(http: TestClient) -> None:
    response = http.get("/images/taobao/²/0.jpg")
    assert response.json()["code"] in (Code.NOT_FOUND, Code.INVALID_PARAMETER)


def test_a_trailing_slash_is_an_unknown_route_with_an_envelope(http: TestClient, demo: Credentials) -> None:
    response = http.post("/v2/basis/address/add/", json=ADDRESS, headers=headers(demo), follow_redirects=False)
    assert response.json()["code"] == Code.UNKNOWN_ROUTE


def test_a_declared_oversized_body_is_refused_before_it_is_read(http: TestClient, demo: Credentials) -> None:
    response = http.post(
        "/open/address/add", content=b"{}", headers={**headers(demo), "content-length": str(50 * 1024 * 1024)}
    )
    assert response.json()["code"] == Code.BODY_TOO_LARGE
