"""``/openapi.json`` is a valid OpenAPI 3.1 document that says exactly what the server validates and answers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from pydantic import TypeAdapter
from pydantic.json_schema import JsonSchemaMode
from starlette.testclient import TestClient

from kuajing.api.app import all_endpoints
from kuajing.api.endpoint import Endpoint, NoParams
from kuajing.api.openapi import build_openapi, operations
from kuajing.domain.accounts.model import Credentials
from tests.api.helpers import headers

SANDBOX_SPEC = build_openapi(all_endpoints(), sandbox=True)
REF_PREFIX = "#/components/schemas/"


def _endpoint_of(method: str, path: str) -> Endpoint:
    return next(ep for ep in all_endpoints() if ep.method.lower() == method and path in ep.paths)


def inline(schema: Any, defs: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """``schema`` with every local ``$ref`` replaced by what it names, so that two documents that name their
    models differently compare equal when they say the same thing (a recursive reference stays a marker)."""
    if isinstance(schema, list):
        return [inline(s, defs, seen) for s in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if name in seen:
            return {"recursive": name.removesuffix("-Input").removesuffix("-Output")}
        return inline(defs[name], defs, (*seen, name))
    return {k: inline(v, defs, seen) for k, v in schema.items()}


def _own_schema(tp: Any, mode: JsonSchemaMode) -> Any:
    """What pydantic says about one type on its own, references inlined."""
    schema = TypeAdapter(tp).json_schema(by_alias=True, mode=mode)
    defs = schema.pop("$defs", {})
    return inline(schema, defs)


def _documented(schema: Any) -> Any:
    return inline(schema, SANDBOX_SPEC["components"]["schemas"])


def _request_schema(op: dict[str, Any], ep: Endpoint) -> Any:
    """The request as the document describes it: the body's schema, or the query parameters put back together."""
    if ep.params_in == "body":
        return op["requestBody"]["content"]["application/json"]["schema"]
    params = [p for p in op["parameters"] if p["in"] == "query" or p["name"] in ep.extra_path_params]
    return {
        "properties": {p["name"]: p.get("schema") or p["content"]["application/json"]["schema"] for p in params},
        "required": [p["name"] for p in params if p["required"]],
    }


def _data_schema(op: dict[str, Any]) -> Any:
    success = op["responses"]["200"]["content"]["application/json"]["schema"]["anyOf"][0]
    return success["properties"]["data"]


def test_the_document_is_valid_openapi() -> None:
    validate(SANDBOX_SPEC)  # ~10 s: the production document is this one less the sandbox's operations
    assert SANDBOX_SPEC["openapi"] == "3.1.0"


def test_the_production_document_leaves_the_sandbox_out() -> None:
    production = build_openapi(all_endpoints(), sandbox=False)
    sandbox_only = {p for ep in all_endpoints() if ep.sandbox_only for p in ep.paths}
    assert "/sandbox/clock/advance" in sandbox_only
    assert production["paths"].keys() == SANDBOX_SPEC["paths"].keys() - sandbox_only


def test_the_served_document_is_the_valid_one(http: TestClient) -> None:
    response = http.get("/openapi.json")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    assert response.json() == json.loads(json.dumps(SANDBOX_SPEC))


def test_every_endpoint_path_is_documented_once_with_a_unique_operation_id() -> None:
    expected = {(ep.method.lower(), p) for ep in all_endpoints() for p in ep.paths}
    documented = {(m, p) for m, p, _ in operations(SANDBOX_SPEC)}
    assert documented == expected
    ids = [op["operationId"] for _, _, op in operations(SANDBOX_SPEC)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("method", "path"), sorted((m, p) for m, p, _ in operations(SANDBOX_SPEC)))
def test_the_documented_request_is_the_model_the_server_validates(method: str, path: str) -> None:
    op = SANDBOX_SPEC["paths"][path][method]
    ep = _endpoint_of(method, path)
    if ep.params is NoParams:
        assert "requestBody" not in op and not any(p["in"] == "query" for p in op["parameters"])
        return
    own = _own_schema(ep.params, "validation")
    documented = _documented(_request_schema(op, ep))
    assert documented["properties"] == own.get("properties", {})
    assert set(documented.get("required", [])) == set(own.get("required", []))
    if ep.params_in == "body":
        assert documented == own
        assert "requestBody" in op and method == "post"
    else:
        assert "requestBody" not in op


@pytest.mark.parametrize(("method", "path"), sorted((m, p) for m, p, _ in operations(SANDBOX_SPEC)))
def test_the_documented_answer_is_the_type_the_server_serializes(method: str, path: str) -> None:
    op = SANDBOX_SPEC["paths"][path][method]
    ep = _endpoint_of(method, path)
    if ep.response is None:
        assert "application/json" not in op["responses"]["200"]["content"]
        return
    assert _documented(_data_schema(op)) == _own_schema(ep.response, "serialization")


