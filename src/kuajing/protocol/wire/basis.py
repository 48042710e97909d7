"""Basis section: the developer's shipping addresses (provisional paths, docs/api.md).

Field names follow PandaPon's 1688 ``addressParam`` (``FastAdress``: fullName, mobile, phone, postCode, provinceText,
cityText, areaText, townText, address, districtCode), the address shape PandaPon clients already build.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from kuajing.protocol.wire.types import RowId

_Text64 = Annotated[str, Field(max_length=64)]


class AddressFields(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    fullName: Annotated[str, Field(min_length=1, max_length=100)]  # noqa: N815
    mobile: Annotated[str, Field(min_length=5, max_length=32, pattern=r"^[0-9+\-() ]+$")]
    phone: Annotated[str, Field(max_length=32)] = ""
    postCode: Annotated[str, Field(max_length=16)] = ""  # noqa: N815
    country: _Text64 = "中国"
    provinceText: _Text64 = ""  # noqa: N815
    cityText: _Text64 = ""  # noqa: N815
    areaText: _Text64 = ""  # noqa: N815
    townText: _Text64 = ""  # noqa: N815
    address: Annotated[str, Field(min_length=1, max_length=255)]
    districtCode: Annotated[str, Field(max_length=16)] = ""  # noqa: N815
    isDefault: bool = False  # noqa: N815


class AddressAdd(AddressFields):
    """Body of ``address/add``."""


class AddressUpdate(BaseModel):
    """Body of ``address/update``: the id and only the fields to change."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    id: RowId
    fullName: Annotated[str, Field(min_length=1, max_length=100)] | None = None  # noqa: N815
    mobile: Annotated[str, Field(min_length=5, max_length=32, pattern=r"^[0-9+\-() ]+$")] | None = None
    phone: Annotated[str, Field(max_length=32)] | None = None
    postCode: Annotated[str, Field(max_length=16)] | None = None  # noqa: N815
    country: _Text64 | None = None
    provinceText: _Text64 | None = None  # noqa: N815
    cityText: _Text64 | None = None  # noqa: N815
    areaText: _Text64 | None = None  # noqa: N815
    townText: _Text64 | None = None  # noqa: N815
    address: Annotated[str, Field(min_length=1, max_length=255)] | None = None
    districtCode: Annotated[str, Field(max_length=16)] | None = None  # noqa: N815
    isDefault: bool | None = None  # noqa: N815


class AddressDelete(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: RowId


class AddressInfo(AddressFields):
    """One address as the API returns it."""

    model_config = ConfigDict(extra="allow")

    id: int
    createTime: int  # noqa: N815 - epoch ms
    updateTime: int  # noqa: N815 - epoch ms
