"""Basis (基础): the developer's shipping addresses. Paths are provisional: the spec names the section only."""

from __future__ import annotations

from typing import Any

import orjson

from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.domain.accounts import addresses
from kuajing.domain.accounts.model import Address
from kuajing.protocol.wire.basis import AddressAdd, AddressDelete, AddressFields, AddressInfo, AddressUpdate

#: AddressInfo's keys in its order, each with the Address field it carries: the one mapping between the two
ADDRESS_KEYS = (
    ("fullName", "full_name"), ("mobile", "mobile"), ("phone", "phone"), ("postCode", "post_code"),
    ("country", "country"), ("provinceText", "province_text"), ("cityText", "city_text"), ("areaText", "area_text"),
    ("townText", "town_text"), ("address", "address"), ("districtCode", "district_code"), ("isDefault", "is_default"),
    ("id", "id"), ("createTime", "created_at_ms"), ("updateTime", "updated_at_ms"),
)  # fmt: skip
_WIRE_TO_DOMAIN = {
    key: field for key, field in ADDRESS_KEYS if key in {f.alias for f in AddressFields.model_fields.values()}
}


def render_address(a: Address) -> dict[str, Any]:
    """One address in the shape and key order of ``AddressInfo``, the documented response model, as a plain dict
    (building the model only to serialise it again is work the response does not need). A test validates it against
    the model."""
    return {key: getattr(a, field) for key, field in ADDRESS_KEYS}


async def list_addresses(call: Call[Any]) -> orjson.Fragment:
    """The hottest read of the API (bench/gateway.py): the database writes the list's JSON in ``AddressInfo``'s shape
    and the envelope takes it as it is — no row becomes an object or a dict on the way (docs/performance.md)."""
    listed = await call.read(addresses.list_addresses_json, develop_id=call.develop_id, shape=ADDRESS_KEYS)
    return orjson.Fragment(listed)


async def add_address(call: Call[AddressAdd]) -> dict[str, Any]:
    fields = {_WIRE_TO_DOMAIN[k]: v for k, v in call.params.model_dump().items()}
    address = Address(develop_id=call.develop_id, **fields)
    created = await call.run(addresses.add_address, address=address, now_ms=call.clock.now_ms())
    return render_address(created)


async def update_address(call: Call[AddressUpdate]) -> dict[str, Any]:
    changes = {_WIRE_TO_DOMAIN[k]: v for k, v in call.params.model_dump(exclude={"id"}, exclude_none=True).items()}
    updated = await call.run(
        addresses.update_address,
        develop_id=call.develop_id,
        address_id=call.params.id,
        changes=changes,
        now_ms=call.clock.now_ms(),
    )
    return render_address(updated)


async def delete_address(call: Call[AddressDelete]) -> bool:
    await call.run(addresses.delete_address, develop_id=call.develop_id, address_id=call.params.id)
    return True


ENDPOINTS = [
    Endpoint(
        "GET", ("/open/address/list", "/v2/basis/address/list"), list_addresses,
        summary="List the developer's shipping addresses", tag="Basis", response=list[AddressInfo],
        provisional=("/open/address/list", "/v2/basis/address/list"), spec_ref="§2.K Basis",
    ),
    Endpoint(
        "POST", ("/open/address/add", "/v2/basis/address/add"), add_address, params=AddressAdd,
        summary="Add a shipping address (the first one becomes the default)", tag="Basis", response=AddressInfo,
        provisional=("/open/address/add", "/v2/basis/address/add"), spec_ref="§2.K Basis", idempotent=True,
    ),
    Endpoint(
        "POST", ("/open/address/update", "/v2/basis/address/update"), update_address, params=AddressUpdate,
        summary="Change fields of a shipping address", tag="Basis", response=AddressInfo,
        provisional=("/open/address/update", "/v2/basis/address/update"), spec_ref="§2.K Basis",
    ),
    Endpoint(
        "POST", ("/open/address/delete", "/v2/basis/address/delete"), delete_address, params=AddressDelete,
        summary="Delete a shipping address", tag="Basis", response=bool,
        provisional=("/open/address/delete", "/v2/basis/address/delete"), spec_ref="§2.K Basis",
    ),
]  # fmt: skip
