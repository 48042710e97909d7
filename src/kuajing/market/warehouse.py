"""The warehouse's own pace: a paid shipment is packed, handed over, departs and is delivered on the sandbox clock.

Each step is one timer (kind :data:`~kuajing.domain.warehouse.shipments.SHIPMENT_STEP_JOB`, ref = shipment id) that
takes the step in its own transaction and sets the timer for the next one. Delivery comes ``transit_days`` of the
channel after departure. A shipment that was cancelled or failed in the meantime has no next step: the job ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.jobs import ScheduledJob
from kuajing.domain.warehouse import shipments
from kuajing.domain.warehouse.model import MS_PER_DAY
from kuajing.domain.warehouse.states import ShipmentAction, ShipmentState

if TYPE_CHECKING:
    from kuajing.domain.uow import UnitOfWork

HOUR_MS = 3_600_000

# state → (action, trace status, description, delay before the *next* step in ms; None = use the channel's transit)
STEPS: dict[ShipmentState, tuple[ShipmentAction, str, str, int | None]] = {
    ShipmentState.PAID: (
        ShipmentAction.PACK,
        "WAREHOUSE_PACKED",
        "包裹已合箱打包 / consolidated and packed",
        18 * HOUR_MS,
    ),
    ShipmentState.PACKED: (
        ShipmentAction.HAND_OVER,
        "ACCEPT",
        "国际物流已揽收 / accepted by the carrier",
        24 * HOUR_MS,
    ),
    ShipmentState.SHIPPED: (ShipmentAction.DEPART, "TRANSPORT", "已出境,运输中 / departed China, in transit", None),
    ShipmentState.IN_TRANSIT: (ShipmentAction.DELIVER, "SIGN", "已签收 / delivered and signed for", 0),
}


def step_shipment(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
    # The step happens at its due time, so one long clock advance replays the steps in order with their own times.
    at_ms = min(job.due_at_ms, now_ms)
    shipment = uow.warehouse.get_shipment(job.develop_id, int(job.ref))
    if shipment is None or shipment.state not in STEPS:
        return  # cancelled, failed or delivered: nothing left to do
    action, status, description, next_delay_ms = STEPS[shipment.state]
    shipment = shipments.step_shipment(
        uow, develop_id=job.develop_id, shipment_id=shipment.id, action=action, status=status,
        description=description, now_ms=at_ms,
    )  # fmt: skip
    if shipment.state not in STEPS:
        return
    if next_delay_ms is None:
        channel = uow.warehouse.get_channel(shipment.channel_code)
        next_delay_ms = (channel.transit_days if channel else 7) * MS_PER_DAY
    uow.schedule(
        develop_id=job.develop_id, kind=shipments.SHIPMENT_STEP_JOB, ref=job.ref, due_at_ms=at_ms + next_delay_ms
    )


HANDLERS = {shipments.SHIPMENT_STEP_JOB: step_shipment}
