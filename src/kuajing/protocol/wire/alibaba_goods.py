"""1688 goods (spec §2.F): detail, keyword / image / store search, categories, recommendations, hot list, openUid.

Request field names are the spec's; ``beginPage`` 0 and 1 both mean the first page, numbers may be strings and
``""`` means "not given". 1688 prices are **yuan strings with two decimals** (``"12.50"``), as upstream 1688 renders
offer prices; ``priceStart``/``priceEnd`` are yuan too. On ``/v2/…`` paths ``offerId`` is the encrypted
``offerMapId`` string; on v1 paths it is the number. See docs/goods.md for every choice made where the spec is silent.
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from kuajing.protocol.wire.types import (
    MAX_FEN,
    BlankToNone,
    LooseId,
    LooseInt,
    LoosePageNo,
    OptionalKeyword,
    OptionalLooseInt,
    PageSize,
    Remark,
    ShortText,
    UrlText,
    is_digits,
)

T = TypeVar("T")

_Req = ConfigDict(extra="ignore", str_strip_whitespace=True)
_Resp = ConfigDict(extra="allow")

OptionalText = Annotated[ShortText | None, BlankToNone]
"""A short optional word (language, country, sort…): ``""`` means not given."""
FilterList = Annotated[Remark | None, BlankToNone]  # a comma list of upstream filter names
ImageBase64 = Annotated[str | None, BlankToNone]  # bounded by the body limit; decoded, never stored
OptionalUrl = Annotated[UrlText | None, BlankToNone]


def _optional_id(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            raise ValueError("must be an id")
        return str(int(value))
    return value


OptionalId = Annotated[LooseId | None, BeforeValidator(_optional_id)]
"""An id as number or string; ``null``/``""`` mean not given."""


def _yuan(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("must be an amount in yuan")
    text = str(value).strip()
    whole, _, fraction = text.partition(".")
    if not is_digits(whole) or (fraction and not is_digits(fraction)) or int(whole) * 100 > MAX_FEN:
        raise ValueError(f"must be an amount in yuan: digits with an optional fraction, at most {MAX_FEN // 100}")
    return text


YuanText = Annotated[str | None, BeforeValidator(_yuan)]
"""A yuan amount given as a number or a decimal string (``"12.5"``), at most 10^10 yuan; parsed to fen by the
server."""


class GoodsPage(BaseModel, Generic[T]):
    """``AlibabaBasePageVO``: exact totals; ``data`` is empty past the last page."""

    model_config = _Resp

    totalRecords: int  # noqa: N815
    totalPage: int  # noqa: N815
    pageSize: int  # noqa: N815
    currentPage: int  # noqa: N815
    data: list[T]


# --- requests ---------------------------------------------------------------------------------------------------
class AlibabaDetailGet(BaseModel):
    model_config = _Req

    offerId: LooseId  # noqa: N815
    country: OptionalText = None
    outMemberId: OptionalText = None  # noqa: N815


class AlibabaKeywordQuery(BaseModel):
    """F2 (and F8/F9): keyword query with filters."""

    model_config = _Req

    keyword: OptionalKeyword = None
    beginPage: LoosePageNo = 1  # noqa: N815
    pageSize: PageSize = 20  # noqa: N815
    country: OptionalText = None
    filter: FilterList = None
    sort: OptionalText = None
    outMemberId: OptionalText = None  # noqa: N815
    priceStart: YuanText = None  # noqa: N815
    priceEnd: YuanText = None  # noqa: N815
    categoryId: OptionalLooseInt = None  # noqa: N815


class AlibabaImageQuery(AlibabaKeywordQuery):
    """F3: ``imageBase64`` (JPEG/PNG/WebP) or ``imageAddress`` (a picture this platform serves)."""

    imageBase64: ImageBase64 = None  # noqa: N815
    imageAddress: OptionalUrl = None  # noqa: N815
    region: OptionalText = None


class AlibabaSellerOfferQuery(AlibabaKeywordQuery):
    """F4: a store's offers, optionally by keyword."""

    sellerOpenId: Annotated[str, Field(min_length=1, max_length=40)]  # noqa: N815


