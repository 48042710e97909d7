"""Fields real clients read, on SQLite and PostgreSQL: the 1688 detail's ``sellerNickName``, the created 1688
order's top-level ``orderId``, and one JSON type for a Taobao ``itemId`` across A1, B2, C1 and B9 on each path
family (a number on v1, the encrypted id on v2)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from starlette.testclient import TestClient

from kuajing.domain.accounts.model import Credentials
from kuajing.protocol.ids import IdKind
from kuajing.runtime import Runtime
from tests.aftersales_helpers import ok
from tests.alibaba_catalog import ADDRESS, add_offer, add_seller, cargo
from tests.taobao_fixtures import RECEIVER, add_taobao_item


def test_the_1688_detail_names_the_seller(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    offer = add_offer(runtime, add_seller(runtime))
    detail = ok(http, demo, "POST", "/alibaba/product/detail/get", {"offerId": offer.external_id})
    assert detail["sellerNickName"] == "yiwu_shop"  # the nick tests.alibaba_catalog gives its sellers


def test_a_created_1688_order_answers_its_id_at_the_top(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    offer = add_offer(runtime, add_seller(runtime), stock=5)
    created = ok(http, demo, "POST", "/alibaba/order/create",
                 {"flow": "general", "addressParam": ADDRESS, "cargoParamList": [cargo(offer, 1)]})  # fmt: skip
    assert isinstance(created["orderId"], str) and created["orderId"] == created["baseInfo"]["id"]

    refusing = add_offer(runtime, add_seller(runtime, failOutOfStockAtCreate=True))
    batch = ok(http, demo, "POST", "/v2/alibaba/order/batch/create",
               {"addressParam": ADDRESS, "cargoParamList": [cargo(offer, 1), cargo(refusing, 1)]})  # fmt: skip
    made, refused = batch
    assert made["success"] and made["orderId"] == made["baseInfo"]["id"] != created["orderId"]
    assert not refused["success"] and refused["orderId"] is None and refused["baseInfo"] is None


@pytest.mark.parametrize("v2", [False, True], ids=["v1", "v2"])
def test_a_taobao_item_id_has_one_json_type_in_every_answer(
    http: TestClient, runtime: Runtime, demo: Credentials, v2: bool
) -> None:
    item = add_taobao_item(runtime, n=7, stock=20)
    expected: Any = runtime.id_codec.encode(IdKind.TAOBAO_ITEM, item.item_id) if v2 else item.item_id
    prefix = ("/v2/taobao/product", "/v2/taobao/order", "/v2/taobao/cart") if v2 else ("/open/product", "/open/order",
                                                                                      "/open/cart")  # fmt: skip
    goods, orders, cart = prefix
    a1 = ok(http, demo, "GET", f"{goods}/get", {"itemId": str(item.item_id)})
    line = {"itemId": str(item.mp_id), "skuId": str(item.mp_sku_ids[0]), "quantity": "1"}
    lines = json.dumps([line])
    b2 = ok(http, demo, "POST", f"{orders}/render", {"orderLineList": lines})
    c1 = ok(http, demo, "POST", f"{cart}/add", {"mpId": str(item.mp_id), "mpSkuId": str(item.mp_sku_ids[0])})
    created = ok(http, demo, "POST", "/open/order", {"orderLineList": lines, "sellerOrderNumber": uuid.uuid4().hex[:12],
                                                     "receiver": json.dumps(RECEIVER, ensure_ascii=False)})  # fmt: skip
    b9 = ok(http, demo, "GET", f"{orders}/detail", {"purchaseOrderId": created["orderList"][0]["purchaseId"]})
    sent = [a1["itemId"], b2["orders"][0]["orderLineList"][0]["itemId"], c1["itemId"],
            b9["subPurchaseOrders"][0]["itemId"]]  # fmt: skip
    assert sent == [expected] * 4
    assert all(type(x) is type(expected) for x in sent)
