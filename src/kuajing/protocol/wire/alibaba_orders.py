"""1688 orders (spec §2.H): requests and the buyerView-shaped answers.

Kept from the spec exactly: the misspelled ``orderPreviewResuslt``; preview totals in fen; 19-digit ``orderId`` as a
string (accepted as a number or a string); ``cantPayOrderList`` as numbers [C]. buyerView (detail, list, batch
create) follows upstream ``alibaba.trade.get.buyerView`` field names, with the project's units (docs/protocol.md):
amounts in integer fen (upstream yuan decimals converted), times in epoch milliseconds.
v1 cargo lines carry ``offerId`` (numeric), v2 lines ``offerMapId`` (encrypted); either is accepted on both paths.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import (
    INT64_MAX,
    Behaviour,
    LooseId,
    OptionalFen,
    OptionalLooseInt,
    OptionalPageNo,
    OptionalPageSize,
    Quantity,
    Remark,
    ShortText,
    Token,
)

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


# -- requests -------------------------------------------------------------------------------------------------------
class AddressParam(WireModel):
    """``addressParam`` (``FastAdress``)."""

    model_config = _REQ

    full_name: Annotated[str, Field(min_length=1, max_length=100)]
    mobile: Annotated[str, Field(min_length=5, max_length=32)]
    phone: Annotated[str, Field(max_length=32)] = ""
    post_code: Annotated[str, Field(max_length=16)] = ""
    province_text: ShortText = ""
    city_text: ShortText = ""
    area_text: ShortText = ""
    town_text: ShortText = ""
    address: Annotated[str, Field(min_length=1, max_length=255)]
    district_code: Annotated[str, Field(max_length=16)] = ""


class CargoParam(WireModel):
    """One line of ``cargoParamList`` (v1 ``offerId``, v2 ``offerMapId``; ``FastCargo``)."""

    model_config = _REQ

    offer_id: OptionalLooseInt = None
    offer_map_id: LooseId | None = None
    spec_id: Token | None = None
    quantity: Quantity
    seller_open_id: LooseId | None = None
    product_no: ShortText | None = None
    container: ShortText | None = None


class OrderPreviewParams(WireModel):
    """H6 / H2 body."""

    model_config = _REQ

    address_param: AddressParam | None = None
    cargo_param_list: Annotated[list[CargoParam], Field(min_length=1, max_length=100)]


class OrderCreateParams(WireModel):
    """H7 body (``flow`` required) and H3 body (``flow`` defaults to ``general``)."""

    model_config = _REQ

    flow: Token | None = None
    message: Remark = ""
    shop_promotion_id: ShortText | None = None
    trade_type: Token | None = None
    address_param: AddressParam
    cargo_param_list: Annotated[list[CargoParam], Field(min_length=1, max_length=100)]


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


class OrderDetailParams(WireModel):
    """H12 body."""

    model_config = _REQ

    web_site: Token = "1688"
    order_id: LooseId


class BatchPayParams(WireModel):
    """H1 body."""

    model_config = _REQ

    order_ids: Annotated[list[LooseId], Field(min_length=1, max_length=100)]


class ReceiveGoodsParams(WireModel):
    """H10 body."""

    model_config = _REQ

    order_id: LooseId
    order_entry_ids: Annotated[list[LooseId], Field(max_length=100)] = []


TimeFilter = Annotated[str, Field(max_length=32)] | Annotated[int, Field(ge=0, le=INT64_MAX)] | None
"""Epoch ms as a number or digits, or ``yyyy-MM-dd HH:mm:ss``."""


class OrderPageParams(WireModel):
    """H5 body (upstream list filters): ``page``/``pageNo``, ``pageSize``, ``orderStatus``, creation time range as
    epoch ms or ``yyyy-MM-dd HH:mm:ss``."""

    model_config = _REQ

    page: OptionalPageNo = None
    page_no: OptionalPageNo = None
    page_size: OptionalPageSize = None
    order_status: Token | None = None
    create_start_time: TimeFilter = None
    create_end_time: TimeFilter = None


# -- preview answer -------------------------------------------------------------------------------------------------
class PreviewCargo(WireModel):
    model_config = _RESP

    amount: int  # fen
    message: str = ""
    final_unit_price: int  # fen
    spec_id: str
    sku_id: int
    result_code: str = ""
    offer_id: int
    offer_map_id: str = ""
    open_offer_id: str = ""
    quantity: int = 0
    cargo_promotion_list: list[Any] = []


class TradeModel(WireModel):
    model_config = _RESP

    trade_way: str
    name: str
    trade_type: str
    description: str
    op_support: bool


class OrderPreview(WireModel):
    """One element of ``orderPreviewResuslt``: one seller's order."""

    model_config = _RESP

    discount_fee: int = 0
    trade_mode_name_list: list[str]
    status: bool
    tao_sample_single_promotion: bool = False
    sum_payment: int
    message: str = ""
    sum_carriage: int
    result_code: str = ""
    sum_payment_no_carriage: int
    additional_fee: int = 0
    flow_flag: str
    cargo_list: list[PreviewCargo]
    shop_promotion_list: list[Any] = []
    trade_model_list: list[TradeModel] = []
    seller_open_id: str = ""


