"""1688 goods (spec §2.F): F1 detail, F2 keyword, F3 image, F4 store search, F5 category, F6/F7 recommendations,
F8/F9 strict-selection keyword queries, F10 hot list, F11 openUid → Wangwang."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import quote

from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.api.errors import ApiError
from kuajing.api.goods_common import (
    decode_id,
    encode_id,
    image_query_bytes,
    language,
    nearest_products,
    paging,
    parse_sort,
    picture_url,
    sku_picture_url,
    yuan,
    yuan_to_fen,
)
from kuajing.domain.catalog import service
from kuajing.domain.catalog.model import CatalogPlatform, Product
from kuajing.domain.catalog.search import ProductQuery, SortKey, total_pages
from kuajing.domain.catalog.service import ProductView, ViewPage
from kuajing.protocol.codes import Code
from kuajing.protocol.ids import IdKind
from kuajing.protocol.wire.alibaba_goods import (
    AlibabaCategoryGet,
    AlibabaCategoryInfo,
    AlibabaHotRank,
    AlibabaHotRankQuery,
    AlibabaImageQuery,
    AlibabaKeywordQuery,
    AlibabaProductItem,
    AlibabaRecommendQuery,
    AlibabaRelatedQuery,
    AlibabaSellerOfferQuery,
    ChildCategory,
    GoodsPage,
    OpenUidDecrypt,
    PriceInfo,
    WangwangInfo,
)
from kuajing.protocol.wire.alibaba_goods_detail import (
    AlibabaDetailGet,
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

PAGE_CAP = 50  # spec §1.6: 1688 image search pageSize ≤ 50; used for every 1688 listing
AL = CatalogPlatform.ALIBABA
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


def _page(call: Call[Any], page: ViewPage, current: int, size: int, lang: str) -> GoodsPage[AlibabaProductItem]:
    return GoodsPage[AlibabaProductItem](
        total_records=page.total,
        total_page=total_pages(page.total, size),
        page_size=size,
        current_page=current,
        data=[render_item(call, v, lang) for v in page.views],
    )


def _query(
    p: AlibabaKeywordQuery, *, jxhy: bool = False, seller_id: int | None = None
) -> tuple[ProductQuery, int, int]:
    offset, current, size = paging(p.begin_page, p.page_size, cap=PAGE_CAP)
    filters = {f.strip().lower() for f in (p.filter or "").split(",") if f.strip()}
    query = ProductQuery(
        AL,
        keyword=p.keyword,
        category_id=p.category_id,
        seller_id=seller_id,
        jxhy_only=jxhy or bool(filters & {"jxhy", "isjxhy", "strict"}),
        price_min_fen=yuan_to_fen(p.price_start, field="priceStart"),
        price_max_fen=yuan_to_fen(p.price_end, field="priceEnd"),
        sort=parse_sort(p.sort),
        offset=offset,
        limit=size,
    )
    return query, current, size


async def detail(call: Call[AlibabaDetailGet]) -> AlibabaProductDetail:
    offer_id = decode_id(call, IdKind.ALIBABA_OFFER, call.params.offer_id, field="offerId")
    lang = language(call.params.country, field="country")
    view = await call.read(service.get_view, platform=AL, external_id=offer_id, field="offerId")
    return render_detail(call, view, lang)


async def keyword_query(call: Call[AlibabaKeywordQuery]) -> GoodsPage[AlibabaProductItem]:
    lang = language(call.params.country, field="country")
    query, current, size = _query(call.params)
    return _page(call, await call.read(service.search, query=query), current, size, lang)


async def strict_keyword_query(call: Call[AlibabaKeywordQuery]) -> GoodsPage[AlibabaProductItem]:
    lang = language(call.params.country, field="country")
    query, current, size = _query(call.params, jxhy=True)
    return _page(call, await call.read(service.search, query=query), current, size, lang)


async def image_query(call: Call[AlibabaImageQuery]) -> GoodsPage[AlibabaProductItem]:
    p = call.params
    lang = language(p.country, field="country")
    query, current, size = _query(p)
    data = await image_query_bytes(call, p.image_base64, p.image_address)
    ids = await nearest_products(call, AL, data)
    page = await call.read(
        service.filter_ids, ids=ids, category_id=query.category_id, price_min_fen=query.price_min_fen,
        price_max_fen=query.price_max_fen, offset=query.offset, limit=query.limit,
    )  # fmt: skip
    return _page(call, page, current, size, lang)


async def seller_offers(call: Call[AlibabaSellerOfferQuery]) -> GoodsPage[AlibabaProductItem]:
    lang = language(call.params.country, field="country")
    seller = await call.read(service.find_seller, open_id=call.params.seller_open_id, field="sellerOpenId")
    query, current, size = _query(call.params, seller_id=seller.id)
    return _page(call, await call.read(service.search, query=query), current, size, lang)


async def category_get(call: Call[AlibabaCategoryGet]) -> AlibabaCategoryInfo:
    p = call.params
    lang = language(p.language or p.country, field="language")
    node = await call.read(service.category_node, category_id=p.category_id, field="categoryId")
    cat = node.category
    return AlibabaCategoryInfo(
        category_id=cat.id if cat else 0,
        chinese_name=cat.names.get("zh", "") if cat else "全部类目",
        translated_name=cat.names.get(lang, "") if cat else {"en": "All categories"}.get(lang, "全部类目"),
        language=lang,
        leaf=bool(cat) and not node.children,
        level=cat.level if cat else 0,
        parent_cate_id=(cat.parent_id or 0) if cat else 0,
        child_categories=[
            ChildCategory(
                id=c.id,
                chinese_name=c.names.get("zh", ""),
                translated_name=c.names.get(lang, ""),
                leaf=c.id in node.leaf_ids,
            )
            for c in node.children
        ],
    )


async def recommend(call: Call[AlibabaRecommendQuery]) -> GoodsPage[AlibabaProductItem]:
    p = call.params
    lang = language(p.country, field="country")
    offset, current, size = paging(p.begin_page, p.page_size, cap=PAGE_CAP)
    query = ProductQuery(AL, sort=SortKey.SALES_DESC, offset=offset, limit=size)
    return _page(call, await call.read(service.search, query=query), current, size, lang)


async def related(call: Call[AlibabaRelatedQuery]) -> GoodsPage[AlibabaProductItem]:
    p = call.params
    lang = language(p.language, field="language")
    offer_id = decode_id(call, IdKind.ALIBABA_OFFER, p.offer_id, field="offerId")
    offset, current, size = paging(p.page_no, p.page_size, cap=PAGE_CAP)
    page = await call.read(
        service.related, platform=AL, external_id=offer_id, offset=offset, limit=size, field="offerId"
    )
    return _page(call, page, current, size, lang)


async def hot_rank(call: Call[AlibabaHotRankQuery]) -> AlibabaHotRank:
    p = call.params
    lang = language(p.language, field="language")
    limit = max(1, min(50, p.limit))
    if p.category_id is not None:
        await call.read(service.category_node, category_id=p.category_id, field="categoryId")
    query = ProductQuery(AL, category_id=p.category_id or None, sort=SortKey.SALES_DESC, limit=limit)
    page = await call.read(service.search, query=query)
    rank_type = (p.rank_type or "hot").lower()
    return AlibabaHotRank(
        rank_id=f"{rank_type}-{p.category_id or 0}",
        rank_name={"zh": "热销榜", "en": "Best sellers", "vi": "Bán chạy", "es": "Más vendidos", "th": "ขายดี"}[lang],
        rank_type=rank_type,
        rank_product_models=[
            {
                "itemId": encode_id(call, IdKind.ALIBABA_OFFER, v.product.external_id),
                "title": v.product.titles.get("zh", ""),
                "translateTitle": v.product.titles.get(lang, ""),
                "imgUrl": picture_url(call.runtime, v.product, 0),
                "sort": n + 1,
                "buyerNum": v.product.month_sold * 7 // 10,
                "soldOut": v.product.month_sold,
                "goodsScore": f"{4.0 + (v.product.repurchase_rate_bp % 10) / 10:.1f}",
            }
            for n, v in enumerate(page.views)
        ],
    )


async def openuid_decrypt(call: Call[OpenUidDecrypt]) -> WangwangInfo:
    seller = await call.read(service.find_seller, open_id=call.params.open_uid, field="openUid")
    if call.params.offer_id is not None:
        decode_id(call, IdKind.ALIBABA_OFFER, call.params.offer_id, field="offerId")
    if seller.platform is not AL:
        raise ApiError(Code.INVALID_PARAMETER, "openUid: not a 1688 seller", field="openUid")
    nick = seller.nick
    return WangwangInfo(
        wangwang_nick=nick, url=f"https://amos.alicdn.com/getcid.aw?v=3&site=cnalichn&uid={quote(nick)}"
    )


_F1_V2 = "/v2/alibaba/product/detail/get"
_F5 = ("/alibaba/product/category/get", "/v2/alibaba/product/category/get")
_F6 = ("/alibaba/product/recommend", "/v2/alibaba/product/recommend")
_F7_V1 = "/alibaba/product/productRelatedRecommendQuery"
_F8 = "/v2/alibaba/product/global/strict/keywords/query"
_F9 = "/v2/alibaba/product/strict/keywords/query"
_F10 = "/v2/alibaba/product/hot/rank"
_F11_V2 = "/v2/alibaba/product/openuid/decrypt"
_TAG = "1688 goods"
_PAGE = GoodsPage[AlibabaProductItem]

ENDPOINTS = [
    Endpoint(
        "POST", ("/alibaba/product/detail/get", _F1_V2), detail, params=AlibabaDetailGet,
        summary="1688 commodity details", tag=_TAG, response=AlibabaProductDetail, provisional=(_F1_V2,), spec_ref="§2.F F1",
    ),
    Endpoint(
        "POST", ("/alibaba/product/keywords/query", "/v2/alibaba/product/keywords/query"), keyword_query,
        params=AlibabaKeywordQuery, summary="1688 keyword query", tag=_TAG, response=_PAGE, spec_ref="§2.F F2",
    ),
    Endpoint(
        "POST", ("/alibaba/product/image/query", "/v2/alibaba/product/image/query"), image_query,
        params=AlibabaImageQuery, summary="1688 image search", tag=_TAG, response=_PAGE, spec_ref="§2.F F3",
    ),
    Endpoint(
        "POST", ("/alibaba/product/query/selleroffer", "/v2/alibaba/product/query/selleroffer"), seller_offers,
        params=AlibabaSellerOfferQuery, summary="1688 multilingual store search", tag=_TAG, response=_PAGE,
        spec_ref="§2.F F4",
    ),
    Endpoint(
        "POST", _F5, category_get, params=AlibabaCategoryGet, summary="Multilingual category by id", tag=_TAG,
        response=AlibabaCategoryInfo, provisional=_F5, spec_ref="§2.F F5",
    ),
    Endpoint(
        "POST", _F6, recommend, params=AlibabaRecommendQuery, summary="Product recommendation", tag=_TAG,
        response=_PAGE, provisional=_F6, spec_ref="§2.F F6",
    ),
    Endpoint(
        "POST", (_F7_V1, "/v2/alibaba/product/productRelatedRecommendQuery"), related, params=AlibabaRelatedQuery,
        summary="Related product recommendation", tag=_TAG, response=_PAGE, provisional=(_F7_V1,), spec_ref="§2.F F7",
    ),
    Endpoint(
        "POST", (_F8,), strict_keyword_query, params=AlibabaKeywordQuery,
        summary="Global strict-selection keyword query", tag=_TAG, response=_PAGE, provisional=(_F8,), spec_ref="§2.F F8",
    ),
    Endpoint(
        "POST", (_F9,), strict_keyword_query, params=AlibabaKeywordQuery,
        summary="1688 strict-selection keyword query", tag=_TAG, response=_PAGE, provisional=(_F9,), spec_ref="§2.F F9",
    ),
    Endpoint(
        "POST", (_F10,), hot_rank, params=AlibabaHotRankQuery, summary="Hot list query", tag=_TAG,
        response=AlibabaHotRank, provisional=(_F10,), spec_ref="§2.F F10",
    ),
    Endpoint(
        "POST", ("/alibaba/product/openuid/decrypt", _F11_V2), openuid_decrypt, params=OpenUidDecrypt,
        summary="Convert & decrypt openUid to the Wangwang nick and chat URL", tag=_TAG, response=WangwangInfo,
        provisional=(_F11_V2,), spec_ref="§2.F F11",
    ),
]  # fmt: skip
