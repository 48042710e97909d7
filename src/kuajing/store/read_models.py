"""The store's side of the API's read models: queries that answer with JSON text in the shape the API sends on.

They are not repositories of a domain context (those return domain values); the API owns each read model and its
shape (api/basis_read_model.py) and this module only runs the query.
"""

from __future__ import annotations

from collections.abc import Sequence

from kuajing.store.db import Tx

_BOOLEANS = frozenset({"is_default"})  # stored as 0 / 1 on SQLite


class SqlReadModels:
    def __init__(self, tx: Tx) -> None:
        self._tx = tx

    def address_list_json(self, develop_id: str, shape: Sequence[tuple[str, str]]) -> str:
        # the addresses table's columns are Address's field names; the hottest read of the API (bench/gateway.py)
        return self._tx.json_objects(
            shape, "FROM addresses WHERE develop_id = :d ORDER BY id", {"d": develop_id}, booleans=_BOOLEANS
        )