class OrderPreviewResult(WireModel):
    """H6 / H2 / G5 ``data``."""

    model_config = _RESP

    order_preview_result: Annotated[
        list[OrderPreview], Field(alias="orderPreviewResuslt")
    ]  # (sic, as the spec spells it)
    success: bool
    error_code: str | None = None
    error_msg: str | None = None
    post_fee_by_desc_offer_list: list[str] = []
    consign_offer_list: list[str] = []
    unsupported_cross_border_pay_offer_list: list[str]


# -- buyerView ------------------------------------------------------------------------------------------------------
class AlibabaReceiverInfo(WireModel):
    model_config = _RESP

    to_full_name: str
    to_mobile: str
    to_phone: str = ""
    to_post: str = ""
    to_area: str = ""
    to_division_code: str = ""


class BaseInfo(WireModel):
    model_config = _RESP

    id: str
    id_of_str: str
    order_no: str
    status: str
    business_type: str = "cb"
    trade_type: str
    flow_template_code: str
    buyer_id: Annotated[str, Field(alias="buyerID")]
    seller_id: Annotated[str, Field(alias="sellerID")]
    seller_open_id: str
    seller_login_id: str
    create_time: int  # epoch ms
    modify_time: int  # epoch ms
    pay_time: int | None = None
    all_delivered_time: int | None = None
    receiving_time: int | None = None
    complete_time: int | None = None
    total_amount: int  # fen
    sum_product_payment: int  # fen
    shipping_fee: int  # fen
    discount: int = 0  # fen
    refund: int = 0  # fen
    buyer_remark: str = ""
    close_reason: str | None = None
    close_remark: str | None = None
    close_operate_type: str | None = None
    receiver_info: AlibabaReceiverInfo


class SkuInfo(WireModel):
    model_config = _RESP

    name: str
    value: str


class ProductItem(WireModel):
    model_config = _RESP

    cargo_number: str = ""
    description: str = ""
    item_amount: int  # fen
    name: str
    price: int  # fen
    product_id: Annotated[int, Field(alias="productID")]  # offerId
    offer_map_id: str = ""
    product_img_url: list[str] = []
    product_snapshot_url: str = ""
    quantity: int
    refund: int = 0
    sku_id: Annotated[int, Field(alias="skuID")]
    spec_id: str
    status: str
    sub_item_id: Annotated[int, Field(alias="subItemID")]  # orderEntryId
    sub_item_id_string: Annotated[str, Field(alias="subItemIDString")]
    type: str = "common"
    unit: str = ""
    logistics_status: int  # 1 not shipped, 2 shipped, 3 received
    sku_infos: list[SkuInfo] = []


class LogisticsItem(WireModel):
    model_config = _RESP

    id: str
    logistics_code: str
    logistics_company_no: str
    logistics_company_name: str
    logistics_bill_no: str
    status: str
    delivered_time: int
    gmt_create: int
    gmt_modified: int
    sub_item_ids: str
    to_province: str = ""
    to_city: str = ""
    to_area: str = ""
    to_address: str = ""
    to_contact_person: str = ""
    to_mobile: str = ""


class NativeLogistics(WireModel):
    model_config = _RESP

    address: str
    area: str = ""
    area_code: str = ""
    city: str = ""
    contact_person: str
    fax: str = ""
    mobile: str
    province: str = ""
    telephone: str = ""
    zip: str = ""
    town: str = ""
    town_code: str = ""
    caid: str = ""
    real_logistics_company_no: str | None = None
    logistics_items: list[LogisticsItem] = []


class TradeTerm(WireModel):
    model_config = _RESP

    pay_status: str  # "1" unpaid, "2" paid
    pay_time: int | None = None
    pay_way: str = ""
    pay_way_desc: str = ""
    phas_amount: int  # fen
    phase: int = 1


class AlibabaOrderView(WireModel):
    """An order in the shape of upstream ``alibaba.trade.get.buyerView`` (H12, H5 rows, H3/G6 elements).

    In H3/G6 answers every element also says how its seller fared: ``success``, ``errorCode``, ``errorMsg`` and
    ``sellerOpenId``; a failed seller's element has no ``baseInfo`` and no ``orderId``."""

    model_config = _RESP

    success: bool = True
    error_code: str | None = None
    error_msg: str | None = None
    order_id: str | None = None  # baseInfo.id again, where upstream's create result has it
    seller_open_id: str | None = None
    base_info: BaseInfo | None = None
    product_items: list[ProductItem] = []
    native_logistics: NativeLogistics | None = None
    trade_terms: list[TradeTerm] = []
    guarantees_terms: dict[str, Any] = {}
    international_logistics: dict[str, Any] = {}
    ext_attributes: list[Any] = []
    order_rate_info: dict[str, Any] = {}
    order_biz_info: dict[str, Any] = {}


class AlibabaOrderPage(WireModel):
    """H5 ``data`` (``AlibabaBasePageVO``)."""

    model_config = _RESP

    total_records: int
    total_page: int
    page_size: int
    current_page: int
    data: list[AlibabaOrderView]


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


# -- sandbox --------------------------------------------------------------------------------------------------------
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


# -- cashier page (JSON form, for programs; browsers get HTML) -----------------------------------------------------
class CashierOrder(WireModel):
    model_config = _RESP

    order_id: str
    status: str
    total_amount: int  # fen


class CashierInfo(WireModel):
    """``GET``/``POST /cashier/1688/{token}`` with ``Accept: application/json``: the link's orders, their total, and
    after a POST the orders it paid."""

    model_config = _RESP

    orders: list[CashierOrder]
    total_amount: int  # fen
    paid_order_ids: list[str] = []
