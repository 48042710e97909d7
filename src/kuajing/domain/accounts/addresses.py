"""The developer's shipping addresses (Basis section). One default at most; the first address becomes it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kuajing.domain.accounts.model import Address, AddressChange
from kuajing.domain.errors import LimitError, NotFoundError

if TYPE_CHECKING:
    from kuajing.domain.accounts.ports import UnitOfWork

MAX_ADDRESSES = 50


def add_address(uow: UnitOfWork, *, address: Address, now_ms: int) -> Address:
    existing = uow.addresses.list(address.develop_id)
    if len(existing) >= MAX_ADDRESSES:
        raise LimitError(f"at most {MAX_ADDRESSES} addresses per developer")
    make_default = address.is_default or not existing
    if make_default:
        uow.addresses.clear_default(address.develop_id)
    return uow.addresses.add(replace(address, is_default=make_default, created_at_ms=now_ms, updated_at_ms=now_ms))


def update_address(
    uow: UnitOfWork, *, develop_id: str, address_id: int, changes: AddressChange, now_ms: int
) -> Address:
    current = uow.addresses.get(develop_id, address_id)
    if current is None:
        raise NotFoundError(f"address {address_id} does not exist", field="id")
    updated = replace(current, **changes.given(), updated_at_ms=now_ms)
    if changes.is_default and not current.is_default:
        uow.addresses.clear_default(develop_id)
    uow.addresses.save(updated)
    return updated


def delete_address(uow: UnitOfWork, *, develop_id: str, address_id: int) -> None:
    current = uow.addresses.get(develop_id, address_id)
    if current is None or not uow.addresses.delete(develop_id, address_id):
        raise NotFoundError(f"address {address_id} does not exist", field="id")
    if current.is_default:
        rest = uow.addresses.list(develop_id)
        if rest:
            uow.addresses.save(replace(rest[0], is_default=True))
