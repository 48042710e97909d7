"""1688 orders, their entries and history, previews, cashier tokens, buyer settings and the 1688 cart."""

from sqlalchemy import BigInteger, Boolean, Column, Index, Integer, String, Table, Text, UniqueConstraint

from kuajing.store.tables.base import metadata

alibaba_orders = Table(
    "alibaba_orders",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),  # orderId, 19 digits
    Column("develop_id", String(32), nullable=False),
    Column("user_id", String(32), nullable=False),
    Column("seller_id", Integer, nullable=False),
    Column("seller_open_id", String(40), nullable=False),
    Column("seller_nick", String(100), nullable=False),
    Column("order_no", String(32), nullable=False),
    Column("status", String(24), nullable=False),
    Column("flow", String(24), nullable=False),
    Column("trade_type", String(32), nullable=False),
    Column("message", Text, nullable=False),
    Column("address", Text, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("product_fen", BigInteger, nullable=False),
    Column("carriage_fen", BigInteger, nullable=False),
    Column("paid_fen", BigInteger, nullable=False),
    Column("pay_time_ms", BigInteger),
    Column("shipment", Text),
    Column("receive_time_ms", BigInteger),
    Column("complete_time_ms", BigInteger),
    Column("cancel_reason", Text, nullable=False),
    Column("close_reason", String(32), nullable=False),
    Column("created_at_ms", BigInteger, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_alibaba_orders_develop_created", "develop_id", "created_at_ms"),
)

alibaba_order_entries = Table(
    "alibaba_order_entries",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),  # orderEntryId
    Column("order_id", BigInteger, nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("product_id", Integer, nullable=False),
    Column("sku_pk", Integer, nullable=False),
    Column("offer_id", BigInteger, nullable=False),
    Column("spec_id", String(32), nullable=False),
    Column("sku_id", BigInteger, nullable=False),
    Column("title", Text, nullable=False),
    Column("image", Text, nullable=False),
    Column("unit", String(16), nullable=False),
    Column("sku_text", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("unit_price_fen", BigInteger, nullable=False),
    Column("status", String(16), nullable=False),
)

alibaba_order_history = Table(
    "alibaba_order_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("order_id", BigInteger, nullable=False, index=True),
    Column("from_status", String(24), nullable=False),
    Column("to_status", String(24), nullable=False),
    Column("action", String(24), nullable=False),
    Column("detail", Text, nullable=False),
    Column("at_ms", BigInteger, nullable=False),
)

alibaba_previews = Table(
    "alibaba_previews",
    metadata,
    Column("develop_id", String(32), primary_key=True),
    Column("key", String(40), primary_key=True),
    Column("quote", Text, nullable=False),
    Column("at_ms", BigInteger, nullable=False),
)

alibaba_pay_tokens = Table(
    "alibaba_pay_tokens",
    metadata,
    Column("token", String(64), primary_key=True),
    Column("develop_id", String(32), nullable=False),
    Column("order_ids", Text, nullable=False),
    Column("created_at_ms", BigInteger, nullable=False),
    Column("expires_at_ms", BigInteger, nullable=False),
    Column("used_at_ms", BigInteger),
)

alibaba_buyer_settings = Table(
    "alibaba_buyer_settings",
    metadata,
    Column("develop_id", String(32), primary_key=True),
    Column("protocol_pay", Boolean, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
)

alibaba_cart_items = Table(
    "alibaba_cart_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("develop_id", String(32), nullable=False),
    Column("user_id", String(32), nullable=False),
    Column("product_id", Integer, nullable=False),
    Column("sku_pk", Integer, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("created_at_ms", BigInteger, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
    UniqueConstraint("develop_id", "user_id", "sku_pk"),
)
