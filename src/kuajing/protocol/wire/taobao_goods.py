"""Taobao goods (spec §2.A): item get, batch check (撞库), keyword and image search, commodity inquiry.

Taobao money is integer **fen** (``price``, ``promotionPrice``). On ``/v2/…`` paths ``itemId`` is the encrypted
string id (``itemMapId``); on v1 paths it is the number. 16-digit ``mpId``/``mpSkuId`` and SKU ids are strings.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from kuajing.protocol.wire.alibaba_goods import GoodsPage, ImageBase64, OptionalText, OptionalUrl
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


class TaobaoProductGet(BaseModel):
    model_config = _Req

    itemId: LooseId  # noqa: N815
    language: OptionalText = None


class TaobaoSkuProperty(BaseModel):
    model_config = _Resp

    propId: int  # noqa: N815
    propName: str  # noqa: N815
    valueId: int  # noqa: N815
    valueName: str  # noqa: N815


class TaobaoSku(BaseModel):
    model_config = _Resp

    skuId: str  # noqa: N815
    mpSkuId: str | None = None  # noqa: N815
    price: int
    promotionPrice: int | None = None  # noqa: N815
    quantity: int
    status: str
    picUrl: str  # noqa: N815
    properties: list[TaobaoSkuProperty]


class TaobaoProductDetail(BaseModel):
    """A1 ``data`` (``TaoBaoProductDetailsV2VO`` on v2)."""

    model_config = _Resp

    itemId: int | str  # noqa: N815
    mpId: str | None = None  # noqa: N815
    title: str
    titleTrans: str | None = None  # noqa: N815
    categoryId: str  # noqa: N815
    categoryName: str  # noqa: N815
    categoryPath: str  # noqa: N815
    description: str
    itemType: str  # noqa: N815
    picUrls: list[str]  # noqa: N815
    price: int
    promotionPrice: int | None = None  # noqa: N815
    quantity: int
    beginAmount: int  # noqa: N815
    productUnit: str  # noqa: N815
    shopId: int  # noqa: N815
    shopName: str  # noqa: N815
    userNick: str  # noqa: N815
    status: str
    skuList: list[TaobaoSku]  # noqa: N815


class BatchCheckItem(BaseModel):
    model_config = _Req

    itemId: LooseId  # noqa: N815
    skuIds: Annotated[list[LooseId], Field(max_length=200)] = []  # noqa: N815


class TaobaoBatchCheck(BaseModel):
    """A2 body: ``params`` is a JSON-encoded array (a real array is accepted too)."""

    model_config = _Req

    params: Annotated[list[BatchCheckItem], JsonStringDecoder, JsonStringEncoder, Field(max_length=200)]


class MpSku(BaseModel):
    model_config = _Resp

    skuId: str  # noqa: N815
    mpSkuId: str  # noqa: N815


class MpProduct(BaseModel):
    model_config = _Resp

    itemId: str  # noqa: N815
    mpId: str  # noqa: N815
    skuList: list[MpSku]  # noqa: N815


class NoMpReason(BaseModel):
    model_config = _Resp

    itemId: str  # noqa: N815
    reason: str


class BatchCheckResult(BaseModel):
    model_config = _Resp

    mpProducts: list[MpProduct]  # noqa: N815
    noMpProductItemIds: list[str]  # noqa: N815
    noMpReasonList: list[NoMpReason]  # noqa: N815


class TaobaoSearch(BaseModel):
    """A3 (and A5 as query parameters): ``pageSize`` 1–40; ``priceStart``/``priceEnd`` in fen."""

    model_config = _Req

    keyword: OptionalKeyword = None
    pageNo: LoosePageNo = 1  # noqa: N815
    pageSize: PageSize = 20  # noqa: N815
    sort: OptionalText = None
    language: OptionalText = None
    categoryId: OptionalLooseInt = None  # noqa: N815
    priceStart: OptionalFen = None  # noqa: N815
    priceEnd: OptionalFen = None  # noqa: N815


class TaobaoImageSearch(TaobaoSearch):
    """A4: ``imageBase64`` (JPEG/PNG/WebP) or ``imageAddress`` of a picture this platform serves."""

    imageBase64: ImageBase64 = None  # noqa: N815
    imageAddress: OptionalUrl = None  # noqa: N815


class TaobaoSearchItem(BaseModel):
    model_config = _Resp

    itemId: int | str  # noqa: N815
    mpId: str | None = None  # noqa: N815
    title: str
    titleTrans: str  # noqa: N815
    picUrl: str  # noqa: N815
    price: int
    promotionPrice: int | None = None  # noqa: N815
    monthSold: int  # noqa: N815
    categoryId: str  # noqa: N815
    shopId: int  # noqa: N815
    shopName: str  # noqa: N815
    status: str
