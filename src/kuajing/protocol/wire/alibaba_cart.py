"""The 1688 cart (spec §2.G). ``G1`` and ``G4`` field names are [C]; ``price`` is in fen like the Taobao cart;
``offerId``, ``minOrderQuantity`` and ``invalidReason`` are ours (docs/alibaba-orders.md)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kuajing.protocol.wire.alibaba_orders import AddressParam
from kuajing.protocol.wire.types import LooseId, OptionalLooseInt, Quantity, Remark, RowId, ShortText, Token

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


class AlibabaCartItemInfo(BaseModel):
    model_config = _RESP

    id: int
    offerMapId: str  # noqa: N815
    offerId: int  # noqa: N815
    specId: str  # noqa: N815
    skuId: int  # noqa: N815
    itemTitle: str  # noqa: N815
    itemPic: str  # noqa: N815
    price: int  # fen, at this quantity
    quantity: int
    amountOnSale: int  # noqa: N815
    properties: str = ""
    minOrderQuantity: int = 1  # noqa: N815
    invalidReason: str | None = None  # noqa: N815


class CartShopItem(BaseModel):
    model_config = _RESP

    sellerOpenId: str  # noqa: N815
    sellerNickName: str  # noqa: N815
    cartItemInfos: list[AlibabaCartItemInfo]  # noqa: N815


class AlibabaCart(BaseModel):
    """G1 ``data`` (``AlibabaCartV2VO``)."""

    model_config = _RESP

    enableList: list[CartShopItem]  # noqa: N815
    disableList: list[CartShopItem]  # noqa: N815


class CartAddParams(BaseModel):
    """G2 body: ``offerId`` (v1) or ``offerMapId`` (v2), ``specId``, ``quantity``."""

    model_config = _REQ

    offerId: OptionalLooseInt = None  # noqa: N815
    offerMapId: LooseId | None = None  # noqa: N815
    specId: Token | None = None  # noqa: N815
    quantity: Quantity
    sellerOpenId: LooseId | None = None  # noqa: N815


class CartEditQuantityParams(BaseModel):
    """G4 body (``updateTime``, ``productNo``, ``container`` accepted and ignored)."""

    model_config = _REQ

    id: RowId
    quantity: Quantity
    updateTime: Any = None  # noqa: N815
    productNo: ShortText | None = None  # noqa: N815
    container: ShortText | None = None


class CartDeleteParams(BaseModel):
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


class CartPreviewParams(BaseModel):
    """G5 body."""

    model_config = _REQ

    cartIds: Annotated[list[RowId], Field(min_length=1, max_length=200)]  # noqa: N815
    addressParam: AddressParam | None = None  # noqa: N815


class CartCreateOrderParams(BaseModel):
    """G6 body."""

    model_config = _REQ

    flow: Token
    message: Remark = ""
    shopPromotionId: ShortText | None = None  # noqa: N815
    tradeType: Token | None = None  # noqa: N815
    addressParam: AddressParam  # noqa: N815
    cartIds: Annotated[list[RowId], Field(min_length=1, max_length=200)]  # noqa: N815
    userId: ShortText | None = None  # noqa: N815
    staffName: ShortText | None = None  # noqa: N815
