"""The `kuajing` command, end to end on a temporary SQLite file (and PostgreSQL for the idempotent demo)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kuajing.cli import app
from tests.conftest import TEST_SECRET_KEY

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("KUAJING_DATABASE_URL", url)
    monkeypatch.setenv("KUAJING_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("KUAJING_SECRET_KEY", TEST_SECRET_KEY)
    return url


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_commands_refuse_an_unmigrated_database_and_say_what_to_run(env: str) -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 1 and "kuajing db upgrade" in result.output


def test_demo_is_idempotent_and_prints_json_credentials(env: str) -> None:
    _ok("db", "upgrade")
    _ok("db", "upgrade")
    first = json.loads(_ok("demo", "--json"))
    second = json.loads(_ok("demo", "--json"))
    assert first == second
    assert set(first) == {"baseUrl", "accessKey", "accessSecret", "userId", "developId"}
    assert first["baseUrl"] == "http://127.0.0.1:8080" and first["developId"].isdigit()
    assert _ok("accounts", "list").count("demo") == 1
    assert "¥" not in _ok("demo") and first["accessKey"] in _ok("demo")


def test_developer_keys_sub_accounts_and_wallet_commands(env: str) -> None:
    _ok("db", "upgrade")
    out = _ok("accounts", "create", "acme")
    develop_id = out.split()[1]
    access_key = out.split()[3]
    assert runner.invoke(app, ["accounts", "create", "acme"]).exit_code == 1  # names are unique
    user = _ok("accounts", "add-sub-account", develop_id, "warehouse team").strip()
    assert user in _ok("accounts", "sub-accounts", develop_id)
    assert "disabled" in _ok("accounts", "disable-sub-account", user)
    assert "balance 12.34 CNY" in _ok("accounts", "credit", develop_id, "1234", "--key", "invoice-1")
    again = runner.invoke(app, ["accounts", "credit", develop_id, "1234", "--key", "invoice-1"])
    assert again.exit_code == 1 and "already happened" in again.output
    assert "12.34 CNY" in _ok("accounts", "ledger", develop_id)
    new_key = _ok("keys", "create", develop_id).split()[1]
    assert new_key in _ok("keys", "list", develop_id)
    rotated = _ok("keys", "rotate", access_key, "--grace", "60")
    assert "previous secret valid for 60 s" in rotated
    assert "previous secret valid" in _ok("keys", "list", develop_id)
    assert runner.invoke(app, ["keys", "rotate", "f" * 32]).exit_code == 1
    assert runner.invoke(app, ["accounts", "credit", develop_id, "0"]).exit_code == 1


def test_demo_is_idempotent_on_postgresql(pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUAJING_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("KUAJING_SECRET_KEY", TEST_SECRET_KEY)
    first = json.loads(_ok("demo", "--json", "--db", pg_url))
    assert json.loads(_ok("demo", "--json", "--db", pg_url)) == first


def test_warehouse_operator_receives_a_parcel_lists_inventory_and_changes_channels(env: str) -> None:
    from kuajing.config import Settings
    from kuajing.domain.warehouse import parcels
    from kuajing.runtime import Runtime

    _ok("db", "upgrade")
    develop_id = json.loads(_ok("demo", "--json"))["developId"]
    rt = Runtime.build(Settings.from_env())
    try:
        with rt.uow() as uow:
            parcels.forecast_parcel(uow, develop_id=develop_id, carrier_code="YTO", tracking_no="YT77", now_ms=1)
            uow.commit()
    finally:
        rt.close()
    missing = runner.invoke(app, ["warehouse", "receive", "YTO", "NOPE", "--weight-g", "500", "--size", "10x10x10"])
    assert missing.exit_code == 1 and "no forecast parcel" in missing.output
    out = _ok("warehouse", "receive", "yto", "YT77", "--weight-g", "1200", "--size", "40x30x20", "--photo", "p1.jpg")
    assert "received parcel" in out and "1200 g" in out
    again = runner.invoke(app, ["warehouse", "receive", "YTO", "YT77", "--weight-g", "1200", "--size", "40x30x20"])
    assert again.exit_code == 1  # a parcel is received once
    assert "received" in _ok("warehouse", "inventory", "--status", "received")
    assert "AIR_STD" in _ok("warehouse", "channels", "list")
    _ok("warehouse", "channels", "set", "air_std", "--step-fen", "2000", "--prohibited", "battery,Magnet")
    listed = _ok("warehouse", "channels", "list")
    assert "+500 g 2000 fen" in listed and "battery,magnet" in listed
    _ok("warehouse", "channels", "disable", "AIR_STD")
    assert "AIR_STD" not in _ok("warehouse", "channels", "list") and "AIR_STD" in _ok(
        "warehouse", "channels", "list", "--all"
    )
    bad = runner.invoke(app, ["warehouse", "channels", "set", "NEW", "--countries", "US"])
    assert bad.exit_code == 1 and "must be positive" in bad.output


def test_accounts_disable_and_enable_a_developer(env: str) -> None:
    _ok("db", "upgrade")
    develop_id = _ok("accounts", "create", "acme").split()[1]
    assert _ok("accounts", "disable", develop_id).strip() == f"{develop_id} disabled"
    listed = next(line for line in _ok("accounts", "list").splitlines() if line.startswith(develop_id))
    assert listed.split()[2] == "disabled"
    assert _ok("accounts", "enable", develop_id).strip() == f"{develop_id} enabled"
    listed = next(line for line in _ok("accounts", "list").splitlines() if line.startswith(develop_id))
    assert listed.split()[2] == "active"
    unknown = runner.invoke(app, ["accounts", "disable", "1000000000000000000"])
    assert unknown.exit_code == 1 and "does not exist" in unknown.output


def test_warehouse_receive_asks_whose_parcel_when_several_developers_forecast_the_number(env: str) -> None:
    from kuajing.config import Settings
    from kuajing.domain.warehouse import parcels
    from kuajing.runtime import Runtime

    _ok("db", "upgrade")
    first = _ok("accounts", "create", "first").split()[1]
    second = _ok("accounts", "create", "second").split()[1]
    rt = Runtime.build(Settings.from_env())
    try:
        with rt.uow() as uow:
            for dev in (first, second):
                parcels.forecast_parcel(uow, develop_id=dev, carrier_code="SF", tracking_no="SF4242", now_ms=1)
            uow.commit()
    finally:
        rt.close()
    args = ["warehouse", "receive", "SF", "SF4242", "--weight-g", "700", "--size", "20x20x20"]
    ambiguous = runner.invoke(app, args)
    assert ambiguous.exit_code == 1 and "2 developers" in ambiguous.output and "label" in ambiguous.output
    out = _ok(*args, "--develop-id", second)
    assert f"of {second}" in out
    inventory = _ok("warehouse", "inventory", "--status", "received")
    assert second in inventory and first not in inventory
