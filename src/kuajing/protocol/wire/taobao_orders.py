"""Taobao purchase orders (spec §2.B): B1 create, B2 render, B9 detail, B10 logistics, and the order model every
B-call answers with (B3 list, B4 voucher, B5 cancel, B6 pre-warehouse, B7 pay and B8 IM link are
taobao_order_actions.py; the sandbox's seller actions taobao_sandbox.py). Request fields are the spec's; response shapes are camelCase copies
of the upstream objects (§2.B "B3/B9 upstream order model"), documented in docs/taobao-orders.md.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import (
    FenInt,
    JsonStringDecoder,
    JsonStringEncoder,
    LooseId,
    Quantity,
    Remark,
    ShortText,
    Token,
)

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


class OrderLine(WireModel):
    """One line of ``orderLineList``. ``itemId``/``skuId`` carry the mpId/mpSkuId from 撞库 (upstream rule); the
    Taobao itemId/skuId are accepted where unambiguous, and ``mpId``/``mpSkuId`` may be named as such."""

    model_config = _REQ

    item_id: LooseId | None = None
    mp_id: LooseId | None = None
    sku_id: LooseId | None = None
    mp_sku_id: LooseId | None = None
    quantity: Annotated[Quantity, Field(le=99_999)]
    price: FenInt | None = None  # the unit price (fen) seen in the render; create refuses if it changed
    currency: Token = "CNY"
    order_line_no: ShortText | None = None
    title: Annotated[str, Field(max_length=1000)] | None = None
    order_remark: Remark | None = None


class TaobaoReceiverInfo(WireModel):
    """The ``receiver`` JSON: the China warehouse the seller ships to. Keys as in the spec (``mobile_phone``)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, coerce_numbers_to_str=True)

    name: Annotated[str, Field(min_length=1, max_length=100)]
    address: Annotated[str, Field(min_length=1, max_length=255)]
    country: ShortText = "中国"
    state: ShortText = ""
    city: ShortText = ""
    district: ShortText = ""
    zip: Annotated[str, Field(max_length=16)] = ""
    phone: Annotated[str, Field(max_length=32)] = ""
    mobile_phone: Annotated[str, Field(max_length=32, alias="mobile_phone")] = ""


Lines = Annotated[list[OrderLine], JsonStringDecoder, JsonStringEncoder, Field(min_length=1, max_length=50)]
ReceiverJson = Annotated[TaobaoReceiverInfo, JsonStringDecoder, JsonStringEncoder]


class OrderRender(WireModel):
    """B2 ``POST /open/order/render``."""

    model_config = _REQ

    order_line_list: Lines
    receiver: ReceiverJson | None = None


class OrderCreate(WireModel):
    """B1 ``POST /open/order``. ``sellerOrderNumber`` (or upstream ``outerPurchaseId``) makes a retry return the
    orders the first call created."""

    model_config = _REQ

    order_line_list: Lines
    receiver: ReceiverJson
    order_source: ShortText = ""
    purchase_amount: FenInt | None = None  # budget in fen: create refuses a dearer order
    seller_order_number: Annotated[str, Field(max_length=64)] | None = None
    outer_purchase_id: Annotated[str, Field(max_length=64)] | None = None


class RenderLine(WireModel):
    model_config = _RESP

    item_id: int | str  # as A1 sends it: a number on v1 paths, the encrypted id on v2
    mp_id: str | None = None
    sku_id: str
    mp_sku_id: str | None = None
    title: str
    quantity: int
    price: int  # unit price, fen: send it back in create's orderLineList
    amount: int  # price × quantity, fen
    currency: str
    stock: int
    can_buy: bool
    reason: str | None = None
    error_code: int | None = None


class RenderOrder(WireModel):
    """What one seller's purchase order would be."""

    model_config = _RESP

    supplier_nick: str
    shop_name: str
    shop_id: int
    product_amount: int
    post_fee: int
    total_amount: int
    currency: str
    can_buy: bool
    order_line_list: list[RenderLine]


