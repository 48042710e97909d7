"""The warehouse's services on an in-memory unit of work (tests/fakes): forecast, inbound, a paid shipment and its
cancellation — states, fen, the published message and the timer, written out by hand."""

from __future__ import annotations

import pytest

from kuajing.domain.accounts import wallet
from kuajing.domain.accounts.model import Developer, Status
from kuajing.domain.clock import ManualClock
from kuajing.domain.errors import DuplicateError, InsufficientBalanceError, InvalidInputError, StateConflictError
from kuajing.domain.warehouse import parcels, shipments
from kuajing.domain.warehouse.model import Channel, ParcelItem, Receiver, StateChange
from kuajing.domain.warehouse.states import ParcelState, ShipmentState
from tests.fakes.tables import Timer
from tests.fakes.transaction import FakeDatabase
from tests.fakes.uow import FakeWarehouseUnitOfWork

NOW = 1_767_225_600_000  # 2026-01-01 00:00 UTC
DEV, OTHER = "dev-1", "dev-2"
# first 500 g ¥30.00, each further started 500 g ¥10.00, ¥2.00 handling per parcel
TEST_AIR = Channel(
    code="TEST_AIR", name="Test air", countries=["US"], first_weight_g=500, first_weight_fen=3_000, step_g=500,
    step_fen=1_000, volumetric_divisor=6_000, max_weight_g=30_000, max_length_cm=100, max_girth_cm=300,
    handling_fen_per_parcel=200,
)  # fmt: skip
RECEIVER = Receiver(full_name="Ann Lee", mobile="+1 555 0100", country="US", address="1 Main St")


@pytest.fixture
def db() -> FakeDatabase:
    return FakeDatabase()


def _uow(db: FakeDatabase) -> FakeWarehouseUnitOfWork:
    return FakeWarehouseUnitOfWork(db, ManualClock(NOW))


def _topped_up(db: FakeDatabase, fen: int) -> None:
    """The developer exists, with ``fen`` in the wallet, and the test channel is open."""
    with _uow(db) as uow:
        uow.accounts.add_developer(Developer(DEV, "Developer one", Status.ACTIVE, NOW))
        wallet.credit(uow, develop_id=DEV, amount_fen=fen, memo="top-up", entry_key="top-up-1", now_ms=NOW)
        uow.warehouse.upsert_channel(TEST_AIR)
        uow.commit()


def _received(db: FakeDatabase, tracking_no: str, *, weight_g: int, side_cm: int) -> int:
    """A parcel forecast and received (a cube of ``side_cm``); its id."""
    with _uow(db) as uow:
        parcel = parcels.forecast_parcel(uow, develop_id=DEV, carrier_code="YTO", tracking_no=tracking_no, now_ms=NOW)
        parcels.receive_parcel(
            uow, develop_id=DEV, parcel_id=parcel.id, weight_g=weight_g, length_cm=side_cm, width_cm=side_cm,
            height_cm=side_cm, now_ms=NOW,
        )  # fmt: skip
        uow.commit()
    return parcel.id


def test_a_forecast_is_a_new_parcel_with_the_waybill_normalised_and_nothing_published(db: FakeDatabase) -> None:
    with _uow(db) as uow:
        parcel = parcels.forecast_parcel(
            uow, develop_id=DEV, carrier_code=" yto ", tracking_no=" YT1001 ", items=[ParcelItem("T-shirt", 2, " Cloth ")],
            now_ms=NOW,
        )  # fmt: skip
        uow.commit()
    stored = db.committed.parcels[1]
    assert (parcel.id, parcel.version) == (1, 1)
    assert (stored.carrier_code, stored.tracking_no, stored.state) == ("YTO", "YT1001", ParcelState.FORECAST)
    assert stored.items == [ParcelItem("T-shirt", 2, "cloth")]
    assert (stored.origin, stored.created_at_ms) == ("forecast", NOW)
    assert db.committed.outbox == [] and db.committed.timers == []


def test_forecasting_the_same_waybill_again_returns_the_same_parcel(db: FakeDatabase) -> None:
    with _uow(db) as uow:
        first = parcels.forecast_parcel(uow, develop_id=DEV, carrier_code="YTO", tracking_no="YT1", now_ms=NOW)
        again = parcels.forecast_parcel(uow, develop_id=DEV, carrier_code="yto", tracking_no="YT1", now_ms=NOW + 1)
        uow.commit()
    assert first.id == again.id == 1
    assert list(db.committed.parcels) == [1]


