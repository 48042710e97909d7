"""The 1688 cart (spec §2.G). ``G1`` and ``G4`` field names are [C]; ``price`` is in fen like the Taobao cart;
``offerId``, ``minOrderQuantity`` and ``invalidReason`` are ours (docs/alibaba-orders.md)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field, model_validator

from kuajing.protocol.wire.alibaba_orders import AddressParam
from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import LooseId, OptionalLooseInt, Quantity, Remark, RowId, ShortText, Token

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


class AlibabaCartItemInfo(WireModel):
    model_config = _RESP

    id: int
    offer_map_id: str
    offer_id: int
    spec_id: str
    sku_id: int
    item_title: str
    item_pic: str
    price: int  # fen, at this quantity
    quantity: int
    amount_on_sale: int
    properties: str = ""
    min_order_quantity: int = 1
    invalid_reason: str | None = None


class CartShopItem(WireModel):
    model_config = _RESP

    seller_open_id: str
    seller_nick_name: str
    cart_item_infos: list[AlibabaCartItemInfo]


class AlibabaCart(WireModel):
    """G1 ``data`` (``AlibabaCartV2VO``)."""

    model_config = _RESP

    enable_list: list[CartShopItem]
    disable_list: list[CartShopItem]


class CartAddParams(WireModel):
    """G2 body: ``offerId`` (v1) or ``offerMapId`` (v2), ``specId``, ``quantity``."""

    model_config = _REQ

    offer_id: OptionalLooseInt = None
    offer_map_id: LooseId | None = None
    spec_id: Token | None = None
    quantity: Quantity
    seller_open_id: LooseId | None = None


class CartEditQuantityParams(WireModel):
    """G4 body (``updateTime``, ``productNo``, ``container`` accepted and ignored)."""

    model_config = _REQ

    id: RowId
    quantity: Quantity
    update_time: Any = None
    product_no: ShortText | None = None
    container: ShortText | None = None


class CartDeleteParams(WireModel):
    """G3 body: ``ids`` (``cartIds`` and a single ``id`` are accepted too)."""

    model_config = _REQ

    ids: Annotated[list[RowId], Field(max_length=200)] = []

    @model_validator(mode="before")
    @classmethod
    def _aliases(cls, data: Any) -> Any:
        # the spelling used is taken out, so that only a spelling that was not used is reported as ignored
        if isinstance(data, dict) and not data.get("ids"):
            if data.get("cartIds"):
                data = {k: v for k, v in data.items() if k != "cartIds"} | {"ids": data["cartIds"]}
            elif data.get("id") is not None:
                data = {k: v for k, v in data.items() if k != "id"} | {"ids": [data["id"]]}
        return data


class CartPreviewParams(WireModel):
    """G5 body."""

    model_config = _REQ

    cart_ids: Annotated[list[RowId], Field(min_length=1, max_length=200)]
    address_param: AddressParam | None = None


class CartCreateOrderParams(WireModel):
    """G6 body."""

    model_config = _REQ

    flow: Token
    message: Remark = ""
    shop_promotion_id: ShortText | None = None
    trade_type: Token | None = None
    address_param: AddressParam
    cart_ids: Annotated[list[RowId], Field(min_length=1, max_length=200)]
    user_id: ShortText | None = None
    staff_name: ShortText | None = None
