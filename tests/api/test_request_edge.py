"""The request edge: unknown fields said (or refused), Content-Type, 405 with Allow, CORS — on both databases."""

from __future__ import annotations

import json
import logging
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from starlette.testclient import TestClient

from kuajing.api.app import all_endpoints, create_app
from kuajing.api.endpoint import NoParams
from kuajing.domain.accounts.model import Credentials
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.api.helpers import headers
from tests.conftest import make_settings

ADDRESS = {"fullName": "张三", "mobile": "15068763421", "address": "文一西路 969 号"}
IGNORED = "x-kuajing-ignored-fields"


def _app(runtime: Runtime, tmp_path: Path, **settings: Any) -> TestClient:
    """The app on the test's database with other settings (the database, keys and clock are shared)."""
    rt = Runtime(settings=make_settings(runtime.settings.database_url, tmp_path, **settings), db=runtime.db,
                 box=runtime.box, clock=runtime.clock)  # fmt: skip
    return TestClient(create_app(rt), raise_server_exceptions=False)


@pytest.fixture
def lenient(runtime: Runtime, tmp_path: Path) -> Iterator[TestClient]:
    """The server as deployed by default: unknown fields accepted (the test suite otherwise runs strict)."""
    with _app(runtime, tmp_path, strict_fields=False) as http:
        yield http


def _addresses(http: TestClient, creds: Credentials) -> list[dict[str, Any]]:
    body = http.get("/open/address/list", headers=headers(creds)).json()
    assert body["code"] == 200, body
    addresses: list[dict[str, Any]] = body["data"]
    return addresses


# unknown fields -----------------------------------------------------------------------------------------------------
def test_unknown_fields_are_accepted_and_named_at_every_depth(lenient: TestClient, demo: Credentials) -> None:
    added = lenient.post("/open/address/add?typoInQuery=1", json={**ADDRESS, "fullname_typo": "李四"},
                         headers=headers(demo))  # fmt: skip
    assert added.json()["code"] == 200 and added.json()["data"]["fullName"] == "张三"
    assert added.headers[IGNORED] == "fullname_typo, typoInQuery"
    # inside JSON-in-string fields and in a list inside one; the refusal that follows still says them
    lines = json.dumps([{"itemId": "1", "quantity": 1, "qtyTypo": 2}])
    receiver = json.dumps({"name": "王五", "address": "义乌", "provinceText": "浙江"})
    render = lenient.post("/open/order/render", json={"orderLineList": lines, "receiver": receiver},
                          headers=headers(demo))  # fmt: skip
    assert render.json()["code"] == Code.NOT_FOUND
    assert render.headers[IGNORED] == "orderLineList.0.qtyTypo, receiver.provinceText"
    # a nested object
    address = {**ADDRESS, "cityTypo": "杭州"}
    preview = lenient.post("/alibaba/cart/create/preview", json={"cartIds": [999], "addressParam": address},
                           headers=headers(demo))  # fmt: skip
    assert preview.json()["code"] == Code.NOT_FOUND and preview.headers[IGNORED] == "addressParam.cityTypo"
    # query parameters of a GET, with and without parameters of its own
    product = lenient.get("/open/product/get", params={"itemId": "123", "lang": "vi"}, headers=headers(demo))
    assert product.json()["code"] == Code.NOT_FOUND and product.headers[IGNORED] == "lang"
    listed = lenient.get("/open/address/list?pageNo=1", headers=headers(demo))
    assert listed.json()["code"] == 200 and listed.headers[IGNORED] == "pageNo"
    # a request with nothing unknown has no header
    assert IGNORED not in lenient.get("/open/address/list", headers=headers(demo)).headers


def test_a_misspelt_required_field_is_explained_next_to_its_refusal(lenient: TestClient, demo: Credentials) -> None:
    response = lenient.post("/open/address/add", json={"fullname": "张三", "mobile": "15068763421", "address": "x"},
                            headers=headers(demo))  # fmt: skip
    body = response.json()
    assert body["code"] == Code.INVALID_PARAMETER and "fullName" in body["msg"]
    assert response.headers[IGNORED] == "fullname"


