"""Migration 0015 on a database that already holds warehouse rows, on both databases: existing shipments keep their
international number, waybills become unique per developer, and developer changes move the gateway version."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command

from kuajing.store import migrate
from kuajing.store.database import Database
from kuajing.store.db import IntegrityError
from tests.conftest import DEFAULT_PG_URL

BEFORE = ("0007", "0009")  # what 0015 revises


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of its own (the shared test databases are migrated already)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.db'}"
        return
    request.getfixturevalue("pg_url")  # skips (or fails in CI) exactly when the rest of the PostgreSQL half does
    import psycopg

    admin = os.environ.get("KUAJING_TEST_PG_URL", DEFAULT_PG_URL)
    name = f"kuajing_m15_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_ADD_PARCEL = (
    "INSERT INTO warehouse_parcels (develop_id, carrier_code, carrier_name, tracking_no, tracking_key, items,"
    " source_platform, source_order_id, origin, remark, state, weight_g, length_cm, width_cm, height_cm, photos,"
    " condition, version, created_at_ms, updated_at_ms) VALUES (:d, 'YTO', '', 'YT1', :k, '[]', '', '', 'forecast',"
    " '', 'forecast', 0, 0, 0, 0, '[]', '', 1, 1, 1)"
)
_SHIPMENT_COLUMNS = (
    "id, develop_id, channel_code, receiver, parcel_ids, actual_weight_g, volumetric_weight_g, chargeable_weight_g,"
    " fees, total_fen, currency, remark, state, trace, paid_at_ms, version, created_at_ms, updated_at_ms"
)
_SHIPMENT_VALUES = ":id, 'd1', 'AIR_STD', '{}', '[]', 0, 0, 0, '[]', 0, 'CNY', '', 'paid', '[]', 1, 1, 1, 1"
_ADD_SHIPMENT = f"INSERT INTO warehouse_shipments ({_SHIPMENT_COLUMNS}) VALUES ({_SHIPMENT_VALUES})"
_ADD_NUMBERED_SHIPMENT = (
    f"INSERT INTO warehouse_shipments ({_SHIPMENT_COLUMNS}, intl_tracking_no) VALUES ({_SHIPMENT_VALUES}, :n)"
)


def test_upgrading_keeps_old_numbers_scopes_waybills_and_watches_developers(fresh_url: str) -> None:
    cfg = migrate.alembic_config(fresh_url)
    for revision in BEFORE:
        command.upgrade(cfg, revision)
    db = Database(fresh_url)
    try:
        with db.transaction() as tx:
            tx.execute(_ADD_PARCEL, {"d": "d1", "k": "YTO:YT1"})
            tx.execute(_ADD_SHIPMENT, {"id": 5})
            tx.execute(_ADD_SHIPMENT, {"id": 12})
            tx.execute(
                "INSERT INTO developers (develop_id, name, status, created_at_ms) VALUES ('d1', 'a', 'active', 1)"
            )
        with pytest.raises(IntegrityError), db.transaction() as tx:  # before: unique across developers
            tx.execute(_ADD_PARCEL, {"d": "d2", "k": "YTO:YT1"})
    finally:
        db.close()

    migrate.upgrade(fresh_url)
    db = Database(fresh_url)
    try:
        with db.snapshot() as tx:
            numbers = tx.all("SELECT id, intl_tracking_no FROM warehouse_shipments ORDER BY id")
            version = tx.scalar("SELECT version FROM gateway_version WHERE id = 1")
        assert [(r["id"], r["intl_tracking_no"]) for r in numbers] == [(5, "KJ0000000005CN"), (12, "KJ0000000012CN")]
        with db.transaction() as tx:  # after: another developer may hold the same waybill …
            tx.execute(_ADD_PARCEL, {"d": "d2", "k": "YTO:YT1"})
        with pytest.raises(IntegrityError), db.transaction() as tx:  # … the same developer still may not
            tx.execute(_ADD_PARCEL, {"d": "d1", "k": "YTO:YT1"})
        with pytest.raises(IntegrityError), db.transaction() as tx:  # and international numbers are unique
            tx.execute(_ADD_NUMBERED_SHIPMENT, {"id": 13, "n": "KJ0000000005CN"})
        with db.transaction() as tx:
            tx.execute("UPDATE developers SET status = 'disabled' WHERE develop_id = 'd1'")
        with db.snapshot() as tx:
            assert tx.scalar("SELECT version FROM gateway_version WHERE id = 1") == version + 1
    finally:
        db.close()
