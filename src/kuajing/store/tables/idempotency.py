"""Idempotency keys: the first answer to each developer's ``Idempotency-Key``, kept to be replayed (api/idempotency.py).

A row is inserted when a request claims its key, at the start of the one transaction that does the request's work,
and gets its answer before that transaction commits: a committed row always holds an answer, and an effect is never
committed without the row that replays it.
"""

from sqlalchemy import BigInteger, Column, Integer, LargeBinary, String, Table, Text

from kuajing.store.tables.base import metadata

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("develop_id", String(19), primary_key=True),
    Column("idem_key", String(255), primary_key=True),
    # SHA-256 (hex) of what the key was first used for: sub-account, method, path and the validated parameters
    Column("fingerprint", String(64), nullable=False),
    # the answer, exactly as sent: HTTP status, the headers worth replaying (a JSON object), the body bytes.
    # NULL only inside the claiming transaction, before it stores the answer.
    Column("status", Integer),
    Column("headers", Text),
    Column("body", LargeBinary),
    Column("expires_at_ms", BigInteger, nullable=False, index=True),
)
