"""tenancy: waybills unique per developer, stored international numbers, developer status in the gateway version

Revision ID: 0015
Revises: 0007, 0009
Create Date: 2026-11-26 10:00:00

- ``warehouse_parcels``: an active (carrier, tracking number) was unique across the platform, so one developer's
  forecast refused another developer's parcel (and told them the number was taken). It is now unique per developer:
  ``UNIQUE (tracking_key, develop_id)``, the tracking key first so the warehouse's scan of a label by number alone
  uses the same index.
- ``warehouse_shipments.intl_tracking_no``: the international number was ``KJ<id, 10 digits>CN``, computed from the
  sequential id; new shipments draw a random one (domain/warehouse/waybills.py), unique platform-wide. Existing shipments keep
  the number they were given (messages already carried it).
- The gateway version (migration 0009) now also moves on any change to ``developers``, so disabling or enabling a
  developer reaches every process's kept key records on the next request.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = ("0007", "0009")
branch_labels = None
depends_on = None

_BUMP = (
    "INSERT INTO gateway_version (id, version) VALUES (1, 1)"
    " ON CONFLICT (id) DO UPDATE SET version = gateway_version.version + 1"
)
_EVENTS = ("insert", "update", "delete")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("warehouse_parcels", schema=None) as batch_op:
        batch_op.drop_constraint("uq_warehouse_parcels_tracking_key", type_="unique")
        batch_op.create_unique_constraint(
            "uq_warehouse_parcels_tracking_key_develop_id", ["tracking_key", "develop_id"]
        )

    with op.batch_alter_table("warehouse_shipments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("intl_tracking_no", sa.String(length=16), nullable=True))
    padded = "substr('0000000000' || id, -10)" if sqlite else "lpad(CAST(id AS TEXT), 10, '0')"
    op.execute(f"UPDATE warehouse_shipments SET intl_tracking_no = 'KJ' || {padded} || 'CN'")
    with op.batch_alter_table("warehouse_shipments", schema=None) as batch_op:
        batch_op.alter_column("intl_tracking_no", existing_type=sa.String(length=16), nullable=False)
        batch_op.create_unique_constraint("uq_warehouse_shipments_intl_tracking_no", ["intl_tracking_no"])

    if sqlite:
        for event in _EVENTS:
            op.execute(
                f"CREATE TRIGGER trg_developers_{event}_gateway AFTER {event.upper()} ON developers BEGIN {_BUMP}; END"
            )
    else:  # the function of migration 0009
        op.execute(
            "CREATE TRIGGER trg_developers_gateway AFTER INSERT OR UPDATE OR DELETE ON developers"
            " FOR EACH STATEMENT EXECUTE FUNCTION kuajing_bump_gateway_version()"
        )


def downgrade() -> None:
    """Fails if two developers now hold active parcels with the same waybill (the old rule cannot hold them)."""
    if op.get_bind().dialect.name == "sqlite":
        for event in _EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS trg_developers_{event}_gateway")
    else:
        op.execute("DROP TRIGGER IF EXISTS trg_developers_gateway ON developers")

    with op.batch_alter_table("warehouse_shipments", schema=None) as batch_op:
        batch_op.drop_constraint("uq_warehouse_shipments_intl_tracking_no", type_="unique")
        batch_op.drop_column("intl_tracking_no")

    with op.batch_alter_table("warehouse_parcels", schema=None) as batch_op:
        batch_op.drop_constraint("uq_warehouse_parcels_tracking_key_develop_id", type_="unique")
        batch_op.create_unique_constraint("uq_warehouse_parcels_tracking_key", ["tracking_key"])