class AlibabaCategoryGet(BaseModel):
    model_config = _Req

    categoryId: LooseInt = 0  # noqa: N815
    language: OptionalText = None
    country: OptionalText = None


class AlibabaRecommendQuery(BaseModel):
    model_config = _Req

    beginPage: LoosePageNo = 1  # noqa: N815
    pageSize: PageSize = 20  # noqa: N815
    country: OptionalText = None
    outMemberId: OptionalText = None  # noqa: N815


class AlibabaRelatedQuery(BaseModel):
    model_config = _Req

    offerId: LooseId  # noqa: N815
    pageNo: LoosePageNo = 1  # noqa: N815
    pageSize: PageSize = 20  # noqa: N815
    language: OptionalText = None


class AlibabaHotRankQuery(BaseModel):
    model_config = _Req

    categoryId: OptionalLooseInt = None  # noqa: N815
    rankType: OptionalText = None  # noqa: N815
    limit: PageSize = 20
    language: OptionalText = None


class OpenUidDecrypt(BaseModel):
    model_config = _Req

    openUid: Annotated[str, Field(min_length=1, max_length=64)]  # noqa: N815
    offerId: OptionalId = None  # noqa: N815


# --- responses --------------------------------------------------------------------------------------------------
class PriceInfo(BaseModel):
    model_config = _Resp

    price: str
    jxhyPrice: str | None = None  # noqa: N815
    pfJxhyPrice: str | None = None  # noqa: N815
    consignPrice: str | None = None  # noqa: N815


class AlibabaProductItem(BaseModel):
    """One offer in a search page (``AlibabaProductListInfoV2VO``)."""

    model_config = _Resp

    offerId: int | str  # noqa: N815
    imageUrl: str  # noqa: N815
    subject: str
    subjectTrans: str  # noqa: N815
    priceInfo: PriceInfo  # noqa: N815
    isJxhy: bool  # noqa: N815
    repurchaseRate: str  # noqa: N815
    monthSold: int  # noqa: N815
    traceInfo: str  # noqa: N815
    categoryId: int  # noqa: N815
    sellerOpenId: str  # noqa: N815
    isOnePsale: bool  # noqa: N815


class ProductImage(BaseModel):
    model_config = _Resp

    images: list[str]
    whiteImage: str | None = None  # noqa: N815


class ProductAttribute(BaseModel):
    model_config = _Resp

    attributeId: str  # noqa: N815
    attributeName: str  # noqa: N815
    value: str
    attributeNameTrans: str  # noqa: N815
    valueTrans: str  # noqa: N815


class SkuAttribute(BaseModel):
    model_config = _Resp

    attributeId: int  # noqa: N815
    attributeName: str  # noqa: N815
    attributeNameTrans: str  # noqa: N815
    value: str
    valueTrans: str  # noqa: N815
    skuImageUrl: str | None = None  # noqa: N815


class ProductSkuInfo(BaseModel):
    model_config = _Resp

    skuId: int | str  # noqa: N815
    specId: str  # noqa: N815
    amountOnSale: int  # noqa: N815
    price: str
    jxhyPrice: str | None = None  # noqa: N815
    consignPrice: str  # noqa: N815
    skuAttributes: list[SkuAttribute]  # noqa: N815


class PriceRangeInfo(BaseModel):
    model_config = _Resp

    startQuantity: int  # noqa: N815
    price: str


class UnitInfo(BaseModel):
    model_config = _Resp

    unit: str
    transUnit: str  # noqa: N815


class ProductSaleInfo(BaseModel):
    model_config = _Resp

    amountOnSale: int  # noqa: N815
    priceRangeList: list[PriceRangeInfo]  # noqa: N815
    quoteType: int  # noqa: N815  # 0 by SKU, 1 by quantity ranges (upstream)
    consignPrice: str  # noqa: N815
    jxhyPrice: str | None = None  # noqa: N815
    unitInfo: UnitInfo  # noqa: N815


