"""The 1688 address shape (``addressParam``) and the order's :class:`Address`: the one module that maps between them.

A request's ``addressParam`` becomes the domain value; the buyerView shows it back in three places, each with its
own names (``receiverInfo``, ``nativeLogistics`` and the ``to*`` fields of a logistics item). An order created
without an address shows empty texts in all three.
"""

from __future__ import annotations

from kuajing.domain.alibaba_orders.model import Address, Shipment
from kuajing.protocol.wire.alibaba_order_view import AlibabaReceiverInfo, LogisticsItem, NativeLogistics
from kuajing.protocol.wire.alibaba_orders import AddressParam

_NO_ADDRESS = Address(full_name="", mobile="", address="")


def parse_address(param: AddressParam | None) -> Address | None:
    if param is None:
        return None
    return Address(
        full_name=param.full_name, mobile=param.mobile, address=param.address, phone=param.phone,
        post_code=param.post_code, province_text=param.province_text, city_text=param.city_text,
        area_text=param.area_text, town_text=param.town_text, district_code=param.district_code,
    )  # fmt: skip


def render_receiver_info(address: Address | None) -> AlibabaReceiverInfo:
    """``baseInfo.receiverInfo``: ``toArea`` is the four division texts in one string, as upstream writes it."""
    a = address or _NO_ADDRESS
    area = " ".join((a.province_text, a.city_text, a.area_text, a.town_text)).strip()
    return AlibabaReceiverInfo(
        to_full_name=a.full_name, to_mobile=a.mobile, to_phone=a.phone, to_post=a.post_code, to_area=area,
        to_division_code=a.district_code,
    )  # fmt: skip


def render_native_logistics(
    address: Address | None, *, company_no: str | None, items: list[LogisticsItem]
) -> NativeLogistics:
    a = address or _NO_ADDRESS
    return NativeLogistics(
        address=a.address, area=a.area_text, area_code=a.district_code, city=a.city_text, contact_person=a.full_name,
        mobile=a.mobile, province=a.province_text, telephone=a.phone, zip=a.post_code, town=a.town_text,
        real_logistics_company_no=company_no, logistics_items=items,
    )  # fmt: skip


def render_logistics_item(
    address: Address | None, shipment: Shipment, *, status: str, sub_item_ids: str
) -> LogisticsItem:
    """The order's shipment as one logistics item, addressed (``to*``) to the order's address."""
    a, s = address or _NO_ADDRESS, shipment
    return LogisticsItem(
        id=s.logistics_id, logistics_code=s.logistics_id, logistics_company_no=s.company_no,
        logistics_company_name=s.company_name, logistics_bill_no=s.bill_no, status=status,
        delivered_time=s.shipped_at_ms, gmt_create=s.shipped_at_ms, gmt_modified=s.shipped_at_ms,
        sub_item_ids=sub_item_ids, to_province=a.province_text, to_city=a.city_text, to_area=a.area_text,
        to_address=a.address, to_contact_person=a.full_name, to_mobile=a.mobile,
    )  # fmt: skip
