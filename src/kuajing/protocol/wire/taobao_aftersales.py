"""Taobao after-sales (reverse orders, spec §2.D): requests D1 and D3–D10 and the ``refundOrderAggregate`` family
(D2's render is taobao_refund_render.py).

Names and shapes follow the spec's pages: ``RefundRenderVO`` (D2), ``CancelRefundOrderVO`` (D5),
``TaoBaoRefundOrderDetailDTO`` (D10); where the D5 page's example and the D10 field list disagree, the example's shape
is sent (docs/aftersales.md): ``refundStatus`` is a string (the §4.2 code's digits), ``purchaseOrderLine.properties``
one ``{valueId, valueName, propId, propName}`` object, and ``logistics.receiverAddress`` /
``logistics.logisticsCompany`` (like the render's ``refundOrder``) are always objects whose members are null until
known. Quirks kept: ``logisticsCompany`` carries both ``logisticsCompanyCode`` and the example's
``logisticCompanyCode``; ``timeoutType``, ``timeoutDate`` and ``remainingTime`` are strings (``timeoutDate``
Shanghai ``yyyy-MM-dd HH:mm:ss``, ``remainingTime`` milliseconds left as digits [I]).
Bodies of D3, D4, D7, D8, D9 and D1's answer were never seen: ours are documented in docs/aftersales.md [I].
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import (
    BlankToNone,
    FenInt,
    Int32,
    LooseId,
    OptionalFen,
    OptionalLooseInt,
    PageNo,
    ShortText,
    Token,
    UrlText,
    decode_json_text,
)

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


def _image_list(value: Any) -> Any:
    """``refundImages`` arrives as a list, a JSON list in a string, or comma-separated URLs."""
    if value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return []
        if text.startswith("["):
            return decode_json_text(text)
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


def _optional_image_list(value: Any) -> Any:
    return None if value is None else _image_list(value)


MAX_IMAGES = 9
Images = Annotated[list[UrlText], Field(max_length=MAX_IMAGES)]
ImageList = Annotated[Images, BeforeValidator(_image_list)]
OptionalText = Annotated[ShortText | None, BlankToNone]
OptionalInt32 = Annotated[Int32 | None, BlankToNone]


# -- requests -------------------------------------------------------------------------------------------------------


class RefundSubmit(WireModel):
    """D7 body [I]: one sub-order, the chosen type, goods status and reason, the fee in fen."""

    model_config = _REQ

    sub_order_id: LooseId
    refund_type: Int32
    goods_status: Int32
    reason_id: Int32
    refund_fee: FenInt
    refund_qty: OptionalInt32 = None
    refund_desc: Annotated[str, Field(max_length=200)] = ""
    refund_images: ImageList = []


class RefundListQuery(WireModel):
    """D1 body."""

    model_config = _REQ

    refund_id: OptionalText = None
    purchase_order_id: OptionalText = None
    sales_order_id: OptionalText = None
    refund_status: OptionalLooseInt = None
    refund_start_time: OptionalLooseInt = None
    refund_end_time: OptionalLooseInt = None
    page_no: PageNo = 1
    page_size: Annotated[PageNo, Field(le=100)]


class RefundRef(WireModel):
    """``refundId`` in the path (D5), the query (D3, D10) or the body (D8)."""

    model_config = _REQ

    refund_id: LooseId


class RefundModify(WireModel):
    """D9 body [I]: only what changes."""

    model_config = _REQ

    refund_id: LooseId
    reason_id: OptionalInt32 = None
    refund_fee: OptionalFen = None
    refund_desc: Annotated[str, Field(max_length=200)] | None = None
    refund_images: Annotated[Images | None, BeforeValidator(_optional_image_list)] = None


class ReturnLogisticsSubmit(WireModel):
    """D4 body [I]: the carrier code from D3 and the tracking number."""

    model_config = _REQ

    refund_id: LooseId
    logistics_company_code: Token = ""
    logistic_company_code: Token = ""  # the v1 example's spelling, accepted too
    logistics_no: Annotated[str, Field(min_length=1, max_length=64)]
    return_goods_desc: Annotated[str, Field(max_length=200)] = ""
    buyer_phone: Annotated[str, Field(max_length=32)] = ""

    @property
    def company_code(self) -> str:
        return self.logistics_company_code or self.logistic_company_code


class RefundMessageSubmit(WireModel):
    """D6 body."""

    model_config = _REQ

    refund_id: LooseId
    refund_message: Annotated[str, Field(min_length=1, max_length=200)]
    refund_images: ImageList = []


# -- responses ------------------------------------------------------------------------------------------------------


class RefundOrder(WireModel):
    """``refundOrder`` of a ``refundOrderAggregate`` (D1, D4, D5, D7, D9, D10)."""

    model_config = _RESP

    goods_status: int
    refund_desc: str
    refund_status: str  # the §4.2 code as digits ("10", "-20"), a string as in the D5 example
    refund_type: int
    timeout_date: str
    fee_tips: str
    timeout_type: str
    refund_id: str
    pay_order_id: str
    reason_id: int
    can_edit_fee: bool
    seller_refuse_reason_describe: str
    remaining_time: str
    reason_desc: str
    seller_refuse_reason: str
    refund_fee: int


class LineProperty(WireModel):
    """A sale property of the sub-order's SKU (ids and Chinese names); members null when the SKU has none."""

    model_config = _RESP

    value_id: int | None = None
    value_name: str | None = None
    prop_id: int | None = None
    prop_name: str | None = None


