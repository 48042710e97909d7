"""Taobao goods (spec §2.A): A1 item get, A2 batch check (撞库), A3 keyword search, A4 image search, A5 inquiry."""

from __future__ import annotations

from typing import Any

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
)
from kuajing.domain.catalog import service
from kuajing.domain.catalog.model import CatalogPlatform
from kuajing.domain.catalog.search import ProductQuery, total_pages
from kuajing.domain.catalog.service import ProductView, ViewPage
from kuajing.protocol.codes import Code
from kuajing.protocol.ids import IdKind
from kuajing.protocol.wire.taobao_goods import (
    BatchCheckResult,
    GoodsPage,
    MpProduct,
    MpSku,
    NoMpReason,
    TaobaoBatchCheck,
    TaobaoImageSearch,
    TaobaoProductDetail,
    TaobaoProductGet,
    TaobaoSearch,
    TaobaoSearchItem,
    TaobaoSku,
    TaobaoSkuProperty,
)

PAGE_CAP = 40  # spec §1.6: Taobao search pageSize 1–40
TB = CatalogPlatform.TAOBAO


def render_detail(call: Call[Any], view: ProductView, lang: str | None) -> TaobaoProductDetail:
    p, rt = view.product, call.runtime
    leaf = view.path[-1] if view.path else None
    return TaobaoProductDetail(
        item_id=encode_id(call, IdKind.TAOBAO_ITEM, p.external_id),
        mp_id=str(p.mp_id) if p.mp_id is not None else None,
        title=p.titles.get("zh", ""),
        title_trans=p.titles.get(lang) if lang else None,
        category_id=str(p.category_id),
        category_name=leaf.names.get("zh", "") if leaf else "",
        category_path="->".join(c.names.get("zh", "") for c in view.path),
        description=p.description,
        item_type="HAVE_MATERIAL",
        pic_urls=[picture_url(rt, p, n) for n in range(len(p.images))],
        price=p.price_fen,
        promotion_price=p.promotion_price_fen,
        quantity=p.stock,
        begin_amount=p.min_order_quantity,
        product_unit=p.unit,
        shop_id=view.seller.shop_id,
        shop_name=view.seller.shop_name,
        user_nick=view.seller.nick,
        status=p.status.value,
        sku_list=[
            TaobaoSku(
                sku_id=str(s.sku_id),
                mp_sku_id=str(s.mp_sku_id) if s.mp_sku_id is not None else None,
                price=s.price_fen,
                promotion_price=s.promotion_price_fen,
                quantity=s.stock,
                status=s.status.value,
                pic_url=sku_picture_url(rt, p, s),
                properties=[
                    TaobaoSkuProperty(
                        prop_id=pr.prop_id,
                        prop_name=pr.prop_names.get(lang or "zh", pr.prop_names.get("zh", "")),
                        value_id=pr.value_id,
                        value_name=pr.value_names.get(lang or "zh", pr.value_names.get("zh", "")),
                    )
                    for pr in s.properties
                ],
            )
            for s in p.skus
        ],
    )


def render_item(call: Call[Any], view: ProductView, lang: str) -> TaobaoSearchItem:
    p = view.product
    return TaobaoSearchItem(
        item_id=encode_id(call, IdKind.TAOBAO_ITEM, p.external_id),
        mp_id=str(p.mp_id) if p.mp_id is not None else None,
        title=p.titles.get("zh", ""),
        title_trans=p.titles.get(lang, p.titles.get("zh", "")),
        pic_url=picture_url(call.runtime, p, 0),
        price=p.price_fen,
        promotion_price=p.promotion_price_fen,
        month_sold=p.month_sold,
        category_id=str(p.category_id),
        shop_id=view.seller.shop_id,
        shop_name=view.seller.shop_name,
        status=p.status.value,
    )


def _page(call: Call[Any], page: ViewPage, current: int, size: int, lang: str) -> GoodsPage[TaobaoSearchItem]:
    return GoodsPage[TaobaoSearchItem](
        total_records=page.total,
        total_page=total_pages(page.total, size),
        page_size=size,
        current_page=current,
        data=[render_item(call, v, lang) for v in page.views],
    )


async def product_get(call: Call[TaobaoProductGet]) -> TaobaoProductDetail:
    item_id = decode_id(call, IdKind.TAOBAO_ITEM, call.params.item_id, field="itemId")
    lang = language(call.params.language, field="language") if call.params.language else None
    view = await call.read(service.get_view, platform=TB, external_id=item_id, field="itemId")
    return render_detail(call, view, lang)


