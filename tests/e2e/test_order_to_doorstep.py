"""Across areas: a Taobao purchase order shipped by its seller arrives in the forwarding warehouse and travels abroad.

search-free on purpose (goods has its own tests): catalog item → cart → order → pay → seller ships → the parcel
appears in the warehouse inventory → inbound → estimate → preview → international order paid from the wallet →
tracking to delivery, with the ledger checked at the end.
"""

from __future__ import annotations

from kuajing.client import Client
from kuajing.domain.accounts.model import Credentials
from kuajing.runtime import Runtime
from tests.taobao_fixtures import RECEIVER, add_taobao_item, balance_and_ledger

ABROAD = {"fullName": "John Smith", "mobile": "+1 415 555 0100", "countryCode": "US", "address": "1 Market St",
          "city": "San Francisco", "postCode": "94105"}  # fmt: skip


def test_a_taobao_order_is_received_by_the_warehouse_and_delivered_abroad(
    client: Client, runtime: Runtime, demo: Credentials
) -> None:
    item = add_taobao_item(runtime, stock=5, price=2_500)
    start, _ = balance_and_ledger(runtime, demo.develop_id)

    row = client.taobao.cart.add(mp_id=str(item.mp_id), mp_sku_id=str(item.mp_sku_ids[0]), quantity=2)
    po = client.taobao.cart.create_order([row.id], address=RECEIVER).order_list[0].purchase_id
    assert client.taobao.orders.pay([po])[0].success
    shipped = client.taobao.sandbox.ship(po)
    assert shipped.status == 11

    parcels = client.warehouse.parcels().list
    assert len(parcels) == 1
    parcel = parcels[0]
    assert (parcel.status, parcel.origin, parcel.source_order_id) == ("forecast", "order", str(po))

    client.warehouse.sandbox_inbound(
        {"parcelId": parcel.parcel_id, "weightG": 800, "lengthCm": 30, "widthCm": 20, "heightCm": 10}
    )
    quotes = client.warehouse.estimate({"countryCode": "US", "weightG": 800, "lengthCm": 30, "widthCm": 20,
                                        "heightCm": 10})  # fmt: skip
    channel = quotes[0].channel_code
    preview = client.warehouse.preview({"parcelIds": [parcel.parcel_id], "channelCode": channel, "countryCode": "US"})
    shipment = client.warehouse.create({"parcelIds": [parcel.parcel_id], "channelCode": channel, "receiver": ABROAD,
                                        "expectedTotalFen": preview.total_fen})  # fmt: skip
    assert shipment.status == "paid"

    client.sandbox.advance(seconds=60 * 86_400)  # beyond the slowest channel's transit time
    assert client.warehouse.shipment(shipment.shipment_id).status == "delivered"
    assert client.warehouse.parcel(parcel.parcel_id).status == "shipped_out"

    balance, ledger = balance_and_ledger(runtime, demo.develop_id)
    order_total = client.taobao.orders.detail(po).purchase_amount
    assert balance == ledger == start - order_total - preview.total_fen
