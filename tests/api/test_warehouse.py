"""Warehouse logistics through the real SDK on both databases: forecast/auto-registered parcel → inbound → estimate →
preview → create (paid from the wallet) → tracking on the sandbox clock → delivered, with the ledger checked."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from kuajing.client import AsyncClient, BadRequestError, Client, ConflictError, NotFoundError
from kuajing.client.errors import APIError
from kuajing.client.resources import warehouse as ops
from kuajing.domain.accounts import wallet
from kuajing.domain.accounts.model import Credentials
from kuajing.domain.money import CNY
from kuajing.domain.warehouse import parcels
from kuajing.domain.warehouse.model import ParcelItem
from kuajing.runtime import Runtime
from kuajing.store import outbox
from tests.api.conftest import sdk
from tests.conftest import new_developer

DAY_S = 86_400
RECEIVER = {"fullName": "John Smith", "mobile": "+1 415 555 0100", "countryCode": "US", "address": "1 Market St",
            "cityText": "San Francisco", "postCode": "94105"}  # fmt: skip


def top_up(rt: Runtime, develop_id: str, fen: int) -> int:
    """Credit the wallet; returns the balance after."""
    with rt.uow() as uow:
        entry = wallet.credit(uow, develop_id=develop_id, amount_fen=fen, memo="test",
                              entry_key=f"credit:{fen}:{develop_id}", now_ms=rt.clock.now_ms())  # fmt: skip
        uow.commit()
    return entry.balance_after_fen


def balance_and_ledger(rt: Runtime, develop_id: str) -> tuple[int, int, list[str]]:
    with rt.uow() as uow:
        entries = uow.wallets.entries(develop_id, limit=100)
        return (uow.wallets.balance_fen(develop_id, CNY), uow.wallets.ledger_sum_fen(develop_id, CNY),
                [e.entry_key for e in entries])  # fmt: skip


def messages(rt: Runtime, develop_id: str) -> list[tuple[str, dict[str, Any]]]:
    with rt.db.snapshot() as tx:
        return [(m.message_type, m.body) for m in outbox.read_messages(tx, develop_id=develop_id)]


def received(kj: Client, tracking: str, *, weight_g: int = 800, dims: tuple[int, int, int] = (30, 20, 10),
             **extra: Any) -> int:  # fmt: skip
    parcel = kj.warehouse.forecast({"carrierCode": "YTO", "trackingNo": tracking, **extra})
    kj.warehouse.sandbox_inbound({"parcelId": parcel.parcel_id, "weightG": weight_g, "lengthCm": dims[0],
                                  "widthCm": dims[1], "heightCm": dims[2]})  # fmt: skip
    return parcel.parcel_id


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_order_parcel_travels_from_seller_to_delivery_and_is_charged_once(
    http: TestClient, runtime: Runtime, demo: Credentials, version: str
) -> None:
    kj = sdk(http, demo, api_version=version)
    dev = demo.develop_id
    start = top_up(runtime, dev, 50_000)
    # The order flow's hook: a seller shipped purchase order 200002638011 to the warehouse address.
    with runtime.uow(runtime.developer_clock(dev)) as uow:
        auto = parcels.register_domestic_parcel(
            uow, develop_id=dev, carrier_code="sf", carrier_name="顺丰", tracking_no="SF1234567890",
            source_platform="taobao", source_order_id="200002638011",
            items=[ParcelItem("T-shirt", 2, "clothing")], now_ms=uow.clock.now_ms(),
        )  # fmt: skip
        again = parcels.register_domestic_parcel(
            uow, develop_id=dev, carrier_code="SF", carrier_name="顺丰", tracking_no="SF1234567890",
            source_platform="taobao", source_order_id="200002638011", items=[], now_ms=uow.clock.now_ms(),
        )  # fmt: skip
        assert again.id == auto.id  # idempotent per (carrier, tracking number)
        uow.commit()
    first = kj.warehouse.parcel(auto.id)
    assert (first.status, first.origin, first.carrier_code, first.source_order_id) == (
        "forecast", "order", "SF", "200002638011")  # fmt: skip
    assert first.allowed_actions == ["update", "cancel", "receive"]
    inbound = kj.warehouse.sandbox_inbound({"parcelId": auto.id, "weightG": 1_150, "lengthCm": 40, "widthCm": 30,
                                            "heightCm": 20, "photos": ["https://img.example/1.jpg"]})  # fmt: skip
    assert inbound.status == "received" and inbound.inbound_time and inbound.storage_days == 0
    second = received(kj, "YT900001", weight_g=300, dims=(20, 15, 5))
    kj.sandbox.advance(seconds=2 * DAY_S)
    inventory = kj.warehouse.parcels(status="received")
    assert inventory.total == 2 and {p.storage_days for p in inventory.list} == {2}

    quotes = kj.warehouse.estimate({"countryCode": "us", "weightG": 1_450, "lengthCm": 40, "widthCm": 30,
                                    "heightCm": 20})  # fmt: skip
    # SEA_ECON: ⌈40·30·20·1000/8000⌉ = 3000 g → 3000 + 2×1200 = ¥54; AIR_STD: 4000 g → 6000 + 7×2500 = ¥235
    assert [(q.channel_code, q.total_fen) for q in quotes] == [("SEA_ECON", 5_400), ("AIR_STD", 23_500),
                                                             ("AIR_SENSITIVE", 33_500)]  # fmt: skip
    assert (quotes[1].actual_weight_g, quotes[1].volumetric_weight_g, quotes[1].chargeable_weight_g) == (
        1_450,
        4_000,
        4_000,
    )

    preview = kj.warehouse.preview({"parcelIds": [auto.id, second], "channelCode": "AIR_STD", "countryCode": "US"})
    # volumetric 4000 + ⌈20·15·5·1000/6000⌉ = 4000 + 250 = 4250 → 4500 g = 500 + 8×500 → 6000 + 8×2500; handling 2×300
    assert (preview.actual_weight_g, preview.volumetric_weight_g, preview.chargeable_weight_g) == (1_450, 4_250, 4_500)
    assert [(f.type, f.amount_fen) for f in preview.fees] == [("freight", 26_000), ("handling", 600)]
    assert preview.total_fen == 26_600

    shipment = kj.warehouse.create({"parcelIds": [auto.id, second], "channelCode": "AIR_STD", "receiver": RECEIVER,
                                    "expectedTotalFen": preview.total_fen})  # fmt: skip
    assert shipment.status == "paid" and shipment.total_fen == 26_600 and shipment.allowed_actions == ["pack", "cancel"]
    assert shipment.intl_tracking_no.startswith("KJ")
    assert {p.status for p in kj.warehouse.parcels().list} == {"allocated"}
    bal, ledger_sum, keys = balance_and_ledger(runtime, dev)
    assert bal == ledger_sum == start - 26_600
    assert keys.count(f"ship:intl:{shipment.shipment_id}") == 1

    kj.sandbox.advance(seconds=36 * 3600)  # packed (+6 h) and handed over (+24 h); departs at +48 h
    moving = kj.warehouse.shipment(shipment.shipment_id)
    assert moving.status == "shipped" and [t.status for t in moving.trace] == ["WAREHOUSE_PACKED", "ACCEPT"]
    assert {p.status for p in kj.warehouse.parcels().list} == {"shipped_out"}
    kj.sandbox.advance(seconds=10 * DAY_S)  # departs (+24 h), delivered 7 transit days later
    done = kj.warehouse.shipment(shipment.shipment_id)
    assert done.status == "delivered" and done.delivered_time and done.allowed_actions == []
    assert [t.status for t in done.trace] == ["WAREHOUSE_PACKED", "ACCEPT", "TRANSPORT", "SIGN"]
    assert [t.time for t in done.trace] == sorted(t.time for t in done.trace)
    assert kj.warehouse.shipments().total == 1

    bal, ledger_sum, keys = balance_and_ledger(runtime, dev)
    assert bal == ledger_sum == start - 26_600 and keys.count(f"ship:intl:{shipment.shipment_id}") == 1
    types = [t for t, _ in messages(runtime, dev)]
    assert types == ["WAREHOUSE_PARCEL_INBOUND", "WAREHOUSE_PARCEL_INBOUND", "WAREHOUSE_SHIPMENT_SHIPPED",
                     "WAREHOUSE_SHIPMENT_DELIVERED"]  # fmt: skip
    delivered_body = messages(runtime, dev)[-1][1]
    assert delivered_body["shipmentId"] == shipment.shipment_id and delivered_body["status"] == "delivered"


def test_forecast_update_cancel_and_domestic_logistics(client: Client) -> None:
    kj = client.warehouse
    parcel = kj.forecast({"carrierCode": "yto", "trackingNo": "YT1", "items": [{"name": "Cup", "quantity": "3"}]})
    assert kj.forecast({"carrierCode": "YTO", "trackingNo": "YT1"}).parcel_id == parcel.parcel_id  # a retry
    changed = kj.update({"parcelId": parcel.parcel_id, "carrierCode": "ZTO", "trackingNo": "ZT9", "remark": "fixed"})
    assert (changed.carrier_code, changed.tracking_no, changed.remark, changed.items[0].quantity) == ("ZTO", "ZT9",
                                                                                                  "fixed", 3)  # fmt: skip
    assert kj.cancel(parcel.parcel_id).status == "cancelled"
    again = kj.forecast({"carrierCode": "ZTO", "trackingNo": "ZT9"})  # a cancelled forecast frees its number
    assert again.parcel_id != parcel.parcel_id
    with pytest.raises(ConflictError) as err:
        kj.update({"parcelId": parcel.parcel_id, "remark": "too late"})
    assert err.value.code == 40901
    order = {"sourcePlatform": "1688", "sourceOrderId": 2542285634920880794, "carrierCode": "YD", "trackingNo": "Y1"}
    made = kj.update_domestic_logistics(order)
    assert made.source_order_id == "2542285634920880794" and made.status == "forecast"
    fixed = kj.update_domestic_logistics({**order, "trackingNo": "Y2"})
    assert fixed.parcel_id == made.parcel_id and fixed.tracking_no == "Y2"


def test_another_developers_parcels_and_shipments_are_not_found(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    mine = sdk(http, demo)
    top_up(runtime, demo.develop_id, 100_000)
    parcel = received(mine, "YT-MINE")
    shipment = mine.warehouse.create({"parcelIds": [parcel], "channelCode": "AIR_STD", "receiver": RECEIVER})
    other = sdk(http, new_developer(runtime))
    calls: list[Callable[[], object]] = [
        lambda: other.warehouse.parcel(parcel),
        lambda: other.warehouse.update({"parcelId": parcel, "remark": "x"}),
        lambda: other.warehouse.cancel(parcel),
        lambda: other.warehouse.sandbox_inbound(
            {"parcelId": parcel, "weightG": 1, "lengthCm": 1, "widthCm": 1, "heightCm": 1}
        ),
        lambda: other.warehouse.preview({"parcelIds": [parcel], "channelCode": "AIR_STD", "countryCode": "US"}),
        lambda: other.warehouse.shipment(shipment.shipment_id),
        lambda: other.warehouse.cancel_shipment(shipment.shipment_id),
    ]
    for call in calls:
        with pytest.raises(NotFoundError) as err:
            call()
        assert err.value.code == 40401
    # the same waybill forecast by another developer: their own new parcel, as for any number; mine is untouched
    theirs = other.warehouse.forecast({"carrierCode": "YTO", "trackingNo": "YT-MINE"})
    assert theirs.parcel_id != parcel and theirs.status == "forecast"
    assert [p.parcel_id for p in other.warehouse.parcels().list] == [theirs.parcel_id]
    assert other.warehouse.shipments().total == 0
    assert mine.warehouse.parcel(parcel).status == "allocated"
    assert mine.warehouse.shipment(shipment.shipment_id).status == "paid"


def test_a_parcel_leaves_in_one_shipment_only_and_cancel_refunds(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    kj = sdk(http, demo)
    start = top_up(runtime, demo.develop_id, 100_000)
    a, b = received(kj, "YT-A"), received(kj, "YT-B")
    first = kj.warehouse.create({"parcelIds": [a], "channelCode": "AIR_STD", "receiver": RECEIVER})
    with pytest.raises(ConflictError) as err:
        kj.warehouse.create({"parcelIds": [b, a], "channelCode": "AIR_STD", "receiver": RECEIVER})
    assert err.value.code == 40901 and err.value.field == "parcelIds"
    assert kj.warehouse.parcel(b).status == "received"  # the refused shipment left nothing behind
    bal, total, keys = balance_and_ledger(runtime, demo.develop_id)
    assert bal == total == start - first.total_fen and keys[0] == f"ship:intl:{first.shipment_id}"
    cancelled = kj.warehouse.cancel_shipment(first.shipment_id)
    assert cancelled.status == "cancelled" and kj.warehouse.parcel(a).status == "received"
    bal, total, keys = balance_and_ledger(runtime, demo.develop_id)
    assert bal == total == start and keys[0] == f"ship:intl:{first.shipment_id}:refund"
    kj.sandbox.advance(seconds=30 * DAY_S)  # the cancelled shipment's timer does nothing
    assert kj.warehouse.shipment(first.shipment_id).trace[-1].status == "CANCELLED"
    again = kj.warehouse.create({"parcelIds": [a, b], "channelCode": "AIR_STD", "receiver": RECEIVER})
    assert again.status == "paid"


BAD_INPUT: list[tuple[str, dict[str, Any], int, str]] = [
    ("empty consolidation", {"parcelIds": []}, 40002, "parcelIds"),
    ("unknown parcel", {"parcelIds": [987654]}, 40401, "parcelIds"),
    ("parcel not received", {"parcelIds": ["FORECAST"]}, 40901, "parcelIds"),
    ("destination without a channel", {"countryCode": "AQ"}, 40002, "countryCode"),
    ("unknown channel", {"channelCode": "TELEPORT"}, 40002, "channelCode"),
    ("over-limit weight", {"parcelIds": ["HEAVY"]}, 42204, "parcelIds"),
    ("over-limit size", {"parcelIds": ["LONG"]}, 42204, "parcelIds"),
    ("prohibited category", {"parcelIds": ["BATTERY"]}, 42204, "parcelIds"),
    ("price drift", {"expectedTotalFen": 1}, 42203, "expectedTotalFen"),
    ("insufficient balance", {"parcelIds": ["OK"]}, 42201, ""),  # ¥88 on AIR_STD, the wallet holds ¥60
]


@pytest.mark.parametrize(("case", "change", "code", "field"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_shipment_input_is_refused_with_its_code_and_no_side_effect(
    http: TestClient, runtime: Runtime, case: str, change: dict[str, Any], code: int, field: str
) -> None:
    demo = new_developer(runtime)
    kj = sdk(http, demo)
    ids = {
        "OK": received(kj, "YT-OK"),
        "FORECAST": kj.warehouse.forecast({"carrierCode": "YTO", "trackingNo": "YT-F"}).parcel_id,
        "HEAVY": received(kj, "YT-H", weight_g=40_000),
        "LONG": received(kj, "YT-L", dims=(130, 10, 10)),
        "BATTERY": received(kj, "YT-BAT", items=[{"name": "Power bank", "category": "Battery"}]),
    }
    top_up(runtime, demo.develop_id, 6_000 if case == "insufficient balance" else 1_000_000)
    body: dict[str, Any] = {"parcelIds": [ids["OK"]], "channelCode": "AIR_STD", "receiver": RECEIVER, **change}
    body["parcelIds"] = [ids.get(p, p) if isinstance(p, str) else p for p in body["parcelIds"]]
    if "countryCode" in change:
        body["receiver"] = {**RECEIVER, "countryCode": change["countryCode"]}
    before = (
        kj.warehouse.parcels().model_dump(),
        balance_and_ledger(runtime, demo.develop_id),
        len(messages(runtime, demo.develop_id)),
    )
    with pytest.raises(APIError) as err:
        kj.request(ops.CREATE, body)  # raw: the SDK's own validation would refuse some of these before sending
    assert err.value.code == code and (err.value.field or "") == field, err.value.msg
    after = (
        kj.warehouse.parcels().model_dump(),
        balance_and_ledger(runtime, demo.develop_id),
        len(messages(runtime, demo.develop_id)),
    )
    assert after == before and kj.warehouse.shipments().total == 0
    if case not in ("price drift", "insufficient balance"):  # preview refuses the same way
        preview = {k: v for k, v in body.items() if k in ("parcelIds", "channelCode")}
        with pytest.raises(APIError) as perr:
            kj.request(ops.PREVIEW, {**preview, "countryCode": body["receiver"]["countryCode"]})
        assert perr.value.code == code


def test_estimate_refusals_name_the_rule(client: Client) -> None:
    kj = client.warehouse
    with pytest.raises(BadRequestError) as err:
        kj.estimate({"countryCode": "AQ", "weightG": 100})
    assert err.value.field == "countryCode"
    with pytest.raises(APIError) as limit:
        kj.estimate({"countryCode": "US", "channelCode": "AIR_STD", "weightG": 31_000})
    assert limit.value.code == 42204 and limit.value.field == "weightG"
    with pytest.raises(APIError) as banned:
        kj.estimate({"countryCode": "DE", "weightG": 500, "categories": ["liquid"]})  # DE has no sensitive channel
    assert banned.value.code == 42204 and banned.value.field == "categories"
    sensitive = kj.estimate({"countryCode": "US", "weightG": 500, "categories": ["battery"]})
    assert [q.channel_code for q in sensitive] == ["AIR_SENSITIVE"] and sensitive[0].total_fen == 9_000
    assert {c.channel_code for c in kj.channels()} == {"AIR_STD", "AIR_SENSITIVE", "SEA_ECON"}
    with pytest.raises(BadRequestError) as bad:
        client.request(ops.SANDBOX_INBOUND, {"parcelId": 1, "weightG": 0, "lengthCm": 1, "widthCm": 1, "heightCm": 1})
    assert bad.value.field == "weightG"


def test_sandbox_failure_ends_tracking_with_an_exception_message(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    kj = sdk(http, demo)
    top_up(runtime, demo.develop_id, 100_000)
    shipment = kj.warehouse.create({"parcelIds": [received(kj, "YT-X")], "channelCode": "AIR_STD",
                                    "receiver": RECEIVER})  # fmt: skip
    with pytest.raises(ConflictError):
        kj.warehouse.sandbox_fail(shipment.shipment_id)  # not shipped yet
    kj.sandbox.advance(seconds=2 * DAY_S)
    failed = kj.warehouse.sandbox_fail(shipment.shipment_id)
    assert failed.status == "exception" and failed.allowed_actions == []
    kj.sandbox.advance(seconds=30 * DAY_S)
    assert kj.warehouse.shipment(shipment.shipment_id).status == "exception"
    assert messages(runtime, demo.develop_id)[-1][0] == "WAREHOUSE_SHIPMENT_EXCEPTION"


def test_async_client_reaches_the_warehouse(http: TestClient, demo: Credentials) -> None:
    async def go() -> None:
        transport = httpx.ASGITransport(app=http.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as raw:
            kj = AsyncClient(base_url="http://testserver", access_key=demo.access_key,
                             access_secret=demo.access_secret, user_id=demo.user_id, http_client=raw, max_retries=0)  # fmt: skip
            parcel = await kj.warehouse.forecast({"carrierCode": "YTO", "trackingNo": "ASYNC1"})
            assert (await kj.warehouse.parcel(parcel.parcel_id)).tracking_no == "ASYNC1"
            assert len(await kj.warehouse.channels()) == 3

    asyncio.run(go())