def test_a_field_spelt_as_its_python_attribute_is_unknown(lenient: TestClient, demo: Credentials) -> None:
    """The models' attributes are snake_case (``full_name``); a request is read by PandaPon's names only."""
    response = lenient.post("/open/address/add", json={**ADDRESS, "post_code": "310000", "town_text": "五常街道"},
                            headers=headers(demo))  # fmt: skip
    body = response.json()
    assert body["code"] == 200 and body["data"]["postCode"] == "" and body["data"]["townText"] == ""
    assert response.headers[IGNORED] == "post_code, town_text"
    refused = lenient.post("/open/address/add", json={"full_name": "张三", "mobile": "15068763421", "address": "x"},
                           headers=headers(demo))  # fmt: skip
    assert refused.json()["code"] == Code.INVALID_PARAMETER and "fullName" in refused.json()["msg"]
    assert refused.headers[IGNORED] == "full_name"


def test_ignored_names_are_percent_encoded_and_capped(lenient: TestClient, demo: Credentials) -> None:
    extra = {"备注": "x", "a b,c": 1, "+1": 2, **{f"k{i:02}": i for i in range(30)}}
    response = lenient.post("/open/address/add", json={**ADDRESS, **extra}, headers=headers(demo))
    assert response.json()["code"] == 200
    named = response.headers[IGNORED].split(", ")
    assert named[:3] == ["%E5%A4%87%E6%B3%A8", "a%20b%2Cc", "%2B1"]
    assert named[3:20] == [f"k{i:02}" for i in range(17)] and named[20] == "+13" and len(named) == 21


def test_ignored_fields_are_logged_with_the_request_id(
    lenient: TestClient, demo: Credentials, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="kuajing.api"):
        response = lenient.post("/open/address/add", json={**ADDRESS, "mobile_typo": "1"}, headers=headers(demo))
    logged = [r.getMessage() for r in caplog.records if r.name == "kuajing.api"]
    assert len(logged) == 1
    assert response.json()["requestId"] in logged[0] and "mobile_typo" in logged[0] and demo.develop_id in logged[0]


def test_the_spelling_an_alias_used_is_not_reported(lenient: TestClient, demo: Credentials) -> None:
    used = lenient.post("/alibaba/cart/delete", json={"cartIds": [999]}, headers=headers(demo))
    assert used.json()["code"] == Code.NOT_FOUND and "ids" in used.json()["msg"] and IGNORED not in used.headers
    both = lenient.post("/alibaba/cart/delete", json={"ids": [999], "cartIds": [998]}, headers=headers(demo))
    assert "999" in both.json()["msg"] and both.headers[IGNORED] == "cartIds"


def test_strict_fields_refuse_an_unknown_field_naming_it(runtime: Runtime, demo: Credentials, tmp_path: Path) -> None:
    with _app(runtime, tmp_path, strict_fields=True) as http:
        receiver = json.dumps({"name": "王五", "address": "义乌", "provinceText": "浙江"})
        lines = json.dumps([{"itemId": "1", "quantity": 1}])
        refusals = [
            http.post("/open/address/add", json={**ADDRESS, "fullname_typo": "x"}, headers=headers(demo)),
            http.post("/open/order/render", json={"orderLineList": lines, "receiver": receiver}, headers=headers(demo)),
            http.get("/open/address/list?pageNo=1", headers=headers(demo)),
        ]
        for response, field in zip(refusals, ["fullname_typo", "receiver.provinceText", "pageNo"], strict=True):
            body = response.json()
            assert body["code"] == Code.INVALID_PARAMETER and body["data"] is None, body
            assert body["msg"] == f"参数错误: {field}: is not a known field"
            assert response.headers["x-kuajing-error-field"] == field
        assert _addresses(http, demo) == []
        # refused before its nonce was used: the corrected request may reuse it
        nonce = refusals[0].request.headers["nonce-str"]
        again = http.post("/open/address/add", json=ADDRESS, headers=headers(demo, nonce=nonce))
        assert again.json()["code"] == 200 and IGNORED not in again.headers


