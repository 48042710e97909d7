"""Taobao cart and purchase orders. Wire ids are derived from the primary keys (domain/taobao_orders/model.py)."""

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from kuajing.store.tables.base import metadata

taobao_cart_items = Table(
    "taobao_cart_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("develop_id", String(32), nullable=False),
    Column("user_id", String(32), nullable=False),
    Column("product_id", Integer, nullable=False),
    Column("sku_pk", Integer, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("added_price_fen", BigInteger, nullable=False),
    Column("created_at_ms", BigInteger, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
    UniqueConstraint("develop_id", "user_id", "sku_pk"),
)

taobao_purchase_orders = Table(
    "taobao_purchase_orders",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("develop_id", String(32), nullable=False),
    Column("user_id", String(32), nullable=False),
    Column("seller_id", Integer, nullable=False),
    Column("supplier_nick", String(100), nullable=False),
    Column("outer_purchase_id", String(64)),
    Column("order_source", String(64), nullable=False),
    Column("receiver", Text, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("state", String(32), nullable=False),
    Column("post_fee_fen", BigInteger, nullable=False),
    Column("budget_fen", BigInteger),
    Column("paid_fen", BigInteger, nullable=False),
    Column("refunded_fen", BigInteger, nullable=False),
    Column("pay_method", String(16), nullable=False),
    Column("voucher_url", Text, nullable=False),
    Column("voucher_note", Text, nullable=False),
    Column("close_reason", Text, nullable=False),
    Column("paid_at_ms", BigInteger),
    Column("next_close_at_ms", BigInteger),
    Column("version", Integer, nullable=False),
    Column("created_at_ms", BigInteger, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
    UniqueConstraint("develop_id", "outer_purchase_id", "seller_id"),
    Index("ix_taobao_purchase_orders_develop_updated", "develop_id", "updated_at_ms"),
)

taobao_sub_orders = Table(
    "taobao_sub_orders",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("order_pk", Integer, ForeignKey("taobao_purchase_orders.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("product_id", Integer, nullable=False),
    Column("sku_pk", Integer, nullable=False),
    Column("item_id", BigInteger, nullable=False),
    Column("sku_id", BigInteger, nullable=False),
    Column("mp_id", BigInteger),
    Column("mp_sku_id", BigInteger),
    Column("order_line_no", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("sku_desc", Text, nullable=False),
    Column("sku_props", Text, nullable=False, server_default="[]"),  # [[propId, {lang: name}, valueId, {lang: name}]]
    Column("image", Text, nullable=False),
    Column("remark", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("unit_price_fen", BigInteger, nullable=False),
    Column("state", String(32), nullable=False),
    Column("close_reason", Text, nullable=False),
    Column("carrier_code", String(16), nullable=False),
    Column("carrier_name", String(64), nullable=False),
    Column("tracking_number", String(64), nullable=False),
    Column("paid_at_ms", BigInteger),
    Column("shipped_at_ms", BigInteger),
    Column("confirmed_at_ms", BigInteger),
    Column("closed_at_ms", BigInteger),
)

taobao_order_history = Table(
    "taobao_order_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("order_pk", Integer, ForeignKey("taobao_purchase_orders.id"), nullable=False, index=True),
    Column("sub_pk", Integer),
    Column("action", String(32), nullable=False),
    Column("old_state", String(32)),
    Column("new_state", String(32), nullable=False),
    Column("note", Text, nullable=False),
    Column("at_ms", BigInteger, nullable=False),
)
