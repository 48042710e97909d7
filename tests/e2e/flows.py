"""Both platforms' flows with real ids, each request a step a client takes: the wire recording
(test_wire_recording.py) records every answer, the reference walk (test_wire_references.py) checks every string of
them. A flow sends through a :class:`Sender` and goes on with the ``data`` of each step."""

from __future__ import annotations

import base64
import json
import re
from typing import Any, Protocol

from kuajing.domain.catalog.model import CatalogPlatform
from kuajing.protocol.ids import IdKind
from kuajing.runtime import Runtime
from tests.aftersales_helpers import jpeg
from tests.alibaba_catalog import ADDRESS
from tests.api import goods_fixtures as gf
from tests.taobao_fixtures import RECEIVER

PICTURE = re.compile(r"http://testserver/images/[^\"]+")


class Sender(Protocol):
    def __call__(self, method: str, path: str, body: Any = None) -> Any:
        """A signed step that must succeed; its ``data``."""
        ...

    def send(self, method: str, path: str, body: Any = None, *, signed: bool = True) -> Any:
        """A request whose answer the flow does not depend on (a picture, a page, a refusal)."""
        ...


def taobao(rec: Sender, rt: Runtime) -> None:
    """Goods, cart, render, create, pay (offline and online), ship, trace, receipt, three reverse orders."""
    product = next(
        p for p in gf.products(rt, CatalogPlatform.TAOBAO)
        if p.mp_id and sum(1 for s in p.skus if s.stock >= 3 and s.mp_sku_id) >= 2
    )  # fmt: skip
    skus = [s for s in product.skus if s.stock >= 3 and s.mp_sku_id][:2]
    encrypted = rt.id_codec.encode(IdKind.TAOBAO_ITEM, product.external_id)
    rec("POST", "/open/product/item/search", {"keyword": "", "pageSize": 10})
    rec("POST", "/v2/taobao/product/item/search", {"keyword": product.titles["zh"][:4], "pageSize": 5})
    rec("GET", "/open/product/query", {"keyword": "", "pageSize": 5})
    item = rec("GET", "/open/product/get", {"itemId": str(product.external_id)})
    rec("GET", "/v2/taobao/product/get", {"itemId": encrypted})
    rec("POST", "/open/product/batch/check",
        {"params": json.dumps([{"itemId": str(product.external_id), "skuIds": [str(skus[0].sku_id)]}])})  # fmt: skip
    rec.send("GET", f"/images/taobao/{product.external_id}/0.jpg", signed=False)

    row = rec("POST", "/open/cart/add", {"mpId": str(product.mp_id), "mpSkuId": str(skus[1].mp_sku_id)})
    rec("POST", "/open/cart/edit-quantity", {"id": row["id"], "quantity": 2})
    rec("GET", "/open/cart/list")
    rec("GET", "/v2/taobao/cart/list")
    rec("POST", "/open/cart/preview", {"ids": [row["id"]]})
    from_cart = rec("POST", "/open/cart/create/order", {"ids": [row["id"]], "orderAddress": RECEIVER})
    cancelled_po = from_cart["orderList"][0]["purchaseId"]
    rec("POST", "/open/order/cancel", {"purchaseOrderId": cancelled_po, "cancelReason": "不想要了"})
    extra = rec("POST", "/open/cart/add", {"mpId": str(product.mp_id), "mpSkuId": str(skus[0].mp_sku_id)})
    rec("POST", "/open/cart/delete", {"ids": [extra["id"]]})

    lines = json.dumps([{"itemId": str(product.mp_id), "skuId": str(skus[0].mp_sku_id), "quantity": "3"}])
    receiver = json.dumps(RECEIVER, ensure_ascii=False)
    rec("POST", "/open/order/render", {"orderLineList": lines, "receiver": receiver})
    created = rec("POST", "/open/order", {"orderLineList": lines, "receiver": receiver,
                                          "sellerOrderNumber": "REC-0001"})  # fmt: skip
    po = created["orderList"][0]["purchaseId"]
    sub = created["orderList"][0]["orderLineList"][0]["subPurchaseOrderId"]
    rec("POST", "/sandbox/taobao/order/price/modify", {"purchaseOrderId": po, "subPurchaseOrderId": sub, "price": 990})
    rec("POST", "/open/order/page/link/get", {"bizId": po})
    rec("POST", "/open/order/voucher/upload", {"purchaseOrderId": po, "voucherUrl": "https://img.example.com/v.jpg"})
    rec("POST", "/sandbox/taobao/order/voucher/reject", {"purchaseOrderId": po, "remark": "看不清"})
    rec("POST", "/open/order/pay", {"purchaseOrderIdList": [po]})
    rec("POST", "/open/order/warehouse/update", {"purchaseOrderId": po, "receiver": RECEIVER})
    rec("GET", "/open/order/page", {"pageSize": 10})
    rec("POST", "/open/purchase/page", {"pageSize": 10})
    rec("POST", "/v2/taobao/order/page", {"pageSize": 10})
    rec("POST", "/sandbox/taobao/order/ship", {"purchaseOrderId": po})
    rec("GET", "/open/order/logistics/detail/get", {"subPurchaseOrderId": sub})
    rec("POST", "/sandbox/taobao/order/confirm", {"purchaseOrderId": po})
    rec("GET", "/v2/taobao/order/detail", {"purchaseOrderId": po})

    rec("POST", "/v2/taobao/order/refund/render", {"subOrderId": sub, "refundType": 1, "goodsStatus": 4})
    first = rec("POST", "/open/order/refund/submit", {"subOrderId": sub, "refundType": 1, "goodsStatus": 4,
                                                     "reasonId": 1, "refundFee": 100})  # fmt: skip
    rid = first["refundOrderAggregate"]["refundOrder"]["refundId"]
    rec("POST", "/open/order/refund/queryList", {"pageSize": 10})
    rec("POST", "/open/order/refund/submit/message", {"refundId": rid, "refundMessage": "请尽快处理"})
    rec("POST", "/open/order/refund/message/list", {"refundId": rid})
    rec("POST", "/sandbox/taobao/refund/refuse", {"refundId": rid, "reason": "不同意"})
    rec("POST", "/open/order/refund/modify", {"refundId": rid, "refundFee": 90})
    rec("GET", f"/open/order/refund/cancel/{rid}")

    second = rec("POST", "/open/order/refund/submit", {"subOrderId": sub, "refundType": 2, "goodsStatus": 4,
                                                      "reasonId": 5, "refundFee": 200})  # fmt: skip
    rid = second["refundOrderAggregate"]["refundOrder"]["refundId"]
    rec("POST", "/sandbox/taobao/refund/agree", {"refundId": rid})
    rec("GET", "/open/order/refund/logistics/render", {"refundId": rid})
    rec("POST", "/open/order/refund/logistics/submit", {"refundId": rid, "logisticsCompanyCode": "SF",
                                                        "logisticsNo": "SF12181323546"})  # fmt: skip
    rec("POST", "/sandbox/taobao/refund/receive", {"refundId": rid})
    rec("GET", "/v2/taobao/order/refund/query", {"refundId": rid})
    rec("GET", "/open/order/detail", {"purchaseOrderId": po})

    rec("POST", "/open/product/image/search",
        {"imageAddress": f"http://testserver/images/taobao/{product.external_id}/0.jpg", "pageSize": 5})  # fmt: skip
    offline = rec("POST", "/open/order", {"orderLineList": lines, "receiver": receiver,
                                          "sellerOrderNumber": "REC-0003"})["orderList"][0]["purchaseId"]  # fmt: skip
    rec(
        "POST",
        "/open/order/voucher/upload",
        {"purchaseOrderId": offline, "voucherUrl": "https://img.example.com/w.jpg"},
    )
    rec("POST", "/sandbox/taobao/order/voucher/approve", {"purchaseOrderId": offline})

    one = json.dumps([{"itemId": str(product.mp_id), "skuId": str(skus[1].mp_sku_id), "quantity": "1"}])
    subs = []
    for n in (4, 5):
        made = rec("POST", "/open/order", {"orderLineList": one, "receiver": receiver,
                                           "sellerOrderNumber": f"REC-000{n}"})["orderList"][0]  # fmt: skip
        rec("POST", "/open/order/pay", {"purchaseOrderIdList": [made["purchaseId"]]})
        rec("POST", "/sandbox/taobao/order/ship", {"purchaseOrderId": made["purchaseId"]})
        rec("POST", "/sandbox/taobao/order/confirm", {"purchaseOrderId": made["purchaseId"]})
        subs.append(made["orderLineList"][0]["subPurchaseOrderId"])
    late = rec("POST", "/open/order/refund/submit", {"subOrderId": subs[0], "refundType": 1, "goodsStatus": 4,
                                                    "reasonId": 1, "refundFee": 50})  # fmt: skip
    rec(
        "POST", "/sandbox/taobao/refund/deadline", {"refundId": late["refundOrderAggregate"]["refundOrder"]["refundId"]}
    )
    back = rec("POST", "/open/order/refund/submit", {"subOrderId": subs[1], "refundType": 2, "goodsStatus": 4,
                                                    "reasonId": 5, "refundFee": 50})  # fmt: skip
    back_id = back["refundOrderAggregate"]["refundOrder"]["refundId"]
    rec("POST", "/sandbox/taobao/refund/agree", {"refundId": back_id})
    rec("POST", "/open/order/refund/logistics/submit", {"refundId": back_id, "logisticsCompanyCode": "SF",
                                                        "logisticsNo": "SF12181323547"})  # fmt: skip
    rec("POST", "/sandbox/taobao/refund/reject", {"refundId": back_id, "reason": "商品有污渍"})
    rec.send("GET", f"/v2/taobao/order/refund/cancel/{rid}")  # refused: it succeeded

    closed = rec("POST", "/open/order", {"orderLineList": lines, "receiver": receiver,
                                         "sellerOrderNumber": "REC-0002"})  # fmt: skip
    rec("POST", "/sandbox/taobao/order/close", {"purchaseOrderId": closed["orderList"][0]["purchaseId"]})
    rec("POST", "/sandbox/taobao/seller/behaviour", {"shopId": item["shopId"], "behaviour": {"shipAfterHours": 12}})


