"""Product pictures: ``GET /images/{platform}/{externalId}/{n}.jpg`` (and ``sku-{skuId}.jpg``), unsigned, cacheable.

Generated pictures are painted on request from their ``gen:`` reference (LRU-cached); imported products keep their
absolute URLs and are never proxied.
"""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from starlette.responses import Response

from kuajing.api.endpoint import Call, Endpoint
from kuajing.api.goods_common import picture_bytes
from kuajing.domain.errors import NotFoundError


async def serve_image(call: Call[Any]) -> Response:
    platform, external_id, name = (call.path_param(k) for k in ("platform", "externalId", "name"))
    data = await anyio.to_thread.run_sync(lambda: picture_bytes(call, platform, external_id, name))
    if data is None:
        raise NotFoundError("no such picture", field="name")
    return Response(data, media_type="image/jpeg", headers={"Cache-Control": "public, max-age=86400, immutable"})


ENDPOINTS = [
    Endpoint(
        "GET", ("/images/{platform}/{externalId}/{name}",), serve_image, signed=False,
        summary="A product or SKU picture (JPEG)", tag="Images", provisional=("/images/{platform}/{externalId}/{name}",),
        media_type="image/jpeg",
        description="Unsigned and cacheable; `name` is `<n>.jpg` (the n-th product picture) or `sku-<skuId>.jpg`.",
    ),
]  # fmt: skip
