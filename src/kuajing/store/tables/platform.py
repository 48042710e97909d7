"""Platform machinery shared by every area: replay protection, rate buckets, sandbox clocks, the outbox, timers."""

from sqlalchemy import BigInteger, Column, Index, Integer, String, Table, Text, UniqueConstraint

from kuajing.store.tables.base import metadata

nonces = Table(
    "nonces",
    metadata,
    Column("access_key", String(32), primary_key=True),
    Column("nonce", String(64), primary_key=True),
    Column("expires_at_ms", BigInteger, nullable=False, index=True),
    # timestamp + nonce exactly as signed: with 10- and 13-digit timestamps both accepted, digits can move from the
    # timestamp into the nonce ("…0123"+"abc" → "…0"+"123abc") and keep the same signature; this catches that replay.
    Column("material", String(96), nullable=False),
    UniqueConstraint("access_key", "material"),
    # One insert per signed request: on SQLite a WITHOUT ROWID table keeps it to one b-tree plus the expiry index.
    sqlite_with_rowid=False,
)

# SQLite's replay protection (store/nonce_memory.py): an append-only log, so a nonce write touches the last page only.
# AUTOINCREMENT keeps ``seq`` growing even after pruning empties the table: readers follow the log by ``seq``.
nonce_log = Table(
    "nonce_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("access_key", String(32), nullable=False),
    Column("nonce", String(64), nullable=False),
    Column("material", String(96), nullable=False),
    Column("expires_at_ms", BigInteger, nullable=False, index=True),
    sqlite_autoincrement=True,
)

# One row whose ``version`` a trigger bumps on every change to access_keys, sub_accounts or sandbox_clocks
# (migration 0009): the gateway caches what it read about a key and checks this number instead of re-reading it.
gateway_version = Table(
    "gateway_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", BigInteger, nullable=False),
)

rate_buckets = Table(
    "rate_buckets",
    metadata,
    Column("bucket_key", String(80), primary_key=True),
    Column("milli_tokens", BigInteger, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
)

sandbox_clocks = Table(
    "sandbox_clocks",
    metadata,
    Column("develop_id", String(19), primary_key=True),
    Column("offset_ms", BigInteger, nullable=False),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("message_id", String(40), nullable=False, unique=True),
    Column("develop_id", String(19), nullable=False),
    Column("message_type", String(64), nullable=False),
    Column("platform", Integer, nullable=False),
    Column("aggregate_type", String(32), nullable=False),
    Column("aggregate_id", String(40), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at_ms", BigInteger, nullable=False),
    UniqueConstraint("aggregate_type", "aggregate_id", "sequence"),
    Index("ix_outbox_develop_id_id", "develop_id", "id"),
)

scheduled_jobs = Table(
    "scheduled_jobs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("develop_id", String(19), nullable=False),
    Column("kind", String(48), nullable=False),
    Column("ref", String(64), nullable=False),
    Column("due_at_ms", BigInteger, nullable=False),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Column("created_at_ms", BigInteger, nullable=False),
    Index("ix_scheduled_jobs_state_develop_id_due_at_ms", "state", "develop_id", "due_at_ms"),
    Index("ix_scheduled_jobs_kind_ref", "kind", "ref"),
)
