"""The schema, in SQLAlchemy Core: one module per area, all on one ``metadata``.

Conventions, chosen so SQLite and PostgreSQL behave the same:
- times are ``BIGINT`` epoch milliseconds (``*_at_ms``) from the injected clock;
- money is ``BIGINT`` fen with a ``currency`` column, never a float;
- JSON documents are ``TEXT`` (decoded by the repositories);
- booleans are ``BOOLEAN`` (SQLite stores 0/1, the repositories convert).
"""

from kuajing.store.tables import (
    accounts,
    aftersales,
    alibaba,
    catalog,
    delivery,
    goods,
    idempotency,
    platform,
    taobao,
    warehouse,
)
from kuajing.store.tables.base import metadata

__all__ = [
    "accounts",
    "aftersales",
    "alibaba",
    "catalog",
    "delivery",
    "goods",
    "idempotency",
    "metadata",
    "platform",
    "taobao",
    "warehouse",
]
