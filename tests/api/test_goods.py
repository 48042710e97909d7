"""Goods endpoints on SQLite and PostgreSQL: exact field names and JSON types, v1/v2 ids, paging, bad input."""

from __future__ import annotations

import base64
import io
import json
from typing import Any

import pytest
from PIL import Image
from starlette.testclient import TestClient

from kuajing.domain.accounts.model import Credentials
from kuajing.domain.catalog.model import CatalogPlatform, Product
from kuajing.protocol.ids import IdKind
from kuajing.runtime import Runtime
from tests.api import goods_fixtures as gf
from tests.api.helpers import headers

PAGE_KEYS = {"totalRecords": int, "totalPage": int, "pageSize": int, "currentPage": int, "data": list}
AL_ITEM = {
    "offerId": int, "imageUrl": str, "subject": str, "subjectTrans": str, "priceInfo": dict, "isJxhy": bool,
    "repurchaseRate": str, "monthSold": int, "traceInfo": str, "categoryId": int, "sellerOpenId": str,
    "isOnePsale": bool,
}  # fmt: skip
TB_ITEM = {
    "itemId": int, "mpId": str, "title": str, "titleTrans": str, "picUrl": str, "price": int, "monthSold": int,
    "categoryId": str, "shopId": int, "shopName": str, "status": str,
}  # fmt: skip


@pytest.fixture
def catalog(runtime: Runtime) -> Runtime:
    gf.seed(runtime)
    return runtime


