"""Message delivery: each developer's callback URL and signing secret, one delivery row per outbox message, and every
attempt."""

from sqlalchemy import BigInteger, Column, Index, Integer, String, Table, Text

from kuajing.store.tables.base import metadata

callback_endpoints = Table(
    "callback_endpoints",
    metadata,
    Column("develop_id", String(19), primary_key=True),
    Column("url", Text, nullable=False),
    Column("verified_at_ms", BigInteger, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("outbox_id", Integer, primary_key=True, autoincrement=False),  # = outbox.id
    Column("develop_id", String(19), nullable=False),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),  # every attempt ever made
    Column("round_attempts", Integer, nullable=False),  # attempts since the last (re)delivery request
    Column("next_attempt_at_ms", BigInteger, nullable=False),  # developer clock
    Column("claimed_until_ms", BigInteger),  # platform clock: the worker's lease
    Column("claim_token", String(40)),
    Column("last_http_status", Integer),
    Column("last_error", Text),
    Column("delivered_at_ms", BigInteger),
    Column("created_at_ms", BigInteger, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
    Index("ix_deliveries_state_next_attempt_at_ms", "state", "next_attempt_at_ms"),
    Index("ix_deliveries_claim_token", "claim_token"),
)

delivery_attempts = Table(
    "delivery_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("outbox_id", Integer, nullable=False),
    Column("attempt_no", Integer, nullable=False),
    Column("attempted_at_ms", BigInteger, nullable=False),  # developer clock
    Column("url", Text, nullable=False),
    Column("http_status", Integer),
    Column("error", Text),
    Column("latency_ms", Integer, nullable=False),
    Column("response_snippet", Text, nullable=False),
    Column("worker", String(64), nullable=False),
    Index("ix_delivery_attempts_outbox_id", "outbox_id", "id"),
)

# Standard Webhooks signing secrets, encrypted at rest like API secrets (store/secretbox.py). One row per developer,
# written the first time the developer's secret is needed.
signing_secrets = Table(
    "signing_secrets",
    metadata,
    Column("develop_id", String(19), primary_key=True),
    Column("secret_enc", Text, nullable=False),
    Column("previous_secret_enc", Text),
    Column("previous_valid_until_ms", BigInteger),  # platform clock
    Column("created_at_ms", BigInteger, nullable=False),
    Column("rotated_at_ms", BigInteger),
)
