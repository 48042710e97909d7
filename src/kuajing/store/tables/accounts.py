"""Developers, their keys and sub-accounts, wallets and the ledger, shipping addresses."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from kuajing.store.tables.base import metadata

developers = Table(
    "developers",
    metadata,
    Column("develop_id", String(19), primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("status", String(16), nullable=False),
    Column("created_at_ms", BigInteger, nullable=False),
)

access_keys = Table(
    "access_keys",
    metadata,
    Column("access_key", String(32), primary_key=True),
    Column("develop_id", String(19), ForeignKey("developers.develop_id"), nullable=False, index=True),
    Column("secret_enc", Text, nullable=False),
    Column("previous_secret_enc", Text),
    Column("previous_valid_until_ms", BigInteger),
    Column("status", String(16), nullable=False),
    Column("created_at_ms", BigInteger, nullable=False),
    Column("rotated_at_ms", BigInteger),
)

sub_accounts = Table(
    "sub_accounts",
    metadata,
    Column("user_id", String(20), primary_key=True),
    Column("develop_id", String(19), ForeignKey("developers.develop_id"), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at_ms", BigInteger, nullable=False),
)

wallets = Table(
    "wallets",
    metadata,
    Column("develop_id", String(19), ForeignKey("developers.develop_id"), primary_key=True),
    Column("currency", String(3), primary_key=True),
    Column("balance_fen", BigInteger, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
)

ledger_entries = Table(
    "ledger_entries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("develop_id", String(19), ForeignKey("developers.develop_id"), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("balance_after_fen", BigInteger, nullable=False),
    Column("kind", String(32), nullable=False),
    # One movement per purpose: "pay:taobao:200002638011" can be written once, so a double charge is impossible.
    Column("entry_key", String(128), nullable=False),
    Column("memo", Text, nullable=False),
    Column("created_at_ms", BigInteger, nullable=False),
    UniqueConstraint("develop_id", "entry_key"),
    Index("ix_ledger_entries_develop_id_id", "develop_id", "id"),
)

addresses = Table(
    "addresses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("develop_id", String(19), ForeignKey("developers.develop_id"), nullable=False, index=True),
    Column("full_name", String(100), nullable=False),
    Column("mobile", String(32), nullable=False),
    Column("phone", String(32), nullable=False),
    Column("post_code", String(16), nullable=False),
    Column("country", String(64), nullable=False),
    Column("province_text", String(64), nullable=False),
    Column("city_text", String(64), nullable=False),
    Column("area_text", String(64), nullable=False),
    Column("town_text", String(64), nullable=False),
    Column("address", String(255), nullable=False),
    Column("district_code", String(16), nullable=False),
    Column("is_default", Boolean, nullable=False),
    Column("created_at_ms", BigInteger, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
)
