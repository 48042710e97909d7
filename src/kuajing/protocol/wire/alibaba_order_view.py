"""1688 orders in the shape of upstream ``alibaba.trade.get.buyerView``: H12 detail and H5 page (their requests
and answers), and the order view every 1688 order call answers with (H3/G6 elements too). Field names follow
upstream, with the project's units (docs/protocol.md): amounts in integer fen (upstream yuan decimals converted),
times in epoch milliseconds; the 19-digit ``orderId`` as a string (accepted as a number or a string).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import (
    INT64_MAX,
    LooseId,
    OptionalPageNo,
    OptionalPageSize,
    Token,
)

_REQ = ConfigDict(extra="ignore", str_strip_whitespace=True)
_RESP = ConfigDict(extra="allow")


# -- requests -------------------------------------------------------------------------------------------------------
class OrderDetailParams(WireModel):
    """H12 body."""

    model_config = _REQ

    web_site: Token = "1688"
    order_id: LooseId


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
