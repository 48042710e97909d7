"""The warehouse lifecycles written out by hand and walked pair by pair, and the freight arithmetic on hand-computed
cases."""

from __future__ import annotations

import pytest

from kuajing.domain.errors import IllegalTransitionError, InvalidInputError, LimitError
from kuajing.domain.warehouse.channels import DEFAULT_CHANNELS
from kuajing.domain.warehouse.model import Parcel, Receiver, Shipment
from kuajing.domain.warehouse.pricing import Piece, chargeable_weight_g, quote, volumetric_weight_g
from kuajing.domain.warehouse.states import PARCEL, SHIPMENT, ParcelAction, ParcelState, ShipmentAction, ShipmentState

AIR = DEFAULT_CHANNELS[0]
P, PA, H, HA = ParcelState, ParcelAction, ShipmentState, ShipmentAction

PARCEL_EDGES = {
    (P.FORECAST, PA.UPDATE, P.FORECAST),
    (P.FORECAST, PA.CANCEL, P.CANCELLED),
    (P.FORECAST, PA.RECEIVE, P.RECEIVED),
    (P.RECEIVED, PA.ALLOCATE, P.ALLOCATED),
    (P.ALLOCATED, PA.RELEASE, P.RECEIVED),
    (P.ALLOCATED, PA.SHIP_OUT, P.SHIPPED_OUT),
}
SHIPMENT_EDGES = {
    (H.PAID, HA.PACK, H.PACKED),
    (H.PAID, HA.CANCEL, H.CANCELLED),
    (H.PACKED, HA.HAND_OVER, H.SHIPPED),
    (H.SHIPPED, HA.DEPART, H.IN_TRANSIT),
    (H.SHIPPED, HA.FAIL, H.EXCEPTION),
    (H.IN_TRANSIT, HA.DELIVER, H.DELIVERED),
    (H.IN_TRANSIT, HA.FAIL, H.EXCEPTION),
}
PARCEL_MOVES = {(source, action): target for source, action, target in PARCEL_EDGES}
SHIPMENT_MOVES = {(source, action): target for source, action, target in SHIPMENT_EDGES}


def _parcel(state: ParcelState) -> Parcel:
    return Parcel(develop_id="d", carrier_code="YTO", carrier_name="", tracking_no="1", items=[], state=state)


def _act_on_parcel(p: Parcel, action: ParcelAction) -> None:
    calls = {
        ParcelAction.UPDATE: lambda: p.update(
            carrier_code="SF", carrier_name="", tracking_no="2", items=[], remark="", now_ms=1
        ),
        ParcelAction.CANCEL: lambda: p.cancel(1),
        ParcelAction.RECEIVE: lambda: p.receive(
            weight_g=1, length_cm=1, width_cm=1, height_cm=1, photos=[], condition="good", now_ms=1
        ),
        ParcelAction.ALLOCATE: lambda: p.allocate(7, 1),
        ParcelAction.RELEASE: lambda: p.release(1),
        ParcelAction.SHIP_OUT: lambda: p.ship_out(1),
    }
    calls[action]()


@pytest.mark.parametrize("state", list(ParcelState))
@pytest.mark.parametrize("action", list(ParcelAction))
def test_every_parcel_state_and_action_follows_the_table(state: ParcelState, action: ParcelAction) -> None:
    parcel = _parcel(state)
    expected = PARCEL_MOVES.get((state, action))
    if expected is None:
        with pytest.raises(IllegalTransitionError, match=f"^action '{action}' is not allowed in state '{state}'$"):
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
    expected = SHIPMENT_MOVES.get((state, action))
    if expected is None:
        with pytest.raises(IllegalTransitionError, match=f"^action '{action}' is not allowed in state '{state}'$"):
            shipment.apply(action, now_ms=1, status="X", description="")
        assert shipment.state is state and shipment.trace == []
    else:
        shipment.apply(action, now_ms=1, status="X", description="")
        assert shipment.state is expected and len(shipment.trace) == 1


def test_the_tables_are_exactly_the_expected_edges() -> None:
    assert {(e.source, e.action, e.target) for e in PARCEL.edges} == PARCEL_EDGES
    assert len(PARCEL.edges) == 6
    assert {(e.source, e.action, e.target) for e in SHIPMENT.edges} == SHIPMENT_EDGES
    assert len(SHIPMENT.edges) == 7


def test_initial_and_terminal_states_are_exactly_the_documented_ones() -> None:
    assert PARCEL.initial == {P.FORECAST}
    assert PARCEL.terminal == {P.SHIPPED_OUT, P.CANCELLED}
    assert SHIPMENT.initial == {H.PAID}
    assert SHIPMENT.terminal == {H.DELIVERED, H.CANCELLED, H.EXCEPTION}


def test_allowed_actions_in_table_order() -> None:
    assert _parcel(P.FORECAST).allowed_actions() == [PA.UPDATE, PA.CANCEL, PA.RECEIVE]
    assert _parcel(P.ALLOCATED).allowed_actions() == [PA.RELEASE, PA.SHIP_OUT]
    assert _parcel(P.SHIPPED_OUT).allowed_actions() == []
    assert SHIPMENT.allowed_actions(H.PAID) == [HA.PACK, HA.CANCEL]
    assert SHIPMENT.allowed_actions(H.IN_TRANSIT) == [HA.DELIVER, HA.FAIL]
    assert SHIPMENT.allowed_actions(H.EXCEPTION) == []


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