def test_another_developers_forecast_of_the_same_waybill_is_their_own_parcel(db: FakeDatabase) -> None:
    with _uow(db) as uow:
        mine = parcels.forecast_parcel(uow, develop_id=DEV, carrier_code="YTO", tracking_no="YT1", now_ms=NOW)
        theirs = parcels.forecast_parcel(uow, develop_id=OTHER, carrier_code="YTO", tracking_no="YT1", now_ms=NOW)
        uow.commit()
    assert (mine.id, theirs.id) == (1, 2)
    assert (db.committed.parcels[2].develop_id, db.committed.parcels[1].develop_id) == (OTHER, DEV)


@pytest.mark.parametrize(
    ("carrier_code", "tracking_no", "items", "field"),
    [(" ", "YT1", [], "carrierCode"), ("YTO", "  ", [], "trackingNo"), ("YTO", "YT1", [ParcelItem("x", 0)], "items")],
    ids=["no-carrier", "no-number", "zero-quantity"],
)
def test_a_forecast_without_carrier_number_or_positive_quantities_is_refused(
    db: FakeDatabase, carrier_code: str, tracking_no: str, items: list[ParcelItem], field: str
) -> None:
    with _uow(db) as uow, pytest.raises(InvalidInputError) as err:
        parcels.forecast_parcel(
            uow, develop_id=DEV, carrier_code=carrier_code, tracking_no=tracking_no, items=items, now_ms=NOW
        )
    assert err.value.field == field
    assert db.committed.parcels == {}


def test_inbound_records_the_measures_moves_the_parcel_to_received_and_publishes_one_message(db: FakeDatabase) -> None:
    with _uow(db) as uow:
        parcel = parcels.forecast_parcel(
            uow, develop_id=DEV, carrier_code="YTO", tracking_no="YT1", source_platform="taobao",
            source_order_id="200033789041", now_ms=NOW,
        )  # fmt: skip
        uow.commit()
    with _uow(db) as uow:
        parcels.receive_parcel(
            uow, carrier_code="yto", tracking_no="YT1", weight_g=1_200, length_cm=30, width_cm=20, height_cm=10,
            photos=["p1.jpg"], now_ms=NOW + 60_000,
        )  # fmt: skip
        uow.commit()
    stored = db.committed.parcels[parcel.id]
    assert (stored.state, stored.version, stored.received_at_ms) == (ParcelState.RECEIVED, 2, NOW + 60_000)
    assert (stored.weight_g, stored.length_cm, stored.width_cm, stored.height_cm) == (1_200, 30, 20, 10)
    assert (stored.photos, stored.condition) == (["p1.jpg"], "good")
    assert db.committed.history == [
        ("warehouse_parcel", 1, StateChange("forecast", "received", "receive", NOW + 60_000))
    ]
    (published,) = db.committed.outbox
    assert published.message_id == "msg-1"
    message = published.message
    assert (message.develop_id, message.message_type) == (DEV, "WAREHOUSE_PARCEL_INBOUND")
    assert (message.aggregate_type, message.aggregate_id) == ("warehouse_parcel", "1")
    assert message.body["parcelId"] == 1 and message.body["weightG"] == 1_200
    assert message.body["sourceOrderId"] == "200033789041"


def test_a_scanned_label_two_developers_forecast_needs_the_developer_named_on_it(db: FakeDatabase) -> None:
    with _uow(db) as uow:
        for develop_id in (DEV, OTHER):
            parcels.forecast_parcel(uow, develop_id=develop_id, carrier_code="YTO", tracking_no="YT1", now_ms=NOW)
        uow.commit()
    with _uow(db) as uow:
        with pytest.raises(InvalidInputError) as err:
            parcels.receive_parcel(
                uow, carrier_code="YTO", tracking_no="YT1", weight_g=100, length_cm=10, width_cm=10, height_cm=10,
                now_ms=NOW,
            )  # fmt: skip
        assert err.value.field == "developId"
        received = parcels.receive_parcel(
            uow, develop_id=OTHER, carrier_code="YTO", tracking_no="YT1", weight_g=100, length_cm=10, width_cm=10,
            height_cm=10, now_ms=NOW,
        )  # fmt: skip
        uow.commit()
    assert (received.id, received.develop_id) == (2, OTHER)
    assert [p.state for p in db.committed.parcels.values()] == [ParcelState.FORECAST, ParcelState.RECEIVED]


def test_a_received_parcel_cannot_be_received_again(db: FakeDatabase) -> None:
    parcel_id = _received(db, "YT1", weight_g=100, side_cm=10)
    with _uow(db) as uow, pytest.raises(StateConflictError):
        parcels.receive_parcel(
            uow, develop_id=DEV, parcel_id=parcel_id, weight_g=100, length_cm=10, width_cm=10, height_cm=10, now_ms=NOW
        )