def alibaba(rec: Sender, rt: Runtime) -> None:
    """Goods, cart, previews, creates, cancel, close, pay, ship, trace, receipt, four refunds, the cashier."""
    offer = next(p for p in gf.products(rt, CatalogPlatform.ALIBABA) if len(p.skus) >= 2)
    quantity = max(offer.min_order_quantity, 1)
    cargos = [{"offerId": offer.external_id, "specId": s.spec_id, "quantity": quantity} for s in offer.skus[:2]]
    rec("POST", "/alibaba/product/keywords/query", {"keyword": "", "pageSize": 10})
    rec("POST", "/v2/alibaba/product/strict/keywords/query", {"pageSize": 5})
    rec("POST", "/alibaba/product/detail/get", {"offerId": offer.external_id})
    rec("POST", "/v2/alibaba/product/detail/get",
        {"offerId": rt.id_codec.encode(IdKind.ALIBABA_OFFER, offer.external_id)})  # fmt: skip
    rec("POST", "/alibaba/product/recommend", {"pageSize": 5})
    rec("POST", "/alibaba/product/productRelatedRecommendQuery", {"offerId": offer.external_id, "pageSize": 5})
    rec("POST", "/v2/alibaba/product/hot/rank", {"language": "en", "limit": 5})
    rec("POST", "/alibaba/product/category/get", {"categoryId": "0", "language": "en"})
    rec("POST", "/alibaba/product/image/query",
        {"imageAddress": f"http://testserver/images/1688/{offer.external_id}/0.jpg", "pageSize": 5})  # fmt: skip

    cart_id = rec("POST", "/alibaba/cart/add", cargos[0])
    rec("POST", "/alibaba/cart/edit-quantity", {"id": cart_id, "quantity": quantity + 1})
    rec("GET", "/v2/alibaba/cart/list")
    rec("POST", "/alibaba/cart/create/preview", {"cartIds": [cart_id], "addressParam": ADDRESS})
    from_cart = rec("POST", "/alibaba/cart/create/order", {"cartIds": [cart_id], "addressParam": ADDRESS,
                                                           "flow": "general"})  # fmt: skip
    paid = from_cart[0]["orderId"]
    spare = rec("POST", "/alibaba/cart/add", cargos[1])
    rec("POST", "/alibaba/cart/delete", {"ids": [spare]})

    rec("POST", "/alibaba/order/create/preview", {"cargoParamList": cargos[1:], "addressParam": ADDRESS})
    created = rec("POST", "/alibaba/order/create", {"cargoParamList": cargos[1:], "addressParam": ADDRESS,
                                                    "flow": "general"})  # fmt: skip
    rec("POST", "/alibaba/order/batch/create/preview", {"cargoParamList": cargos, "addressParam": ADDRESS})
    batch = rec("POST", "/v2/alibaba/order/batch/create", {"cargoParamList": cargos, "addressParam": ADDRESS})
    rec("POST", "/alibaba/order/cancel", {"webSite": "1688", "orderId": batch[0]["orderId"],
                                          "cancelReason": "不想要了"})  # fmt: skip
    unpaid = rec("POST", "/alibaba/order/create", {"cargoParamList": cargos[:1], "addressParam": ADDRESS,
                                                   "flow": "general"})  # fmt: skip
    rec("POST", "/sandbox/1688/order/modify-price", {"orderId": unpaid["orderId"], "shippingFee": 0})
    rec("POST", "/sandbox/1688/order/close", {"orderId": unpaid["orderId"]})
    rec("GET", "/alibaba/order/pay/url", {"orderId": paid})
    rec("POST", "/alibaba/order/batch/submit/to/pay", {"orderIds": [created["orderId"]]})
    rec("POST", "/v2/alibaba/order/page", {"pageSize": 10})
    rec("POST", "/sandbox/1688/order/ship", {"orderId": paid})
    rec("GET", "/alibaba/order/logistics/trace", {"orderId": paid})
    detail = rec("POST", "/alibaba/order/detail", {"webSite": "1688", "orderId": paid})
    entries = [item["subItemIDString"] for item in detail["productItems"]]
    rec("POST", "/alibaba/order/receivegoods", {"orderId": paid, "orderEntryIds": entries})

    rec("POST", "/alibaba/refund/reasons", {"orderId": paid, "orderEntryIds": entries,
                                            "goodsStatus": "refundBuyerReceived"})  # fmt: skip
    voucher = rec("POST", "/alibaba/refund/voucher/upload", {"imageData": base64.b64encode(jpeg()).decode()})
    rec.send("GET", voucher["imageRelativeUrl"], signed=False)
    refund = rec("POST", "/alibaba/refund/detail/create", {
        "orderId": paid, "orderEntryIds": entries, "disputeRequest": "returnRefund", "applyPayment": 100,
        "applyCarriage": 0, "applyReasonId": 20004, "description": "质量问题", "goodsStatus": "refundBuyerReceived",
        "vouchers": [voucher["imageDomain"] + voucher["imageRelativeUrl"]],
    })  # fmt: skip
    rec("POST", "/alibaba/refund/info", {"refundId": refund["refundId"]})
    rec("POST", "/sandbox/1688/refund/agree", {"refundId": refund["refundId"]})
    rec("GET", "/alibaba/refund/logistics/companies")
    rec("POST", "/alibaba/refund/goods/return", {"refundId": refund["refundId"], "logisticsCompanyNo": "ZTO",
                                                 "freightBill": "ZT778899"})  # fmt: skip
    rec("POST", "/sandbox/1688/refund/receive", {"refundId": refund["refundId"]})
    rec("POST", "/v2/alibaba/refund/info", {"refundId": refund["refundId"]})

    seller = detail["baseInfo"]["sellerOpenId"]
    rec("POST", "/alibaba/product/query/selleroffer", {"sellerOpenId": seller, "pageSize": 5})
    rec("POST", "/alibaba/product/openuid/decrypt", {"openUid": seller, "offerId": offer.external_id})
    rec("POST", "/sandbox/1688/seller/behaviour", {"sellerOpenId": seller, "behaviour": {"carriageFen": 800}})
    for action, dispute in (("refuse", "refund"), ("deadline", "refund"), ("reject", "returnRefund")):
        made = rec("POST", "/alibaba/order/create", {"cargoParamList": cargos[:1], "addressParam": ADDRESS,
                                                     "flow": "general"})["orderId"]  # fmt: skip
        rec("POST", "/alibaba/order/batch/submit/to/pay", {"orderIds": [made]})
        rec("POST", "/sandbox/1688/order/ship", {"orderId": made})
        got = rec("POST", "/alibaba/order/detail", {"webSite": "1688", "orderId": made})
        ids = [item["subItemIDString"] for item in got["productItems"]]
        rec("POST", "/alibaba/order/receivegoods", {"orderId": made, "orderEntryIds": ids})
        asked = rec("POST", "/alibaba/refund/detail/create", {
            "orderId": made, "orderEntryIds": ids, "disputeRequest": dispute, "applyPayment": 100,
            "applyCarriage": 0, "applyReasonId": 20004, "description": "质量问题", "goodsStatus": "refundBuyerReceived",
            "vouchers": [voucher["imageDomain"] + voucher["imageRelativeUrl"]],
        })["refundId"]  # fmt: skip
        if action == "reject":
            rec("POST", "/sandbox/1688/refund/agree", {"refundId": asked})
            rec("POST", "/alibaba/refund/goods/return", {"refundId": asked, "logisticsCompanyNo": "ZTO",
                                                         "freightBill": "ZT778890"})  # fmt: skip
        rec("POST", f"/sandbox/1688/refund/{action}", {"refundId": asked, "reason": "不符合"})

    rec("POST", "/sandbox/1688/protocol-pay", {"enabled": False})
    at_cashier = rec("POST", "/alibaba/order/create", {"cargoParamList": cargos[:1], "addressParam": ADDRESS,
                                                       "flow": "general"})["orderId"]  # fmt: skip
    link = rec("GET", "/alibaba/order/pay/url", {"orderId": at_cashier})["payUrl"]
    cashier = link.removeprefix("http://testserver")
    rec.send("GET", cashier, signed=False)
    rec.send("POST", cashier, signed=False)
    rec("POST", "/sandbox/1688/protocol-pay", {"enabled": True})
    pictures = {url for url in PICTURE.findall(json.dumps(detail)) if "/images/gen/" in url}
    for url in sorted(pictures)[:2]:
        rec.send("GET", url.removeprefix("http://testserver"), signed=False)
