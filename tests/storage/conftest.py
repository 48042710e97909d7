"""Storage fixtures: ``counter`` lists the SQL statements a test's transactions send (the statement-count tests)."""

from __future__ import annotations

from typing import Any

import pytest

from kuajing.store import db


@pytest.fixture
def counter(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement sent through a ``Tx`` from here on, in order (``execute_many`` counts once)."""
    seen: list[str] = []
    cursor, many = db.Tx._cursor, db.Tx.execute_many

    def counting_cursor(self: db.Tx, sql: str, params: Any) -> Any:
        seen.append(sql)
        return cursor(self, sql, params)

    def counting_many(self: db.Tx, sql: str, rows: Any) -> None:
        seen.append(sql)
        many(self, sql, rows)

    monkeypatch.setattr(db.Tx, "_cursor", counting_cursor)
    monkeypatch.setattr(db.Tx, "execute_many", counting_many)
    return seen
