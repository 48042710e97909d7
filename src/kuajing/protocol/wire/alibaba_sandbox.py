"""The sandbox's 1688 seller actions (``/sandbox/1688/...``): ship, close and reprice an order, the seller's
behaviour switch and the developer's protocol pay switch. Kuajing's own endpoints, not PandaPon's.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import (
    Behaviour,
    LooseId,
    OptionalFen,
    Remark,
    ShortText,
    Token,
)

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


class SandboxOrderAction(WireModel):
    """``/sandbox/1688/order/ship`` and ``/close``: the order, and for shipping an optional carrier and number."""

    model_config = _REQ

    order_id: LooseId
    logistics_company_no: Token = ""
    logistics_bill_no: ShortText = ""
    reason: Remark = ""


class SandboxModifyPrice(WireModel):
    """``/sandbox/1688/order/modify-price``: new goods amount and/or postage in fen."""

    model_config = _REQ

    order_id: LooseId
    product_amount: OptionalFen = None
    shipping_fee: OptionalFen = None


class AlibabaSandboxSellerBehaviour(WireModel):
    """``/sandbox/1688/seller/behaviour``: keys to merge into the seller's behaviour (``null`` resets one)."""

    model_config = _REQ

    seller_open_id: LooseId
    behaviour: Behaviour


class SandboxProtocolPay(WireModel):
    model_config = _REQ

    enabled: bool


class AlibabaSellerBehaviourInfo(WireModel):
    model_config = _RESP

    seller_open_id: str
    behaviour: dict[str, Any]
