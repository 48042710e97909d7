"""Taobao goods (spec §2.A): item get, batch check (撞库), keyword and image search, commodity inquiry.

Taobao money is integer **fen** (``price``, ``promotionPrice``). On ``/v2/…`` paths ``itemId`` is the encrypted
string id (``itemMapId``); on v1 paths it is the number. 16-digit ``mpId``/``mpSkuId`` and SKU ids are strings.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.alibaba_goods import GoodsPage, ImageBase64, OptionalText, OptionalUrl
from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import (
    JsonStringDecoder,
    JsonStringEncoder,
    LooseId,
    LoosePageNo,
    OptionalFen,
    OptionalKeyword,
    OptionalLooseInt,
    PageSize,
)

__all__ = [
    "BatchCheckItem",
    "BatchCheckResult",
    "GoodsPage",
    "MpProduct",
    "MpSku",
    "NoMpReason",
    "TaobaoBatchCheck",
    "TaobaoImageSearch",
    "TaobaoProductDetail",
    "TaobaoProductGet",
    "TaobaoSearch",
    "TaobaoSearchItem",
    "TaobaoSku",
    "TaobaoSkuProperty",
]

_Req = ConfigDict(extra="ignore", str_strip_whitespace=True)
_Resp = ConfigDict(extra="allow")


class TaobaoProductGet(WireModel):
    model_config = _Req

    item_id: LooseId
    language: OptionalText = None


class TaobaoSkuProperty(WireModel):
    model_config = _Resp

    prop_id: int
    prop_name: str
    value_id: int
    value_name: str


class TaobaoSku(WireModel):
    model_config = _Resp

    sku_id: str
    mp_sku_id: str | None = None
    price: int
    promotion_price: int | None = None
    quantity: int
    status: str
    pic_url: str
    properties: list[TaobaoSkuProperty]


class TaobaoProductDetail(WireModel):
    """A1 ``data`` (``TaoBaoProductDetailsV2VO`` on v2)."""

    model_config = _Resp

    item_id: int | str
    mp_id: str | None = None
    title: str
    title_trans: str | None = None
    category_id: str
    category_name: str
    category_path: str
    description: str
    item_type: str
    pic_urls: list[str]
    price: int
    promotion_price: int | None = None
    quantity: int
    begin_amount: int
    product_unit: str
    shop_id: int
    shop_name: str
    user_nick: str
    status: str
    sku_list: list[TaobaoSku]


class BatchCheckItem(WireModel):
    model_config = _Req

    item_id: LooseId
    sku_ids: Annotated[list[LooseId], Field(max_length=200)] = []


class TaobaoBatchCheck(WireModel):
    """A2 body: ``params`` is a JSON-encoded array (a real array is accepted too)."""

    model_config = _Req

    params: Annotated[list[BatchCheckItem], JsonStringDecoder, JsonStringEncoder, Field(max_length=200)]


class MpSku(WireModel):
    model_config = _Resp

    sku_id: str
    mp_sku_id: str


class MpProduct(WireModel):
    model_config = _Resp

    item_id: str
    mp_id: str
    sku_list: list[MpSku]


class NoMpReason(WireModel):
    model_config = _Resp

    item_id: str
    reason: str


class BatchCheckResult(WireModel):
    model_config = _Resp

    mp_products: list[MpProduct]
    no_mp_product_item_ids: list[str]
    no_mp_reason_list: list[NoMpReason]


class TaobaoSearch(WireModel):
    """A3 (and A5 as query parameters): ``pageSize`` 1–40; ``priceStart``/``priceEnd`` in fen."""

    model_config = _Req

    keyword: OptionalKeyword = None
    page_no: LoosePageNo = 1
    page_size: PageSize = 20
    sort: OptionalText = None
    language: OptionalText = None
    category_id: OptionalLooseInt = None
    price_start: OptionalFen = None
    price_end: OptionalFen = None


class TaobaoImageSearch(TaobaoSearch):
    """A4: ``imageBase64`` (JPEG/PNG/WebP) or ``imageAddress`` of a picture this platform serves."""

    image_base64: ImageBase64 = None
    image_address: OptionalUrl = None


class TaobaoSearchItem(WireModel):
    model_config = _Resp

    item_id: int | str
    mp_id: str | None = None
    title: str
    title_trans: str
    pic_url: str
    price: int
    promotion_price: int | None = None
    month_sold: int
    category_id: str
    shop_id: int
    shop_name: str
    status: str
