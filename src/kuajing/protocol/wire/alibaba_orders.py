"""1688 order preview and create (spec §2.H H6/H2 preview, H7/H3 create; the cart's G5/G6 reuse them): the address
and cargo lines of a request and the preview's answer. The created orders are answered in the buyerView shape of
alibaba_order_view.py; the calls on existing orders are alibaba_order_actions.py, the sandbox's seller actions
alibaba_sandbox.py, the cashier page alibaba_cashier.py.

Kept from the spec exactly: the misspelled ``orderPreviewResuslt``; preview totals in fen. v1 cargo lines carry
``offerId`` (numeric), v2 lines ``offerMapId`` (encrypted); either is accepted on both paths.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import (
    LooseId,
    OptionalLooseInt,
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
