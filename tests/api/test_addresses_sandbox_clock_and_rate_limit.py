"""Basis addresses and the sandbox clock, through the real SDK on both path families."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kuajing.client import BadRequestError, Client, NotFoundError, RateLimitError
from kuajing.client.resources import basis as basis_ops
from kuajing.domain.accounts.model import Credentials
from kuajing.protocol.wire.basis import AddressInfo
from kuajing.runtime import Runtime
from tests.api.conftest import sdk
from tests.api.helpers import headers
from tests.conftest import make_settings, new_developer

ADDRESS = {"fullName": "张三", "mobile": "15068763421", "address": "文一西路 969 号", "cityText": "杭州市"}


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_address_lifecycle_on_both_path_families(http: TestClient, demo: Credentials, version: str) -> None:
    kj = sdk(http, demo, api_version=version)
    first = kj.addresses.add(ADDRESS)
    assert first.is_default and first.id > 0 and first.create_time > 0
    second = kj.addresses.add({**ADDRESS, "fullName": "李四", "isDefault": True})
    assert second.is_default
    listed = kj.addresses.list()
    assert [a.full_name for a in listed] == ["张三", "李四"] and [a.is_default for a in listed] == [False, True]
    changed = kj.addresses.update({"id": first.id, "townText": "五常街道", "isDefault": True})
    assert changed.town_text == "五常街道" and changed.full_name == "张三"
    assert [a.is_default for a in kj.addresses.list()] == [True, False]
    assert kj.addresses.delete(first.id) is True
    remaining = kj.addresses.list()
    assert len(remaining) == 1 and remaining[0].is_default  # the default moves to what is left


def test_address_responses_have_the_documented_fields_in_order(http: TestClient, demo: Credentials) -> None:
    """The server renders addresses as plain dicts (api/basis.py); they must stay what ``AddressInfo`` documents."""
    expected = [field.alias for field in AddressInfo.model_fields.values()]
    added = http.post("/open/address/add", json={**ADDRESS, "isDefault": True}, headers=headers(demo)).json()["data"]
    updated = http.post(
        "/open/address/update", json={"id": added["id"], "townText": "五常街道"}, headers=headers(demo)
    ).json()["data"]
    listed = http.get("/open/address/list", headers=headers(demo)).json()["data"]
    for data in (added, updated, *listed):
        assert list(data) == expected
        assert AddressInfo.model_validate(data).model_dump() == data
    assert listed == [updated] and updated["townText"] == "五常街道" and updated["isDefault"] is True
    assert isinstance(updated["id"], int) and updated["createTime"] <= updated["updateTime"]


def test_another_developers_address_is_not_found_and_untouched(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    mine = sdk(http, demo).addresses.add(ADDRESS)
    other = sdk(http, new_developer(runtime))
    with pytest.raises(NotFoundError) as err:
        other.addresses.update({"id": mine.id, "fullName": "hijack"})
    assert err.value.code == 40401 and err.value.field == "id"
    with pytest.raises(NotFoundError):
        other.addresses.delete(mine.id)
    assert sdk(http, demo).addresses.list()[0].full_name == "张三"


def test_invalid_address_is_refused_naming_the_field(client: Client) -> None:
    with pytest.raises(BadRequestError) as err:
        client.request(basis_ops.ADD, {**ADDRESS, "fullName": ""})
    assert err.value.field == "fullName" and err.value.code == 40002 and "fullName" in err.value.msg


def test_sandbox_clock_reads_and_advances_per_developer(http: TestClient, runtime: Runtime, demo: Credentials) -> None:
    kj = sdk(http, demo)
    before = kj.sandbox.clock()
    after = kj.sandbox.advance(seconds=86_400)
    assert after.offset_ms == 86_400_000 and after.now - before.now >= 86_400_000
    other = sdk(http, new_developer(runtime)).sandbox.clock()
    assert other.offset_ms == 0  # clocks are per developer
    with pytest.raises(BadRequestError):
        kj.sandbox.advance(seconds=0)


def test_sandbox_routes_do_not_exist_in_production_mode(runtime: Runtime, demo: Credentials, tmp_path: Path) -> None:
    from kuajing.api.app import create_app

    prod = Runtime(settings=make_settings(runtime.settings.database_url, tmp_path, sandbox=False), db=runtime.db,
                   box=runtime.box, clock=runtime.clock)  # fmt: skip
    with TestClient(create_app(prod)) as http:
        with pytest.raises(NotFoundError) as err:
            sdk(http, demo).sandbox.clock()
        assert err.value.code == 40402
        assert "/sandbox/clock" not in http.get("/openapi.json").json()["paths"]


def test_rate_limit_refuses_with_retry_after(runtime: Runtime, demo: Credentials, tmp_path: Path) -> None:
    from kuajing.api.app import create_app

    limited = Runtime(
        settings=make_settings(runtime.settings.database_url, tmp_path, rate_limit_key_rps=0.5, rate_limit_key_burst=2),
        db=runtime.db, box=runtime.box, clock=runtime.clock,
    )  # fmt: skip
    with TestClient(create_app(limited)) as http:
        kj = sdk(http, demo)
        kj.addresses.list()
        kj.addresses.list()
        with pytest.raises(RateLimitError) as err:
            kj.addresses.list()
        assert err.value.code == 42901 and err.value.retry_after_s is not None and err.value.retry_after_s >= 1
        raw = http.get("/open/address/list", headers=headers(demo))
        assert int(raw.headers["retry-after"]) >= 1
        # the caller is known by the time the limit refuses it: the envelope names the developer
        assert raw.json()["code"] == 42901 and raw.json()["developId"] == demo.develop_id
