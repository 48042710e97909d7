"""Pictures on the wire, on SQLite and PostgreSQL: a generated picture goes out as a URL that spells its reference
and answers without the catalog (so an order line keeps its picture after the product changes), the product-named
form still answers, and 1688 refund vouchers are kept and served with the bytes that were uploaded."""

from __future__ import annotations

import base64
import io
import json
import uuid

import pytest
from PIL import Image
from starlette.testclient import TestClient

from kuajing.api.images import render_picture_url
from kuajing.client import Client
from kuajing.client.errors import APIError
from kuajing.domain.accounts.model import Credentials
from kuajing.domain.catalog.model import CatalogPlatform, Product
from kuajing.market.generator import render_image_jpeg
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.aftersales_helpers import jpeg, ok
from tests.api import goods_fixtures as gf
from tests.taobao_fixtures import RECEIVER

REF = "gen:toy:823caa:20000000:1"
#: the reference spelled out, then the first 64 bits of HMAC-SHA256(SHA-256(master key, 0, "picture-urls"), REF) with
#: the test suite's master key (0x0f × 32)
URL = "http://testserver/images/gen/toy-823caa-20000000-1-ad722fb3cf2775a4.jpg"


def test_a_generated_reference_goes_out_as_the_url_that_spells_it(runtime: Runtime) -> None:
    assert render_picture_url(runtime, REF) == URL


@pytest.mark.parametrize(
    ("ref", "sent"),
    [
        ("https://img.example/1.jpg", "https://img.example/1.jpg"),  # imported: passed through
        ("", ""),
        ("gen:toy:823caa", ""),  # a reference the painter cannot read is no picture, never the reference itself
        ("gen:Toy:823caa:1:0", ""),
        ("gen:toy:82zzaa:1:0", ""),
        ("gen:toy:823caa:1:7", ""),
    ],
)
def test_what_other_references_send(runtime: Runtime, ref: str, sent: str) -> None:
    assert render_picture_url(runtime, ref) == sent


def test_a_generated_url_answers_its_painting_and_only_exact_names_answer(http: TestClient) -> None:
    got = http.get(URL)
    assert got.status_code == 200 and got.headers["content-type"] == "image/jpeg"
    assert got.content == render_image_jpeg(REF)
    assert got.headers["cache-control"] == "public, max-age=86400, immutable"
    mac = "ad722fb3cf2775a4"
    for name in (f"toy-823CAA-20000000-1-{mac}.jpg", f"toy-823caa-20000000-9-{mac}.jpg", f"toy-823caa-20000000-{mac}.jpg",
                 f"toy-823caa-20000000-1-{mac}.png", f"toy:823caa:20000000:1:{mac}.jpg", f"-823caa-20000000-1-{mac}.jpg",
                 "toy-823caa-20000000-1.jpg",  # no digest: a name anyone could make up
                 "toy-823caa-20000001-1-ad722fb3cf2775a4.jpg",  # another picture with this one's digest
                 f"toy-823caa-20000000-1-{mac.upper()}.jpg", f"toy-823caa-20000000-1-{mac[:-1]}.jpg"):  # fmt: skip
        missing = http.get(f"/images/gen/{name}")
        assert missing.status_code == 404 and missing.json()["code"] == Code.NOT_FOUND, name


def _first_with_sku_picture(runtime: Runtime) -> Product:
    return next(
        p for p in gf.products(runtime, CatalogPlatform.TAOBAO)
        if p.mp_id and p.skus[0].image and p.skus[0].mp_sku_id and p.skus[0].stock >= 1
    )  # fmt: skip


