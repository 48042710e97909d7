"""The sandbox's Taobao seller actions (``/sandbox/taobao/...``): ship, reprice, close, review a voucher, and the
embedded seller's behaviour switch. Kuajing's own endpoints, not PandaPon's.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import (
    Behaviour,
    FenInt,
    LooseId,
    NameText,
    OptionalLooseInt,
    Remark,
)

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


class SandboxShip(WireModel):
    model_config = _REQ

    purchase_order_id: LooseId
    sub_purchase_order_id_list: Annotated[list[LooseId], Field(max_length=100)] = []


class SandboxPriceModify(WireModel):
    model_config = _REQ

    purchase_order_id: LooseId
    sub_purchase_order_id: LooseId
    price: Annotated[FenInt, Field(ge=1)]  # the new unit price, fen


class SandboxClose(WireModel):
    model_config = _REQ

    purchase_order_id: LooseId
    reason: Remark = "卖家关闭 (seller closed)"


class SandboxVoucherReview(WireModel):
    model_config = _REQ

    purchase_order_id: LooseId
    remark: Remark = ""


class TaobaoSandboxSellerBehaviour(WireModel):
    """Merge keys into a seller's behaviour (``null`` removes a key); name the seller by shopId or userNick."""

    model_config = _REQ

    shop_id: OptionalLooseInt = None
    user_nick: NameText | None = None
    behaviour: Behaviour


class TaobaoSellerBehaviourInfo(WireModel):
    model_config = _RESP

    shop_id: int
    user_nick: str
    behaviour: dict[str, Any]
