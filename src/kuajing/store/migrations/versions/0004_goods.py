"""goods: text-search documents (FTS5 on SQLite, tsvector + GIN on PostgreSQL) and image embeddings

Revision ID: 0004
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None

# Keep in step with kuajing.search.tokenize.SQLITE_FTS5_TOKENIZE (tokens are folded in Python already).
_FTS5_TOKENIZE = "unicode61 remove_diacritics 0"


def upgrade() -> None:
    op.create_table(
        "product_search",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_product_search_product_id_products"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("product_id", name=op.f("pk_product_search")),
    )
    op.create_table(
        "product_embeddings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(length=64), nullable=False),
        sa.Column("dim", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.Column("created_at_ms", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_product_embeddings_product_id_products"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_embeddings")),
        sa.UniqueConstraint("product_id", name=op.f("uq_product_embeddings_product_id")),
    )
    # Sorting and browsing without a keyword walk these (sales, price), filtered by platform.
    op.create_index("ix_products_platform_sales", "products", ["platform", "month_sold", "id"])
    op.create_index("ix_products_platform_price", "products", ["platform", "price_fen", "id"])
    op.create_index("ix_products_category_sales", "products", ["category_id", "month_sold"])

    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE product_fts USING fts5(body, content='product_search', content_rowid='product_id',"
            f" tokenize='{_FTS5_TOKENIZE}')"
        )
        op.execute(
            "CREATE TRIGGER product_search_ai AFTER INSERT ON product_search BEGIN"
            " INSERT INTO product_fts(rowid, body) VALUES (new.product_id, new.body); END"
        )
        op.execute(
            "CREATE TRIGGER product_search_ad AFTER DELETE ON product_search BEGIN"
            " INSERT INTO product_fts(product_fts, rowid, body) VALUES ('delete', old.product_id, old.body); END"
        )
        op.execute(
            "CREATE TRIGGER product_search_au AFTER UPDATE ON product_search BEGIN"
            " INSERT INTO product_fts(product_fts, rowid, body) VALUES ('delete', old.product_id, old.body);"
            " INSERT INTO product_fts(rowid, body) VALUES (new.product_id, new.body); END"
        )
    else:
        op.execute(
            "ALTER TABLE product_search ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED"
        )
        op.execute("CREATE INDEX ix_product_search_tsv ON product_search USING GIN (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("product_search_ai", "product_search_ad", "product_search_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS product_fts")
    op.drop_index("ix_products_category_sales", table_name="products")
    op.drop_index("ix_products_platform_price", table_name="products")
    op.drop_index("ix_products_platform_sales", table_name="products")
    op.drop_table("product_embeddings")
    op.drop_table("product_search")
