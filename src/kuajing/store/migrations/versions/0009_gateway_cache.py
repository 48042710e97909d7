"""gateway: SQLite's append-only nonce log, and a version number of what the gateway caches about keys

Revision ID: 0009
Revises: 0001
Create Date: 2026-11-25 20:20:00

The triggers bump ``gateway_version.version`` on any change to ``access_keys``, ``sub_accounts`` or
``sandbox_clocks`` — whoever makes it (the API, the CLI, another process, an operator's SQL) — so a gateway may keep
what it read about a key for as long as that number stays the same.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0001"
branch_labels = None
depends_on = None

WATCHED = ("access_keys", "sub_accounts", "sandbox_clocks")


def upgrade() -> None:
    op.create_table(
        "nonce_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("access_key", sa.String(length=32), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("material", sa.String(length=96), nullable=False),
        sa.Column("expires_at_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_nonce_log")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("nonce_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nonce_log_expires_at_ms"), ["expires_at_ms"], unique=False)
    op.create_table(
        "gateway_version",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gateway_version")),
    )
    op.execute("INSERT INTO gateway_version (id, version) VALUES (1, 1)")
    # an upsert, so that a table emptied by hand (or a test's TRUNCATE) starts counting again instead of staying 0
    bump = (
        "INSERT INTO gateway_version (id, version) VALUES (1, 1)"
        " ON CONFLICT (id) DO UPDATE SET version = gateway_version.version + 1"
    )
    if op.get_bind().dialect.name == "sqlite":
        for table in WATCHED:
            for event in ("INSERT", "UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER trg_{table}_{event.lower()}_gateway AFTER {event} ON {table} BEGIN {bump}; END"
                )
    else:
        op.execute(
            "CREATE FUNCTION kuajing_bump_gateway_version() RETURNS trigger LANGUAGE plpgsql AS"
            f" $$ BEGIN {bump}; RETURN NULL; END $$"
        )
        for table in WATCHED:
            op.execute(
                f"CREATE TRIGGER trg_{table}_gateway AFTER INSERT OR UPDATE OR DELETE ON {table}"
                " FOR EACH STATEMENT EXECUTE FUNCTION kuajing_bump_gateway_version()"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in WATCHED:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_{event}_gateway")
    else:
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_gateway ON {table}")
        op.execute("DROP FUNCTION IF EXISTS kuajing_bump_gateway_version()")
    op.drop_table("gateway_version")
    with op.batch_alter_table("nonce_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_nonce_log_expires_at_ms"))
    op.drop_table("nonce_log")
