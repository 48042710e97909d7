"""After-sales: refunds of both platforms, their history and messages, per-line refund totals, uploaded vouchers."""

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, Integer, LargeBinary, String, Table, Text

from kuajing.store.tables.base import metadata

aftersales_refunds = Table(
    "aftersales_refunds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", String(8), nullable=False),  # "taobao" | "1688"
    Column("develop_id", String(32), nullable=False),
    Column("user_id", String(32), nullable=False),
    Column("order_id", String(32), nullable=False),
    Column("state", String(24), nullable=False),
    Column("needs_return", Integer, nullable=False),  # 0/1
    Column("goods_status", String(32), nullable=False),
    Column("reason_id", Integer, nullable=False),
    Column("reason_desc", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("images", Text, nullable=False),  # JSON list
    Column("lines", Text, nullable=False),  # JSON [{line_id, fen, quantity}]
    Column("first_line_id", String(32), nullable=False),
    Column("goods_fen", BigInteger, nullable=False),
    Column("carriage_fen", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("seller_refuse_reason", Text, nullable=False),
    Column("seller_refuse_desc", Text, nullable=False),
    Column("seller_agree_desc", Text, nullable=False),
    Column("return_company_code", String(32), nullable=False),
    Column("return_company_name", String(64), nullable=False),
    Column("return_no", String(64), nullable=False),
    Column("return_desc", Text, nullable=False),
    Column("buyer_phone", String(32), nullable=False),
    Column("timeout_type", String(32)),
    Column("timeout_at_ms", BigInteger),
    Column("created_at_ms", BigInteger, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
    Column("finished_at_ms", BigInteger),
    Column("version", Integer, nullable=False),
    Index("ix_aftersales_refunds_develop_id_platform_created_at_ms", "develop_id", "platform", "created_at_ms"),
    Index("ix_aftersales_refunds_platform_first_line_id", "platform", "first_line_id"),
)

aftersales_lines = Table(
    "aftersales_lines",
    metadata,
    Column("platform", String(8), primary_key=True),
    Column("line_id", String(32), primary_key=True),  # subPurchaseOrderId / orderEntryId
    Column("develop_id", String(32), nullable=False),
    Column("order_id", String(32), nullable=False),
    Column("paid_fen", BigInteger, nullable=False),
    Column("refunded_fen", BigInteger, nullable=False),
    Column("open_refund_pk", Integer),  # the one open refund of the line, if any
    CheckConstraint("refunded_fen >= 0 AND refunded_fen <= paid_fen", name="refunded_within_paid"),
    Index("ix_aftersales_lines_platform_order_id", "platform", "order_id"),
)

aftersales_history = Table(
    "aftersales_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("refund_pk", Integer, nullable=False, index=True),
    Column("action", String(24), nullable=False),
    Column("old_state", String(24)),
    Column("new_state", String(24), nullable=False),
    Column("note", Text, nullable=False),
    Column("at_ms", BigInteger, nullable=False),
)

aftersales_notes = Table(
    "aftersales_notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("refund_pk", Integer, nullable=False, index=True),
    Column("sender", String(16), nullable=False),
    Column("content", Text, nullable=False),
    Column("images", Text, nullable=False),
    Column("at_ms", BigInteger, nullable=False),
)

refund_vouchers = Table(
    "refund_vouchers",
    metadata,
    Column("name", String(40), primary_key=True),  # <sha256 prefix>.<ext>: a name stands for one content
    Column("data", LargeBinary, nullable=False),
    Column("develop_id", String(32), nullable=False),  # who uploaded it first
    Column("created_at_ms", BigInteger, nullable=False),
)
