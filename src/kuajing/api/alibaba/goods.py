"""1688 goods (spec §2.F): F1 detail, F2 keyword, F3 image, F4 store search, F5 category, F6/F7 recommendations,
F8/F9 strict-selection keyword queries, F10 hot list, F11 openUid → Wangwang."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from kuajing.api.alibaba.goods_render import render_detail, render_item
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
    yuan_to_fen,
)
from kuajing.domain.catalog import service
from kuajing.domain.catalog.model import CatalogPlatform
from kuajing.domain.catalog.search import ProductQuery, SortKey, total_pages
from kuajing.domain.catalog.service import ViewPage
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
    WangwangInfo,
)
from kuajing.protocol.wire.alibaba_goods_detail import (
    AlibabaDetailGet,
    AlibabaProductDetail,
)

PAGE_CAP = 50  # spec §1.6: 1688 image search pageSize ≤ 50; used for every 1688 listing
AL = CatalogPlatform.ALIBABA


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
