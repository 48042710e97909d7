"""The warehouse's messages: what it tells the developer, through the outbox, in the transaction of the change.

``messagePlatform`` is 9 (Kuajing's own events, not a PandaPon value). The bodies' wire shape is in
protocol/wire/callbacks.py; docs/warehouse.md lists them with examples.
"""

from __future__ import annotations

from kuajing.domain.messages import OutgoingMessage, Platform
from kuajing.domain.warehouse.model import Parcel, Shipment
from kuajing.protocol.wire.callbacks import ParcelInbound, ShipmentEvent

PARCEL_INBOUND = "WAREHOUSE_PARCEL_INBOUND"  # a parcel was received, weighed and measured
SHIPMENT_SHIPPED = "WAREHOUSE_SHIPMENT_SHIPPED"  # a shipment was handed to the international carrier
SHIPMENT_DELIVERED = "WAREHOUSE_SHIPMENT_DELIVERED"  # the shipment was signed for at its destination
SHIPMENT_EXCEPTION = "WAREHOUSE_SHIPMENT_EXCEPTION"  # the shipment was lost, seized or returned

PARCEL_AGGREGATE = "warehouse_parcel"
SHIPMENT_AGGREGATE = "warehouse_shipment"


def parcel_inbound(p: Parcel) -> OutgoingMessage:
    return OutgoingMessage(
        develop_id=p.develop_id,
        message_type=PARCEL_INBOUND,
        platform=Platform.PLATFORM,
        aggregate_type=PARCEL_AGGREGATE,
        aggregate_id=str(p.id),
        body=ParcelInbound(
            parcel_id=p.id,
            carrier_code=p.carrier_code,
            tracking_no=p.tracking_no,
            source_platform=p.source_platform,
            source_order_id=p.source_order_id,
            weight_g=p.weight_g,
            length_cm=p.length_cm,
            width_cm=p.width_cm,
            height_cm=p.height_cm,
            condition=p.condition,
            photos=p.photos,
            inbound_time=p.received_at_ms,
        ).model_dump(),  # fmt: skip
    )


def shipment_event(s: Shipment, message_type: str) -> OutgoingMessage:
    last = s.trace[-1] if s.trace else None
    return OutgoingMessage(
        develop_id=s.develop_id,
        message_type=message_type,
        platform=Platform.PLATFORM,
        aggregate_type=SHIPMENT_AGGREGATE,
        aggregate_id=str(s.id),
        body=ShipmentEvent(
            shipment_id=s.id,
            status=s.state.value,
            channel_code=s.channel_code,
            intl_tracking_no=s.intl_tracking_no,
            parcel_ids=s.parcel_ids,
            country_code=s.receiver.country,
            event_time=last.at_ms if last else s.updated_at_ms,
            description=last.description if last else "",
        ).model_dump(),  # fmt: skip
    )
