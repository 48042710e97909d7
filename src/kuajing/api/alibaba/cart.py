"""The 1688 cart (spec §2.G, G1–G6), per developer and sub-account (``user-id``)."""

from __future__ import annotations

from typing import Any

from kuajing.api.alibaba.addresses import parse_address
from kuajing.api.alibaba.common import offer_id_of, render_preview
from kuajing.api.alibaba.orders import create_per_seller
from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.api.images import render_picture_url
from kuajing.domain.alibaba_cart import service as cart
from kuajing.domain.alibaba_orders import quote
from kuajing.domain.uow import UnitOfWork
from kuajing.protocol.ids import IdKind
from kuajing.protocol.wire.alibaba_cart import (
    AlibabaCart,
    AlibabaCartItemInfo,
    CartAddParams,
    CartCreateOrderParams,
    CartDeleteParams,
    CartEditQuantityParams,
    CartPreviewParams,
    CartShopItem,
)
from kuajing.protocol.wire.alibaba_order_view import AlibabaOrderView
from kuajing.protocol.wire.alibaba_orders import OrderPreviewResult

TAG = "1688 cart"


async def list_cart(call: Call[Any]) -> AlibabaCart:
    """G1: valid lines in ``enableList``, lines that cannot be ordered in ``disableList`` with ``invalidReason``."""
    lines = await call.read(cart.list_cart, develop_id=call.develop_id, user_id=call.user_id)
    codec = call.runtime.id_codec
    enabled: dict[str, CartShopItem] = {}
    disabled: dict[str, CartShopItem] = {}
    for line in lines:
        target = disabled if line.invalid_reason else enabled
        shop = target.setdefault(
            line.seller.open_id,
            CartShopItem(seller_open_id=line.seller.open_id, seller_nick_name=line.seller.nick, cart_item_infos=[]),
        )
        props = ";".join(f"{p.prop_names.get('zh', '')}:{p.value_names.get('zh', '')}" for p in line.sku.properties)
        shop.cart_item_infos.append(
            AlibabaCartItemInfo(
                id=line.row.id,
                offer_map_id=codec.encode(IdKind.ALIBABA_OFFER, line.product.external_id),
                offer_id=line.product.external_id,
                spec_id=line.sku.spec_id,
                sku_id=line.sku.sku_id,
                item_title=line.product.titles.get("zh", ""),
                item_pic=render_picture_url(
                    call.runtime, line.sku.image or (line.product.images[0] if line.product.images else "")
                ),
                price=line.unit_price_fen,
                quantity=line.row.quantity,
                amount_on_sale=line.sku.stock,
                properties=props,
                min_order_quantity=line.product.min_order_quantity,
                invalid_reason=line.invalid_reason or None,
            )
        )
    return AlibabaCart(enable_list=list(enabled.values()), disable_list=list(disabled.values()))


async def add(call: Call[CartAddParams]) -> int:
    """G2: returns the cart id (adding to the quantity when the spec is already in the cart)."""
    p = call.params
    return await call.run(
        cart.add_item, develop_id=call.develop_id, user_id=call.user_id,
        offer_id=offer_id_of(call.runtime.id_codec, p.offer_id, p.offer_map_id), spec_id=p.spec_id or None,
        quantity=p.quantity, now_ms=call.clock.now_ms(),
    )  # fmt: skip


async def delete(call: Call[CartDeleteParams]) -> bool:
    """G3."""
    return await call.run(cart.delete_items, develop_id=call.develop_id, user_id=call.user_id, cart_ids=call.params.ids)


async def edit_quantity(call: Call[CartEditQuantityParams]) -> bool:
    """G4."""
    p = call.params
    return await call.run(
        cart.edit_quantity, develop_id=call.develop_id, user_id=call.user_id, cart_id=p.id, quantity=p.quantity,
        now_ms=call.clock.now_ms(),
    )  # fmt: skip


def _preview_cart(uow: UnitOfWork, *, develop_id: str, user_id: str, cart_ids: list[int], now_ms: int) -> Any:
    lines = cart.cargos_for(uow, develop_id=develop_id, user_id=user_id, cart_ids=cart_ids)
    return quote.preview(uow, develop_id=develop_id, cargos=[c for _, c in lines], now_ms=now_ms)


async def preview(call: Call[CartPreviewParams]) -> OrderPreviewResult:
    """G5: the H6 preview of the chosen cart lines."""
    quotes = await call.run(  # a write: the preview records the prices it quoted (create holds them to it)
        _preview_cart, develop_id=call.develop_id, user_id=call.user_id, cart_ids=call.params.cart_ids,
        now_ms=call.clock.now_ms(),
    )  # fmt: skip
    return render_preview(quotes, call.runtime.id_codec)


async def create_order(call: Call[CartCreateOrderParams]) -> list[AlibabaOrderView]:
    """G6: an order per seller from the chosen cart lines; the lines of created orders leave the cart."""
    p = call.params
    lines = await call.read(cart.cargos_for, develop_id=call.develop_id, user_id=call.user_id, cart_ids=p.cart_ids)
    return await create_per_seller(
        call, [c for _, c in lines], address=parse_address(p.address_param), flow=p.flow, message=p.message,
        trade_type=p.trade_type or "", cart_ids=[cid for cid, _ in lines],
    )  # fmt: skip


ENDPOINTS = [
    Endpoint(
        "GET", ("/alibaba/cart/list", "/v2/alibaba/cart/list"), list_cart, response=AlibabaCart, tag=TAG,
        spec_ref="§2.G G1", provisional=("/alibaba/cart/list",), summary="The cart, valid and invalid lines per seller",
    ),
    Endpoint(
        "POST", ("/alibaba/cart/add", "/v2/alibaba/cart/add"), add, params=CartAddParams, response=int, tag=TAG,
        spec_ref="§2.G G2", provisional=("/alibaba/cart/add", "/v2/alibaba/cart/add"), summary="Add a spec to the cart",
        idempotent=True,
    ),
    Endpoint(
        "POST", ("/alibaba/cart/delete", "/v2/alibaba/cart/delete"), delete, params=CartDeleteParams, response=bool,
        tag=TAG, spec_ref="§2.G G3", provisional=("/alibaba/cart/delete", "/v2/alibaba/cart/delete"),
        summary="Delete cart lines",
    ),
    Endpoint(
        "POST", ("/alibaba/cart/edit-quantity", "/v2/alibaba/cart/edit-quantity"), edit_quantity,
        params=CartEditQuantityParams, response=bool, tag=TAG, spec_ref="§2.G G4",
        provisional=("/v2/alibaba/cart/edit-quantity",), summary="Change a cart line's quantity",
    ),
    Endpoint(
        "POST", ("/alibaba/cart/create/preview", "/v2/alibaba/cart/create/preview"), preview,
        params=CartPreviewParams, response=OrderPreviewResult, tag=TAG, spec_ref="§2.G G5",
        provisional=("/alibaba/cart/create/preview", "/v2/alibaba/cart/create/preview"),
        summary="Preview orders for cart lines",
    ),
    Endpoint(
        "POST", ("/alibaba/cart/create/order", "/v2/alibaba/cart/create/order"), create_order,
        params=CartCreateOrderParams, response=list[AlibabaOrderView], tag=TAG, spec_ref="§2.G G6",
        provisional=("/v2/alibaba/cart/create/order",), summary="Create orders (one per seller) from cart lines",
        idempotent=True,
    ),
]  # fmt: skip
