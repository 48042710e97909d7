"""The warehouse's messages: what it tells the developer, through the outbox, in the transaction of the change.

``messagePlatform`` is 9 (Kuajing's own events, not a PandaPon value). Bodies are camelCase JSON objects; times are
epoch ms. docs/warehouse.md lists them with examples.
"""

from __future__ import annotations

from kuajing.domain.messages import OutgoingMessage, Platform
from kuajing.domain.warehouse.model import Parcel, Shipment

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
        body={
            "parcelId": p.id,
            "carrierCode": p.carrier_code,
            "trackingNo": p.tracking_no,
            "sourcePlatform": p.source_platform,
            "sourceOrderId": p.source_order_id,
            "weightG": p.weight_g,
            "lengthCm": p.length_cm,
            "widthCm": p.width_cm,
            "heightCm": p.height_cm,
            "condition": p.condition,
            "photos": p.photos,
            "inboundTime": p.received_at_ms,
        },
    )


def shipment_event(s: Shipment, message_type: str) -> OutgoingMessage:
    last = s.trace[-1] if s.trace else None
    return OutgoingMessage(
        develop_id=s.develop_id,
        message_type=message_type,
        platform=Platform.PLATFORM,
        aggregate_type=SHIPMENT_AGGREGATE,
        aggregate_id=str(s.id),
        body={
            "shipmentId": s.id,
            "status": s.state.value,
            "channelCode": s.channel_code,
            "intlTrackingNo": s.intl_tracking_no,
            "parcelIds": s.parcel_ids,
            "countryCode": s.receiver.country,
            "eventTime": last.at_ms if last else s.updated_at_ms,
            "description": last.description if last else "",
        },
    )
