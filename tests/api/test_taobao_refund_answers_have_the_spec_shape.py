"""Taobao reverse-order answers have the shape of the D5 page's own example (tests/fixtures/wire/
taobao_refund_cancel.json, copied from the spec page): every key it shows, each with its JSON type —
``refundStatus`` a string, ``purchaseOrderLine.properties`` one ``{valueId, valueName, propId, propName}`` object,
``logistics.receiverAddress`` and ``logistics.logisticsCompany`` objects whose members are null until known — in the
cancel, list, modify and detail answers, and the render's ``refundOrder`` an object even before any reverse order.
On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from kuajing.domain.accounts.model import Credentials
from kuajing.domain.catalog.model import CatalogPlatform, Product
from kuajing.runtime import Runtime
from tests.aftersales_helpers import ok
from tests.api import goods_fixtures as gf
from tests.taobao_fixtures import RECEIVER

EXAMPLE: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "wire" / "taobao_refund_cancel.json").read_text()
)["data"]
AGGREGATE = EXAMPLE["refundOrderAggregate"]
#: objects whose members the example shows as values and we send as null until they are known
NULL_UNTIL_KNOWN = ("logistics.receiverAddress", "logistics.logisticsCompany")


def assert_shape(example: Any, actual: Any, path: str = "", *, unknown: tuple[str, ...] = ()) -> None:
    """Every key of ``example`` is in ``actual`` with the same JSON type (a member of an ``unknown`` object may be
    null); ``actual`` may carry more keys."""
    if isinstance(example, dict):
        assert isinstance(actual, dict), f"{path}: {actual!r} is not an object"
        for key, value in example.items():
            assert key in actual, f"{path}.{key} is missing"
            assert_shape(value, actual[key], f"{path}.{key}".lstrip("."), unknown=unknown)
        return
    parent = path.rpartition(".")[0]
    if actual is None and any(parent == u or parent.endswith("." + u) for u in unknown):
        return
    assert type(actual) is type(example), f"{path}: {actual!r} is not a {type(example).__name__}"


def _two_property_sku(runtime: Runtime) -> tuple[Product, int]:
    gf.seed(runtime)
    for p in gf.products(runtime, CatalogPlatform.TAOBAO):
        for k, s in enumerate(p.skus):
            if p.mp_id and s.mp_sku_id and s.stock >= 2 and len(s.properties) == 2:
                return p, k
    raise AssertionError("the generated catalog has a Taobao SKU with two sale properties")


def _received_line(http: TestClient, creds: Credentials, product: Product, k: int) -> str:
    sku = product.skus[k]
    line = {"itemId": str(product.mp_id), "skuId": str(sku.mp_sku_id), "quantity": "2"}
    body = {"orderLineList": json.dumps([line]), "receiver": json.dumps(RECEIVER, ensure_ascii=False),
            "sellerOrderNumber": uuid.uuid4().hex[:12]}  # fmt: skip
    created = ok(http, creds, "POST", "/open/order", body)["orderList"][0]
    po = created["purchaseId"]
    ok(http, creds, "POST", "/open/order/pay", {"purchaseOrderIdList": [po]})
    ok(http, creds, "POST", "/sandbox/taobao/order/ship", {"purchaseOrderId": po})
    ok(http, creds, "POST", "/sandbox/taobao/order/confirm", {"purchaseOrderId": po})
    sub: str = created["orderLineList"][0]["subPurchaseOrderId"]
    return sub


def test_reverse_order_answers_have_the_d5_example_shape(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    product, k = _two_property_sku(runtime)
    sub = _received_line(http, demo, product, k)

    render = ok(http, demo, "POST", "/v2/taobao/order/refund/render",
                {"subOrderId": sub, "refundType": 1, "goodsStatus": 4})  # fmt: skip
    before = render["refundOrderTemplate"]["refundOrder"]
    assert before == dict.fromkeys(AGGREGATE["refundOrder"]), "no reverse order yet: every member null"

    made = ok(http, demo, "POST", "/open/order/refund/submit", {"subOrderId": sub, "refundType": 1, "goodsStatus": 4,
                                                                 "reasonId": 1, "refundFee": 100})  # fmt: skip
    rid = made["refundOrderAggregate"]["refundOrder"]["refundId"]
    assert_shape(AGGREGATE, made["refundOrderAggregate"], unknown=NULL_UNTIL_KNOWN)
    line = made["refundOrderAggregate"]["purchaseOrderLine"]
    first, second = product.skus[k].properties
    assert line["properties"] == {"valueId": first.value_id, "valueName": first.value_names["zh"],
                                  "propId": first.prop_id, "propName": first.prop_names["zh"]}  # fmt: skip
    assert [p["propId"] for p in line["skuProperties"]] == [first.prop_id, second.prop_id]
    logistics = made["refundOrderAggregate"]["logistics"]
    assert logistics["receiverAddress"] == {"receiver": None, "phone": None, "detailAddress": None}
    assert logistics["logisticsCompany"] == {"logisticsCompanyName": None, "logisticCompanyCode": None,
                                             "logisticsCompanyCode": None}  # fmt: skip

    render = ok(http, demo, "POST", "/open/order/refund/render", {"subOrderId": sub, "refundType": 1, "goodsStatus": 4})
    latest = render["refundOrderTemplate"]["refundOrder"]
    assert latest["refundId"] == rid and latest["refundStatus"] == "10"  # the sub-order's reverse order
    assert_shape(AGGREGATE["refundOrder"], latest)
    page = ok(http, demo, "POST", "/open/order/refund/queryList", {"refundId": rid, "pageSize": 5})
    assert_shape(AGGREGATE, page["refundOrders"][0], unknown=NULL_UNTIL_KNOWN)
    ok(http, demo, "POST", "/sandbox/taobao/refund/refuse", {"refundId": rid, "reason": "不同意"})
    modified = ok(http, demo, "POST", "/open/order/refund/modify", {"refundId": rid, "refundFee": 80})
    assert modified["refundOrderAggregate"]["refundOrder"]["refundStatus"] == "10"
    assert_shape(AGGREGATE, modified["refundOrderAggregate"], unknown=NULL_UNTIL_KNOWN)

    cancelled = ok(http, demo, "GET", f"/v2/taobao/order/refund/cancel/{rid}")
    assert_shape(EXAMPLE, cancelled, unknown=NULL_UNTIL_KNOWN)
    assert (cancelled["cancelSuccess"], cancelled["refundOrderAggregate"]["refundOrder"]["refundStatus"]) == (
        True, "-20")  # fmt: skip

    # a return: the seller's address once agreed, the carrier once shipped — then no member is null
    made = ok(http, demo, "POST", "/open/order/refund/submit", {"subOrderId": sub, "refundType": 2, "goodsStatus": 4,
                                                                 "reasonId": 5, "refundFee": 100})  # fmt: skip
    rid = made["refundOrderAggregate"]["refundOrder"]["refundId"]
    agreed = ok(http, demo, "POST", "/sandbox/taobao/refund/agree", {"refundId": rid})["refundOrderAggregate"]
    assert all(agreed["logistics"]["receiverAddress"].values())
    assert agreed["logistics"]["logisticsCompany"]["logisticCompanyCode"] is None
    ok(http, demo, "POST", "/open/order/refund/logistics/submit", {"refundId": rid, "logisticsCompanyCode": "SF",
                                                                   "logisticsNo": "SF12181323546"})  # fmt: skip
    shipped = ok(http, demo, "GET", "/v2/taobao/order/refund/query", {"refundId": rid})
    assert_shape(AGGREGATE, shipped["refundOrderAggregate"])  # nothing null any more
    assert shipped["refundOrderAggregate"]["logistics"]["logisticsCompany"]["logisticCompanyCode"] == "SF"
    assert shipped["refundOrderAggregate"]["refundOrder"]["refundStatus"] == "30"
