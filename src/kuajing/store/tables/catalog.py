"""The embedded marketplace's catalog. Texts per language and lists are JSON in TEXT columns."""

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

categories = Table(
    "categories",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("parent_id", BigInteger, index=True),
    Column("key", String(64), nullable=False, unique=True),
    Column("names", Text, nullable=False),
    Column("level", Integer, nullable=False),
    Column("shape", String(32), nullable=False),
)

sellers = Table(
    "sellers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", String(8), nullable=False),
    Column("open_id", String(40), nullable=False, unique=True),
    Column("shop_id", BigInteger, nullable=False),
    Column("shop_name", String(200), nullable=False),
    Column("nick", String(100), nullable=False),
    Column("company_name", String(200), nullable=False),
    Column("names", Text, nullable=False),
    Column("behaviour", Text, nullable=False),
)

products = Table(
    "products",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", String(8), nullable=False),
    Column("external_id", BigInteger, nullable=False),
    Column("mp_id", BigInteger, unique=True),
    Column("seller_id", Integer, ForeignKey("sellers.id"), nullable=False, index=True),
    Column("category_id", BigInteger, nullable=False, index=True),
    Column("titles", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("price_fen", BigInteger, nullable=False),
    Column("promotion_price_fen", BigInteger),
    Column("consign_price_fen", BigInteger),
    Column("price_ranges", Text, nullable=False),
    Column("min_order_quantity", Integer, nullable=False),
    Column("unit", String(16), nullable=False),
    Column("month_sold", Integer, nullable=False),
    Column("repurchase_rate_bp", Integer, nullable=False),
    Column("is_jxhy", Boolean, nullable=False),
    Column("images", Text, nullable=False),
    Column("attributes", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at_ms", BigInteger, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
    UniqueConstraint("platform", "external_id"),
)

skus = Table(
    "skus",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("product_id", Integer, ForeignKey("products.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("sku_id", BigInteger, nullable=False, unique=True),
    Column("spec_id", String(32), nullable=False),
    Column("mp_sku_id", BigInteger, unique=True),
    Column("properties", Text, nullable=False),
    Column("price_fen", BigInteger, nullable=False),
    Column("promotion_price_fen", BigInteger),
    Column("consign_price_fen", BigInteger),
    Column("stock", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("image", Text, nullable=False),
    Index("ix_skus_spec_id", "spec_id"),
)

stock_reservations = Table(
    "stock_reservations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sku_pk", Integer, ForeignKey("skus.id"), nullable=False, index=True),
    Column("owner", String(64), nullable=False, index=True),
    Column("quantity", Integer, nullable=False),
    Column("state", String(16), nullable=False),  # active | released | consumed
    Column("created_at_ms", BigInteger, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
)
