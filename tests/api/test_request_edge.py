"""The request edge: Content-Type, 405 with Allow — on both databases."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from kuajing.domain.accounts.model import Credentials
from kuajing.protocol.codes import Code
from tests.api.helpers import headers

ADDRESS = {"fullName": "张三", "mobile": "15068763421", "address": "文一西路 969 号"}


def _addresses(http: TestClient, creds: Credentials) -> list[dict[str, Any]]:
    body = http.get("/open/address/list", headers=headers(creds)).json()
    assert body["code"] == 200, body
    return body["data"]  # type: ignore[no-any-return]


# Content-Type -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
     "application/json; charset=utf-16", "application/jsonp", "application/vnd.api+json", None],
)  # fmt: skip
def test_a_body_that_is_not_declared_json_is_refused_and_changes_nothing(
    http: TestClient, demo: Credentials, content_type: str | None
) -> None:
    h = headers(demo)
    sent = {**h, "content-type": content_type} if content_type else h
    response = http.post("/open/address/add", content=json.dumps(ADDRESS).encode(), headers=sent)
    body = response.json()
    assert body["code"] == Code.UNSUPPORTED_MEDIA_TYPE and body["data"] is None, body
    assert "application/json" in body["msg"] and body["developId"] == demo.develop_id
    assert _addresses(http, demo) == []
    # the nonce was not used: the same request, declared JSON, goes through with it
    again = http.post("/open/address/add", json=ADDRESS, headers=headers(demo, nonce=h["nonce-str"]))
    assert again.json()["code"] == 200


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json; charset=utf-8", 'Application/JSON;Charset="UTF-8"',
     "application/json; charset=utf-8; profile=x"],
)  # fmt: skip
def test_json_with_or_without_a_utf8_charset_is_accepted(
    http: TestClient, demo: Credentials, content_type: str
) -> None:
    sent = {**headers(demo), "content-type": content_type}
    body = http.post("/open/address/add", content=json.dumps(ADDRESS).encode(), headers=sent).json()
    assert body["code"] == 200, body


def test_an_empty_body_needs_no_type_and_gets_and_queries_are_not_checked(http: TestClient, demo: Credentials) -> None:
    """An absent body is ``{}``: the endpoint then answers as for ``{}`` (here: the required field is missing)."""
    empty = http.post("/open/purchase/page", headers=headers(demo)).json()
    assert empty["code"] == 200 and empty["data"]["purchaseOrders"] == [], empty
    missing = http.post("/open/address/add", headers=headers(demo)).json()
    assert missing["code"] == Code.INVALID_PARAMETER and "fullName" in missing["msg"]
    # a GET reads no body: whatever type a client declares does not matter
    listed = http.get("/open/address/list", headers={**headers(demo), "content-type": "text/plain"}).json()
    assert listed["code"] == 200


# 405 --------------------------------------------------------------------------------------------------------------
def test_a_method_the_path_does_not_serve_names_the_methods_it_does(http: TestClient, demo: Credentials) -> None:
    fixed = http.post("/open/address/list", json={}, headers=headers(demo))
    assert fixed.json()["code"] == Code.METHOD_NOT_ALLOWED and fixed.headers["allow"] == "GET, HEAD"
    # two routes share the path: both are named
    cashier = http.request("PATCH", "/cashier/1688/sometoken")
    assert cashier.json()["code"] == Code.METHOD_NOT_ALLOWED and cashier.headers["allow"] == "GET, HEAD, POST"
    assert "GET, HEAD, POST" in cashier.json()["msg"]