def test_an_order_line_keeps_the_picture_it_was_bought_with(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    gf.seed(runtime)
    product = _first_with_sku_picture(runtime)
    bought_with = product.skus[0].image
    line = {"itemId": str(product.mp_id), "skuId": str(product.skus[0].mp_sku_id), "quantity": "1"}
    created = ok(http, demo, "POST", "/open/order", {"orderLineList": json.dumps([line]),
                                                     "receiver": json.dumps(RECEIVER, ensure_ascii=False),
                                                     "sellerOrderNumber": uuid.uuid4().hex[:12]})  # fmt: skip
    po = created["orderList"][0]["purchaseId"]
    url = ok(http, demo, "GET", "/open/order/detail", {"purchaseOrderId": po})["subPurchaseOrders"][0]["skuInfo"][
        "skuImgUrl"
    ]
    assert url == render_picture_url(runtime, bought_with) and url.startswith(URL.split("gen/")[0])

    with runtime.uow() as uow:  # the seller repaints the product afterwards
        changed = uow.catalog.find_product(CatalogPlatform.TAOBAO, product.external_id)
        assert changed is not None
        changed.images = ["gen:cup:000000:1:0"]
        for sku in changed.skus:
            sku.image = "gen:cup:000000:1:0"
        uow.catalog.save_product(changed)
        uow.commit()
    again = ok(http, demo, "GET", "/open/order/detail", {"purchaseOrderId": po})["subPurchaseOrders"][0]
    assert again["skuInfo"]["skuImgUrl"] == again["optionFields"]["SKU_IMG_URL"] == url
    served = http.get(url)
    assert served.status_code == 200 and served.content == render_image_jpeg(bought_with)


def test_the_product_named_form_still_answers_with_the_current_picture(http: TestClient, runtime: Runtime) -> None:
    gf.seed(runtime)
    product = _first_with_sku_picture(runtime)
    first = http.get(f"/images/taobao/{product.external_id}/0.jpg")
    assert first.status_code == 200 and first.content == render_image_jpeg(product.images[0])
    assert first.headers["cache-control"] == "public, max-age=86400"  # it follows the product: not immutable
    sku = http.get(f"/images/taobao/{product.external_id}/sku-{product.skus[0].sku_id}.jpg")
    assert sku.status_code == 200 and sku.content == render_image_jpeg(product.skus[0].image)
    for path in (f"/images/taobao/{product.external_id}/99.jpg", f"/images/1688/{product.external_id}/0.jpg",
                 "/images/taobao/1/0.jpg"):  # fmt: skip
        assert http.get(path).status_code == 404, path


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buf, format="PNG")
    return buf.getvalue()


def test_a_voucher_is_kept_and_served_with_its_bytes(http: TestClient, client: Client) -> None:
    picture = jpeg("green")
    first = client.alibaba.refunds.upload_voucher(base64.b64encode(picture).decode())
    url = first.image_domain + first.image_relative_url
    assert first.image_domain == "http://testserver" and first.image_relative_url.startswith("/images/vouchers/")
    served = http.get(url)
    assert (served.status_code, served.content, served.headers["content-type"]) == (200, picture, "image/jpeg")
    assert served.headers["x-content-type-options"] == "nosniff"
    again = client.alibaba.refunds.upload_voucher(base64.b64encode(picture).decode())
    assert again.image_domain + again.image_relative_url == url  # one picture, one voucher

    png = _png()
    other = client.alibaba.refunds.upload_voucher(base64.b64encode(png).decode())
    assert other.image_relative_url.endswith(".png") and other.image_relative_url != first.image_relative_url
    assert http.get(other.image_domain + other.image_relative_url).content == png

    digest = first.image_relative_url.rsplit("/", 1)[1].removesuffix(".jpg")
    for name in (f"{digest}.png", f"{'0' * 32}.jpg", f"{digest.upper()}.jpg", "x.jpg"):
        assert http.get(f"/images/vouchers/{name}").status_code == 404, name


@pytest.mark.parametrize("data", [b"<html><script>alert(1)</script></html>", b"RIFF0000WAVE", b"\xff\xd8"])
def test_a_voucher_that_is_not_a_picture_is_refused(client: Client, data: bytes) -> None:
    with pytest.raises(APIError) as err:
        client.alibaba.refunds.upload_voucher(base64.b64encode(data).decode())
    assert err.value.code == Code.INVALID_PARAMETER and "imageData" in err.value.msg
