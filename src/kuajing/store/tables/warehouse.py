"""The forwarding warehouse: channels (operator data), domestic parcels, international shipments, state history."""

from sqlalchemy import BigInteger, Boolean, Column, Index, Integer, String, Table, Text, UniqueConstraint

from kuajing.store.tables.base import metadata

warehouse_channels = Table(
    "warehouse_channels",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("countries", Text, nullable=False),  # JSON list of ISO alpha-2 codes
    Column("currency", String(3), nullable=False),
    Column("first_weight_g", Integer, nullable=False),
    Column("first_weight_fen", BigInteger, nullable=False),
    Column("step_g", Integer, nullable=False),
    Column("step_fen", BigInteger, nullable=False),
    Column("volumetric_divisor", Integer, nullable=False),
    Column("max_weight_g", Integer, nullable=False),
    Column("max_length_cm", Integer, nullable=False),
    Column("max_girth_cm", Integer, nullable=False),
    Column("prohibited", Text, nullable=False),  # JSON list of item categories
    Column("handling_fen_per_parcel", BigInteger, nullable=False),
    Column("transit_days", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
)

warehouse_parcels = Table(
    "warehouse_parcels",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("develop_id", String(19), nullable=False),
    Column("carrier_code", String(32), nullable=False),
    Column("carrier_name", String(100), nullable=False),
    Column("tracking_no", String(64), nullable=False),
    # "<carrier>:<number>" while the parcel is active, NULL once cancelled: one active parcel per waybill and
    # developer (unique with develop_id below). Developers never block each other's numbers (docs/warehouse.md).
    Column("tracking_key", String(100)),
    Column("items", Text, nullable=False),  # JSON
    Column("source_platform", String(16), nullable=False),
    Column("source_order_id", String(40), nullable=False),
    Column("origin", String(16), nullable=False),
    Column("remark", String(500), nullable=False),
    Column("state", String(16), nullable=False),
    Column("weight_g", Integer, nullable=False),
    Column("length_cm", Integer, nullable=False),
    Column("width_cm", Integer, nullable=False),
    Column("height_cm", Integer, nullable=False),
    Column("photos", Text, nullable=False),  # JSON list of URLs
    Column("condition", String(16), nullable=False),
    Column("received_at_ms", BigInteger),
    Column("shipped_out_at_ms", BigInteger),
    Column("shipment_id", Integer),
    Column("version", Integer, nullable=False),
    Column("created_at_ms", BigInteger, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
    Index("ix_warehouse_parcels_develop_id_state", "develop_id", "state"),
    Index("ix_warehouse_parcels_develop_id_source", "develop_id", "source_platform", "source_order_id"),
    # tracking_key first: the same index serves the warehouse's scan of a label (all developers' parcels)
    UniqueConstraint("tracking_key", "develop_id"),
)

warehouse_shipments = Table(
    "warehouse_shipments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("develop_id", String(19), nullable=False, index=True),
    Column("channel_code", String(32), nullable=False),
    Column("receiver", Text, nullable=False),  # JSON
    Column("parcel_ids", Text, nullable=False),  # JSON list
    Column("actual_weight_g", Integer, nullable=False),
    Column("volumetric_weight_g", Integer, nullable=False),
    Column("chargeable_weight_g", Integer, nullable=False),
    Column("fees", Text, nullable=False),  # JSON list of {type, amountFen, description}
    Column("total_fen", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("remark", String(500), nullable=False),
    Column("state", String(16), nullable=False),
    Column("trace", Text, nullable=False),  # JSON list of {atMs, status, description}
    Column("paid_at_ms", BigInteger, nullable=False),
    Column("delivered_at_ms", BigInteger),
    Column("intl_tracking_no", String(16), nullable=False, unique=True),  # KJ + 10 random digits + CN
    Column("version", Integer, nullable=False),
    Column("created_at_ms", BigInteger, nullable=False),
    Column("updated_at_ms", BigInteger, nullable=False),
)

warehouse_state_history = Table(
    "warehouse_state_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("aggregate_type", String(32), nullable=False),
    Column("aggregate_id", Integer, nullable=False),
    Column("from_state", String(16), nullable=False),
    Column("to_state", String(16), nullable=False),
    Column("action", String(16), nullable=False),
    Column("at_ms", BigInteger, nullable=False),
    Index("ix_warehouse_state_history_aggregate", "aggregate_type", "aggregate_id"),
)
