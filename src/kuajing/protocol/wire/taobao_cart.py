"""Taobao cart (spec §2.C): C1 add [C], C2 list, C3 delete, C4 edit quantity, C5 preview (provisional paths), C6
create order from cart [C]. Prices and titles always come from the catalog; the client's copies are ignored."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.taobao_orders import TaobaoReceiverInfo
from kuajing.protocol.wire.types import JsonStringDecoder, LooseId, Quantity, RowId, ShortText

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


class CartAdd(WireModel):
    """C1. ``mpId``/``mpSkuId`` are required by the spec; ``itemId``/``skuId`` (v1) or ``itemMapId`` (v2) are
    accepted in their place."""

    model_config = _REQ

    mp_id: LooseId | None = None
    mp_sku_id: LooseId | None = None
    item_id: LooseId | None = None
    item_map_id: LooseId | None = None
    sku_id: LooseId | None = None
    quantity: Annotated[Quantity, Field(le=99_999)] = 1
    user_id: ShortText | None = None


class TaobaoCartItemInfo(WireModel):
    model_config = _RESP

    id: int
    user_id: str
    item_id: int | str  # as A1 sends it: a number on v1 paths, the encrypted id on v2
    item_map_id: str
    mp_id: str | None = None
    sku_id: str
    mp_sku_id: str | None = None
    item_title: str
    item_pic: str
    price: int
    promotion_price: int | None = None
    add_price: int  # the unit price when the row was added
    quantity: int
    sku_quantity: str
    properties: str  # JSON array string of {propId, propName, valueId, valueName}, as C1 takes it
    shop_id: int
    shop_name: str
    user_nick: str
    disable_reason: str | None = None
    error_code: int | None = None
    create_time: int
    update_time: int


class CartList(WireModel):
    """C2: buyable rows and rows that cannot be bought now (offline, out of stock), each with its reason."""

    model_config = _RESP

    enable_list: list[TaobaoCartItemInfo]
    disable_list: list[TaobaoCartItemInfo]


class CartIds(WireModel):
    """C3 delete and C5 preview."""

    model_config = _REQ

    ids: Annotated[list[RowId], JsonStringDecoder, Field(min_length=1, max_length=200)]


class CartEditQuantity(WireModel):
    model_config = _REQ

    id: RowId
    quantity: Annotated[Quantity, Field(le=99_999)]


class CartCreateOrder(WireModel):
    """C6 ``POST /open/cart/create/order``."""

    model_config = _REQ

    ids: Annotated[list[RowId], JsonStringDecoder, Field(min_length=1, max_length=200)]
    order_address: Annotated[TaobaoReceiverInfo, JsonStringDecoder]
    user_id: ShortText | None = None
