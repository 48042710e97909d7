"""1688 calls on existing orders (spec §2.H): H8 cancel, H9/H1 pay, H10 receive goods, H4 logistics trace. Kept
from the spec: the 19-digit ``orderId`` accepted as a number or a string, ``cantPayOrderList`` as numbers [C].
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import (
    LooseId,
    Remark,
    Token,
)

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


# -- requests -------------------------------------------------------------------------------------------------------
class OrderCancelParams(WireModel):
    """H8 body."""

    model_config = _REQ

    web_site: Token
    order_id: LooseId
    cancel_reason: Annotated[str, Field(min_length=1, max_length=200)]
    remark: Remark | None = None


class OrderIdQuery(WireModel):
    """H9 / H4 query: ``orderId``."""

    model_config = _REQ

    order_id: LooseId
    web_site: Token = "1688"


class BatchPayParams(WireModel):
    """H1 body."""

    model_config = _REQ

    order_ids: Annotated[list[LooseId], Field(min_length=1, max_length=100)]


class ReceiveGoodsParams(WireModel):
    """H10 body."""

    model_config = _REQ

    order_id: LooseId
    order_entry_ids: Annotated[list[LooseId], Field(max_length=100)] = []


# -- pay, receive, trace --------------------------------------------------------------------------------------------
class AlibabaPayOrder(WireModel):
    """H9 / H1 ``data`` (``AlibabaPayOrderVO``)."""

    model_config = _RESP

    order_id: str | None = None
    protocol_pay_success: bool
    pay_url: str | None = None
    cant_pay_order_list: list[int] = []
    order_ids: list[str] = []  # (the orders paid or payable through payUrl)


class ReceiveGoodsResult(WireModel):
    """H10 ``data``."""

    model_config = _RESP

    success: bool
    error_info: str | None = None
    error_code: str | None = None


class LogisticsStep(WireModel):
    model_config = _RESP

    accept_time: str
    remark: str
    status: str = ""


class AlibabaLogisticsTrace(WireModel):
    """H4 ``data`` element: one parcel of the order."""

    model_config = _RESP

    order_id: str
    logistics_id: str
    logistics_bill_no: str
    logistics_company_no: str
    logistics_company_name: str
    status: str
    logistics_steps: list[LogisticsStep]
