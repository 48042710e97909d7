"""The Basis address shape (``AddressFields`` / ``AddressInfo``) and the accounts context's :class:`Address`: the one
module that maps between them — a request's fields become the domain value (or, for an update, an
:class:`AddressChange`), and an address is rendered back in ``AddressInfo``'s keys and order."""

from __future__ import annotations

from typing import Any

from kuajing.domain.accounts.model import Address, AddressChange
from kuajing.protocol.wire.basis import AddressAdd, AddressUpdate

#: AddressInfo's keys in its order, each with the Address field it carries (the list's read model uses it too)
ADDRESS_KEYS = (
    ("fullName", "full_name"), ("mobile", "mobile"), ("phone", "phone"), ("postCode", "post_code"),
    ("country", "country"), ("provinceText", "province_text"), ("cityText", "city_text"), ("areaText", "area_text"),
    ("townText", "town_text"), ("address", "address"), ("districtCode", "district_code"), ("isDefault", "is_default"),
    ("id", "id"), ("createTime", "created_at_ms"), ("updateTime", "updated_at_ms"),
)  # fmt: skip


def parse_address(p: AddressAdd, develop_id: str) -> Address:
    return Address(
        develop_id=develop_id, full_name=p.full_name, mobile=p.mobile, address=p.address, phone=p.phone,
        post_code=p.post_code, country=p.country, province_text=p.province_text, city_text=p.city_text,
        area_text=p.area_text, town_text=p.town_text, district_code=p.district_code, is_default=p.is_default,
    )  # fmt: skip


def parse_change(p: AddressUpdate) -> AddressChange:
    return AddressChange(
        full_name=p.full_name, mobile=p.mobile, address=p.address, phone=p.phone, post_code=p.post_code,
        country=p.country, province_text=p.province_text, city_text=p.city_text, area_text=p.area_text,
        town_text=p.town_text, district_code=p.district_code, is_default=p.is_default,
    )  # fmt: skip


def render_address(a: Address) -> dict[str, Any]:
    """One address in the shape and key order of ``AddressInfo``, the documented response model, as a plain dict
    (building the model only to serialise it again is work the response does not need). A test validates it against
    the model."""
    return {key: getattr(a, field) for key, field in ADDRESS_KEYS}
