"""Taobao cart (spec §2.C): C1 add [C], C2 list, C3 delete, C4 edit quantity, C5 preview (provisional paths), C6
create order from cart [C]. Prices and titles always come from the catalog; the client's copies are ignored."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from kuajing.protocol.wire.taobao_orders import TaobaoReceiverInfo
from kuajing.protocol.wire.types import JsonStringDecoder, LooseId, Quantity, RowId, ShortText

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


class CartAdd(BaseModel):
    """C1. ``mpId``/``mpSkuId`` are required by the spec; ``itemId``/``skuId`` (v1) or ``itemMapId`` (v2) are
    accepted in their place."""

    model_config = _REQ

    mpId: LooseId | None = None  # noqa: N815
    mpSkuId: LooseId | None = None  # noqa: N815
    itemId: LooseId | None = None  # noqa: N815
    itemMapId: LooseId | None = None  # noqa: N815
    skuId: LooseId | None = None  # noqa: N815
    quantity: Annotated[Quantity, Field(le=99_999)] = 1
    userId: ShortText | None = None  # noqa: N815


class TaobaoCartItemInfo(BaseModel):
    model_config = _RESP

    id: int
    userId: str  # noqa: N815
    itemId: int | str  # noqa: N815  as A1 sends it: a number on v1 paths, the encrypted id on v2
    itemMapId: str  # noqa: N815
    mpId: str | None = None  # noqa: N815
    skuId: str  # noqa: N815
    mpSkuId: str | None = None  # noqa: N815
    itemTitle: str  # noqa: N815
    itemPic: str  # noqa: N815
    price: int
    promotionPrice: int | None = None  # noqa: N815
    addPrice: int  # noqa: N815  the unit price when the row was added
    quantity: int
    skuQuantity: str  # noqa: N815
    properties: str  # JSON array string of {propId, propName, valueId, valueName}, as C1 takes it
    shopId: int  # noqa: N815
    shopName: str  # noqa: N815
    userNick: str  # noqa: N815
    disableReason: str | None = None  # noqa: N815
    errorCode: int | None = None  # noqa: N815
    createTime: int  # noqa: N815
    updateTime: int  # noqa: N815


class CartList(BaseModel):
    """C2: buyable rows and rows that cannot be bought now (offline, out of stock), each with its reason."""

    model_config = _RESP

    enableList: list[TaobaoCartItemInfo]  # noqa: N815
    disableList: list[TaobaoCartItemInfo]  # noqa: N815


class CartIds(BaseModel):
    """C3 delete and C5 preview."""

    model_config = _REQ

    ids: Annotated[list[RowId], JsonStringDecoder, Field(min_length=1, max_length=200)]


class CartEditQuantity(BaseModel):
    model_config = _REQ

    id: RowId
    quantity: Annotated[Quantity, Field(le=99_999)]


class CartCreateOrder(BaseModel):
    """C6 ``POST /open/cart/create/order``."""

    model_config = _REQ

    ids: Annotated[list[RowId], JsonStringDecoder, Field(min_length=1, max_length=200)]
    orderAddress: Annotated[TaobaoReceiverInfo, JsonStringDecoder]  # noqa: N815
    userId: ShortText | None = None  # noqa: N815
