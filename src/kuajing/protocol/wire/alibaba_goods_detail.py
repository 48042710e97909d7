"""1688 goods detail (spec §2.F, F1): ``AlibabaProductDetail`` and the objects it is made of (images, attributes,
SKUs, price ranges, sale and shipping info, the seller's data). Prices are yuan strings with two
decimals, as in every 1688 answer; the search answers and the shared types are alibaba_goods.py.
"""

from __future__ import annotations

from pydantic import ConfigDict

from kuajing.protocol.wire.alibaba_goods import OptionalText
from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import (
    LooseId,
)

_Req = ConfigDict(extra="ignore", str_strip_whitespace=True)
_Resp = ConfigDict(extra="allow")


class AlibabaDetailGet(WireModel):
    model_config = _Req

    offer_id: LooseId
    country: OptionalText = None
    out_member_id: OptionalText = None


class ProductImage(WireModel):
    model_config = _Resp

    images: list[str]
    white_image: str | None = None


class ProductAttribute(WireModel):
    model_config = _Resp

    attribute_id: str
    attribute_name: str
    value: str
    attribute_name_trans: str
    value_trans: str


class SkuAttribute(WireModel):
    model_config = _Resp

    attribute_id: int
    attribute_name: str
    attribute_name_trans: str
    value: str
    value_trans: str
    sku_image_url: str | None = None


class ProductSkuInfo(WireModel):
    model_config = _Resp

    sku_id: int | str
    spec_id: str
    amount_on_sale: int
    price: str
    jxhy_price: str | None = None
    consign_price: str
    sku_attributes: list[SkuAttribute]


class PriceRangeInfo(WireModel):
    model_config = _Resp

    start_quantity: int
    price: str


class UnitInfo(WireModel):
    model_config = _Resp

    unit: str
    trans_unit: str


class ProductSaleInfo(WireModel):
    model_config = _Resp

    amount_on_sale: int
    price_range_list: list[PriceRangeInfo]
    quote_type: int  # # 0 by SKU, 1 by quantity ranges (upstream)
    consign_price: str
    jxhy_price: str | None = None
    unit_info: UnitInfo


class ProductShippingInfo(WireModel):
    model_config = _Resp

    send_goods_address_text: str
    weight: float
    width: float
    height: float
    length: float
    shipping_time_guarantee: str


class TagInfo(WireModel):
    model_config = _Resp

    key: str
    value: bool


class SellerMixSetting(WireModel):
    model_config = _Resp

    general_hunpi: bool
    mix_amount: int
    mix_number: int


class SellerDataInfo(WireModel):
    model_config = _Resp

    trade_medal_level: str
    composite_service_score: str
    logistics_experience_score: str
    dispute_complaint_score: str
    offer_experience_score: str
    consulting_experience_score: str
    repeat_purchase_percent: str
    after_sales_experience_score: str


class AlibabaProductDetail(WireModel):
    """F1 ``data``: the first six keys are [C]; the rest mirror upstream 1688 names [U]."""

    model_config = _Resp

    offer_id: int | str
    category_id: int
    category_name: str
    subject: str
    subject_trans: str
    description: str
    main_video: str | None = None
    detail_video: str | None = None
    product_image: ProductImage
    product_attribute: list[ProductAttribute]
    product_sku_infos: list[ProductSkuInfo]
    product_sale_info: ProductSaleInfo
    product_shipping_info: ProductShippingInfo
    is_jxhy: bool
    seller_open_id: str
    seller_nick_name: str  # the seller's Wangwang nick (what the cart's sellerNickName shows)
    min_order_quantity: int
    batch_number: int
    status: str
    tag_info_list: list[TagInfo]
    trace_info: str
    seller_mix_setting: SellerMixSetting
    product_cargo_number: str
    seller_data_info: SellerDataInfo
    company_name: str
    shop_url: str
    month_sold: int
    repurchase_rate: str
