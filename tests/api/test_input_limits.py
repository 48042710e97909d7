"""Regressions: inputs that used to answer 50001 — on either database, or on PostgreSQL only while SQLite took them —
are refused alike on both, before any database sees them (docs/limits.md)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from kuajing.domain.accounts.model import Credentials
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.api import goods_fixtures as gf
from tests.api.helpers import headers
from tests.taobao_fixtures import RECEIVER

ADDRESS = {"fullName": "张三", "mobile": "15068763421", "address": "文一西路 969 号"}


def _post(http: TestClient, creds: Credentials, path: str, body: object) -> dict[str, Any]:
    answer = http.post(path, json=body, headers=headers(creds))
    assert answer.status_code < 500, answer.text
    parsed: dict[str, Any] = answer.json()
    return parsed


def _refused(body: dict[str, Any], code: Code, field: str) -> None:
    assert body["code"] == code, body
    assert field in body["msg"], body


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("ship", {"purchaseOrderId": "abc"}),
        ("close", {"purchaseOrderId": "abc"}),
        ("confirm", {"purchaseOrderId": "abc"}),
        ("price/modify", {"purchaseOrderId": "abc", "subPurchaseOrderId": "1", "price": 100}),
        ("voucher/approve", {"purchaseOrderId": "abc"}),
        ("voucher/reject", {"purchaseOrderId": "abc"}),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_sandbox_order_actions_with_a_non_numeric_order_id_are_not_found(
    http: TestClient, demo: Credentials, action: str, body: dict[str, object]
) -> None:
    _refused(_post(http, demo, f"/sandbox/taobao/order/{action}", body), Code.NOT_FOUND, "purchaseOrderId")


def test_sandbox_ship_with_a_non_numeric_sub_order_id_is_not_found(http: TestClient, demo: Credentials) -> None:
    body = {"purchaseOrderId": "1", "subPurchaseOrderIdList": ["x"]}
    _refused(_post(http, demo, "/sandbox/taobao/order/ship", body), Code.NOT_FOUND, "subPurchaseOrderIdList")


DEEP = "[" * 10_000 + "]" * 10_000
LINES = json.dumps([{"itemId": "1", "skuId": "1", "quantity": 1}])


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/open/order/render", {"orderLineList": DEEP}, "orderLineList"),
        ("/open/order", {"orderLineList": DEEP, "receiver": json.dumps(RECEIVER)}, "orderLineList"),
        ("/open/order", {"orderLineList": LINES, "receiver": DEEP}, "receiver"),
        ("/open/cart/delete", {"ids": DEEP}, "ids"),
    ],
    ids=["render-lines", "create-lines", "create-receiver", "cart-ids"],
)
def test_json_nested_10000_deep_in_a_string_field_is_an_invalid_parameter(
    http: TestClient,
    demo: Credentials,
    path: str,
    body: dict[str, object],
    field: str,
) -> None:
    answer = _post(http, demo, path, body)
    _refused(answer, Code.INVALID_PARAMETER, field)
    assert "depth" in answer["msg"]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (
            "/open/order/render",
            {"orderLineList": '[{"itemId":"1","skuId":"1","quantity":1,"title":"a\\u0000"}]'},
            "orderLineList",
        ),
        ("/open/order", {"orderLineList": LINES, "receiver": '{"name":"仓\\u0000","address":"文一西路"}'}, "receiver"),
    ],
    ids=["lines", "receiver"],
)
def test_nul_inside_json_in_a_string_field_is_an_invalid_parameter(
    http: TestClient,
    demo: Credentials,
    path: str,
    body: dict[str, object],
    field: str,
) -> None:
    answer = _post(http, demo, path, body)
    _refused(answer, Code.INVALID_PARAMETER, field)
    assert "NUL" in answer["msg"]


def test_cart_edit_quantity_of_2_31_is_refused_like_cart_add(http: TestClient, demo: Credentials) -> None:
    _refused(_post(http, demo, "/alibaba/cart/edit-quantity", {"id": 1, "quantity": 2**31}),
             Code.INVALID_PARAMETER, "quantity")  # fmt: skip
    _refused(_post(http, demo, "/alibaba/cart/add", {"offerId": 1, "quantity": 2**31}), Code.INVALID_PARAMETER,
             "quantity")  # fmt: skip


@pytest.mark.parametrize(
    ("path", "field"),
    [("/open/purchase/page", "pageNo"), ("/alibaba/order/page", "pageNo"), ("/alibaba/order/page", "page")],
)
def test_page_numbers_beyond_the_limit_are_invalid_parameters(
    http: TestClient, demo: Credentials, path: str, field: str
) -> None:
    _refused(_post(http, demo, path, {field: 2**62, "pageSize": 20}), Code.INVALID_PARAMETER, field)
    assert _post(http, demo, path, {field: 1_000_000, "pageSize": 20})["code"] == 200  # the last page allowed


@pytest.mark.parametrize("path", ["/open/product/item/search", "/alibaba/product/keywords/query"])
def test_a_keyword_longer_than_200_characters_is_refused(
    runtime: Runtime, http: TestClient, demo: Credentials, path: str
) -> None:
    gf.seed(runtime, 20)
    _refused(_post(http, demo, path, {"keyword": "连衣裙" * 10_000}), Code.INVALID_PARAMETER, "keyword")
    assert _post(http, demo, path, {"keyword": "连" * 200})["code"] == 200


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/open/warehouse/package/forecast", {"carrierCode": "YTO", "trackingNo": "YT1"}),
        (
            "/open/warehouse/domestic/logistics/update",
            {"sourcePlatform": "taobao", "carrierCode": "YTO", "trackingNo": "YT1"},
        ),
    ],
    ids=["forecast", "domestic-logistics"],
)
def test_a_source_order_id_longer_than_its_column_is_refused_on_both_databases(
    http: TestClient,
    demo: Credentials,
    path: str,
    body: dict[str, Any],
) -> None:
    _refused(_post(http, demo, path, {**body, "sourceOrderId": "x" * 41}), Code.INVALID_PARAMETER, "sourceOrderId")
    assert _post(http, demo, path, {**body, "sourceOrderId": "x" * 40})["code"] == 200


def test_a_full_width_digit_id_does_not_name_row_3(http: TestClient, demo: Credentials) -> None:
    for _ in range(3):
        assert _post(http, demo, "/open/address/add", ADDRESS)["code"] == 200
    _refused(_post(http, demo, "/open/address/delete", {"id": "０３"}), Code.INVALID_PARAMETER, "id")
    listed = http.get("/open/address/list", headers=headers(demo)).json()["data"]
    assert len(listed) == 3


def test_a_full_width_digit_amount_is_refused(http: TestClient, demo: Credentials) -> None:
    answer = _post(http, demo, "/sandbox/taobao/order/price/modify",
                   {"purchaseOrderId": "1", "subPurchaseOrderId": "1", "price": "１００"})  # fmt: skip
    _refused(answer, Code.INVALID_PARAMETER, "price")


DEEP_1000 = "[" * 1000 + "]" * 1000  # within the body's 1024 levels, so it reaches the request model


def _raw(http: TestClient, creds: Credentials, path: str, text: str) -> dict[str, Any]:
    answer = http.post(path, content=text.encode(), headers={**headers(creds), "content-type": "application/json"})
    assert answer.status_code < 500, answer.text
    parsed: dict[str, Any] = answer.json()
    return parsed


def test_a_yuan_price_given_as_a_nested_list_is_refused(http: TestClient, demo: Credentials) -> None:
    answer = _raw(http, demo, "/alibaba/product/keywords/query", f'{{"priceEnd": {DEEP_1000}}}')
    _refused(answer, Code.INVALID_PARAMETER, "priceEnd")


def test_empty_or_null_optional_lists_mean_not_given(http: TestClient, demo: Credentials) -> None:
    assert _post(http, demo, "/open/purchase/page", {"purchaseIds": ""})["code"] == 200
    answer = _post(http, demo, "/open/order/refund/modify", {"refundId": "1", "refundImages": None})
    assert answer["code"] == Code.INVALID_PARAMETER and "is not a refund id" in answer["msg"], answer  # past the model


def test_a_seller_behaviour_takes_flat_values_only_and_stays_readable(
    runtime: Runtime, http: TestClient, demo: Credentials
) -> None:
    gf.seed(runtime, 20)
    with runtime.uow() as uow:
        sellers = uow.catalog.list_sellers()
    taobao = next(s for s in sellers if s.platform.value == "taobao")
    alibaba = next(s for s in sellers if s.platform.value == "1688")
    deep = f'"behaviour": {{"shipDelaySeconds": {DEEP_1000}}}'
    nested = [("/sandbox/taobao/seller/behaviour", f'{{"shopId": {taobao.shop_id}, {deep}}}'),
              ("/sandbox/1688/seller/behaviour", f'{{"sellerOpenId": "{alibaba.open_id}", {deep}}}')]  # fmt: skip
    for path, text in nested:
        _refused(_raw(http, demo, path, text), Code.INVALID_PARAMETER, "behaviour")
    answer = _post(http, demo, "/sandbox/taobao/seller/behaviour",
                   {"shopId": taobao.shop_id, "behaviour": {"shipDelaySeconds": 60, "refundRefuseReasonIds": [1]}})  # fmt: skip
    assert answer["code"] == 200 and answer["data"]["behaviour"]["shipDelaySeconds"] == 60
    _refused(_post(http, demo, "/sandbox/taobao/seller/behaviour",
                   {"shopId": taobao.shop_id, "behaviour": {"shipDelaySeconds": 10**10}}),
             Code.INVALID_PARAMETER, "behaviour")  # fmt: skip
