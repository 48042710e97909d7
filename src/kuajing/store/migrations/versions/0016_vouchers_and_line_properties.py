"""aftersales: uploaded refund vouchers, and the SKU properties a Taobao sub-order was bought with

Revision ID: 0016
Revises: 0008
Create Date: 2026-12-03 14:00:00

``refund_vouchers`` keeps the pictures 1688 I3 takes, so the URL it answers serves them. ``taobao_sub_orders
.sku_props`` snapshots the SKU's sale properties (ids and names, the catalog's ``skus.properties`` format) at
create, for the reverse order's ``purchaseOrderLine.properties``; sub-orders made before this revision are filled
from the catalog's SKU as it is now ("[]" when the SKU is gone).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0008"
branch_labels = None
depends_on = None

#: sub-orders made before this revision take their SKU's properties as the catalog has them now
BACKFILL_SKU_PROPS = (
    "UPDATE taobao_sub_orders SET sku_props = (SELECT s.properties FROM skus s WHERE s.id = taobao_sub_orders.sku_pk)"
    " WHERE EXISTS (SELECT 1 FROM skus s WHERE s.id = taobao_sub_orders.sku_pk)"
)


def upgrade() -> None:
    op.create_table(
        "refund_vouchers",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("develop_id", sa.String(length=32), nullable=False),
        sa.Column("created_at_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_refund_vouchers")),
    )
    op.add_column("taobao_sub_orders", sa.Column("sku_props", sa.Text(), server_default="[]", nullable=False))
    op.execute(BACKFILL_SKU_PROPS)


def downgrade() -> None:
    with op.batch_alter_table("taobao_sub_orders", schema=None) as batch_op:
        batch_op.drop_column("sku_props")
    op.drop_table("refund_vouchers")
