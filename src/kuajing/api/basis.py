"""Basis (基础): the developer's shipping addresses. Paths are provisional: the spec names the section only."""

from __future__ import annotations

from typing import Any

import orjson

from kuajing.api.basis_addresses import parse_address, parse_change, render_address
from kuajing.api.basis_read_model import address_list_json
from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.domain.accounts import addresses
from kuajing.protocol.wire.basis import AddressAdd, AddressDelete, AddressInfo, AddressUpdate


async def list_addresses(call: Call[Any]) -> orjson.Fragment:
    """The hottest read of the API (bench/gateway.py), served from its read model (api/basis_read_model.py)."""
    return orjson.Fragment(await call.read(address_list_json, develop_id=call.develop_id))


async def add_address(call: Call[AddressAdd]) -> dict[str, Any]:
    address = parse_address(call.params, call.develop_id)
    created = await call.run(addresses.add_address, address=address, now_ms=call.clock.now_ms())
    return render_address(created)


async def update_address(call: Call[AddressUpdate]) -> dict[str, Any]:
    updated = await call.run(
        addresses.update_address,
        develop_id=call.develop_id,
        address_id=call.params.id,
        changes=parse_change(call.params),
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
