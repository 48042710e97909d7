"""Taobao calls on existing purchase orders (spec §2.B): B3 list, B4 voucher, B5 cancel, B6 pre-warehouse change,
B7 pay, B8 IM link. The order they answer with is :class:`~kuajing.protocol.wire.taobao_orders.PurchaseOrderInfo`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.taobao_orders import PurchaseOrderInfo, ReceiverJson
from kuajing.protocol.wire.types import (
    JsonStringDecoder,
    LooseId,
    OptionalLooseInt,
    PageNo,
    Remark,
    ShortText,
    Token,
)

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


IdList = Annotated[list[LooseId], Field(max_length=100)]


class OrderPage(WireModel):
    """B3 list filters (upstream names in camelCase). ``status`` is a §4.1 code."""

    model_config = _REQ

    status: OptionalLooseInt = None
    sort_type: Token = "DESC"
    page_no: PageNo = 1
    page_size: Annotated[PageNo, Field(le=100)] = 20
    modify_time_start: OptionalLooseInt = None
    modify_time_end: OptionalLooseInt = None
    outer_purchase_id: ShortText | None = None
    seller_order_number: ShortText | None = None
    purchase_ids: Annotated[IdList | None, JsonStringDecoder] = None


class OrderPageResult(WireModel):
    model_config = _RESP

    results_total: int
    page_no: int
    page_size: int
    purchase_orders: list[PurchaseOrderInfo]


class OrderPay(WireModel):
    """B7: at most 10 purchase orders per call; each is paid or not on its own."""

    model_config = _REQ

    purchase_order_id_list: Annotated[list[LooseId], JsonStringDecoder, Field(max_length=100)]


class PayResult(WireModel):
    model_config = _RESP

    purchase_order_id: str
    success: bool
    pay_amount: int | None = None
    pay_currency: str | None = None
    status: int | None = None
    error_code: int | None = None
    error_message: str | None = None


class TaobaoVoucherUpload(WireModel):
    """B4: the image URL of a bank-transfer voucher; finance reviews it."""

    model_config = _REQ

    purchase_order_id: LooseId
    voucher_url: Annotated[str, Field(min_length=1, max_length=1000)]
    remark: Remark = ""


class OrderCancel(WireModel):
    """B5: no ``subPurchaseOrderIdList`` (or an empty one) cancels the whole order."""

    model_config = _REQ

    purchase_order_id: LooseId
    sub_purchase_order_id_list: Annotated[list[LooseId], JsonStringDecoder, Field(max_length=100)] = []
    cancel_reason: Remark = ""
    cancel_remark: Remark = ""


class WarehouseModify(WireModel):
    """B6: a new China-warehouse address (same JSON as create's ``receiver``)."""

    model_config = _REQ

    purchase_order_id: LooseId
    receiver: ReceiverJson


class ImLink(WireModel):
    """B8 (the spec's documented fields disagree with its example; the example's ``sourceType`` + ``bizId`` win)."""

    model_config = _REQ

    source_type: Annotated[str, Field(pattern=r"^(item|order|shop)$")] = "item"
    biz_id: LooseId


class ImPage(WireModel):
    """Query of the page an IM link opens (``loginToken`` is accepted and not needed by the sandbox page)."""

    model_config = _REQ

    source_type: Token = "item"
    biz_id: Annotated[str, Field(max_length=40)] = ""
    login_token: Annotated[str, Field(max_length=200)] = ""
