"""Search side tables of the catalog: the text-search document and the image embeddings.

``product_search`` holds one folded token document per product (``catalog_search.build_document``: every title's
tokens, the category path's, shop names' and attribute values' marked as context, plus filter tokens). The
full-text index over it is back-end specific and created by
migration 0004 only (it is not expressible in SQLAlchemy Core): an external-content FTS5 table ``product_fts`` kept
in step by triggers on SQLite, a stored ``tsv`` column with a GIN index on PostgreSQL. Either way, writing a row here
is the whole incremental index update.
"""

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, LargeBinary, String, Table, Text

from kuajing.store.tables.base import metadata
from kuajing.store.tables.catalog import products

product_search = Table(
    "product_search",
    metadata,
    Column("product_id", Integer, ForeignKey("products.id", ondelete="CASCADE"), primary_key=True),
    Column("body", Text, nullable=False),
)

# SQLite: which products' search documents changed, in commit order (store/search_memory.py follows it to keep
# its bitmaps exact); AUTOINCREMENT so that ``seq`` never goes back after old entries are pruned.
product_search_log = Table(
    "product_search_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("product_id", Integer, nullable=False),
    sqlite_autoincrement=True,
)

product_embeddings = Table(
    "product_embeddings",
    metadata,
    # A re-embedded product gets a new row id, so loaders can read "everything after id N" incrementally.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("product_id", Integer, ForeignKey("products.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("model", String(64), nullable=False),
    Column("dim", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),  # float32 little-endian, L2-normalised
    Column("created_at_ms", BigInteger, nullable=False),
)

# Sorting and browsing without a keyword walk these (created by migration 0004 on the catalog's products table).
Index("ix_products_platform_sales", products.c.platform, products.c.month_sold, products.c.id)
Index("ix_products_platform_price", products.c.platform, products.c.price_fen, products.c.id)
Index("ix_products_category_sales", products.c.category_id, products.c.month_sold)
# Joins of full-text matches with products read only these (migration 0004b; SQLite uses it with INDEXED BY).
Index("ix_products_id_price_sales", products.c.id, products.c.price_fen, products.c.month_sold)

#: Schema objects migration 0004 creates outside SQLAlchemy Core (the FTS5 tables on SQLite, the generated
#: ``tsv`` column and its GIN index on PostgreSQL); schema comparisons must leave them out.
BACKEND_SEARCH_OBJECTS = frozenset({"product_fts", "tsv", "ix_product_search_tsv"})


def include_in_schema_diff(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """An Alembic ``include_object`` hook that skips :data:`BACKEND_SEARCH_OBJECTS`."""
    if name is None:
        return True
    return not (name in BACKEND_SEARCH_OBJECTS or (type_ == "table" and name.startswith("product_fts_")))
