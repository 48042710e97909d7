"""Message bodies (``messageBody`` of a push and of ``message/list``): the wire shape of what each change tells the
developer, next to the other wire models.

The domain builds one of these from its typed values when it publishes a message, and the outbox stores its dump:
the keys, their order and their spelling are decided here, never in the domain. Bodies of PandaPon's messages keep
upstream's spelling — camelCase for 1688 and the refunds, snake_case for the Taobao order status and the
sub-orders of a Taobao price change (:class:`SnakeCaseBody`). The warehouse's bodies are Kuajing's own
(``messagePlatform`` 9), camelCase. docs/messages.md and docs/warehouse.md list the types.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel

#: a key that the body leaves out rather than sending as null
Omitted = Field(exclude_if=lambda value: value is None)


class SnakeCaseBody(WireModel):
    """A body whose keys are its attribute names, as upstream Taobao spells them."""

    model_config = ConfigDict(alias_generator=None)


# -- 1688 orders ------------------------------------------------------------------------------------------------
class AlibabaOrderSnapshot(WireModel):
    """The §3.3 order snapshot of every 1688 order message: ids as strings, amounts in fen, Shanghai times. The
    logistics keys are present once the order shipped."""

    order_id: str
    order_no: str
    order_status: str  # the platform-normalised status (§4.3)
    pay_status: int  # 1 unpaid, 2 paid
    total_amount: int
    shipping_fee: int
    product_amount: int
    refund_amount: int
    refund_status: str | None
    close_reason: str | None
    tb_create_time: str
    pay_time: str | None
    logistics_company_no: Annotated[str | None, Omitted] = None
    logistics_bill_no: Annotated[str | None, Omitted] = None


# -- Taobao purchase orders -------------------------------------------------------------------------------------
class TaobaoStatusSku(SnakeCaseBody):
    sub_purchase_order_id: str
    item_id: str
    sku_id: str
    order_line_no: str
    status: str  # upstream's raw string
    purchase_order_status: int  # the §4.1 code
    logistic_company_name: str | None
    logistic_number: str | None


class TaobaoStatusModify(SnakeCaseBody):
    """``TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY``: upstream's type-3 fields plus the integer §4.1 code."""

    purchase_id: str
    outer_purchase_id: str | None
    status: str
    purchase_order_status: int
    business_time: int  # epoch ms
    sku_list: list[TaobaoStatusSku]


class UpstreamSubOrder(SnakeCaseBody):
    """The upstream sub-purchase-order object, snake_case as PandaPon passes it through."""

    sub_purchase_order_id: str
    purchase_order_outer_id: str
    purchase_order_line_outer_id: str
    status: str
    close_reason: str | None
    item_id: str
    sku_id: str
    title: str
    quantity: int
    product_amount: int
    purchase_amount: int
    pay_amount: str | None
    domestic_post_fee: int
    purchase_currency: str
    pay_currency: str
    logistic_company_name: str | None
    logistic_number: str | None
    rts_time: str | None
    close_time_without_payment: str | None
    pay_time: str | None
    error_code: str | None = None
    error_message: str | None = None
    detail_error_code: str | None = None
    can_confirm_receipt: bool
    refund_id: str | None = None
    refund_status: int = 0


class PurchaseOrderPrice(WireModel):
    purchase_currency: str
    purchase_total_fee: int
    purchase_product_fee: int
    purchase_shipping_fee: int


class TaobaoPriceModify(WireModel):
    """``TAOBAO_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY``: the seller changed a price before payment."""

    sales_order_id: str
    purchase_order_id: str
    sub_orders: list[UpstreamSubOrder]
    purchase_order_price_dto: Annotated[PurchaseOrderPrice, Field(alias="purchaseOrderPriceDTO")]


# -- refunds ----------------------------------------------------------------------------------------------------
class TaobaoRefundBody(WireModel):
    """``TAOBAO_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND``: enough to decide whether to call the refund detail (D10)."""

    refund_id: str
    purchase_order_id: str
    sub_purchase_order_id: str
    refund_status: int  # the §4.2 code
    refund_type: int  # 1 refund only, 2 return and refund
    goods_status: int
    refund_fee: int
    timeout_type: str | None
    timeout_date: str | None
    modified_time: int  # epoch ms


class AlibabaRefundBody(WireModel):
    """``ORDER_BUYER_VIEW_ORDER_BUYER_REFUND``."""

    refund_id: str
    order_id: str
    order_entry_ids: list[str]
    status: str  # §4.4
    dispute_request: str  # refund | returnRefund
    goods_status: str
    apply_payment: int
    apply_carriage: int
    refund_amount: int
    modified_time: int  # epoch ms


# -- warehouse --------------------------------------------------------------------------------------------------
class ParcelInbound(WireModel):
    """``WAREHOUSE_PARCEL_INBOUND``: a parcel was received, weighed and measured."""

    parcel_id: int
    carrier_code: str
    tracking_no: str
    source_platform: str
    source_order_id: str
    weight_g: int
    length_cm: int
    width_cm: int
    height_cm: int
    condition: str
    photos: list[str]
    inbound_time: int | None  # epoch ms


class ShipmentEvent(WireModel):
    """``WAREHOUSE_SHIPMENT_SHIPPED`` / ``_DELIVERED`` / ``_EXCEPTION``: the shipment's state and its last trace
    node."""

    shipment_id: int
    status: str
    channel_code: str
    intl_tracking_no: str
    parcel_ids: list[int]
    country_code: str
    event_time: int  # epoch ms
    description: str
