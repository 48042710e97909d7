"""Tracking-number squatting, tried as an attacker would, on both databases.

Developer A (the attacker) forecasts every waybill it could guess — among them the numbers developer B's next Taobao
orders were given when numbers were computed from the sequential purchase-order id — and, as the worst case, B's real
numbers once they leak. B's orders must ship all the same (by timer and by the sandbox), B's parcels must be received
into B's inventory when the warehouse scans their labels, and nothing A is answered may differ from a forecast of a
number nobody holds.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from starlette.testclient import TestClient

from kuajing.domain.accounts import wallet
from kuajing.domain.accounts.model import Credentials
from kuajing.domain.warehouse import parcels
from kuajing.runtime import Runtime
from kuajing.store import outbox
from tests.aftersales_helpers import ok
from tests.api.conftest import sdk
from tests.conftest import new_developer
from tests.taobao_fixtures import RECEIVER, add_taobao_item

# The Taobao sellers' carriers and number prefixes, and the rule numbers used to follow: the prefix and the first 13
# decimal digits of SHA-256("tb-parcel:<purchaseOrderId>") — public, so anyone could compute a future order's number.
CARRIER_PREFIXES = {"ZTO": "7831", "YTO": "YT", "YUNDA": "4312", "STO": "7730", "SF": "SF"}
B_ORDERS = 6


def old_scheme_number(prefix: str, purchase_order_id: int) -> str:
    digest = int.from_bytes(hashlib.sha256(f"tb-parcel:{purchase_order_id}".encode()).digest()[:8], "big")
    return prefix + str(digest)[:13].rjust(13, "0")


def fund(rt: Runtime, develop_id: str) -> None:
    with rt.uow() as uow:
        wallet.credit(uow, develop_id=develop_id, amount_fen=10_000_000, memo="test", entry_key="credit:squat",
                      now_ms=rt.clock.now_ms())  # fmt: skip
        uow.commit()


def buy(http: TestClient, creds: Credentials, mp_id: int, mp_sku_id: int) -> int:
    """A paid Taobao purchase order of one line; its purchaseOrderId."""
    line = {"itemId": str(mp_id), "skuId": str(mp_sku_id), "quantity": "1"}
    body = {"orderLineList": json.dumps([line]), "receiver": json.dumps(RECEIVER, ensure_ascii=False),
            "orderSource": "lazada", "sellerOrderNumber": "SO-" + uuid.uuid4().hex[:10]}  # fmt: skip
    po = int(ok(http, creds, "POST", "/open/order", body)["orderList"][0]["purchaseId"])
    ok(http, creds, "POST", "/open/order/pay", {"purchaseOrderIdList": [po]})
    return po


def forecast(http: TestClient, creds: Credentials, carrier: str, number: str) -> dict[str, Any]:
    data: dict[str, Any] = ok(http, creds, "POST", "/open/warehouse/package/forecast",
                              {"carrierCode": carrier, "trackingNo": number})  # fmt: skip
    return data


def _shape(parcel: dict[str, Any]) -> dict[str, Any]:
    """What a forecast answer says beyond the echo of the request and the new parcel's own id and times."""
    own = {"parcelId", "trackingNo", "carrierCode", "createTime", "updateTime"}
    return {k: v for k, v in parcel.items() if k not in own}


def test_forecasting_another_developers_waybills_blocks_none_of_their_ships_and_credits_nothing(
    http: TestClient, runtime: Runtime
) -> None:
    item = add_taobao_item(runtime, n=7, stock=100)
    attacker, victim = new_developer(runtime), new_developer(runtime)
    fund(runtime, attacker.develop_id)
    fund(runtime, victim.develop_id)

    # A learns where the purchase-order sequence stands and forecasts the next ids' numbers for every carrier.
    seen = buy(http, attacker, item.mp_id, item.mp_sku_ids[0])
    guessed_ids = range(seen + 1, seen + 1 + 2 * B_ORDERS)
    guesses = {(code, old_scheme_number(prefix, po)) for po in guessed_ids for code, prefix in CARRIER_PREFIXES.items()}
    blank = _shape(forecast(http, attacker, "YTO", "YT0000000000001"))  # a number nobody holds, for comparison
    for code, number in sorted(guesses):
        assert _shape(forecast(http, attacker, code, number)) == blank

    # B's orders ship: the sandbox ships the first one now, the sellers' timers ship the rest.
    orders = [buy(http, victim, item.mp_id, item.mp_sku_ids[0]) for _ in range(B_ORDERS)]
    assert set(orders) <= set(guessed_ids)  # under the old rule, A had forecast every one of them
    ok(http, victim, "POST", "/sandbox/taobao/order/ship", {"purchaseOrderId": orders[0]})
    ok(http, victim, "POST", "/sandbox/clock/advance", {"seconds": 3 * 3600})
    statuses = [ok(http, victim, "GET", "/open/order/detail", {"purchaseOrderId": po})["status"] for po in orders]
    assert statuses == [11] * B_ORDERS  # 0 of B's ships blocked
    with runtime.db.snapshot() as tx:
        timers = tx.all("SELECT state, attempts, last_error FROM scheduled_jobs WHERE develop_id = :d AND kind = :k",
                        {"d": victim.develop_id, "k": "taobao.ship"})  # fmt: skip
    assert timers and all(t["state"] in ("done", "cancelled") and t["last_error"] is None for t in timers)

    b_parcels = sdk(http, victim).warehouse.parcels().list
    assert sorted(int(p.source_order_id) for p in b_parcels) == sorted(orders)
    assert {p.origin for p in b_parcels} == {"order"} and {p.status for p in b_parcels} == {"forecast"}
    b_numbers = {(p.carrier_code, p.tracking_no) for p in b_parcels}
    assert len(b_numbers) == B_ORDERS and not b_numbers & guesses  # the numbers were not guessable
    for code, number in b_numbers:
        prefix = CARRIER_PREFIXES[code]
        assert number.startswith(prefix) and len(number) == len(prefix) + 13 and number[len(prefix) :].isdigit()

    # Worst case: B's real numbers leak to A, who forecasts them — and is answered as for any other number.
    for code, number in sorted(b_numbers):
        assert _shape(forecast(http, attacker, code, number)) == blank

    # The warehouse scans B's labels: each parcel is received into B's inventory, none into A's.
    for code, number in sorted(b_numbers):
        with runtime.uow(runtime.developer_clock(victim.develop_id)) as uow:
            got = parcels.receive_parcel(uow, carrier_code=code, tracking_no=number, weight_g=500, length_cm=20,
                                         width_cm=15, height_cm=10, now_ms=uow.clock.now_ms())  # fmt: skip
            uow.commit()
        assert got.develop_id == victim.develop_id
    assert {p.status for p in sdk(http, victim).warehouse.parcels().list} == {"received"}
    a_parcels = sdk(http, attacker).warehouse.parcels(page_size=100)
    assert a_parcels.total == 1 + len(guesses) + B_ORDERS and {p.status for p in a_parcels.list} == {"forecast"}
    with runtime.db.snapshot() as tx:
        a_types = {m.message_type for m in outbox.read_messages(tx, develop_id=attacker.develop_id)}
        b_inbound = [m for m in outbox.read_messages(tx, develop_id=victim.develop_id)
                     if m.message_type == "WAREHOUSE_PARCEL_INBOUND"]  # fmt: skip
    assert "WAREHOUSE_PARCEL_INBOUND" not in a_types and len(b_inbound) == B_ORDERS