def test_a_shipment_charges_the_quoted_fen_allocates_its_parcels_and_sets_the_packing_timer(db: FakeDatabase) -> None:
    heavy = _received(db, "YT1", weight_g=1_200, side_cm=20)  # volumetric: 8,000 cm³ → 1,334 g
    light = _received(db, "YT2", weight_g=300, side_cm=10)  # volumetric: 1,000 cm³ → 167 g
    _topped_up(db, 10_000)
    with _uow(db) as uow:
        shipment = shipments.create_shipment(
            uow, develop_id=DEV, parcel_ids=[heavy, light], channel_code="test_air", receiver=RECEIVER,
            expected_total_fen=6_400, now_ms=NOW,
        )  # fmt: skip
        uow.commit()
    # actual 1,500 g, volumetric 1,501 g → 2,000 g chargeable: ¥30 + 3 × ¥10 freight, 2 × ¥2 handling
    assert (shipment.id, shipment.state, shipment.total_fen) == (1, ShipmentState.PAID, 6_400)
    assert (shipment.actual_weight_g, shipment.volumetric_weight_g, shipment.chargeable_weight_g) == (
        1_500,
        1_501,
        2_000,
    )
    assert [(f.type.value, f.amount_fen) for f in shipment.fees] == [("freight", 6_000), ("handling", 400)]
    parcels = db.committed.parcels
    assert [(parcels[i].state, parcels[i].shipment_id) for i in (heavy, light)] == [(ParcelState.ALLOCATED, 1)] * 2
    assert db.committed.balances[(DEV, "CNY")] == 3_600
    charge = db.committed.ledger[-1]
    assert (charge.amount.fen, charge.kind, charge.entry_key, charge.balance_after_fen) == (
        -6_400, "intl_shipping", "ship:intl:1", 3_600,
    )  # fmt: skip
    assert db.committed.timers == [Timer(DEV, "warehouse.shipment.step", "1", NOW + 6 * 3_600_000)]


def test_cancelling_a_shipment_refunds_the_fee_frees_the_parcels_and_cancels_the_timer(db: FakeDatabase) -> None:
    parcel_id = _received(db, "YT1", weight_g=400, side_cm=10)
    _topped_up(db, 5_000)
    with _uow(db) as uow:
        shipment = shipments.create_shipment(
            uow, develop_id=DEV, parcel_ids=[parcel_id], channel_code="TEST_AIR", receiver=RECEIVER, now_ms=NOW
        )
        uow.commit()
    assert db.committed.balances[(DEV, "CNY")] == 5_000 - 3_200  # ¥30 for the first 500 g, ¥2 handling
    with _uow(db) as uow:
        shipments.cancel_shipment(uow, develop_id=DEV, shipment_id=shipment.id, now_ms=NOW + 1_000)
        uow.commit()
    assert db.committed.shipments[1].state is ShipmentState.CANCELLED
    assert (db.committed.parcels[parcel_id].state, db.committed.parcels[parcel_id].shipment_id) == (
        ParcelState.RECEIVED, None,
    )  # fmt: skip
    assert db.committed.balances[(DEV, "CNY")] == 5_000
    assert [(e.amount.fen, e.entry_key) for e in db.committed.ledger[1:]] == [
        (-3_200, "ship:intl:1"), (3_200, "ship:intl:1:refund"),
    ]  # fmt: skip
    assert db.committed.timers == []
    with _uow(db) as uow, pytest.raises(StateConflictError):
        shipments.cancel_shipment(uow, develop_id=DEV, shipment_id=shipment.id, now_ms=NOW + 2_000)


def test_a_shipment_the_wallet_cannot_pay_leaves_nothing_behind(db: FakeDatabase) -> None:
    parcel_id = _received(db, "YT1", weight_g=400, side_cm=10)
    _topped_up(db, 3_199)
    with _uow(db) as uow, pytest.raises(InsufficientBalanceError):
        shipments.create_shipment(
            uow, develop_id=DEV, parcel_ids=[parcel_id], channel_code="TEST_AIR", receiver=RECEIVER, now_ms=NOW
        )
    assert db.committed.shipments == {} and db.committed.timers == []
    assert db.committed.parcels[parcel_id].state is ParcelState.RECEIVED
    assert db.committed.balances[(DEV, "CNY")] == 3_199


def test_a_wallet_movement_is_made_once_per_entry_key(db: FakeDatabase) -> None:
    _topped_up(db, 100)
    with _uow(db) as uow, pytest.raises(DuplicateError):
        wallet.credit(uow, develop_id=DEV, amount_fen=100, memo="top-up", entry_key="top-up-1", now_ms=NOW)
    assert db.committed.balances[(DEV, "CNY")] == 100 and len(db.committed.ledger) == 1
