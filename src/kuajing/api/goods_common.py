"""What the Taobao and 1688 goods endpoints share: language, sort, paging, ids, picture URLs and image queries."""

from __future__ import annotations

import base64
import binascii
import json
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import anyio.to_thread
import numpy as np

from kuajing.api.call import Call
from kuajing.api.errors import ApiError
from kuajing.api.images import render_picture_url, served_picture
from kuajing.domain.catalog.model import CatalogPlatform, Product, Sku
from kuajing.domain.catalog.search import SortKey, page_window
from kuajing.domain.errors import NotFoundError
from kuajing.market.vocab import normalize_language
from kuajing.protocol.codes import Code
from kuajing.protocol.ids import IdKind, InvalidIdError
from kuajing.search.image.catalog import CatalogImageIndex
from kuajing.search.image.embedder import InvalidImageError

if TYPE_CHECKING:
    from kuajing.runtime import Runtime

#: Image search looks at this many nearest pictures, then applies the request's filters and pages through them.
IMAGE_CANDIDATES = 200

_SORT_WORDS = {
    "": SortKey.RELEVANCE, "default": SortKey.RELEVANCE, "relevance": SortKey.RELEVANCE,
    "tk_rate_desc": SortKey.RELEVANCE, "price_asc": SortKey.PRICE_ASC, "price_desc": SortKey.PRICE_DESC,
    "sales_desc": SortKey.SALES_DESC, "total_sales_desc": SortKey.SALES_DESC, "sale_desc": SortKey.SALES_DESC,
    "newest": SortKey.NEWEST, "new_desc": SortKey.NEWEST,
}  # fmt: skip
_SORT_FIELDS = {"price": "price", "monthsold": "sales", "sales": "sales", "salequantity": "sales", "sold": "sales"}


def is_v2(call: Call[Any]) -> bool:
    return call.request.url.path.startswith("/v2/")


def language(value: str | None, *, field: str, default: str = "en") -> str:
    if value is None:
        return default
    try:
        return normalize_language(value)
    except ValueError:
        raise ApiError(Code.INVALID_PARAMETER, f"{field}: unknown language {value!r}", field=field) from None


def parse_sort(raw: str | None) -> SortKey:
    """``{"price":"desc"}`` (JSON in a string, 1688 style) or a word such as ``price_asc`` / ``tk_rate_desc``."""
    text = (raw or "").strip()
    if text.startswith("{"):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ApiError(Code.INVALID_PARAMETER, f"sort: not valid JSON ({exc.msg})", field="sort") from None
        if not isinstance(doc, dict) or len(doc) > 1:
            raise ApiError(Code.INVALID_PARAMETER, 'sort: expected one field, e.g. {"price":"desc"}', field="sort")
        if not doc:
            return SortKey.RELEVANCE
        ((key, direction),) = doc.items()
        kind = _SORT_FIELDS.get(str(key).lower())
        direction = str(direction).lower()
        if kind is None or direction not in ("asc", "desc"):
            raise ApiError(Code.INVALID_PARAMETER, f"sort: cannot sort by {key!r} {direction!r}", field="sort")
        if kind == "price":
            return SortKey.PRICE_ASC if direction == "asc" else SortKey.PRICE_DESC
        return SortKey.SALES_DESC
    key = _SORT_WORDS.get(text.lower())
    if key is None:
        raise ApiError(Code.INVALID_PARAMETER, f"sort: unknown sort {text!r}", field="sort")
    return key


def paging(page: int, page_size: int, *, cap: int) -> tuple[int, int, int]:
    """``(offset, current page, page size)``: page 0 and 1 are the first page; the size is clamped to 1…cap."""
    if page < 0:
        raise ApiError(Code.INVALID_PARAMETER, "page numbers start at 0 or 1", field="beginPage")
    size = max(1, min(cap, page_size))
    offset, current = page_window(page, size)
    return offset, current, size


def yuan_to_fen(value: str | None, *, field: str) -> int | None:
    if value is None:
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ApiError(Code.INVALID_PARAMETER, f"{field}: not an amount in yuan", field=field) from None
    if not amount.is_finite() or amount < 0:
        raise ApiError(Code.INVALID_PARAMETER, f"{field}: not an amount in yuan", field=field)
    return int((amount * 100).to_integral_value())


def yuan(fen: int | None) -> str | None:
    return None if fen is None else f"{fen // 100}.{fen % 100:02d}"


def decode_id(call: Call[Any], kind: IdKind, raw: str, *, field: str) -> int:
    """A v1 number or a v2 encrypted id → the numeric id; a string that is neither is an unknown object."""
    try:
        return call.runtime.id_codec.decode_loose(kind, raw)
    except InvalidIdError:
        raise NotFoundError(f"{field} {raw!r} does not name an object of this platform", field=field) from None


def encode_id(call: Call[Any], kind: IdKind, value: int) -> int | str:
    return call.runtime.id_codec.encode(kind, value) if is_v2(call) else value


# pictures ------------------------------------------------------------------------------------------------------
def picture_url(runtime: Runtime, product: Product, n: int) -> str:
    """The product's n-th picture as the wire sends it (``""`` when it has none)."""
    return render_picture_url(runtime, product.images[n] if n < len(product.images) else "")


def sku_picture_url(runtime: Runtime, product: Product, sku: Sku) -> str:
    """The SKU's own picture, else the product's first."""
    return render_picture_url(runtime, sku.image) if sku.image else picture_url(runtime, product, 0)


# image search --------------------------------------------------------------------------------------------------
def image_index(runtime: Runtime) -> CatalogImageIndex:
    index: CatalogImageIndex | None = runtime.__dict__.get("_goods_image_index")
    if index is None:
        index = CatalogImageIndex()
        runtime.__dict__["_goods_image_index"] = index
    return index


def _load_embeddings(runtime: Runtime, after: int, limit: int) -> list[dict[str, Any]]:
    with runtime.uow(write=False) as uow:
        return uow.catalog.embeddings_after(after, limit)


async def image_query_bytes(call: Call[Any], image_base64: str | None, image_address: str | None) -> bytes:
    if image_base64:
        text = image_base64.split(",", 1)[1] if image_base64.startswith("data:") else image_base64
        try:
            return base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            raise ApiError(Code.INVALID_PARAMETER, "imageBase64: not base64", field="imageBase64") from None
    if image_address:
        path = urlparse(image_address).path
        picture = await anyio.to_thread.run_sync(lambda: served_picture(call.runtime, path))
        if picture is not None:
            return picture.data
        raise ApiError(
            Code.INVALID_PARAMETER,
            "imageAddress: only pictures this platform serves (/images/…) can be searched by address",
            field="imageAddress",
        )
    raise ApiError(Code.INVALID_PARAMETER, "imageBase64: is required (or imageAddress)", field="imageBase64")


async def nearest_products(call: Call[Any], platform: CatalogPlatform, data: bytes) -> list[int]:
    """Decode and embed the picture off the event loop, then the nearest catalog pictures' product ids."""
    index = image_index(call.runtime)

    def work() -> list[int]:
        try:
            vector = index.embedder.embed_bytes(data)
        except InvalidImageError as exc:
            raise ApiError(Code.INVALID_PARAMETER, f"imageBase64: {exc}", field="imageBase64") from None
        index.refresh(lambda after, limit: _load_embeddings(call.runtime, after, limit))
        return [pid for pid, _ in index.search(platform.value, np.asarray(vector), IMAGE_CANDIDATES)]

    return await anyio.to_thread.run_sync(work)