def test_unknown_field_detection_holds_for_every_request_model() -> None:
    """Unknown fields are found by validating as if extras were forbidden. That is exact only for models that ignore
    extras (one that kept them would have them reported as ignored) and without unions of models (forbidding could
    pick another member than the lenient validation does, or prefix paths with the member's name)."""

    def unions_of_models(tp: Any, seen: set[type]) -> list[str]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing.Annotated:
            return unions_of_models(args[0], seen)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in seen:
                return []
            seen.add(tp)
            assert tp.model_config.get("extra", "ignore") == "ignore", tp
            return [u for f in tp.model_fields.values() for u in unions_of_models(f.annotation, seen)]
        found = [u for a in args for u in unions_of_models(a, seen)]
        if origin in (typing.Union, types.UnionType):
            members = [a for a in args if a is not type(None)]
            models = [a for a in members if _holds_a_model(a)]
            if models and len(members) > 1:
                found.append(repr(tp))
        return found

    seen: set[type] = set()
    unions = [u for ep in all_endpoints() if ep.params is not NoParams for u in unions_of_models(ep.params, seen)]
    assert len(seen) > 50 and unions == []


def _holds_a_model(tp: Any) -> bool:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return True
    return any(_holds_a_model(a) for a in typing.get_args(tp))


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


# CORS -------------------------------------------------------------------------------------------------------------
PREFLIGHT = {"origin": "https://shop.example", "access-control-request-method": "POST",
             "access-control-request-headers": "access-key, timestamp, nonce-str, user-id, signature, content-type"}  # fmt: skip
EXPOSED = "x-request-id, x-kuajing-ignored-fields, x-kuajing-error-field, retry-after"


def test_sandbox_mode_answers_cors_for_any_origin(http: TestClient, demo: Credentials) -> None:
    preflight = http.options("/open/address/add", headers=PREFLIGHT)
    assert preflight.status_code == 204 and preflight.content == b""
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert preflight.headers["access-control-allow-methods"] == "GET, POST"
    assert preflight.headers["access-control-allow-headers"] == (
        "access-key, timestamp, nonce-str, user-id, signature, content-type, idempotency-key"
    )
    assert preflight.headers["access-control-max-age"] == "7200"
    actual = http.post("/open/address/add", json=ADDRESS, headers={**headers(demo), "origin": "https://shop.example"})
    assert actual.json()["code"] == 200
    assert (
        actual.headers["access-control-allow-origin"] == "*"
        and actual.headers["access-control-expose-headers"] == EXPOSED
    )
    # refusals and unknown routes carry them too (a script must be able to read the envelope and its headers)
    unknown = http.get("/open/no/such/thing", headers={"origin": "https://shop.example"})
    assert unknown.json()["code"] == Code.UNKNOWN_ROUTE and unknown.headers["access-control-allow-origin"] == "*"
    # a request without Origin (not a browser) gets none
    assert "access-control-allow-origin" not in http.get("/open/address/list", headers=headers(demo)).headers


def test_configured_origins_are_echoed_and_others_get_no_cors(
    runtime: Runtime, demo: Credentials, tmp_path: Path
) -> None:
    with _app(runtime, tmp_path, cors_origins="https://shop.example, http://localhost:3000") as http:
        preflight = http.options("/open/address/add", headers=PREFLIGHT)
        assert (
            preflight.status_code == 204 and preflight.headers["access-control-allow-origin"] == "https://shop.example"
        )
        assert preflight.headers["vary"] == "Origin"
        local = http.get("/open/address/list", headers={**headers(demo), "origin": "http://localhost:3000"})
        assert (
            local.headers["access-control-allow-origin"] == "http://localhost:3000"
            and local.headers["vary"] == "Origin"
        )
        evil = {**PREFLIGHT, "origin": "https://evil.example"}
        refused = http.options("/open/address/add", headers=evil)
        assert refused.json()["code"] == Code.METHOD_NOT_ALLOWED
        assert not [h for h in refused.headers if h.startswith("access-control-")]
        actual = http.get("/open/address/list", headers={**headers(demo), "origin": "https://evil.example"})
        assert actual.json()["code"] == 200 and not [h for h in actual.headers if h.startswith("access-control-")]


def test_production_allows_no_origin_by_default(runtime: Runtime, demo: Credentials, tmp_path: Path) -> None:
    with _app(runtime, tmp_path, sandbox=False) as http:
        assert http.options("/open/address/add", headers=PREFLIGHT).json()["code"] == Code.METHOD_NOT_ALLOWED
        actual = http.get("/open/address/list", headers={**headers(demo), "origin": "https://shop.example"})
        assert actual.json()["code"] == 200 and "access-control-allow-origin" not in actual.headers
    with _app(runtime, tmp_path, sandbox=False, cors_origins="*") as http:
        assert http.options("/open/address/add", headers=PREFLIGHT).headers["access-control-allow-origin"] == "*"
