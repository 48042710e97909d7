"""How a 1688 product reads on the wire (spec §2.F): the listing item (``AlibabaProductItem``) every search and
recommendation pages through, and the F1 detail (``AlibabaProductDetail``) — prices as yuan strings, pictures
as this server's URLs, units and attributes in the asked language. The handlers are goods.py.
"""

from __future__ import annotations

import hashlib
from typing import Any

from kuajing.api.call import Call
from kuajing.api.goods_common import (
    encode_id,
    picture_url,
    sku_picture_url,
    yuan,
)
from kuajing.domain.catalog.model import Product
from kuajing.domain.catalog.service import ProductView
from kuajing.protocol.ids import IdKind
from kuajing.protocol.wire.alibaba_goods import (
    AlibabaProductItem,
    PriceInfo,
)
from kuajing.protocol.wire.alibaba_goods_detail import (
    AlibabaProductDetail,
    PriceRangeInfo,
    ProductAttribute,
    ProductImage,
    ProductSaleInfo,
    ProductShippingInfo,
    ProductSkuInfo,
    SellerDataInfo,
    SellerMixSetting,
    SkuAttribute,
    TagInfo,
    UnitInfo,
)

_UNITS = {"件": "piece", "个": "piece", "套": "set", "双": "pair"}


def trace_info(p: Product) -> str:
    return f"object_id@{p.external_id}^object_type@offer^source@kuajing"


def _price_info(p: Product) -> PriceInfo:
    jx = yuan(p.price_fen * 97 // 100) if p.is_jxhy else None
    return PriceInfo(
        price=yuan(p.price_fen) or "0.00", jxhy_price=jx, pf_jxhy_price=jx, consign_price=yuan(p.consign_price_fen)
    )


def render_item(call: Call[Any], view: ProductView, lang: str) -> AlibabaProductItem:
    p = view.product
    return AlibabaProductItem(
        offer_id=encode_id(call, IdKind.ALIBABA_OFFER, p.external_id),
        image_url=picture_url(call.runtime, p, 0),
        subject=p.titles.get("zh", ""),
        subject_trans=p.titles.get(lang, p.titles.get("zh", "")),
        price_info=_price_info(p),
        is_jxhy=p.is_jxhy,
        repurchase_rate=f"{p.repurchase_rate_bp / 100:.0f}%",
        month_sold=p.month_sold,
        trace_info=trace_info(p),
        category_id=p.category_id,
        seller_open_id=view.seller.open_id,
        is_one_psale=p.min_order_quantity <= 1,
    )


def render_detail(call: Call[Any], view: ProductView, lang: str) -> AlibabaProductDetail:
    p, seller, rt = view.product, view.seller, call.runtime
    leaf = view.path[-1] if view.path else None
    digest = int.from_bytes(hashlib.md5(str(p.external_id).encode()).digest()[:4], "big")
    return AlibabaProductDetail(
        offer_id=encode_id(call, IdKind.ALIBABA_OFFER, p.external_id),
        category_id=p.category_id,
        category_name=leaf.names.get("zh", "") if leaf else "",
        subject=p.titles.get("zh", ""),
        subject_trans=p.titles.get(lang, p.titles.get("zh", "")),
        description=p.description,
        product_image=ProductImage(images=[picture_url(rt, p, n) for n in range(len(p.images))]),
        product_attribute=[
            ProductAttribute(
                attribute_id=str(a.get("id", "")),
                attribute_name=a.get("name", {}).get("zh", ""),
                value=a.get("value", {}).get("zh", ""),
                attribute_name_trans=a.get("name", {}).get(lang, ""),
                value_trans=a.get("value", {}).get(lang, ""),
            )
            for a in p.attributes
        ],
        product_sku_infos=[
            ProductSkuInfo(
                sku_id=s.sku_id,
                spec_id=s.spec_id,
                amount_on_sale=s.stock,
                price=yuan(s.price_fen) or "0.00",
                jxhy_price=yuan(s.price_fen * 97 // 100) if p.is_jxhy else None,
                consign_price=yuan(s.consign_price_fen or s.price_fen) or "0.00",
                sku_attributes=[
                    SkuAttribute(
                        attribute_id=pr.prop_id,
                        attribute_name=pr.prop_names.get("zh", ""),
                        attribute_name_trans=pr.prop_names.get(lang, ""),
                        value=pr.value_names.get("zh", ""),
                        value_trans=pr.value_names.get(lang, ""),
                        sku_image_url=sku_picture_url(rt, p, s) if k == 0 else None,
                    )
                    for k, pr in enumerate(s.properties)
                ],
            )
            for s in p.skus
        ],
        product_sale_info=ProductSaleInfo(
            amount_on_sale=p.stock,
            price_range_list=[
                PriceRangeInfo(start_quantity=r.start_quantity, price=yuan(r.price_fen) or "0.00")
                for r in p.price_ranges
            ],
            quote_type=1 if p.price_ranges else 0,
            consign_price=yuan(p.consign_price_fen or p.price_fen) or "0.00",
            jxhy_price=yuan(p.price_fen * 97 // 100) if p.is_jxhy else None,
            unit_info=UnitInfo(unit=p.unit, trans_unit=_UNITS.get(p.unit, p.unit)),
        ),
        product_shipping_info=ProductShippingInfo(
            send_goods_address_text=seller.company_name[:2] or "浙江省 金华市",
            weight=round(0.1 + (digest % 50) / 10, 2),
            width=10.0 + digest % 30,
            height=5.0 + digest % 20,
            length=15.0 + digest % 40,
            shipping_time_guarantee="shipIn48Hours",
        ),
        is_jxhy=p.is_jxhy,
        seller_open_id=seller.open_id,
        seller_nick_name=seller.nick,
        min_order_quantity=p.min_order_quantity,
        batch_number=p.min_order_quantity,
        status="published" if p.status.value == "active" else "expired",
        tag_info_list=[
            TagInfo(key="isOnePsale", value=p.min_order_quantity <= 1),
            TagInfo(key="isSupportMix", value=True),
            TagInfo(key="isJxhy", value=p.is_jxhy),
        ],
        trace_info=trace_info(p),
        seller_mix_setting=SellerMixSetting(general_hunpi=True, mix_amount=10000, mix_number=3),
        product_cargo_number=f"KJ-{p.external_id % 1_000_000:06d}",
        seller_data_info=SellerDataInfo(
            trade_medal_level=str(1 + digest % 5),
            composite_service_score=f"{3.5 + (digest % 15) / 10:.1f}",
            logistics_experience_score=f"{3.5 + (digest % 13) / 10:.1f}",
            dispute_complaint_score=f"{3.5 + (digest % 11) / 10:.1f}",
            offer_experience_score=f"{3.5 + (digest % 9) / 10:.1f}",
            consulting_experience_score=f"{3.5 + (digest % 7) / 10:.1f}",
            repeat_purchase_percent=f"{p.repurchase_rate_bp / 10000:.2f}",
            after_sales_experience_score=f"{3.5 + (digest % 5) / 10:.1f}",
        ),
        company_name=seller.company_name,
        shop_url=f"https://shop{seller.shop_id}.1688.com",
        month_sold=p.month_sold,
        repurchase_rate=f"{p.repurchase_rate_bp / 100:.0f}%",
    )
