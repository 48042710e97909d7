"""The address list as ``GET /open/address/list`` sends it: a read model owned by the API.

The hottest read of the API (bench/gateway.py) is only sent on, so the database writes the list's JSON in
``AddressInfo``'s shape (:data:`~kuajing.api.basis_addresses.ADDRESS_KEYS`) and the envelope takes it as it is — no
row becomes an :class:`~kuajing.domain.accounts.model.Address` or a dict on the way (docs/performance.md). The
accounts context's repository keeps returning domain values; this is the API's query, declared here as the port the
store's unit of work implements (``read_models``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from kuajing.api.basis_addresses import ADDRESS_KEYS


class ReadModels(Protocol):
    def address_list_json(self, develop_id: str, shape: Sequence[tuple[str, str]]) -> str:
        """The developer's addresses in id order as the text of one JSON array, each an object of ``shape``'s keys
        (each key with the Address field it holds; ``is_default`` as a JSON boolean)."""
        ...


class ReadModelUnitOfWork(Protocol):
    @property
    def read_models(self) -> ReadModels: ...


def address_list_json(uow: ReadModelUnitOfWork, *, develop_id: str) -> str:
    return uow.read_models.address_list_json(develop_id, ADDRESS_KEYS)
