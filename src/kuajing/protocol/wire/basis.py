"""Basis section: the developer's shipping addresses (provisional paths, docs/api.md).

Field names follow PandaPon's 1688 ``addressParam`` (``FastAdress``: fullName, mobile, phone, postCode, provinceText,
cityText, areaText, townText, address, districtCode), the address shape PandaPon clients already build.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import RowId

_Text64 = Annotated[str, Field(max_length=64)]


class AddressFields(WireModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    full_name: Annotated[str, Field(min_length=1, max_length=100)]
    mobile: Annotated[str, Field(min_length=5, max_length=32, pattern=r"^[0-9+\-() ]+$")]
    phone: Annotated[str, Field(max_length=32)] = ""
    post_code: Annotated[str, Field(max_length=16)] = ""
    country: _Text64 = "中国"
    province_text: _Text64 = ""
    city_text: _Text64 = ""
    area_text: _Text64 = ""
    town_text: _Text64 = ""
    address: Annotated[str, Field(min_length=1, max_length=255)]
    district_code: Annotated[str, Field(max_length=16)] = ""
    is_default: bool = False


class AddressAdd(AddressFields):
    """Body of ``address/add``."""


class AddressUpdate(WireModel):
    """Body of ``address/update``: the id and only the fields to change."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    id: RowId
    full_name: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    mobile: Annotated[str, Field(min_length=5, max_length=32, pattern=r"^[0-9+\-() ]+$")] | None = None
    phone: Annotated[str, Field(max_length=32)] | None = None
    post_code: Annotated[str, Field(max_length=16)] | None = None
    country: _Text64 | None = None
    province_text: _Text64 | None = None
    city_text: _Text64 | None = None
    area_text: _Text64 | None = None
    town_text: _Text64 | None = None
    address: Annotated[str, Field(min_length=1, max_length=255)] | None = None
    district_code: Annotated[str, Field(max_length=16)] | None = None
    is_default: bool | None = None


class AddressDelete(WireModel):
    model_config = ConfigDict(extra="ignore")

    id: RowId


class AddressInfo(AddressFields):
    """One address as the API returns it."""

    model_config = ConfigDict(extra="allow")

    id: int
    create_time: int  # epoch ms
    update_time: int  # epoch ms
