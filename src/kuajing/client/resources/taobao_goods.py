"""Taobao goods: ``client.taobao.products`` (A1–A5)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from kuajing.client._base import Operation
from kuajing.client.resources import AsyncResource, SyncResource
from kuajing.client.resources.goods_paging import aiterate, clean, iterate
from kuajing.protocol.wire.taobao_goods import BatchCheckResult, GoodsPage, TaobaoProductDetail, TaobaoSearchItem

Page = GoodsPage[TaobaoSearchItem]
GET: Operation[TaobaoProductDetail] = Operation(
    "GET", "/open/product/get", "/v2/taobao/product/get", TaobaoProductDetail
)
BATCH_CHECK: Operation[BatchCheckResult] = Operation(
    "POST", "/open/product/batch/check", "/v2/taobao/product/batch/check", BatchCheckResult, effect="read"
)
SEARCH: Operation[Page] = Operation(
    "POST", "/open/product/item/search", "/v2/taobao/product/item/search", Page, effect="read"
)
IMAGE_SEARCH: Operation[Page] = Operation(
    "POST", "/open/product/image/search", "/v2/taobao/product/image/search", Page, effect="read"
)
INQUIRY: Operation[Page] = Operation("GET", "/open/product/query", None, Page)


def _check_params(items: Sequence[tuple[str | int, Sequence[str | int]]]) -> dict[str, Any]:
    return {"params": json.dumps([{"itemId": str(i), "skuIds": [str(s) for s in skus]} for i, skus in items])}


def _search(keyword: str | None, page_no: int, page_size: int, **filters: Any) -> dict[str, Any]:
    return clean({"keyword": keyword, "pageNo": page_no, "pageSize": page_size, **filters})


class TaobaoProducts(SyncResource):
    def get(self, item_id: str | int, *, language: str | None = None) -> TaobaoProductDetail:
        """A1. ``item_id``: the number (v1) or the encrypted id (v2)."""
        return self._client.request(GET, clean({"itemId": str(item_id), "language": language}))

    def batch_check(self, items: Sequence[tuple[str | int, Sequence[str | int]]]) -> BatchCheckResult:
        """A2 撞库: ``[(itemId, [skuId, …]), …]`` → mpId/mpSkuId mapping."""
        return self._client.request(BATCH_CHECK, _check_params(items))

    def search(self, keyword: str | None = None, *, page_no: int = 1, page_size: int = 20, **filters: Any) -> Page:
        """A3; ``filters``: sort, language, categoryId, priceStart, priceEnd (fen)."""
        return self._client.request(SEARCH, _search(keyword, page_no, page_size, **filters))

    def iter_search(
        self, keyword: str | None = None, *, page_size: int = 40, max_pages: int | None = None, **filters: Any
    ) -> Iterator[TaobaoSearchItem]:
        return iterate(lambda n: self.search(keyword, page_no=n, page_size=page_size, **filters), max_pages=max_pages)

    def image_search(
        self,
        *,
        image_base64: str | None = None,
        image_address: str | None = None,
        page_no: int = 1,
        page_size: int = 20,
        **filters: Any,
    ) -> Page:
        """A4: a JPEG/PNG/WebP picture (base64) or the address of a picture the platform serves."""
        body = _search(None, page_no, page_size, imageBase64=image_base64, imageAddress=image_address, **filters)
        return self._client.request(IMAGE_SEARCH, body)

    def inquiry(self, keyword: str | None = None, *, page_no: int = 1, page_size: int = 20, **filters: Any) -> Page:
        """A5 (v1 only): the keyword search as a GET."""
        return self._client.request(INQUIRY, _search(keyword, page_no, page_size, **filters))


class AsyncTaobaoProducts(AsyncResource):
    async def get(self, item_id: str | int, *, language: str | None = None) -> TaobaoProductDetail:
        return await self._client.request(GET, clean({"itemId": str(item_id), "language": language}))

    async def batch_check(self, items: Sequence[tuple[str | int, Sequence[str | int]]]) -> BatchCheckResult:
        return await self._client.request(BATCH_CHECK, _check_params(items))

    async def search(
        self, keyword: str | None = None, *, page_no: int = 1, page_size: int = 20, **filters: Any
    ) -> Page:
        return await self._client.request(SEARCH, _search(keyword, page_no, page_size, **filters))

    def iter_search(
        self, keyword: str | None = None, *, page_size: int = 40, max_pages: int | None = None, **filters: Any
    ) -> AsyncIterator[TaobaoSearchItem]:
        return aiterate(lambda n: self.search(keyword, page_no=n, page_size=page_size, **filters), max_pages=max_pages)

    async def image_search(
        self,
        *,
        image_base64: str | None = None,
        image_address: str | None = None,
        page_no: int = 1,
        page_size: int = 20,
        **filters: Any,
    ) -> Page:
        body = _search(None, page_no, page_size, imageBase64=image_base64, imageAddress=image_address, **filters)
        return await self._client.request(IMAGE_SEARCH, body)

    async def inquiry(
        self, keyword: str | None = None, *, page_no: int = 1, page_size: int = 20, **filters: Any
    ) -> Page:
        return await self._client.request(INQUIRY, _search(keyword, page_no, page_size, **filters))


#: Pictures (unsigned, not an envelope): fetch the ``picUrl``/``imageUrl``/``itemPic``… an answer returns with any HTTP
#: client. Listed so the SDK's operation table covers every public route; answers send the ``/images/gen/…`` form.
GENERATED_PICTURE: Operation[bytes] = Operation("GET", "/images/gen/{name}", None, bytes, signed=False)
PICTURE: Operation[bytes] = Operation("GET", "/images/{platform}/{externalId}/{name}", None, bytes, signed=False)
