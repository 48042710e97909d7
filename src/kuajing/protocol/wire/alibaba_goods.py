"""1688 goods (spec §2.F): keyword / image / store search, categories, recommendations, hot list, openUid, and the
types every 1688 goods model uses (the detail, F1, is alibaba_goods_detail.py).

Request field names are the spec's; ``beginPage`` 0 and 1 both mean the first page, numbers may be strings and
``""`` means "not given". 1688 prices are **yuan strings with two decimals** (``"12.50"``), as upstream 1688 renders
offer prices; ``priceStart``/``priceEnd`` are yuan too. On ``/v2/…`` paths ``offerId`` is the encrypted
``offerMapId`` string; on v1 paths it is the number. See docs/goods.md for every choice made where the spec is silent.
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from pydantic import BeforeValidator, ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
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


class GoodsPage(WireModel, Generic[T]):
    """``AlibabaBasePageVO``: exact totals; ``data`` is empty past the last page."""

    model_config = _Resp

    total_records: int
    total_page: int
    page_size: int
    current_page: int
    data: list[T]


# --- requests ---------------------------------------------------------------------------------------------------


class AlibabaKeywordQuery(WireModel):
    """F2 (and F8/F9): keyword query with filters."""

    model_config = _Req

    keyword: OptionalKeyword = None
    begin_page: LoosePageNo = 1
    page_size: PageSize = 20
    country: OptionalText = None
    filter: FilterList = None
    sort: OptionalText = None
    out_member_id: OptionalText = None
    price_start: YuanText = None
    price_end: YuanText = None
    category_id: OptionalLooseInt = None


class AlibabaImageQuery(AlibabaKeywordQuery):
    """F3: ``imageBase64`` (JPEG/PNG/WebP) or ``imageAddress`` (a picture this platform serves)."""

    image_base64: ImageBase64 = None
    image_address: OptionalUrl = None
    region: OptionalText = None


class AlibabaSellerOfferQuery(AlibabaKeywordQuery):
    """F4: a store's offers, optionally by keyword."""

    seller_open_id: Annotated[str, Field(min_length=1, max_length=40)]


class AlibabaCategoryGet(WireModel):
    model_config = _Req

    category_id: LooseInt = 0
    language: OptionalText = None
    country: OptionalText = None


class AlibabaRecommendQuery(WireModel):
    model_config = _Req

    begin_page: LoosePageNo = 1
    page_size: PageSize = 20
    country: OptionalText = None
    out_member_id: OptionalText = None


class AlibabaRelatedQuery(WireModel):
    model_config = _Req

    offer_id: LooseId
    page_no: LoosePageNo = 1
    page_size: PageSize = 20
    language: OptionalText = None


class AlibabaHotRankQuery(WireModel):
    model_config = _Req

    category_id: OptionalLooseInt = None
    rank_type: OptionalText = None
    limit: PageSize = 20
    language: OptionalText = None


class OpenUidDecrypt(WireModel):
    model_config = _Req

    open_uid: Annotated[str, Field(min_length=1, max_length=64)]
    offer_id: OptionalId = None


# --- responses --------------------------------------------------------------------------------------------------
class PriceInfo(WireModel):
    model_config = _Resp

    price: str
    jxhy_price: str | None = None
    pf_jxhy_price: str | None = None
    consign_price: str | None = None


class AlibabaProductItem(WireModel):
    """One offer in a search page (``AlibabaProductListInfoV2VO``)."""

    model_config = _Resp

    offer_id: int | str
    image_url: str
    subject: str
    subject_trans: str
    price_info: PriceInfo
    is_jxhy: bool
    repurchase_rate: str
    month_sold: int
    trace_info: str
    category_id: int
    seller_open_id: str
    is_one_psale: bool


class ChildCategory(WireModel):
    model_config = _Resp

    id: int
    chinese_name: str
    translated_name: str
    leaf: bool


class AlibabaCategoryInfo(WireModel):
    model_config = _Resp

    category_id: int
    chinese_name: str
    translated_name: str
    language: str
    leaf: bool
    level: int
    parent_cate_id: int
    child_categories: Annotated[list[ChildCategory], Field(alias="childCategorys")]  # (upstream spelling)


class RankProduct(WireModel):
    model_config = _Resp

    item_id: int | str
    title: str
    translate_title: str
    img_url: str
    sort: int
    buyer_num: int
    sold_out: int
    goods_score: str


class AlibabaHotRank(WireModel):
    model_config = _Resp

    rank_id: str
    rank_name: str
    rank_type: str
    rank_product_models: list[RankProduct]


class WangwangInfo(WireModel):
    model_config = _Resp

    wangwang_nick: str
    url: str