class PurchaseOrderLine(WireModel):
    model_config = _RESP

    sales_order_id: str
    supplier_id: str
    quantity: int
    total_price: int
    item_title: str
    post_fee: int
    product_fee: int
    sales_market: str
    purchase_order_line_id: str
    create_time: int
    purchase_order_id: str
    price: int
    supplier_nick: str
    currency: str
    properties: LineProperty  # the SKU's first sale property, as the D5 example shows one object
    item_image_url: str
    order_service_expressions: list[dict[str, Any]] = []
    hongbao_deduction_amount: int = 0
    sku_properties: list[LineProperty] = []  # [ours] every sale property, for SKUs that have several


class ReceiverAddress(WireModel):
    """Where a return goes: null members until the seller agreed a return (D3 always fills them)."""

    model_config = _RESP

    receiver: str | None = None
    phone: str | None = None
    detail_address: str | None = None


class LogisticsCompany(WireModel):
    """The return's carrier: null members until the return is shipped (D4)."""

    model_config = _RESP

    logistics_company_code: str | None = None
    logistic_company_code: str | None = None  # spelled as in the D5 and v1 examples
    logistics_company_name: str | None = None


class RefundLogistics(WireModel):
    model_config = _RESP

    receiver_address: ReceiverAddress
    return_goods_desc: str
    buyer_phone: str
    logistics_company: LogisticsCompany
    logistics_no: str
    seller_agree_return_describe: str


class RefundOrderAggregate(WireModel):
    model_config = _RESP

    refund_order: RefundOrder
    purchase_order_line: PurchaseOrderLine
    logistics: RefundLogistics


class RefundDetail(WireModel):
    """D10 ``data`` (``TaoBaoRefundOrderDetailDTO``); also what D4, D7 and D9 answer [I]."""

    model_config = _RESP

    distributor_id: str
    currency: str
    refund_order_aggregate: RefundOrderAggregate


class CancelRefundOrderVO(RefundDetail):
    """D5 ``data``."""

    cancel_success: bool


class RefundPage(WireModel):
    """D1 ``data`` [I]: like the order list (``resultsTotal``, ``pageNo``, ``pageSize``) with the aggregates."""

    model_config = _RESP

    results_total: int
    page_no: int
    page_size: int
    refund_orders: list[RefundOrderAggregate]


class ReturnCarrier(WireModel):
    model_config = _RESP

    logistics_company_code: str
    logistics_company_name: str


class ReturnLogisticsRenderVO(WireModel):
    """D3 ``data`` [I]: where to send the goods, with which carriers, by when."""

    model_config = _RESP

    refund_id: str
    receiver_address: ReceiverAddress
    seller_agree_return_describe: str
    logistics_companies: list[ReturnCarrier]
    timeout_date: str
    remaining_time: str


class RefundMessage(WireModel):
    """One D6/D8 message [I]."""

    model_config = _RESP

    message_id: int
    refund_id: str
    sender_role: str  # buyer | seller | system
    content: str
    refund_images: list[str]
    create_time: int