async def batch_check(call: Call[TaobaoBatchCheck]) -> BatchCheckResult:
    if len(call.params.params) > 50:
        raise ApiError(Code.INVALID_PARAMETER, "params: at most 50 items per call", field="params")
    items = []
    for it in call.params.params:
        raw = it.item_id
        try:
            numeric = str(call.runtime.id_codec.decode_loose(IdKind.TAOBAO_ITEM, raw))
        except ValueError:
            numeric = raw
        items.append((numeric, list(it.sku_ids)))
    mappings = await call.read(service.batch_check, items=items)
    result = BatchCheckResult(mp_products=[], no_mp_product_item_ids=[], no_mp_reason_list=[])
    for (raw_item, _), m in zip(((i.item_id, None) for i in call.params.params), mappings, strict=True):
        if m.mp_id is None:
            result.no_mp_product_item_ids.append(raw_item)
            result.no_mp_reason_list.append(NoMpReason(item_id=raw_item, reason=m.reason))
        else:
            result.mp_products.append(
                MpProduct(
                    item_id=raw_item,
                    mp_id=str(m.mp_id),
                    sku_list=[MpSku(sku_id=s, mp_sku_id=str(mp)) for s, mp in m.skus],
                )
            )
    return result


def _query(call: Call[Any], p: TaobaoSearch) -> tuple[ProductQuery, int, int]:
    offset, current, size = paging(p.page_no, p.page_size, cap=PAGE_CAP)
    seller_id = None
    query = ProductQuery(
        TB,
        keyword=p.keyword,
        category_id=p.category_id,
        seller_id=seller_id,
        price_min_fen=p.price_start,
        price_max_fen=p.price_end,
        sort=parse_sort(p.sort),
        offset=offset,
        limit=size,
    )
    return query, current, size


async def search(call: Call[TaobaoSearch]) -> GoodsPage[TaobaoSearchItem]:
    lang = language(call.params.language, field="language")
    query, current, size = _query(call, call.params)
    page = await call.read(service.search, query=query)
    return _page(call, page, current, size, lang)


async def image_search(call: Call[TaobaoImageSearch]) -> GoodsPage[TaobaoSearchItem]:
    p = call.params
    lang = language(p.language, field="language")
    query, current, size = _query(call, p)
    data = await image_query_bytes(call, p.image_base64, p.image_address)
    ids = await nearest_products(call, TB, data)
    page = await call.read(
        service.filter_ids, ids=ids, category_id=query.category_id, price_min_fen=query.price_min_fen,
        price_max_fen=query.price_max_fen, offset=query.offset, limit=query.limit,
    )  # fmt: skip
    return _page(call, page, current, size, lang)


_PROVISIONAL_A2 = "/v2/taobao/product/batch/check"
_A3_V1 = "/open/product/item/search"
_A4 = ("/open/product/image/search", "/v2/taobao/product/image/search")

ENDPOINTS = [
    Endpoint(
        "GET", ("/open/product/get", "/v2/taobao/product/get"), product_get, params=TaobaoProductGet,
        params_in="query", summary="Query goods by Taobao item id", tag="Taobao goods",
        response=TaobaoProductDetail, spec_ref="§2.A A1",
    ),
    Endpoint(
        "POST", ("/open/product/batch/check", _PROVISIONAL_A2), batch_check, params=TaobaoBatchCheck,
        summary="Batch check (撞库): item → mpId/mpSkuId mapping", tag="Taobao goods", response=BatchCheckResult,
        provisional=(_PROVISIONAL_A2,), spec_ref="§2.A A2",
    ),
    Endpoint(
        "POST", (_A3_V1, "/v2/taobao/product/item/search"), search, params=TaobaoSearch,
        summary="Taobao keyword search", tag="Taobao goods", response=GoodsPage[TaobaoSearchItem],
        provisional=(_A3_V1,), spec_ref="§2.A A3",
    ),
    Endpoint(
        "POST", _A4, image_search, params=TaobaoImageSearch, summary="Taobao image search", tag="Taobao goods",
        response=GoodsPage[TaobaoSearchItem], provisional=_A4, spec_ref="§2.A A4",
    ),
    Endpoint(
        "GET", ("/open/product/query",), search, params=TaobaoSearch, params_in="query",
        summary="Taobao commodity inquiry (keyword search as GET query parameters)", tag="Taobao goods",
        response=GoodsPage[TaobaoSearchItem], provisional=("/open/product/query",), spec_ref="§2.A A5",
    ),
]  # fmt: skip
