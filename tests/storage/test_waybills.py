"""Waybills on both databases: unique per developer only, matched to their owner at inbound, and the platform's own
numbers random — drawn again where a repeat would identify the wrong thing."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from kuajing.domain.accounts import wallet
from kuajing.domain.errors import DuplicateError, InvalidInputError, NotFoundError, StateConflictError
from kuajing.domain.warehouse import parcels, shipments, waybills
from kuajing.domain.warehouse.model import ParcelItem, Receiver
from kuajing.domain.warehouse.states import ParcelState
from kuajing.runtime import Runtime
from tests.conftest import new_developer

RECEIVER = Receiver("John Smith", "+1 415 555 0100", "US", "1 Market St")


def _forecast(rt: Runtime, develop_id: str, carrier: str, number: str) -> int:
    with rt.uow() as uow:
        parcel = parcels.forecast_parcel(uow, develop_id=develop_id, carrier_code=carrier, tracking_no=number,
                                         now_ms=rt.clock.now_ms())  # fmt: skip
        uow.commit()
        return parcel.id


def _ordered(rt: Runtime, develop_id: str, carrier: str, number: str) -> int:
    with rt.uow() as uow:
        parcel = parcels.register_domestic_parcel(
            uow, develop_id=develop_id, carrier_code=carrier, carrier_name="", tracking_no=number,
            source_platform="taobao", source_order_id="200000000042", items=[ParcelItem("Mug")],
            now_ms=rt.clock.now_ms(),
        )  # fmt: skip
        uow.commit()
        return parcel.id


def _scan(rt: Runtime, carrier: str, number: str, develop_id: str | None = None) -> tuple[str, int]:
    """The warehouse receives the parcel whose label it scanned: (owner, parcel id)."""
    with rt.uow() as uow:
        parcel = parcels.receive_parcel(uow, carrier_code=carrier, tracking_no=number, develop_id=develop_id,
                                        weight_g=500, length_cm=10, width_cm=10, height_cm=10,
                                        now_ms=rt.clock.now_ms())  # fmt: skip
        uow.commit()
        return parcel.develop_id, parcel.id


def _state(rt: Runtime, develop_id: str, parcel_id: int) -> ParcelState:
    with rt.uow() as uow:
        parcel = uow.warehouse.get_parcel(develop_id, parcel_id)
        assert parcel is not None
        return parcel.state


def test_a_label_goes_to_the_order_it_was_issued_for_never_to_a_forecast_of_the_number(runtime: Runtime) -> None:
    squatter, owner = new_developer(runtime).develop_id, new_developer(runtime).develop_id
    early = _forecast(runtime, squatter, "YTO", "YT5550001")  # forecast before the seller shipped
    issued = _ordered(runtime, owner, "YTO", "YT5550001")
    late = _forecast(runtime, squatter, "yto", "YT5550001")  # and again after: the same parcel of the squatter's
    assert late == early != issued
    assert _scan(runtime, "YTO", "YT5550001") == (owner, issued)
    with pytest.raises(StateConflictError):  # scanned twice: the owner's parcel is in already, nobody else gets it
        _scan(runtime, "YTO", "YT5550001")
    assert _state(runtime, squatter, early) is ParcelState.FORECAST


def test_moving_an_order_parcel_to_another_number_makes_it_a_forecast_of_that_number(runtime: Runtime) -> None:
    squatter, owner = new_developer(runtime).develop_id, new_developer(runtime).develop_id
    issued = _ordered(runtime, owner, "SF", "SF8880001")
    own_order = _ordered(runtime, squatter, "SF", "SF8880002")
    with runtime.uow() as uow:  # the squatter gives its own order's parcel the owner's number
        moved = parcels.update_parcel(uow, develop_id=squatter, parcel_id=own_order, tracking_no="SF8880001", now_ms=1)
        uow.commit()
    assert moved.origin == "forecast"
    with runtime.uow() as uow:
        stored = uow.warehouse.get_parcel(squatter, own_order)
        assert stored is not None and stored.origin == "forecast"
    assert _scan(runtime, "SF", "SF8880001") == (owner, issued)


def test_a_label_several_developers_forecast_needs_the_developer_named_on_it(runtime: Runtime) -> None:
    a, b, c = (new_developer(runtime).develop_id for _ in range(3))
    pa, pb = _forecast(runtime, a, "SF", "SF7770001"), _forecast(runtime, b, "SF", "SF7770001")
    with pytest.raises(InvalidInputError) as err:
        _scan(runtime, "SF", "SF7770001")
    assert err.value.field == "developId"
    assert (_state(runtime, a, pa), _state(runtime, b, pb)) == (ParcelState.FORECAST, ParcelState.FORECAST)
    assert _scan(runtime, "SF", "SF7770001", develop_id=b) == (b, pb)
    with pytest.raises(NotFoundError):  # a developer who forecast nothing under that number has no parcel there
        _scan(runtime, "SF", "SF7770001", develop_id=c)
    pc = _forecast(runtime, c, "SF", "SF7770002")
    assert _scan(runtime, "sf", " SF7770002 ") == (c, pc)  # forecast by one developer only: theirs


def test_a_waybill_conflict_is_only_ever_about_the_callers_own_parcels(runtime: Runtime) -> None:
    mine, other = new_developer(runtime).develop_id, new_developer(runtime).develop_id
    _forecast(runtime, other, "ZTO", "ZT9990003")
    first, second = _forecast(runtime, mine, "ZTO", "ZT9990001"), _forecast(runtime, mine, "ZTO", "ZT9990002")
    with runtime.uow() as uow:
        with pytest.raises(DuplicateError) as err:
            parcels.update_parcel(uow, develop_id=mine, parcel_id=second, tracking_no="ZT9990001", now_ms=1)
        assert err.value.field == "trackingNo" and other not in err.value.message
        moved = parcels.update_parcel(uow, develop_id=mine, parcel_id=second, tracking_no="ZT9990003", now_ms=1)
        uow.commit()
    assert moved.tracking_no == "ZT9990003" and moved.id == second != first
    with runtime.uow() as uow:
        assert len(uow.warehouse.parcels_with_tracking("ZTO", "ZT9990003")) == 2


@pytest.fixture
def scripted_draws(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Replace the random draw by a script, to force the repeats a real draw makes once in billions."""
    script: list[str] = []
    monkeypatch.setattr(waybills, "draw", lambda prefix, digits, suffix="": script.pop(0))
    yield script


