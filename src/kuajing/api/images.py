"""Pictures on the wire: :func:`render_picture_url` renders every picture reference an answer carries, and the
routes here serve what it names (unsigned, cacheable).

A stored picture reference is one of:

- ``gen:<shape>:<rrggbb>:<seed>:<variant>``, a picture the demo painter draws. It goes out as
  ``<base>/images/gen/<shape>-<rrggbb>-<seed>-<variant>-<mac>.jpg``: the URL spells the reference itself, so it is
  painted without any catalog lookup and keeps answering after the product that showed it changed or went away (an
  order line or a refund shows the picture its line was bought with). What a URL names never changes, so it may be
  cached for good. ``<mac>`` is a keyed digest of the reference (the platform's master key): the routes are
  unsigned and painting costs tens of milliseconds of CPU, so only references the server itself handed out are
  painted — without it anyone could have it paint any of ~10^26 names, one after another.
- an absolute URL (imported catalogs, pictures a client sent us): sent as it is, never proxied.

A ``gen:`` reference that does not spell a paintable picture is sent as ``""`` (no picture): an internal reference
never reaches the wire. Refund vouchers uploaded through 1688 I3 are served with the bytes that were stored, from
``/images/vouchers/<digest>.<ext>``. ``/images/{platform}/{externalId}/{n}.jpg`` (and ``sku-<skuId>.jpg``), the form
goods answers sent before, is still served: it names a product's *current* picture, looked up in the catalog.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import anyio.to_thread
from starlette.responses import Response

from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.domain.aftersales.vouchers import voucher_media_type
from kuajing.domain.catalog.model import CatalogPlatform, Product
from kuajing.domain.errors import NotFoundError
from kuajing.market.generator import parse_ref, render_image_jpeg
from kuajing.protocol.wire.types import is_digits

if TYPE_CHECKING:
    from kuajing.runtime import Runtime

GENERATED_PREFIX = "/images/gen/"
VOUCHER_PREFIX = "/images/vouchers/"
_MAX_AGE = "public, max-age=86400"
# What a generated picture's parts may be for its URL to spell it back exactly (the painter's shapes are lowercase
# words; seeds and variants are what the demo generator writes).
_GEN_PARTS = re.compile(r"gen:([a-z0-9_]{1,32}):([0-9a-f]{6}):([0-9]{1,18}):([0-3])")
_MAC_HEX = 16  # 64 bits of HMAC-SHA256: guessing one is out of reach at any request rate


@dataclass(frozen=True, slots=True)
class Picture:
    data: bytes
    media_type: str
    immutable: bool = True  # False for the product-named form, whose product may change its picture


def render_picture_url(runtime: Runtime, ref: str) -> str:
    """The value a picture field sends for a stored reference (see the module docstring)."""
    if not ref.startswith("gen:"):
        return ref
    name = _generated_name(ref, _url_key(runtime))
    return f"{runtime.settings.base_url}{GENERATED_PREFIX}{name}" if name else ""


def _url_key(runtime: Runtime) -> bytes:
    return runtime.box.derive("picture-urls")


def _generated_name(ref: str, key: bytes) -> str | None:
    match = _GEN_PARTS.fullmatch(ref)
    if match is None:
        return None
    mac = hmac.new(key, ref.encode(), hashlib.sha256).hexdigest()[:_MAC_HEX]
    return "-".join((*match.groups(), mac)) + ".jpg"


def generated_ref(runtime: Runtime, name: str) -> str | None:
    """``toy-823caa-12345-0-<mac>.jpg`` → ``gen:toy:823caa:12345:0``; None unless the name is exactly what
    :func:`render_picture_url` writes for that reference (its digest included)."""
    stem, _, mac = name.removesuffix(".jpg").rpartition("-")
    ref = "gen:" + stem.replace("-", ":")
    expected = _generated_name(ref, _url_key(runtime))
    return ref if expected is not None and len(mac) == _MAC_HEX and hmac.compare_digest(expected, name) else None


def generated_picture(runtime: Runtime, name: str) -> Picture | None:
    ref = generated_ref(runtime, name)
    return Picture(render_image_jpeg(ref), "image/jpeg") if ref else None


def product_picture_ref(product: Product, name: str) -> str | None:
    """``0.jpg`` → the product's first picture; ``sku-<skuId>.jpg`` → that SKU's picture (or the product's first)."""
    stem = name.removesuffix(".jpg")
    if is_digits(stem) and len(stem) <= 9:
        n = int(stem)
        return product.images[n] if n < len(product.images) else None
    if stem.startswith("sku-") and is_digits(stem[4:]) and len(stem) <= 23:
        sku = product.sku(sku_id=int(stem[4:]))
        return (sku.image or (product.images[0] if product.images else None)) if sku else None
    return None


def product_picture(runtime: Runtime, platform_segment: str, external_id: str, name: str) -> Picture | None:
    """The product-named form: the product's current picture, or None when the URL names nothing paintable."""
    try:
        platform = CatalogPlatform(platform_segment)
    except ValueError:
        return None
    if not is_digits(external_id) or len(external_id) > 18:
        return None
    with runtime.uow(write=False) as uow:
        product = uow.catalog.find_product(platform, int(external_id))
    ref = product_picture_ref(product, name) if product is not None else None
    if ref is None or parse_ref(ref) is None:
        return None
    return Picture(render_image_jpeg(ref), "image/jpeg", immutable=False)


def voucher_picture(runtime: Runtime, name: str) -> Picture | None:
    media_type = voucher_media_type(name)
    if media_type is None:
        return None
    with runtime.uow(write=False) as uow:
        data = uow.aftersales.voucher_bytes(name)
    return Picture(data, media_type) if data is not None else None


def served_picture(runtime: Runtime, path: str) -> Picture | None:
    """What ``GET <path>`` answers, for any picture URL this server hands out (image search reads it too)."""
    parts = path.strip("/").split("/")
    if len(parts) == 3 and parts[0] == "images":
        if parts[1] == "gen":
            return generated_picture(runtime, parts[2])
        if parts[1] == "vouchers":
            return voucher_picture(runtime, parts[2])
    if len(parts) == 4 and parts[0] == "images":
        return product_picture(runtime, parts[1], parts[2], parts[3])
    return None


async def _answer(call: Call[Any]) -> Response:
    path = call.request.url.path
    picture = await anyio.to_thread.run_sync(lambda: served_picture(call.runtime, path))
    if picture is None:
        raise NotFoundError("no such picture", field="name")
    cache = f"{_MAX_AGE}, immutable" if picture.immutable else _MAX_AGE
    return Response(picture.data, media_type=picture.media_type,
                    headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff"})  # fmt: skip


_TAG = "Images"
ENDPOINTS = [
    Endpoint(
        "GET", ("/images/gen/{name}",), _answer, signed=False, tag=_TAG, provisional=("/images/gen/{name}",),
        summary="A generated picture, named by its reference (JPEG)", media_type="image/jpeg",
        description="Every picture URL the server sends for a generated picture has this form; it is painted from "
                    "the name alone (which ends in a keyed digest: only names the server handed out answer), so it "
                    "answers for as long as the platform keeps its master key.",
    ),
    Endpoint(
        "GET", ("/images/vouchers/{name}",), _answer, signed=False, tag=_TAG,
        provisional=("/images/vouchers/{name}",), summary="An uploaded refund voucher (the stored bytes)", media_type="image/*",
        description="`name` is the `imageRelativeUrl` tail 1688 I3 answered: the content digest and the format.",
    ),
    Endpoint(
        "GET", ("/images/{platform}/{externalId}/{name}",), _answer, signed=False, tag=_TAG,
        provisional=("/images/{platform}/{externalId}/{name}",), summary="A product or SKU picture (JPEG)", media_type="image/jpeg",
        description="Unsigned and cacheable; `name` is `<n>.jpg` (the n-th product picture) or `sku-<skuId>.jpg`: "
                    "the product's current picture (answers send the `/images/gen/…` form instead).",
    ),
]  # fmt: skip
