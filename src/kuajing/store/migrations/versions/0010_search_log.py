"""search: the log of changed search documents that SQLite's kept search bitmaps follow

Revision ID: 0010
Revises: 0004c
Create Date: 2026-11-25 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0004c"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "product_search_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_product_search_log")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("product_search_log")