class RenderResult(WireModel):
    model_config = _RESP

    can_buy: bool
    total_amount: int
    currency: str
    orders: list[RenderOrder]


class CreatedLine(WireModel):
    model_config = _RESP

    item_id: str
    sku_id: str
    order_line_no: str
    quantity: int
    estimate_amount: int
    estimate_currency: str
    sub_purchase_order_id: str
    supplier_nick: str


class CreatedOrder(WireModel):
    model_config = _RESP

    purchase_id: str  # upstream purchase_id: the purchaseOrderId
    supplier_nick: str
    estimate_amount: int
    estimate_currency: str
    source_market: str
    status: int
    order_line_list: list[CreatedLine]


class CreateResult(WireModel):
    model_config = _RESP

    success: bool
    outer_purchase_id: str | None = None
    payment_url: str | None = None
    replayed: bool = False  # true when sellerOrderNumber was seen before: these are the orders created then
    order_list: list[CreatedOrder]


class LogisticOrder(WireModel):
    model_config = _RESP

    logistic_company_name: str
    logistic_number: str
    rts_time: int | None = None


class SubPurchaseOrderInfo(WireModel):
    model_config = _RESP

    sub_purchase_order_id: str
    purchase_order_outer_id: str
    purchase_order_line_outer_id: str
    status: int
    status_name: str
    close_reason: str | None = None
    item_id: int | str  # as A1 sends it: a number on v1 paths, the encrypted id on v2
    mp_id: str | None = None
    sku_id: str
    mp_sku_id: str | None = None
    order_line_no: str
    title: str
    quantity: int
    price: int
    product_amount: int
    purchase_amount: int
    pay_amount: str | None = None
    domestic_post_fee: int
    purchase_currency: str
    pay_currency: str
    pay_time: int | None = None
    close_time_without_payment: int | None = None
    can_confirm_receipt: bool
    confirm_time: int | None = None
    refund_id: str | None = None
    refund_status: int = 0
    logistic_orders: list[LogisticOrder]
    sku_info: dict[str, Any]
    option_fields: dict[str, Any]


class PurchaseOrderInfo(WireModel):
    model_config = _RESP

    purchase_order_id: str
    purchase_id: str
    status: int
    status_name: str
    order_source: str
    outer_purchase_id: str | None = None
    seller_order_number: str | None = None
    supplier_nick: str
    sub_user_id: str
    receiver: dict[str, Any]
    purchase_currency: str
    pay_currency: str
    product_amount: int
    domestic_post_fee: int
    purchase_amount: int
    pay_amount: str | None = None
    refund_amount: int
    pay_time: int | None = None
    next_close_time_without_payment: int | None = None
    voucher_url: str | None = None
    voucher_remark: str | None = None
    close_reason: str | None = None
    created_time: int
    modify_time: int
    allowed_actions: list[str]
    sub_purchase_orders: list[SubPurchaseOrderInfo]


class OrderRef(WireModel):
    """B9 detail query (``purchaseOrderId``)."""

    model_config = _REQ

    purchase_order_id: LooseId


class LogisticsQuery(WireModel):
    model_config = _REQ

    sub_purchase_order_id: LooseId


class TaobaoLogisticsTrace(WireModel):
    model_config = _RESP

    status_desc: str
    province: str
    city: str
    district: str
    action: str
    facility_name: str
    time: str
    standard_desc: Annotated[str, Field(alias="standerdDesc")]  # spelled as in the spec
    status: str
    next_city: str
    next_node_name: str


class LogisticsPackage(WireModel):
    model_config = _RESP

    mail_no: str
    logistics_company_code: str
    logistics_company_name: str
    logistics_status: str
    logistics_traces: list[TaobaoLogisticsTrace]


class LogisticsDetail(WireModel):
    model_config = _RESP

    purchase_order_outer_id: str
    pnm_logistics_details: list[LogisticsPackage]
