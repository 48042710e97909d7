"""goods: price and sales bucket tokens in every search document

Adds the covering index ``ix_products_id_price_sales`` and appends ``zzq<price bucket> zzv<sales bucket>`` (and
``zzoff`` for products not on sale) to the documents written before these tokens existed (new documents
got them from ``catalog_search.filter_tokens`` until the search moved to kept bitmaps — store/search_memory.py — and
stopped needing them; ``zzoff`` is still used). On SQLite the FTS5 index is rebuilt once instead of updated row by
row (a million rows: about a minute and a half instead of many minutes). The bucket edges are written out here, as
this revision used them.

Revision ID: 0004b
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0004b"
down_revision = "0004"
branch_labels = None
depends_on = None


def _geometric(start: int, ratio: float, stop: int) -> tuple[int, ...]:
    edges: list[int] = []
    value = float(start)
    while value <= stop:
        edge = round(value)
        if not edges or edge > edges[-1]:
            edges.append(edge)
        value *= ratio
    return tuple(edges)


def sql_case(edges: tuple[int, ...], column: str) -> str:
    """Bucket ``n`` holds values ``edges[n-1] <= v < edges[n]`` (bucket 0: below the first edge)."""
    whens = " ".join(f"WHEN {column} < {e} THEN {n}" for n, e in enumerate(edges))
    return f"(CASE {whens} ELSE {len(edges)} END)"


PRICE_EDGES = _geometric(100, 1.25, 10**10)  # fen: ¥1 … ¥100,000,000
SALES_EDGES = _geometric(1, 1.25, 10**10)  # units per month

_UPDATE = (
    "UPDATE product_search SET body = body || (SELECT ' zzq' || {price} || ' zzv' || {sales}"
    " || CASE WHEN p.status = 'active' THEN '' ELSE ' zzoff' END FROM products p"
    " WHERE p.id = product_search.product_id) WHERE body NOT LIKE '% zzq%'"
).format(price=sql_case(PRICE_EDGES, "p.price_fen"), sales=sql_case(SALES_EDGES, "p.month_sold"))


def upgrade() -> None:
    op.create_index("ix_products_id_price_sales", "products", ["id", "price_fen", "month_sold"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS product_search_au")
        op.execute(_UPDATE)
        op.execute("INSERT INTO product_fts(product_fts) VALUES ('rebuild')")
        op.execute(
            "CREATE TRIGGER product_search_au AFTER UPDATE ON product_search BEGIN"
            " INSERT INTO product_fts(product_fts, rowid, body) VALUES ('delete', old.product_id, old.body);"
            " INSERT INTO product_fts(rowid, body) VALUES (new.product_id, new.body); END"
        )
    else:
        op.execute(_UPDATE)


def downgrade() -> None:
    # The extra tokens are harmless to the code of revision 0004 (nobody queries them); they stay.
    op.drop_index("ix_products_id_price_sales", table_name="products")