class ProductShippingInfo(BaseModel):
    model_config = _Resp

    sendGoodsAddressText: str  # noqa: N815
    weight: float
    width: float
    height: float
    length: float
    shippingTimeGuarantee: str  # noqa: N815


class TagInfo(BaseModel):
    model_config = _Resp

    key: str
    value: bool


class SellerMixSetting(BaseModel):
    model_config = _Resp

    generalHunpi: bool  # noqa: N815
    mixAmount: int  # noqa: N815
    mixNumber: int  # noqa: N815


class SellerDataInfo(BaseModel):
    model_config = _Resp

    tradeMedalLevel: str  # noqa: N815
    compositeServiceScore: str  # noqa: N815
    logisticsExperienceScore: str  # noqa: N815
    disputeComplaintScore: str  # noqa: N815
    offerExperienceScore: str  # noqa: N815
    consultingExperienceScore: str  # noqa: N815
    repeatPurchasePercent: str  # noqa: N815
    afterSalesExperienceScore: str  # noqa: N815


class AlibabaProductDetail(BaseModel):
    """F1 ``data``: the first six keys are [C]; the rest mirror upstream 1688 names [U]."""

    model_config = _Resp

    offerId: int | str  # noqa: N815
    categoryId: int  # noqa: N815
    categoryName: str  # noqa: N815
    subject: str
    subjectTrans: str  # noqa: N815
    description: str
    mainVideo: str | None = None  # noqa: N815
    detailVideo: str | None = None  # noqa: N815
    productImage: ProductImage  # noqa: N815
    productAttribute: list[ProductAttribute]  # noqa: N815
    productSkuInfos: list[ProductSkuInfo]  # noqa: N815
    productSaleInfo: ProductSaleInfo  # noqa: N815
    productShippingInfo: ProductShippingInfo  # noqa: N815
    isJxhy: bool  # noqa: N815
    sellerOpenId: str  # noqa: N815
    sellerNickName: str  # noqa: N815  the seller's Wangwang nick (what the cart's sellerNickName shows)
    minOrderQuantity: int  # noqa: N815
    batchNumber: int  # noqa: N815
    status: str
    tagInfoList: list[TagInfo]  # noqa: N815
    traceInfo: str  # noqa: N815
    sellerMixSetting: SellerMixSetting  # noqa: N815
    productCargoNumber: str  # noqa: N815
    sellerDataInfo: SellerDataInfo  # noqa: N815
    companyName: str  # noqa: N815
    shopUrl: str  # noqa: N815
    monthSold: int  # noqa: N815
    repurchaseRate: str  # noqa: N815


class ChildCategory(BaseModel):
    model_config = _Resp

    id: int
    chineseName: str  # noqa: N815
    translatedName: str  # noqa: N815
    leaf: bool


class AlibabaCategoryInfo(BaseModel):
    model_config = _Resp

    categoryId: int  # noqa: N815
    chineseName: str  # noqa: N815
    translatedName: str  # noqa: N815
    language: str
    leaf: bool
    level: int
    parentCateId: int  # noqa: N815
    childCategorys: list[ChildCategory]  # noqa: N815  (upstream spelling)


class RankProduct(BaseModel):
    model_config = _Resp

    itemId: int | str  # noqa: N815
    title: str
    translateTitle: str  # noqa: N815
    imgUrl: str  # noqa: N815
    sort: int
    buyerNum: int  # noqa: N815
    soldOut: int  # noqa: N815
    goodsScore: str  # noqa: N815


class AlibabaHotRank(BaseModel):
    model_config = _Resp

    rankId: str  # noqa: N815
    rankName: str  # noqa: N815
    rankType: str  # noqa: N815
    rankProductModels: list[RankProduct]  # noqa: N815


class WangwangInfo(BaseModel):
    model_config = _Resp

    wangwangNick: str  # noqa: N815
    url: str
