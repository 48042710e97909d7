"""1688 goods: ``client.alibaba.products`` (F1–F11)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from kuajing.client._base import Operation
from kuajing.client.resources import AsyncResource, SyncResource
from kuajing.client.resources.goods_paging import aiterate, clean, iterate
from kuajing.protocol.wire.alibaba_goods import (
    AlibabaCategoryInfo,
    AlibabaHotRank,
    AlibabaProductItem,
    GoodsPage,
    WangwangInfo,
)
from kuajing.protocol.wire.alibaba_goods_detail import AlibabaProductDetail

Page = GoodsPage[AlibabaProductItem]
DETAIL: Operation[AlibabaProductDetail] = Operation(
    "POST", "/alibaba/product/detail/get", "/v2/alibaba/product/detail/get", AlibabaProductDetail, effect="read"
)
KEYWORDS: Operation[Page] = Operation(
    "POST", "/alibaba/product/keywords/query", "/v2/alibaba/product/keywords/query", Page, effect="read"
)
IMAGE: Operation[Page] = Operation(
    "POST", "/alibaba/product/image/query", "/v2/alibaba/product/image/query", Page, effect="read"
)
STORE: Operation[Page] = Operation(
    "POST", "/alibaba/product/query/selleroffer", "/v2/alibaba/product/query/selleroffer", Page, effect="read"
)
CATEGORY: Operation[AlibabaCategoryInfo] = Operation(
    "POST", "/alibaba/product/category/get", "/v2/alibaba/product/category/get", AlibabaCategoryInfo, effect="read"
)
RECOMMEND: Operation[Page] = Operation(
    "POST", "/alibaba/product/recommend", "/v2/alibaba/product/recommend", Page, effect="read"
)
RELATED: Operation[Page] = Operation(
    "POST",
    "/alibaba/product/productRelatedRecommendQuery",
    "/v2/alibaba/product/productRelatedRecommendQuery",
    Page,
    effect="read",
)
GLOBAL_STRICT: Operation[Page] = Operation(
    "POST", "/v2/alibaba/product/global/strict/keywords/query", None, Page, effect="read"
)
STRICT: Operation[Page] = Operation("POST", "/v2/alibaba/product/strict/keywords/query", None, Page, effect="read")
HOT: Operation[AlibabaHotRank] = Operation("POST", "/v2/alibaba/product/hot/rank", None, AlibabaHotRank, effect="read")
OPENUID: Operation[WangwangInfo] = Operation(
    "POST", "/alibaba/product/openuid/decrypt", "/v2/alibaba/product/openuid/decrypt", WangwangInfo, effect="read"
)


def _q(keyword: str | None, begin_page: int, page_size: int, **filters: Any) -> dict[str, Any]:
    return clean({"keyword": keyword, "beginPage": begin_page, "pageSize": page_size, **filters})


class AlibabaProducts(SyncResource):
    """Filters are the wire names: country, sort (``'{"price":"desc"}'``), filter, priceStart/priceEnd (yuan), categoryId."""

    def detail(self, offer_id: str | int, *, country: str = "en") -> AlibabaProductDetail:
        return self._client.request(DETAIL, {"offerId": str(offer_id), "country": country})

    def search(self, keyword: str | None = None, *, begin_page: int = 1, page_size: int = 20, **filters: Any) -> Page:
        return self._client.request(KEYWORDS, _q(keyword, begin_page, page_size, **filters))

    def iter_search(
        self, keyword: str | None = None, *, page_size: int = 50, max_pages: int | None = None, **filters: Any
    ) -> Iterator[AlibabaProductItem]:
        return iterate(
            lambda n: self.search(keyword, begin_page=n, page_size=page_size, **filters), max_pages=max_pages
        )

    def image_search(
        self,
        *,
        image_base64: str | None = None,
        image_address: str | None = None,
        begin_page: int = 1,
        page_size: int = 20,
        **filters: Any,
    ) -> Page:
        return self._client.request(
            IMAGE, _q(None, begin_page, page_size, imageBase64=image_base64, imageAddress=image_address, **filters)
        )

    def store_search(
        self,
        seller_open_id: str,
        keyword: str | None = None,
        *,
        begin_page: int = 1,
        page_size: int = 20,
        **filters: Any,
    ) -> Page:
        return self._client.request(STORE, _q(keyword, begin_page, page_size, sellerOpenId=seller_open_id, **filters))

    def iter_store(
        self, seller_open_id: str, keyword: str | None = None, *, page_size: int = 50, **filters: Any
    ) -> Iterator[AlibabaProductItem]:
        return iterate(
            lambda n: self.store_search(seller_open_id, keyword, begin_page=n, page_size=page_size, **filters)
        )

    def category(self, category_id: int = 0, *, language: str = "en") -> AlibabaCategoryInfo:
        return self._client.request(CATEGORY, {"categoryId": category_id, "language": language})

    def recommend(self, *, begin_page: int = 1, page_size: int = 20, country: str = "en") -> Page:
        return self._client.request(RECOMMEND, {"beginPage": begin_page, "pageSize": page_size, "country": country})

    def related(self, offer_id: str | int, *, page_no: int = 1, page_size: int = 20, language: str = "en") -> Page:
        return self._client.request(
            RELATED, {"offerId": str(offer_id), "pageNo": page_no, "pageSize": page_size, "language": language}
        )

    def global_strict_search(
        self, keyword: str | None = None, *, begin_page: int = 1, page_size: int = 20, **filters: Any
    ) -> Page:
        return self._client.request(GLOBAL_STRICT, _q(keyword, begin_page, page_size, **filters))

    def strict_search(
        self, keyword: str | None = None, *, begin_page: int = 1, page_size: int = 20, **filters: Any
    ) -> Page:
        return self._client.request(STRICT, _q(keyword, begin_page, page_size, **filters))

    def hot_rank(self, *, category_id: int | None = None, limit: int = 20, language: str = "en") -> AlibabaHotRank:
        return self._client.request(HOT, clean({"categoryId": category_id, "limit": limit, "language": language}))

    def wangwang(self, open_uid: str, *, offer_id: str | int | None = None) -> WangwangInfo:
        return self._client.request(
            OPENUID, clean({"openUid": open_uid, "offerId": None if offer_id is None else str(offer_id)})
        )


class AsyncAlibabaProducts(AsyncResource):
    async def detail(self, offer_id: str | int, *, country: str = "en") -> AlibabaProductDetail:
        return await self._client.request(DETAIL, {"offerId": str(offer_id), "country": country})

    async def search(
        self, keyword: str | None = None, *, begin_page: int = 1, page_size: int = 20, **filters: Any
    ) -> Page:
        return await self._client.request(KEYWORDS, _q(keyword, begin_page, page_size, **filters))

    def iter_search(
        self, keyword: str | None = None, *, page_size: int = 50, max_pages: int | None = None, **filters: Any
    ) -> AsyncIterator[AlibabaProductItem]:
        return aiterate(
            lambda n: self.search(keyword, begin_page=n, page_size=page_size, **filters), max_pages=max_pages
        )

    async def image_search(
        self,
        *,
        image_base64: str | None = None,
        image_address: str | None = None,
        begin_page: int = 1,
        page_size: int = 20,
        **filters: Any,
    ) -> Page:
        return await self._client.request(
            IMAGE, _q(None, begin_page, page_size, imageBase64=image_base64, imageAddress=image_address, **filters)
        )

    async def store_search(
        self,
        seller_open_id: str,
        keyword: str | None = None,
        *,
        begin_page: int = 1,
        page_size: int = 20,
        **filters: Any,
    ) -> Page:
        return await self._client.request(
            STORE, _q(keyword, begin_page, page_size, sellerOpenId=seller_open_id, **filters)
        )

    async def category(self, category_id: int = 0, *, language: str = "en") -> AlibabaCategoryInfo:
        return await self._client.request(CATEGORY, {"categoryId": category_id, "language": language})

    async def recommend(self, *, begin_page: int = 1, page_size: int = 20, country: str = "en") -> Page:
        return await self._client.request(
            RECOMMEND, {"beginPage": begin_page, "pageSize": page_size, "country": country}
        )

    async def related(
        self, offer_id: str | int, *, page_no: int = 1, page_size: int = 20, language: str = "en"
    ) -> Page:
        return await self._client.request(
            RELATED, {"offerId": str(offer_id), "pageNo": page_no, "pageSize": page_size, "language": language}
        )

    async def global_strict_search(
        self, keyword: str | None = None, *, begin_page: int = 1, page_size: int = 20, **filters: Any
    ) -> Page:
        return await self._client.request(GLOBAL_STRICT, _q(keyword, begin_page, page_size, **filters))

    async def strict_search(
        self, keyword: str | None = None, *, begin_page: int = 1, page_size: int = 20, **filters: Any
    ) -> Page:
        return await self._client.request(STRICT, _q(keyword, begin_page, page_size, **filters))

    async def hot_rank(
        self, *, category_id: int | None = None, limit: int = 20, language: str = "en"
    ) -> AlibabaHotRank:
        return await self._client.request(HOT, clean({"categoryId": category_id, "limit": limit, "language": language}))

    async def wangwang(self, open_uid: str, *, offer_id: str | int | None = None) -> WangwangInfo:
        return await self._client.request(
            OPENUID, clean({"openUid": open_uid, "offerId": None if offer_id is None else str(offer_id)})
        )