def call(http: TestClient, creds: Credentials, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    if method == "GET":
        r = http.get(path, params=body, headers=headers(creds))
    else:
        r = http.post(path, json=body or {}, headers=headers(creds))
    return r.json()


def ok(doc: Any) -> Any:
    assert doc["code"] == 200, doc
    return doc["data"]


def refused(doc: Any, code: int, field: str) -> None:
    """A refusal: ``data`` is null and ``msg`` names the field."""
    assert doc["code"] == code and doc["data"] is None and field in doc["msg"], doc


def typed(obj: dict[str, Any], spec: dict[str, type]) -> None:
    for key, kind in spec.items():
        assert key in obj, key
        assert isinstance(obj[key], kind) and not (kind is int and isinstance(obj[key], bool)), (key, obj[key])


def first(rt: Runtime, platform: CatalogPlatform) -> Product:
    return gf.products(rt, platform)[0]


def test_taobao_item_get_v1_and_v2(catalog: Runtime, http: TestClient, demo: Credentials) -> None:
    p = first(catalog, CatalogPlatform.TAOBAO)
    v1 = ok(call(http, demo, "GET", "/open/product/get", {"itemId": str(p.external_id)}))
    typed(v1, {
        "beginAmount": int, "categoryId": str, "categoryName": str, "categoryPath": str, "description": str,
        "itemId": int, "itemType": str, "mpId": str, "picUrls": list, "price": int, "productUnit": str,
        "quantity": int, "shopId": int, "shopName": str, "skuList": list, "status": str, "title": str,
        "userNick": str,
    })  # fmt: skip
    assert v1["itemId"] == p.external_id and v1["status"] == "active" and "->" in v1["categoryPath"]
    typed(v1["skuList"][0], {"picUrl": str, "quantity": int, "price": int, "skuId": str, "status": str})
    encrypted = catalog.id_codec.encode(IdKind.TAOBAO_ITEM, p.external_id)
    v2 = ok(call(http, demo, "GET", "/v2/taobao/product/get", {"itemId": encrypted, "language": "Việt Nam"}))
    assert v2["itemId"] == encrypted and v2["mpId"] == v1["mpId"] and v2["titleTrans"] == p.titles["vi"]
    assert http.get(v1["picUrls"][0]).headers["content-type"] == "image/jpeg"


def test_unknown_ids_and_bad_language(catalog: Runtime, http: TestClient, demo: Credentials) -> None:
    refused(call(http, demo, "GET", "/open/product/get", {"itemId": "123"}), 40401, "itemId")
    doc = call(http, demo, "GET", "/v2/taobao/product/get", {"itemId": "WUnUC1cILiBjt-Jv3lDdlQ"})
    assert doc["code"] == 40401
    refused(call(http, demo, "POST", "/alibaba/product/detail/get", {"offerId": 1}), 40401, "offerId")
    doc = call(http, demo, "POST", "/alibaba/product/keywords/query", {"keyword": "x", "country": "klingon"})
    refused(doc, 40002, "country")


def test_batch_check(catalog: Runtime, http: TestClient, demo: Credentials) -> None:
    p = first(catalog, CatalogPlatform.TAOBAO)
    params = json.dumps([{"itemId": str(p.external_id), "skuIds": [str(p.skus[0].sku_id)]}, {"itemId": "42"}])
    data = ok(call(http, demo, "POST", "/open/product/batch/check", {"params": params}))
    assert set(data) == {"mpProducts", "noMpProductItemIds", "noMpReasonList"}
    assert data["mpProducts"] == [
        {"itemId": str(p.external_id), "mpId": str(p.mp_id), "skuList": [{"skuId": str(p.skus[0].sku_id), "mpSkuId": str(p.skus[0].mp_sku_id)}]}
    ]  # fmt: skip
    assert data["noMpProductItemIds"] == ["42"] and set(data["noMpReasonList"][0]) == {"itemId", "reason"}
    refused(call(http, demo, "POST", "/open/product/batch/check", {"params": "[{"}), 40002, "params")


def test_taobao_search_paging_and_sort(catalog: Runtime, http: TestClient, demo: Credentials) -> None:
    body = {"keyword": "", "pageSize": "5", "pageNo": 0, "sort": "price_asc", "priceStart": ""}
    page = ok(call(http, demo, "POST", "/v2/taobao/product/item/search", body))
    typed(page, PAGE_KEYS)
    assert page["totalRecords"] == gf.N_PRODUCTS // 2 and page["totalPage"] == 8 and page["currentPage"] == 1
    prices = [i["price"] for i in page["data"]]
    assert prices == sorted(prices) and len(prices) == 5
    assert isinstance(page["data"][0]["itemId"], str)  # v2: encrypted
    v1 = ok(call(http, demo, "POST", "/open/product/item/search", {"pageSize": 100, "pageNo": 1}))
    assert v1["pageSize"] == 40 and len(v1["data"]) == 40
    typed(v1["data"][0], TB_ITEM)
    beyond = ok(call(http, demo, "POST", "/open/product/item/search", {"pageSize": 10, "pageNo": 99}))
    assert beyond["data"] == [] and beyond["totalRecords"] == gf.N_PRODUCTS // 2 and beyond["currentPage"] == 99
    inquiry = ok(call(http, demo, "GET", "/open/product/query", {"keyword": "", "pageSize": "3"}))
    assert inquiry["totalRecords"] == gf.N_PRODUCTS // 2


def test_alibaba_keyword_query_types_filters_and_bad_sort(
    catalog: Runtime, http: TestClient, demo: Credentials
) -> None:
    body = {"keyword": "", "beginPage": 1, "pageSize": 50, "country": "en", "sort": '{"price":"desc"}'}
    page = ok(call(http, demo, "POST", "/alibaba/product/keywords/query", body))
    typed(page, PAGE_KEYS)
    typed(page["data"][0], AL_ITEM)
    typed(page["data"][0]["priceInfo"], {"price": str})
    prices = [float(i["priceInfo"]["price"]) for i in page["data"]]
    assert prices == sorted(prices, reverse=True)
    strict = ok(call(http, demo, "POST", "/alibaba/product/keywords/query", {"filter": "jxhy", "pageSize": 50}))
    assert strict["totalRecords"] == sum(i["isJxhy"] for i in page["data"]) and all(i["isJxhy"] for i in strict["data"])
    f9 = ok(call(http, demo, "POST", "/v2/alibaba/product/strict/keywords/query", {"pageSize": 50}))
    assert f9["totalRecords"] == strict["totalRecords"]
    f8 = ok(call(http, demo, "POST", "/v2/alibaba/product/global/strict/keywords/query", {"pageSize": 50}))
    assert f8["totalRecords"] == strict["totalRecords"]
    cheap = ok(call(http, demo, "POST", "/alibaba/product/keywords/query", {"priceEnd": "40", "pageSize": 50}))
    assert cheap["totalRecords"] == sum(float(i["priceInfo"]["price"]) <= 40 for i in page["data"])
    for bad in ('{"price":', '{"colour":"up"}', "sideways"):
        refused(call(http, demo, "POST", "/alibaba/product/keywords/query", {"sort": bad}), 40002, "sort")


def test_alibaba_detail_store_category_recommend_hot_openuid(
    catalog: Runtime, http: TestClient, demo: Credentials
) -> None:
    p = first(catalog, CatalogPlatform.ALIBABA)
    d = ok(call(http, demo, "POST", "/alibaba/product/detail/get", {"offerId": str(p.external_id), "country": "es"}))
    typed(d, {
        "offerId": int, "categoryId": int, "categoryName": str, "subject": str, "subjectTrans": str, "description": str,
        "productImage": dict, "productAttribute": list, "productSkuInfos": list, "productSaleInfo": dict,
        "productShippingInfo": dict, "isJxhy": bool, "sellerOpenId": str, "minOrderQuantity": int, "batchNumber": int,
        "status": str, "tagInfoList": list, "traceInfo": str, "sellerMixSetting": dict, "productCargoNumber": str,
        "sellerDataInfo": dict,
    })  # fmt: skip
    assert d["subjectTrans"] == p.titles["es"]
    sku = d["productSkuInfos"][0]
    typed(
        sku,
        {"skuId": int, "specId": str, "amountOnSale": int, "price": str, "consignPrice": str, "skuAttributes": list},
    )
    assert len(sku["specId"]) == 32
    v2 = ok(
        call(
            http,
            demo,
            "POST",
            "/v2/alibaba/product/detail/get",
            {"offerId": catalog.id_codec.encode(IdKind.ALIBABA_OFFER, p.external_id)},
        )
    )
    assert isinstance(v2["offerId"], str) and v2["subject"] == d["subject"]

    store = ok(
        call(
            http,
            demo,
            "POST",
            "/v2/alibaba/product/query/selleroffer",
            {"sellerOpenId": d["sellerOpenId"], "beginPage": 0},
        )
    )
    assert store["totalRecords"] >= 1 and all(i["sellerOpenId"] == d["sellerOpenId"] for i in store["data"])
    assert call(http, demo, "POST", "/alibaba/product/query/selleroffer", {"sellerOpenId": "nope"})["code"] == 40401

    root = ok(call(http, demo, "POST", "/alibaba/product/category/get", {"categoryId": "0", "language": "th"}))
    typed(
        root,
        {
            "categoryId": int,
            "chineseName": str,
            "translatedName": str,
            "language": str,
            "leaf": bool,
            "level": int,
            "parentCateId": int,
            "childCategorys": list,
        },
    )
    top = root["childCategorys"][0]
    node = ok(call(http, demo, "POST", "/alibaba/product/category/get", {"categoryId": top["id"], "language": "vi"}))
    assert node["level"] == 1 and node["childCategorys"] and all(c["leaf"] for c in node["childCategorys"])
    in_top = ok(call(http, demo, "POST", "/alibaba/product/keywords/query", {"categoryId": top["id"], "pageSize": 50}))
    assert all(i["categoryId"] // 100 == top["id"] for i in in_top["data"])  # descendants included
    assert call(http, demo, "POST", "/alibaba/product/category/get", {"categoryId": 999})["code"] == 40401

    rec = ok(call(http, demo, "POST", "/alibaba/product/recommend", {"pageSize": 5}))
    assert rec["totalRecords"] == gf.N_PRODUCTS // 2 and len(rec["data"]) == 5
    rel = ok(
        call(
            http,
            demo,
            "POST",
            "/v2/alibaba/product/productRelatedRecommendQuery",
            {
                "offerId": catalog.id_codec.encode(IdKind.ALIBABA_OFFER, p.external_id),
                "pageNo": 1,
                "pageSize": 10,
                "language": "en",
            },
        )
    )
    typed(rel, PAGE_KEYS)
    assert all(i["categoryId"] == p.category_id and i["offerId"] != v2["offerId"] for i in rel["data"])

    hot = ok(call(http, demo, "POST", "/v2/alibaba/product/hot/rank", {"language": "en", "limit": 3}))
    typed(hot, {"rankId": str, "rankName": str, "rankType": str, "rankProductModels": list})
    models = hot["rankProductModels"]
    typed(
        models[0],
        {
            "itemId": str,
            "title": str,
            "translateTitle": str,
            "imgUrl": str,
            "sort": int,
            "buyerNum": int,
            "soldOut": int,
            "goodsScore": str,
        },
    )
    assert [m["soldOut"] for m in models] == sorted((m["soldOut"] for m in models), reverse=True)

    ww = ok(
        call(
            http,
            demo,
            "POST",
            "/alibaba/product/openuid/decrypt",
            {"openUid": d["sellerOpenId"], "offerId": p.external_id},
        )
    )
    assert set(ww) == {"wangwangNick", "url"} and ww["wangwangNick"]


def _jpeg(img: Image.Image) -> str:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, format="JPEG", quality=70)
    return base64.b64encode(buf.getvalue()).decode()


def test_image_search_and_bad_images(catalog: Runtime, http: TestClient, demo: Credentials) -> None:
    from kuajing.market.embedding import embed_missing
    from kuajing.search.image.embedder import ImageEmbedder

    embed_missing(catalog.uow, ImageEmbedder(), now_ms=0)
    p = first(catalog, CatalogPlatform.ALIBABA)
    url = f"http://testserver/images/1688/{p.external_id}/0.jpg"
    original = Image.open(io.BytesIO(http.get(url).content))
    edited = original.transpose(Image.Transpose.FLIP_LEFT_RIGHT).crop((20, 20, 380, 380)).resize((250, 250))
    page = ok(call(http, demo, "POST", "/alibaba/product/image/query", {"imageBase64": _jpeg(edited), "pageSize": 5}))
    typed(page, PAGE_KEYS)
    assert page["data"][0]["offerId"] == p.external_id
    by_address = ok(call(http, demo, "POST", "/v2/alibaba/product/image/query", {"imageAddress": url, "pageSize": 5}))
    assert by_address["data"][0]["offerId"] == catalog.id_codec.encode(IdKind.ALIBABA_OFFER, p.external_id)
    sent = ok(call(http, demo, "POST", "/alibaba/product/detail/get", {"offerId": p.external_id}))
    assert sent["productImage"]["images"][0].startswith("http://testserver/images/gen/")  # what answers send
    by_sent = ok(call(http, demo, "POST", "/alibaba/product/image/query",
                      {"imageAddress": sent["productImage"]["images"][0], "pageSize": 5}))  # fmt: skip
    assert by_sent["data"][0]["offerId"] == p.external_id
    t = first(catalog, CatalogPlatform.TAOBAO)
    tb = ok(
        call(
            http,
            demo,
            "POST",
            "/open/product/image/search",
            {"imageAddress": f"http://testserver/images/taobao/{t.external_id}/0.jpg"},
        )
    )
    assert tb["data"][0]["itemId"] == t.external_id
    for body in ({"imageBase64": base64.b64encode(b"not an image").decode()}, {"imageBase64": "@@@"}, {}):
        refused(call(http, demo, "POST", "/alibaba/product/image/query", body), 40002, "imageBase64")
    doc = call(http, demo, "POST", "/alibaba/product/image/query", {"imageAddress": "https://example.com/x.jpg"})
    assert doc["data"] is None and "imageAddress" in doc["msg"], doc