def _field_names(schema: dict[str, Any]) -> set[str]:
    schema = _documented(schema)
    if schema.get("type") == "array":
        schema = schema["items"]
    return set(schema.get("properties", {}))


def _property(schema: dict[str, Any], *names: str) -> dict[str, Any]:
    schema = _documented(schema)
    for name in names:
        schema = schema["properties"][name]
        schema = next((b for b in schema.get("anyOf", []) if b.get("type") != "null"), schema)  # Optional[...]
        schema = schema.get("items", schema)
    return schema


def test_the_taobao_and_1688_twins_of_one_name_are_told_apart() -> None:
    """Each pair used to be one class name, and the document showed one of the two for both platforms."""
    paths = SANDBOX_SPEC["paths"]

    def body(path: str) -> dict[str, Any]:
        schema: dict[str, Any] = paths[path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        return schema

    assert "voucherUrl" in _field_names(body("/open/order/voucher/upload"))
    assert "imageData" in _field_names(body("/alibaba/refund/voucher/upload"))
    assert "imageData" not in _field_names(body("/open/order/voucher/upload"))
    assert {"name", "address"} <= set(_property(body("/open/order"), "receiver")["properties"])
    assert {"toFullName", "toMobile"} <= set(
        _property(_data_schema(paths["/alibaba/order/detail"]["post"]), "baseInfo", "receiverInfo")["properties"]
    )
    assert "itemMapId" in _field_names(_data_schema(paths["/open/cart/add"]["post"]))
    assert "offerMapId" in set(
        _property(_data_schema(paths["/alibaba/cart/list"]["get"]), "enableList", "cartItemInfos")["properties"]
    )
    assert "standerdDesc" in set(
        _property(
            _data_schema(paths["/open/order/logistics/detail/get"]["get"]), "pnmLogisticsDetails", "logisticsTraces"
        )["properties"]
    )
    assert "logisticsBillNo" in _field_names(_data_schema(paths["/alibaba/order/logistics/trace"]["get"]))
    assert "shopId" in _field_names(body("/sandbox/taobao/seller/behaviour"))
    assert "sellerOpenId" in _field_names(body("/sandbox/1688/seller/behaviour"))
    assert "userNick" in _field_names(_data_schema(paths["/sandbox/taobao/seller/behaviour"]["post"]))
    assert "sellerOpenId" in _field_names(_data_schema(paths["/sandbox/1688/seller/behaviour"]["post"]))


def test_signed_operations_require_the_five_headers_as_one_security_requirement() -> None:
    schemes = SANDBOX_SPEC["components"]["securitySchemes"]
    assert {(s["type"], s["in"], s["name"]) for s in schemes.values()} == {
        ("apiKey", "header", "access-key"),
        ("apiKey", "header", "timestamp"),
        ("apiKey", "header", "nonce-str"),
        ("apiKey", "header", "user-id"),
        ("apiKey", "header", "signature"),
    }
    for method, path, op in operations(SANDBOX_SPEC):
        ep = _endpoint_of(method, path)
        assert op["security"] == ([dict.fromkeys(schemes, [])] if ep.signed else []), path
        header_params = [p["name"] for p in op["parameters"] if p["in"] == "header"]
        assert header_params == (["Idempotency-Key"] if ep.idempotent else []), path  # the five are security


def test_idempotent_operations_document_the_key_and_the_replay_header() -> None:
    paths = SANDBOX_SPEC["paths"]
    create = paths["/open/order"]["post"]
    key = next(p for p in create["parameters"] if p["name"] == "Idempotency-Key")
    assert key["in"] == "header" and key["required"] is False
    assert key["schema"]["maxLength"] == 255
    assert "Idempotent-Replayed" in create["responses"]["200"]["headers"]
    pay_url = paths["/alibaba/order/pay/url"]["get"]  # a GET that moves money is keyed too
    assert any(p["name"] == "Idempotency-Key" for p in pay_url["parameters"])
    detail = paths["/open/order/detail"]["get"]
    assert not any(p["name"] == "Idempotency-Key" for p in detail["parameters"])
    assert "Idempotent-Replayed" not in detail["responses"]["200"]["headers"]


def test_refusals_are_documented_with_data_null_and_the_field_header() -> None:
    envelope = SANDBOX_SPEC["components"]["schemas"]["ErrorEnvelope"]
    assert envelope["properties"]["data"] == {"type": "null"}
    not_found = SANDBOX_SPEC["components"]["responses"]["Error404"]
    assert "x-kuajing-error-field" in not_found["headers"]
    assert "Allow" in SANDBOX_SPEC["components"]["responses"]["Error405"]["headers"]
    ok = SANDBOX_SPEC["paths"]["/open/address/add"]["post"]["responses"]["200"]
    assert {"x-request-id", "x-kuajing-error-field", "x-kuajing-ignored-fields"} <= set(ok["headers"])


def test_path_segments_are_path_parameters() -> None:
    cancel = SANDBOX_SPEC["paths"]["/open/order/refund/cancel/{refundId}"]["get"]
    assert [p["name"] for p in cancel["parameters"] if p["in"] == "path"] == ["refundId"]
    assert "refundId" not in [p["name"] for p in cancel["parameters"] if p["in"] == "query"]
    image = SANDBOX_SPEC["paths"]["/images/{platform}/{externalId}/{name}"]["get"]
    assert [p["name"] for p in image["parameters"]] == ["platform", "externalId", "name"]
    assert all(p["required"] for p in image["parameters"])


def test_a_list_in_a_query_is_documented_as_json_text() -> None:
    page = SANDBOX_SPEC["paths"]["/open/order/page"]["get"]
    ids = next(p for p in page["parameters"] if p["name"] == "purchaseIds")
    assert "schema" not in ids and "application/json" in ids["content"]


def test_error_answers_are_the_envelope_with_the_codes_of_their_status() -> None:
    responses = SANDBOX_SPEC["components"]["responses"]
    assert sorted(responses) == ["Error400", "Error401", "Error403", "Error404", "Error405", "Error409",
                                 "Error422", "Error429", "Error500", "Error503"]  # fmt: skip
    unauthorized = responses["Error401"]["content"]["application/json"]["schema"]["allOf"][1]
    assert unauthorized["properties"]["code"]["enum"] == [40101, 40102, 40103, 40104, 40105, 40106, 40107]
    assert "Retry-After" in responses["Error429"]["headers"]
    signed = SANDBOX_SPEC["paths"]["/open/address/add"]["post"]["responses"]
    assert sorted(signed) == ["200", "400", "401", "403", "404", "405", "409", "422", "429", "500", "503"]
    unsigned = SANDBOX_SPEC["paths"]["/health"]["get"]["responses"]
    assert "401" not in unsigned and "429" not in unsigned and "503" in unsigned


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator({**schema, "components": SANDBOX_SPEC["components"]})


@pytest.mark.parametrize(("method", "path"), sorted((m, p) for m, p, _ in operations(SANDBOX_SPEC)))
def test_every_operation_has_examples_that_its_schemas_and_the_server_accept(method: str, path: str) -> None:
    op = SANDBOX_SPEC["paths"][path][method]
    ep = _endpoint_of(method, path)
    if "application/json" in op["responses"]["200"]["content"]:
        answer = op["responses"]["200"]["content"]["application/json"]
        assert list(_validator(answer["schema"]).iter_errors(answer["example"])) == []
        assert answer["example"]["code"] == 200
    if ep.params is NoParams:
        return
    if ep.params_in == "body":
        request = op["requestBody"]["content"]["application/json"]
        assert list(_validator(request["schema"]).iter_errors(request["example"])) == []
        ep.params.model_validate(request["example"])
    else:
        query = {p["name"]: p["example"] for p in op["parameters"] if "example" in p}  # path ones too
        for p in op["parameters"]:
            if "example" in p:
                schema = p.get("schema") or p["content"]["application/json"]["schema"]
                assert list(_validator(schema).iter_errors(p["example"])) == []
        ep.params.model_validate(query)


def test_real_answers_fit_their_documented_schemas(http: TestClient, demo: Credentials) -> None:
    """A few answers of the running server, success and refusal, against the document it serves."""
    spec = http.get("/openapi.json").json()
    address = {"fullName": "张三", "mobile": "15068763421", "address": "余杭区文一西路 969 号"}
    cases = [
        ("get", "/health", http.get("/health")),
        ("post", "/open/address/add", http.post("/open/address/add", json=address, headers=headers(demo))),
        ("get", "/open/address/list", http.get("/open/address/list", headers=headers(demo))),
        ("get", "/sandbox/clock", http.get("/sandbox/clock", headers=headers(demo))),
        ("get", "/open/address/list", http.get("/open/address/list", headers={**headers(demo), "signature": "0"})),
        ("post", "/open/address/add", http.post("/open/address/add", json={}, headers=headers(demo))),
    ]
    for method, path, response in cases:
        documented = spec["paths"][path][method]["responses"][str(response.status_code)]
        if "$ref" in documented:
            documented = spec["components"]["responses"][documented["$ref"].rsplit("/", 1)[1]]
        schema = documented["content"]["application/json"]["schema"]
        errors = list(Draft202012Validator({**schema, "components": spec["components"]}).iter_errors(response.json()))
        assert errors == [], (path, response.status_code, errors[0].message)
