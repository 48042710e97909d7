"""The signed gateway (spec §1.2–1.4): every rejection has its documented code and no side effect."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from kuajing.domain.accounts import service
from kuajing.domain.accounts.model import Credentials, Status
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.api.helpers import headers
from tests.conftest import new_developer

ADDRESS = {"fullName": "张三", "mobile": "15068763421", "address": "文一西路 969 号"}


def _add(http: TestClient, h: dict[str, str]) -> dict[str, Any]:
    answer: dict[str, Any] = http.post("/open/address/add", json=ADDRESS, headers=h).json()
    return answer


def _count_addresses(http: TestClient, creds: Credentials) -> int:
    body = http.get("/open/address/list", headers=headers(creds)).json()
    assert body["code"] == 200, body
    return len(body["data"])


def test_signed_call_answers_the_envelope_in_spec_order(http: TestClient, demo: Credentials) -> None:
    response = http.get("/open/address/list", headers=headers(demo))
    body = response.json()
    assert list(body) == ["requestId", "code", "developId", "msg", "data"]
    assert body["code"] == 200 and body["msg"] == "成功" and body["data"] == []
    assert body["developId"] == demo.develop_id and body["developId"].isdigit()
    assert len(body["requestId"]) == 32 and int(body["requestId"], 16) >= 0 and body["requestId"].islower()
    assert response.headers["x-request-id"] == body["requestId"]


def test_timestamp_in_seconds_is_accepted(http: TestClient, demo: Credentials) -> None:
    assert http.get("/open/address/list", headers=headers(demo, ts=str(int(time.time())))).json()["code"] == 200


def test_lower_case_signature_is_accepted(http: TestClient, demo: Credentials) -> None:
    h = headers(demo)
    h["signature"] = h["signature"].lower()
    assert http.get("/open/address/list", headers=h).json()["code"] == 200


@pytest.mark.parametrize(
    ("mutate", "code", "field"),
    [
        (lambda h, c: h.update(signature="0" * 32), Code.BAD_SIGNATURE, "signature"),
        (
            lambda h, c: h.update(headers(c, ts=str(time.time_ns() // 1_000_000 - 601_000))),
            Code.TIMESTAMP_EXPIRED,
            "timestamp",
        ),
        (
            lambda h, c: h.update(headers(c, ts=str(time.time_ns() // 1_000_000 + 601_000))),
            Code.TIMESTAMP_EXPIRED,
            "timestamp",
        ),
        (lambda h, c: h.update(headers(c, ts="17156699770")), Code.TIMESTAMP_EXPIRED, "timestamp"),
        (lambda h, c: h.update({"access-key": "f" * 32}), Code.UNKNOWN_ACCESS_KEY, "access-key"),
        (lambda h, c: h.pop("nonce-str"), Code.MISSING_HEADER, "nonce-str"),
        (lambda h, c: h.pop("user-id"), Code.MISSING_HEADER, "user-id"),
        (lambda h, c: h.pop("signature"), Code.MISSING_HEADER, "signature"),
        (lambda h, c: h.pop("timestamp"), Code.MISSING_HEADER, "timestamp"),
        (lambda h, c: h.pop("access-key"), Code.MISSING_HEADER, "access-key"),
    ],
    ids=[
        "wrong-signature",
        "601s-old",
        "601s-ahead",
        "11-digit-timestamp",
        "unknown-key",
        "no-nonce",
        "no-user-id",
        "no-signature",
        "no-timestamp",
        "no-access-key",
    ],
)
def test_each_rejection_has_its_code_and_writes_nothing(
    http: TestClient,
    demo: Credentials,
    mutate: Callable[[dict[str, str], Credentials], object],
    code: Code,
    field: str,
) -> None:
    h = headers(demo)
    mutate(h, demo)
    response = http.post("/open/address/add", json=ADDRESS, headers=h)
    body = response.json()
    assert body["code"] == code and body["data"] is None and field in body["msg"], body
    assert response.headers["x-kuajing-error-field"] == field
    assert list(body) == ["requestId", "code", "developId", "msg", "data"]
    assert _count_addresses(http, demo) == 0
    # the rejected request did not burn its nonce: the same nonce, correctly signed, still works once
    if "nonce-str" in h:
        assert (
            http.post("/open/address/add", json=ADDRESS, headers=headers(demo, nonce=h["nonce-str"])).json()["code"]
            == 200
        )


def test_599_seconds_skew_is_inside_the_window(http: TestClient, demo: Credentials) -> None:
    ts = str(time.time_ns() // 1_000_000 - 599_000)
    assert http.get("/open/address/list", headers=headers(demo, ts=ts)).json()["code"] == 200


def test_reused_nonce_is_a_replay_and_the_replay_changes_nothing(http: TestClient, demo: Credentials) -> None:
    h = headers(demo)
    assert _add(http, h)["code"] == 200
    replay = http.post("/open/address/add", json=ADDRESS, headers=h)
    assert replay.json()["code"] == Code.NONCE_REPLAYED
    assert _count_addresses(http, demo) == 1


def test_user_id_of_another_developer_is_refused(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    other = new_developer(runtime)
    response = http.post("/open/address/add", json=ADDRESS, headers=headers(demo, user_id=other.user_id))
    assert response.json()["code"] == Code.SUB_ACCOUNT_NOT_ALLOWED
    assert _count_addresses(http, demo) == 0 and _count_addresses(http, other) == 0


def test_disabled_sub_account_and_key_are_refused(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    with runtime.uow() as uow:
        service.set_sub_account_status(uow, user_id=demo.user_id, status=Status.DISABLED)
        uow.commit()
    assert http.get("/open/address/list", headers=headers(demo)).json()["code"] == Code.SUB_ACCOUNT_NOT_ALLOWED
    with runtime.uow() as uow:
        service.set_sub_account_status(uow, user_id=demo.user_id, status=Status.ACTIVE)
        service.set_key_status(uow, access_key=demo.access_key, status=Status.DISABLED)
        uow.commit()
    assert http.get("/open/address/list", headers=headers(demo)).json()["code"] == Code.ACCESS_KEY_DISABLED


def test_rotated_secret_keeps_the_old_one_for_the_grace_period(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    with runtime.uow() as uow:
        key = service.rotate_secret(uow, access_key=demo.access_key, grace_s=3600, now_ms=runtime.clock.now_ms())
        uow.commit()
    assert http.get("/open/address/list", headers=headers(demo)).json()["code"] == 200  # old secret, in grace
    assert http.get("/open/address/list", headers=headers(demo, secret=key.secret)).json()["code"] == 200
    with runtime.uow() as uow:
        service.rotate_secret(uow, access_key=demo.access_key, grace_s=0, now_ms=runtime.clock.now_ms())
        uow.commit()
    assert http.get("/open/address/list", headers=headers(demo, secret=key.secret)).json()["code"] == Code.BAD_SIGNATURE


def test_malformed_json_keeps_the_envelope(http: TestClient, demo: Credentials) -> None:
    response = http.post(
        "/open/address/add", content=b'{"fullName": ', headers={**headers(demo), "content-type": "application/json"}
    )
    body = response.json()
    assert body["code"] == Code.MALFORMED_JSON and body["data"] is None
    assert body["developId"] == demo.develop_id
    assert _count_addresses(http, demo) == 0


def test_a_json_array_body_is_an_invalid_parameter(http: TestClient, demo: Credentials) -> None:
    body = http.post("/open/address/add", json=[1, 2], headers=headers(demo)).json()
    assert body["code"] == Code.INVALID_PARAMETER


def test_text_with_a_nul_character_is_refused_alike_on_both_databases(http: TestClient, demo: Credentials) -> None:
    """PostgreSQL cannot store U+0000 (it answered 500); every way text comes in is refused up front, naming where,
    and the request acts on nothing."""
    refused = [
        http.post("/open/address/add", json={**ADDRESS, "fullName": "张\u0000三"}, headers=headers(demo)),
        http.post("/open/address/add", json={**ADDRESS, "extra": [{"deep": "a\u0000"}]}, headers=headers(demo)),
        http.get("/open/product/get?itemId=1%00", headers=headers(demo)),
        http.get("/open/order/refund/cancel/R%001", headers=headers(demo)),
    ]
    fields = []
    for response in refused:
        body = response.json()
        assert body["code"] == Code.INVALID_PARAMETER and body["data"] is None, body
        assert "U+0000" in body["msg"]
        fields.append(response.headers["x-kuajing-error-field"])
        assert fields[-1] in body["msg"]
    assert fields == ["fullName", "extra.0.deep", "itemId", "path"]
    assert _count_addresses(http, demo) == 0
    # the escape spelled out as text (a backslash, then u0000) is ordinary text
    kept = http.post("/open/address/add", json={**ADDRESS, "fullName": "a\\u0000"}, headers=headers(demo)).json()
    assert kept["code"] == 200 and kept["data"]["fullName"] == "a\\u0000"


def test_nul_deep_in_a_body_is_found_without_running_out_of_stack(http: TestClient, demo: Credentials) -> None:
    """A body may nest up to 1024 levels (orjson's limit); the search for U+0000 must reach the bottom of it."""
    deep = '{"fullName": "a", "extra": ' + "[" * 1000 + '"x\\u0000"' + "]" * 1000 + "}"
    response = http.post(
        "/open/address/add", content=deep, headers={**headers(demo), "content-type": "application/json"}
    )
    body = response.json()
    assert body["code"] == Code.INVALID_PARAMETER, body
    assert response.headers["x-kuajing-error-field"] == "extra" + ".0" * 1000
    key = http.post("/open/address/add", content='{"fullName": "a", "extra": {"k\\u0000": 1}}',
                    headers={**headers(demo), "content-type": "application/json"})  # fmt: skip
    assert key.json()["code"] == Code.INVALID_PARAMETER and key.headers["x-kuajing-error-field"] == "extra"
    assert _count_addresses(http, demo) == 0


def test_unknown_route_and_wrong_method_keep_the_envelope(http: TestClient) -> None:
    response = http.get("/open/no/such/thing")
    assert response.json()["code"] == Code.UNKNOWN_ROUTE
    assert list(response.json()) == ["requestId", "code", "developId", "msg", "data"]
    response = http.delete("/open/address/list")
    assert response.json()["code"] == Code.METHOD_NOT_ALLOWED and response.headers["allow"] == "GET, HEAD"


def test_invalid_parameter_names_the_field(http: TestClient, demo: Credentials) -> None:
    body = http.post("/open/address/add", json={**ADDRESS, "mobile": "call me"}, headers=headers(demo)).json()
    assert body["code"] == Code.INVALID_PARAMETER
    assert body["data"] is None and "mobile" in body["msg"]
    body = http.post("/open/address/add", json={"mobile": "15068763421"}, headers=headers(demo)).json()
    assert body["code"] == Code.INVALID_PARAMETER and "fullName" in body["msg"]


def test_body_over_the_limit_is_refused(runtime: Runtime, demo: Credentials, tmp_path: Path) -> None:
    from kuajing.api.app import create_app
    from tests.conftest import make_settings

    small = Runtime(settings=make_settings(runtime.settings.database_url, tmp_path, max_body_bytes=100),
                    db=runtime.db, box=runtime.box, clock=runtime.clock)  # fmt: skip
    with TestClient(create_app(small)) as http:
        body = http.post("/open/address/add", json={**ADDRESS, "address": "x" * 200}, headers=headers(demo)).json()
    assert body["code"] == Code.BODY_TOO_LARGE


def test_refusals_travel_with_http_200_and_server_failures_with_their_5xx(runtime: Runtime, demo: Credentials) -> None:
    """The default (PandaPon's way): the status is in ``code``; only a failure of the server keeps its 5xx, for load
    balancers and monitoring."""
    from kuajing.api.app import all_endpoints, create_app
    from kuajing.api.endpoint import Endpoint
    from kuajing.api.errors import ApiError

    async def broken(call: object) -> None:
        raise RuntimeError("a bug")

    async def unavailable(call: object) -> None:
        raise ApiError(Code.SERVICE_UNAVAILABLE, "database: OperationalError")

    failing = [Endpoint("GET", ("/broken",), broken, summary="", tag="", signed=False),
               Endpoint("GET", ("/unavailable",), unavailable, summary="", tag="", signed=False)]  # fmt: skip
    with TestClient(create_app(runtime, endpoints=[*all_endpoints(), *failing]), raise_server_exceptions=False) as http:
        answers = [
            http.get("/open/address/list", headers={**headers(demo), "signature": "X"}),
            http.post("/open/address/add", json={"mobile": "1"}, headers=headers(demo)),
            http.delete("/open/address/list"),
            http.get("/open/no/such/thing"),
            http.get("/broken"),
            http.get("/unavailable"),
        ]
    assert [(r.status_code, r.json()["code"]) for r in answers] == [
        (200, 40102), (200, 40002), (200, 40501), (200, 40402), (500, 50001), (503, 50301)
    ]  # fmt: skip
    assert all(r.json()["data"] is None for r in answers)


def test_mirror_mode_answers_each_code_with_its_own_status(runtime: Runtime, demo: Credentials, tmp_path: Path) -> None:
    from kuajing.api.app import create_app
    from tests.conftest import make_settings

    mirror = Runtime(settings=make_settings(runtime.settings.database_url, tmp_path, error_http_status="mirror"),
                     db=runtime.db, box=runtime.box, clock=runtime.clock)  # fmt: skip
    with TestClient(create_app(mirror)) as http:
        answers = [
            http.get("/open/address/list", headers={**headers(demo), "signature": "X"}),
            http.post("/open/address/add", json={"mobile": "1"}, headers=headers(demo)),
            http.delete("/open/address/list"),
            http.get("/open/no/such/thing"),
            http.get("/open/address/list", headers=headers(demo)),
        ]
    assert [(r.status_code, r.json()["code"]) for r in answers] == [
        (401, 40102), (400, 40002), (405, 40501), (404, 40402), (200, 200)
    ]  # fmt: skip
    assert answers[2].headers["allow"] == "GET, HEAD"


def test_health_and_ping_are_unsigned(http: TestClient) -> None:
    health = http.get("/health").json()
    assert health["code"] == 200 and health["data"]["database"]["ok"] and health["data"]["database"]["migrated"]
    assert http.get("/ping").json()["data"] == "pong"


def test_openapi_and_docs_are_generated_from_the_routes(http: TestClient) -> None:
    spec = http.get("/openapi.json").json()
    assert "/open/address/add" in spec["paths"] and "/v2/basis/address/add" in spec["paths"]
    add = spec["paths"]["/open/address/add"]["post"]
    schema = add["requestBody"]["content"]["application/json"]["schema"]
    assert "fullName" in spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]["properties"]
    assert "Provisional" in add["description"]
    page = http.get("/docs")
    assert page.status_code == 200 and "/open/address/add" in page.text and "40104" in page.text


def test_unmigrated_database_refuses_to_start(tmp_path: Path) -> None:
    from kuajing.api.app import create_app
    from kuajing.store.migrate import NotMigratedError
    from tests.conftest import make_settings

    rt = Runtime.build(make_settings(f"sqlite:///{tmp_path / 'empty.db'}", tmp_path))
    try:
        with pytest.raises(NotMigratedError, match="kuajing db upgrade"):
            create_app(rt)
    finally:
        rt.close()