def test_a_domestic_number_the_developer_already_holds_is_drawn_again(
    runtime: Runtime, scripted_draws: list[str]
) -> None:
    dev, other = new_developer(runtime).develop_id, new_developer(runtime).develop_id
    _forecast(runtime, dev, "YTO", "YT0000000000007")
    _forecast(runtime, other, "YTO", "YT0000000000008")
    scripted_draws.extend(["YT0000000000007", "YT0000000000008"])
    with runtime.uow() as uow:
        number = waybills.domestic(uow, develop_id=dev, carrier_code="YTO", prefix="YT", digits=13)
    assert number == "YT0000000000008" and scripted_draws == []  # another developer's number is no obstacle


def _shipment(rt: Runtime, develop_id: str, number: str) -> str:
    with rt.uow() as uow:
        now = rt.clock.now_ms()
        parcel = parcels.forecast_parcel(uow, develop_id=develop_id, carrier_code="YTO", tracking_no=number,
                                         now_ms=now)  # fmt: skip
        parcels.receive_parcel(uow, develop_id=develop_id, parcel_id=parcel.id, weight_g=900, length_cm=20,
                               width_cm=20, height_cm=20, now_ms=now)  # fmt: skip
        wallet.credit(uow, develop_id=develop_id, amount_fen=100_000, memo="t", entry_key=f"c:{number}", now_ms=now)
        shipment = shipments.create_shipment(uow, develop_id=develop_id, parcel_ids=[parcel.id], channel_code="AIR_STD",
                                             receiver=RECEIVER, now_ms=now)  # fmt: skip
        uow.commit()
        return shipment.intl_tracking_no


def test_international_numbers_are_random_and_a_repeat_is_drawn_again(runtime: Runtime) -> None:
    dev = new_developer(runtime).develop_id
    numbers = [_shipment(runtime, dev, f"YT-INTL-{i}") for i in range(3)]
    assert all(re.fullmatch(r"KJ\d{10}CN", n) for n in numbers) and len(set(numbers)) == 3
    assert numbers != [f"KJ{i:010d}CN" for i in range(1, 4)]  # not the ids' sequence


def test_an_international_number_another_shipment_has_is_drawn_again(
    runtime: Runtime, scripted_draws: list[str]
) -> None:
    a, b = new_developer(runtime).develop_id, new_developer(runtime).develop_id
    scripted_draws.append("KJ0000000077CN")
    assert _shipment(runtime, a, "YT-FIRST") == "KJ0000000077CN"
    scripted_draws.extend(["KJ0000000077CN", "KJ0000000078CN"])
    assert _shipment(runtime, b, "YT-SECOND") == "KJ0000000078CN" and scripted_draws == []
