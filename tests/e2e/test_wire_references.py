"""No internal reference reaches the wire: both platforms' real flows on the generated catalog (goods, cart, preview,
create, pay, list/detail/cancel, ship, refunds list/detail/cancel/modify/return, voucher upload), every string of
every answer walked: none may hold a ``gen:`` picture reference, and every URL of this server in one must answer
200 to a GET when it is sent (and every picture URL still at the end). On SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

from starlette.testclient import TestClient

from kuajing.domain.accounts.model import Credentials
from kuajing.domain.catalog.model import CatalogPlatform, Product
from kuajing.protocol.ids import IdKind
from kuajing.runtime import Runtime
from tests.aftersales_helpers import jpeg, ok
from tests.alibaba_catalog import ADDRESS
from tests.api import goods_fixtures as gf
from tests.taobao_fixtures import RECEIVER

GEN_REFERENCE = re.compile(r"gen:[A-Za-z0-9_]*:")
#: a URL of this server naming something (a bare origin, such as I3's ``imageDomain``, is a prefix, not a resource)
OUR_URL = re.compile(r"https?://testserver/[^\s\"'<>]*")
#: the picture fields of issue 15 §1, each of which must have carried a URL of this server at least once
PICTURE_FIELDS = frozenset({"itemPic", "skuImgUrl", "SKU_IMG_URL", "productImgUrl", "itemImageUrl"})


def _strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(the key it sits under, the string) for every string in an answer, however deep."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)


def _not_served(http: TestClient, url: str) -> str | None:
    """None when the URL answers what it names (a picture, a page, a successful envelope); else what it answered."""
    got = http.get(url)
    kind = got.headers.get("content-type", "")
    if got.status_code != 200:
        return f"HTTP {got.status_code}"
    if kind.startswith("application/json") and got.json().get("code") != 200:
        return f"the envelope with code {got.json().get('code')}"
    if "/images/" in url and not kind.startswith("image/"):
        return f"{kind!r}, not a picture"
    return None


class Walk:
    """Sends signed requests and checks every answer as it arrives."""

    def __init__(self, http: TestClient, creds: Credentials) -> None:
        self.http, self.creds = http, creds
        self.pictures: set[str] = set()
        self.fields_with_urls: set[str] = set()
        self.answers = 0

    def __call__(self, method: str, path: str, body: Any = None) -> Any:
        data = ok(self.http, self.creds, method, path, body)
        self.answers += 1
        for key, text in _strings(data):
            assert not GEN_REFERENCE.search(text), f"{method} {path}: {key} = {text!r} is an internal reference"
            for url in OUR_URL.findall(text):
                wrong = _not_served(self.http, url)
                assert wrong is None, f"{method} {path}: {key} = {url} answers {wrong}"
                self.fields_with_urls.add(key)
                if "/images/" in url:
                    self.pictures.add(url)
        return data


def _taobao_product(runtime: Runtime) -> Product:
    return next(
        p for p in gf.products(runtime, CatalogPlatform.TAOBAO)
        if p.mp_id and sum(1 for s in p.skus if s.stock >= 3 and s.mp_sku_id) >= 2
    )  # fmt: skip


def _taobao(walk: Walk, runtime: Runtime) -> None:
    product = _taobao_product(runtime)
    skus = [s for s in product.skus if s.stock >= 3 and s.mp_sku_id][:2]
    encrypted = runtime.id_codec.encode(IdKind.TAOBAO_ITEM, product.external_id)
    walk("POST", "/open/product/item/search", {"keyword": "", "pageSize": 10})
    walk("GET", "/open/product/get", {"itemId": str(product.external_id)})
    walk("GET", "/v2/taobao/product/get", {"itemId": encrypted})
    walk("POST", "/open/product/batch/check",
         {"params": json.dumps([{"itemId": str(product.external_id), "skuIds": [str(skus[0].sku_id)]}])})  # fmt: skip

    row = walk("POST", "/open/cart/add", {"mpId": str(product.mp_id), "mpSkuId": str(skus[1].mp_sku_id)})
    walk("GET", "/open/cart/list")
    walk("GET", "/v2/taobao/cart/list")
    walk("POST", "/open/cart/preview", {"ids": [row["id"]]})
    from_cart = walk("POST", "/open/cart/create/order", {"ids": [row["id"]], "orderAddress": RECEIVER})
    cancelled_po = from_cart["orderList"][0]["purchaseId"]
    walk("POST", "/open/order/cancel", {"purchaseOrderId": cancelled_po, "cancelReason": "不想要了"})

    lines = json.dumps([{"itemId": str(product.mp_id), "skuId": str(skus[0].mp_sku_id), "quantity": "3"}])
    receiver = json.dumps(RECEIVER, ensure_ascii=False)
    walk("POST", "/open/order/render", {"orderLineList": lines, "receiver": receiver})
    created = walk("POST", "/open/order", {"orderLineList": lines, "receiver": receiver,
                                           "sellerOrderNumber": uuid.uuid4().hex[:12]})  # fmt: skip
    po = created["orderList"][0]["purchaseId"]
    sub = created["orderList"][0]["orderLineList"][0]["subPurchaseOrderId"]
    walk("POST", "/open/order/pay", {"purchaseOrderIdList": [po]})
    walk("GET", "/open/order/page", {"pageSize": 10})
    walk("POST", "/v2/taobao/order/page", {"pageSize": 10})
    walk("POST", "/sandbox/taobao/order/ship", {"purchaseOrderId": po})
    walk("GET", "/open/order/logistics/detail/get", {"subPurchaseOrderId": sub})
    walk("POST", "/sandbox/taobao/order/confirm", {"purchaseOrderId": po})
    walk("GET", "/v2/taobao/order/detail", {"purchaseOrderId": po})

    walk("POST", "/v2/taobao/order/refund/render", {"subOrderId": sub, "refundType": 1, "goodsStatus": 4})
    first = walk("POST", "/open/order/refund/submit", {"subOrderId": sub, "refundType": 1, "goodsStatus": 4,
                                                      "reasonId": 1, "refundFee": 100})  # fmt: skip
    rid = first["refundOrderAggregate"]["refundOrder"]["refundId"]
    walk("POST", "/open/order/refund/queryList", {"pageSize": 10})
    walk("POST", "/open/order/refund/submit/message", {"refundId": rid, "refundMessage": "请尽快处理"})
    walk("POST", "/open/order/refund/message/list", {"refundId": rid})
    walk("POST", "/sandbox/taobao/refund/refuse", {"refundId": rid, "reason": "不同意"})
    walk("POST", "/open/order/refund/modify", {"refundId": rid, "refundFee": 90})
    walk("GET", f"/open/order/refund/cancel/{rid}")

    second = walk("POST", "/open/order/refund/submit", {"subOrderId": sub, "refundType": 2, "goodsStatus": 4,
                                                       "reasonId": 5, "refundFee": 200})  # fmt: skip
    rid = second["refundOrderAggregate"]["refundOrder"]["refundId"]
    walk("POST", "/sandbox/taobao/refund/agree", {"refundId": rid})
    walk("GET", "/open/order/refund/logistics/render", {"refundId": rid})
    walk("POST", "/open/order/refund/logistics/submit", {"refundId": rid, "logisticsCompanyCode": "SF",
                                                         "logisticsNo": "SF12181323546"})  # fmt: skip
    walk("POST", "/sandbox/taobao/refund/receive", {"refundId": rid})
    walk("GET", "/v2/taobao/order/refund/query", {"refundId": rid})
    walk("GET", "/open/order/detail", {"purchaseOrderId": po})


def _alibaba_offer(runtime: Runtime) -> Product:
    return next(p for p in gf.products(runtime, CatalogPlatform.ALIBABA) if len(p.skus) >= 2)


def _alibaba(walk: Walk, runtime: Runtime) -> None:
    offer = _alibaba_offer(runtime)
    quantity = max(offer.min_order_quantity, 1)
    cargos = [{"offerId": offer.external_id, "specId": s.spec_id, "quantity": quantity} for s in offer.skus[:2]]
    walk("POST", "/alibaba/product/keywords/query", {"keyword": "", "pageSize": 10})
    walk("POST", "/alibaba/product/detail/get", {"offerId": offer.external_id})
    walk("POST", "/v2/alibaba/product/detail/get",
         {"offerId": runtime.id_codec.encode(IdKind.ALIBABA_OFFER, offer.external_id)})  # fmt: skip

    cart_id = walk("POST", "/alibaba/cart/add", cargos[0])
    walk("GET", "/v2/alibaba/cart/list")
    walk("POST", "/alibaba/cart/create/preview", {"cartIds": [cart_id], "addressParam": ADDRESS})
    from_cart = walk("POST", "/alibaba/cart/create/order", {"cartIds": [cart_id], "addressParam": ADDRESS,
                                                            "flow": "general"})  # fmt: skip
    paid = from_cart[0]["orderId"]

    walk("POST", "/alibaba/order/create/preview", {"cargoParamList": cargos[1:], "addressParam": ADDRESS})
    created = walk("POST", "/alibaba/order/create", {"cargoParamList": cargos[1:], "addressParam": ADDRESS,
                                                     "flow": "general"})  # fmt: skip
    walk("POST", "/alibaba/order/batch/create/preview", {"cargoParamList": cargos, "addressParam": ADDRESS})
    batch = walk("POST", "/v2/alibaba/order/batch/create", {"cargoParamList": cargos, "addressParam": ADDRESS})
    walk("POST", "/alibaba/order/cancel", {"webSite": "1688", "orderId": batch[0]["orderId"],
                                           "cancelReason": "不想要了"})  # fmt: skip
    walk("GET", "/alibaba/order/pay/url", {"orderId": paid})
    walk("POST", "/alibaba/order/batch/submit/to/pay", {"orderIds": [created["orderId"]]})
    walk("POST", "/v2/alibaba/order/page", {"pageSize": 10})
    walk("POST", "/sandbox/1688/order/ship", {"orderId": paid})
    walk("GET", "/alibaba/order/logistics/trace", {"orderId": paid})
    detail = walk("POST", "/alibaba/order/detail", {"webSite": "1688", "orderId": paid})
    entries = [item["subItemIDString"] for item in detail["productItems"]]
    walk("POST", "/alibaba/order/receivegoods", {"orderId": paid, "orderEntryIds": entries})

    walk("POST", "/alibaba/refund/reasons", {"orderId": paid, "orderEntryIds": entries,
                                             "goodsStatus": "refundBuyerReceived"})  # fmt: skip
    voucher = walk("POST", "/alibaba/refund/voucher/upload", {"imageData": base64.b64encode(jpeg()).decode()})
    refund = walk("POST", "/alibaba/refund/detail/create", {
        "orderId": paid, "orderEntryIds": entries, "disputeRequest": "returnRefund", "applyPayment": 100,
        "applyCarriage": 0, "applyReasonId": 20004, "description": "质量问题", "goodsStatus": "refundBuyerReceived",
        "vouchers": [voucher["imageDomain"] + voucher["imageRelativeUrl"]],
    })  # fmt: skip
    walk("POST", "/alibaba/refund/info", {"refundId": refund["refundId"]})
    walk("POST", "/sandbox/1688/refund/agree", {"refundId": refund["refundId"]})
    walk("GET", "/alibaba/refund/logistics/companies")
    walk("POST", "/alibaba/refund/goods/return", {"refundId": refund["refundId"], "logisticsCompanyNo": "ZTO",
                                                  "freightBill": "ZT778899"})  # fmt: skip
    walk("POST", "/v2/alibaba/refund/info", {"refundId": refund["refundId"]})


def test_no_answer_of_either_platform_sends_an_internal_picture_reference(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    gf.seed(runtime)
    walk = Walk(http, demo)
    _taobao(walk, runtime)
    _alibaba(walk, runtime)
    assert walk.answers > 60
    assert walk.fields_with_urls >= PICTURE_FIELDS, f"never saw a URL in {PICTURE_FIELDS - walk.fields_with_urls}"
    assert any("/images/vouchers/" in url for url in walk.pictures)
    for url in sorted(walk.pictures):  # pictures keep answering after everything above
        assert _not_served(http, url) is None, url
