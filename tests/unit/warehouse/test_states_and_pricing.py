"""The warehouse lifecycles walked pair by pair, and the freight arithmetic on hand-computed cases."""

from __future__ import annotations

import pytest

from kuajing.domain.errors import IllegalTransitionError, InvalidInputError, LimitError
from kuajing.domain.warehouse.channels import DEFAULT_CHANNELS
from kuajing.domain.warehouse.model import Parcel, Receiver, Shipment
from kuajing.domain.warehouse.pricing import Piece, chargeable_weight_g, quote, volumetric_weight_g
from kuajing.domain.warehouse.states import (
    PARCEL,
    PARCEL_TERMINAL,
    SHIPMENT,
    SHIPMENT_TERMINAL,
    ParcelAction,
    ParcelState,
    ShipmentAction,
    ShipmentState,
)

AIR = DEFAULT_CHANNELS[0]


def _parcel(state: ParcelState) -> Parcel:
    return Parcel(develop_id="d", carrier_code="YTO", carrier_name="", tracking_no="1", items=[], state=state)


def _act_on_parcel(p: Parcel, action: ParcelAction) -> None:
    calls = {
        ParcelAction.UPDATE: lambda: p.update(
            carrier_code="SF", carrier_name="", tracking_no="2", items=[], remark="", now_ms=1
        ),  # fmt: skip
        ParcelAction.CANCEL: lambda: p.cancel(1),
        ParcelAction.RECEIVE: lambda: p.receive(
            weight_g=1, length_cm=1, width_cm=1, height_cm=1, photos=[], condition="good", now_ms=1
        ),  # fmt: skip
        ParcelAction.ALLOCATE: lambda: p.allocate(7, 1),
        ParcelAction.RELEASE: lambda: p.release(1),
        ParcelAction.SHIP_OUT: lambda: p.ship_out(1),
    }
    calls[action]()


@pytest.mark.parametrize("state", list(ParcelState))
@pytest.mark.parametrize("action", list(ParcelAction))
def test_every_parcel_state_and_action_follows_the_table(state: ParcelState, action: ParcelAction) -> None:
    parcel = _parcel(state)
    expected = PARCEL.table.get((state, action))
    if expected is None:
        with pytest.raises(IllegalTransitionError):
            _act_on_parcel(parcel, action)
        assert parcel.state is state and parcel.changes == []
    else:
        _act_on_parcel(parcel, action)
        assert parcel.state is expected
        assert parcel.changes[-1].action == action.value and parcel.changes[-1].from_state == state.value


@pytest.mark.parametrize("state", list(ShipmentState))
@pytest.mark.parametrize("action", list(ShipmentAction))
def test_every_shipment_state_and_action_follows_the_table(state: ShipmentState, action: ShipmentAction) -> None:
    shipment = Shipment(develop_id="d", channel_code="AIR_STD", receiver=Receiver("a", "1", "US", "x"), parcel_ids=[1],
                        actual_weight_g=1, volumetric_weight_g=1, chargeable_weight_g=500, fees=[], total_fen=1,
                        state=state)  # fmt: skip
    expected = SHIPMENT.table.get((state, action))
    if expected is None:
        with pytest.raises(IllegalTransitionError):
            shipment.apply(action, now_ms=1, status="X", description="")
        assert shipment.state is state and shipment.trace == []
    else:
        shipment.apply(action, now_ms=1, status="X", description="")
        assert shipment.state is expected and len(shipment.trace) == 1


def test_terminal_states_are_exactly_the_documented_ones() -> None:
    assert {ParcelState.SHIPPED_OUT, ParcelState.CANCELLED} == PARCEL_TERMINAL
    assert {ShipmentState.DELIVERED, ShipmentState.CANCELLED, ShipmentState.EXCEPTION} == SHIPMENT_TERMINAL


@pytest.mark.parametrize(
    ("weight_g", "chargeable"), [(1, 500), (500, 500), (501, 1_000), (1_000, 1_000), (1_001, 1_500), (29_999, 30_000)]
)
def test_chargeable_weight_rounds_up_to_the_first_weight_then_to_steps(weight_g: int, chargeable: int) -> None:
    assert chargeable_weight_g(AIR, weight_g) == chargeable


def test_volumetric_weight_is_integer_and_rounds_up() -> None:
    assert volumetric_weight_g(Piece(1, 10, 10, 10), 6_000) == 167  # 1 000 000 / 6000 = 166.67
    assert volumetric_weight_g(Piece(1, 0, 0, 0), 6_000) == 0


def test_quote_lines_and_limits() -> None:
    q = quote(AIR, [Piece(1_200, 10, 10, 10, storage_days=33), Piece(100)], country="us", categories=set(),
              handling=True)  # fmt: skip
    assert q.chargeable_weight_g == 1_500
    assert [(f.type.value, f.amount_fen) for f in q.fees] == [("freight", 11_000), ("handling", 600), ("storage", 150)]
    assert q.total_fen == 11_750
    with pytest.raises(InvalidInputError):
        quote(AIR, [Piece(100)], country="AQ", categories=set(), handling=False)
    with pytest.raises(LimitError):
        quote(AIR, [Piece(100, 121, 1, 1)], country="US", categories=set(), handling=False)
    with pytest.raises(LimitError):
        quote(AIR, [Piece(100, 100, 60, 50)], country="US", categories=set(), handling=False)  # girth 320 cm
    with pytest.raises(LimitError):
        quote(AIR, [Piece(100)], country="US", categories={"battery"}, handling=False)
