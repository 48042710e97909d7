"""Warehouse storage contract on both databases: the order-flow hook, exclusive allocation under concurrency,
version checks and history rows."""

from __future__ import annotations

from typing import Any

import pytest

from kuajing.domain.accounts import wallet
from kuajing.domain.errors import ConcurrentUpdateError, DomainError, StateConflictError
from kuajing.domain.money import CNY
from kuajing.domain.warehouse import parcels, shipments
from kuajing.domain.warehouse.events import PARCEL_AGGREGATE
from kuajing.domain.warehouse.model import ParcelItem, Receiver
from kuajing.domain.warehouse.states import ParcelState
from kuajing.runtime import Runtime
from tests.concurrency import race
from tests.conftest import new_developer

RECEIVER = Receiver("John Smith", "+1 415 555 0100", "US", "1 Market St")


def _received_parcel(rt: Runtime, develop_id: str, tracking: str) -> int:
    with rt.uow() as uow:
        now = rt.clock.now_ms()
        p = parcels.register_domestic_parcel(
            uow, develop_id=develop_id, carrier_code="YTO", carrier_name="圆通", tracking_no=tracking,
            source_platform="1688", source_order_id="2542285634920880794", items=[ParcelItem("Mug", 1)], now_ms=now,
        )  # fmt: skip
        parcels.receive_parcel(uow, carrier_code="yto", tracking_no=tracking, weight_g=900, length_cm=20,
                               width_cm=20, height_cm=20, now_ms=now)  # fmt: skip
        wallet.credit(uow, develop_id=develop_id, amount_fen=100_000, memo="t", entry_key=f"c:{tracking}", now_ms=now)
        uow.commit()
        return p.id


def test_register_domestic_parcel_is_idempotent_per_developer_and_waybill(runtime: Runtime) -> None:
    a, b = new_developer(runtime).develop_id, new_developer(runtime).develop_id
    args: dict[str, Any] = dict(carrier_code="SF", carrier_name="顺丰", tracking_no="SF1", source_platform="taobao",
                                source_order_id="200002638011", items=[ParcelItem("Shoes", 1, "Clothing")])  # fmt: skip
    with runtime.uow() as uow:
        first = parcels.register_domestic_parcel(uow, develop_id=a, now_ms=1, **args)
        again = parcels.register_domestic_parcel(uow, develop_id=a, now_ms=2, **args)
        uow.commit()
    assert again.id == first.id and first.origin == "order" and first.items[0].category == "clothing"
    with runtime.uow() as uow:  # the same waybill for another developer: their own parcel, nothing refused
        theirs = parcels.register_domestic_parcel(uow, develop_id=b, now_ms=3, **args)
        uow.commit()
    assert theirs.id != first.id and theirs.develop_id == b
    with runtime.uow() as uow:
        assert uow.warehouse.list_parcels(a, states=[], limit=10, offset=0)[1] == 1
        assert uow.warehouse.list_parcels(b, states=[], limit=10, offset=0)[1] == 1
        assert [c.to_state for c in uow.warehouse.history(PARCEL_AGGREGATE, first.id)] == []  # created, no change yet


def test_a_stale_parcel_save_is_refused_by_the_version_check(runtime: Runtime) -> None:
    dev = new_developer(runtime).develop_id
    pid = _received_parcel(runtime, dev, "YT-STALE")
    with runtime.uow() as uow:
        stale = uow.warehouse.get_parcel(dev, pid)
    assert stale is not None
    with runtime.uow() as uow:
        shipments.create_shipment(uow, develop_id=dev, parcel_ids=[pid], channel_code="AIR_STD", receiver=RECEIVER,
                                  now_ms=runtime.clock.now_ms())  # fmt: skip
        uow.commit()
    stale.allocate(999, runtime.clock.now_ms())
    with runtime.uow() as uow:
        with pytest.raises(ConcurrentUpdateError):
            uow.warehouse.save_parcel(stale)
        parcel = uow.warehouse.get_parcel(dev, pid)
        assert parcel is not None and parcel.state is ParcelState.ALLOCATED and parcel.shipment_id != 999
        history = uow.warehouse.history(PARCEL_AGGREGATE, pid)
        assert [(h.from_state, h.to_state) for h in history] == [("forecast", "received"), ("received", "allocated")]


def test_two_shipments_racing_for_one_parcel_only_one_wins_and_pays(runtime: Runtime) -> None:
    dev = new_developer(runtime).develop_id
    pid = _received_parcel(runtime, dev, "YT-RACE")
    with runtime.uow() as uow:
        start = uow.wallets.balance_fen(dev, CNY)

    def attempt(_: int) -> int:
        with runtime.uow() as uow:
            s = shipments.create_shipment(uow, develop_id=dev, parcel_ids=[pid], channel_code="AIR_STD",
                                          receiver=RECEIVER, now_ms=runtime.clock.now_ms())  # fmt: skip
            uow.commit()
            return s.id

    outcomes = race(2, attempt)
    winners = [o for o in outcomes if isinstance(o, int)]
    losers = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert isinstance(losers[0], StateConflictError | ConcurrentUpdateError)
    with runtime.uow() as uow:
        parcel = uow.warehouse.get_parcel(dev, pid)
        assert parcel is not None and parcel.shipment_id == winners[0]
        assert uow.warehouse.list_shipments(dev, limit=10, offset=0)[1] == 1
        charges = [e for e in uow.wallets.entries(dev, limit=100) if e.entry_key.startswith("ship:intl:")]
        assert len(charges) == 1
        assert (
            uow.wallets.balance_fen(dev, CNY) == uow.wallets.ledger_sum_fen(dev, CNY) == start + charges[0].amount.fen
        )
