"""Taobao cart (spec §2.C, C1–C6), scoped to the caller's sub-account (``user-id`` header)."""

from __future__ import annotations

import json
from typing import Any

from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.api.images import render_picture_url
from kuajing.api.taobao import render as r
from kuajing.api.taobao.orders import item_ref_decoder
from kuajing.api.taobao.receivers import parse_receiver
from kuajing.domain.errors import InvalidInputError
from kuajing.domain.taobao_cart import service
from kuajing.domain.taobao_cart.model import CartLine
from kuajing.protocol.ids import IdKind
from kuajing.protocol.wire.taobao_cart import (
    CartAdd,
    CartCreateOrder,
    CartEditQuantity,
    CartIds,
    CartList,
    TaobaoCartItemInfo,
)
from kuajing.protocol.wire.taobao_orders import CreateResult, RenderResult

TAG = "Taobao cart"


def _info(call: Call[Any], line: CartLine) -> TaobaoCartItemInfo:
    p, s, item = line.product, line.sku, line.item
    props = [{"propId": x.prop_id, "propName": x.prop_names.get("zh", ""), "valueId": x.value_id,
              "valueName": x.value_names.get("zh", "")} for x in s.properties]  # fmt: skip
    return TaobaoCartItemInfo(
        id=item.id, user_id=item.user_id, item_id=r.item_id(call, p.external_id),
        item_map_id=call.runtime.id_codec.encode(IdKind.TAOBAO_ITEM, p.external_id),
        mp_id=str(p.mp_id) if p.mp_id is not None else None, sku_id=str(s.sku_id),
        mp_sku_id=str(s.mp_sku_id) if s.mp_sku_id is not None else None, item_title=p.titles.get("zh", ""),
        item_pic=render_picture_url(call.runtime, s.image or (p.images[0] if p.images else "")),
        price=s.price_fen, promotion_price=s.promotion_price_fen,
        add_price=item.added_price_fen, quantity=item.quantity, sku_quantity=str(s.stock),
        properties=json.dumps(props, ensure_ascii=False), shop_id=line.seller.shop_id, shop_name=line.seller.shop_name,
        user_nick=line.seller.nick, disable_reason=line.reason or None,
        error_code=int(line.problem) if line.problem is not None else None,
        create_time=item.created_at_ms, update_time=item.updated_at_ms,
    )  # fmt: skip


async def add_item(call: Call[CartAdd]) -> TaobaoCartItemInfo:
    p = call.params
    ref = p.mp_id or p.item_id or p.item_map_id
    if ref is None:
        raise InvalidInputError("mpId is required", field="mpId")
    item_ref = item_ref_decoder(call)(ref)

    def work(uow: Any) -> CartLine:
        item = service.add_item(uow, develop_id=call.develop_id, user_id=call.user_id, item_ref=item_ref,
                                sku_ref=p.mp_sku_id or p.sku_id, quantity=p.quantity, now_ms=call.clock.now_ms())  # fmt: skip
        return service.list_lines(uow, develop_id=call.develop_id, user_id=call.user_id, ids=[item.id])[0]

    return _info(call, await call.run(work))


async def list_cart(call: Call[Any]) -> CartList:
    lines = await call.read(service.list_lines, develop_id=call.develop_id, user_id=call.user_id)
    return CartList(enable_list=[_info(call, x) for x in lines if x.is_valid],
                    disable_list=[_info(call, x) for x in lines if not x.is_valid])  # fmt: skip


async def delete_items(call: Call[CartIds]) -> bool:
    await call.run(service.delete_items, develop_id=call.develop_id, user_id=call.user_id, ids=call.params.ids)
    return True


async def edit_quantity(call: Call[CartEditQuantity]) -> bool:
    await call.run(service.edit_quantity, develop_id=call.develop_id, user_id=call.user_id, item_id=call.params.id,
                   quantity=call.params.quantity, now_ms=call.clock.now_ms())  # fmt: skip
    return True


async def preview(call: Call[CartIds]) -> RenderResult:
    quotes = await call.read(service.preview, develop_id=call.develop_id, user_id=call.user_id, ids=call.params.ids)
    return r.render_quotes(call, quotes)


async def create_order(call: Call[CartCreateOrder]) -> CreateResult:
    result = await call.run(service.create_order, develop_id=call.develop_id, user_id=call.user_id,
                            ids=call.params.ids, receiver=parse_receiver(call.params.order_address),
                            now_ms=call.clock.now_ms())  # fmt: skip
    return CreateResult(success=True, order_list=[r.render_created(o) for o in result.orders])


_P = "§2.C"
ENDPOINTS = [
    Endpoint("POST", ("/open/cart/add", "/v2/taobao/cart/add"), add_item, params=CartAdd, response=TaobaoCartItemInfo,
             summary="Add a SKU to the cart (adds to the quantity of an existing row)", tag=TAG, spec_ref=f"{_P} C1",
             idempotent=True),
    Endpoint("GET", ("/open/cart/list", "/v2/taobao/cart/list"), list_cart, response=CartList, tag=TAG,
             summary="The cart: buyable rows and rows that cannot be bought now, with the reason",
             provisional=("/open/cart/list", "/v2/taobao/cart/list"), spec_ref=f"{_P} C2"),
    Endpoint("POST", ("/open/cart/delete", "/v2/taobao/cart/delete"), delete_items, params=CartIds, response=bool,
             summary="Delete cart rows", tag=TAG, provisional=("/open/cart/delete", "/v2/taobao/cart/delete"),
             spec_ref=f"{_P} C3"),
    Endpoint("POST", ("/open/cart/edit-quantity", "/v2/taobao/cart/edit-quantity"), edit_quantity,
             params=CartEditQuantity, response=bool, summary="Set a cart row's quantity", tag=TAG,
             provisional=("/open/cart/edit-quantity", "/v2/taobao/cart/edit-quantity"), spec_ref=f"{_P} C4"),
    Endpoint("POST", ("/open/cart/preview", "/v2/taobao/cart/preview"), preview, params=CartIds,
             response=RenderResult, summary="Preview the orders the chosen rows would make", tag=TAG,
             provisional=("/open/cart/preview", "/v2/taobao/cart/preview"), spec_ref=f"{_P} C5"),
    Endpoint("POST", ("/open/cart/create/order", "/v2/taobao/cart/create/order"), create_order,
             params=CartCreateOrder, response=CreateResult, tag=TAG,
             summary="Create purchase orders from cart rows (the rows leave the cart)",
             provisional=("/v2/taobao/cart/create/order",), spec_ref=f"{_P} C6", idempotent=True),
]  # fmt: skip
