"""A disabled developer is locked out, reversibly: every key refused on the next request (kept gateway records
included), a refused request's nonce left unused, the cashier link refused, other developers untouched."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from kuajing.api.app import create_app
from kuajing.client import AuthenticationError
from kuajing.domain.accounts import service
from kuajing.domain.accounts.model import Credentials, Status
from kuajing.domain.errors import NotFoundError
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.alibaba_catalog import ADDRESS, add_offer, add_seller, cargo
from tests.api.conftest import sdk
from tests.api.helpers import headers
from tests.conftest import make_settings, new_developer

ADDRESSES = "/open/address/list"


def _set(rt: Runtime, develop_id: str, status: Status) -> None:
    with rt.uow() as uow:
        service.set_developer_status(uow, develop_id=develop_id, status=status)
        uow.commit()


def test_disabling_a_developer_refuses_each_of_its_keys_on_the_next_request_and_is_reversible(
    runtime: Runtime, demo: Credentials, db_url: str, tmp_path: Path
) -> None:
    """The change is made by a second Runtime — another process, as the CLI is — after the app kept the records."""
    other = Runtime.build(make_settings(db_url, tmp_path / "other"))
    with runtime.uow() as uow:
        key = service.create_access_key(uow, develop_id=demo.develop_id, now_ms=runtime.clock.now_ms())
        uow.commit()
    second = Credentials(demo.develop_id, key.access_key, key.secret, demo.user_id)
    bystander = new_developer(runtime)

    async def codes(client: httpx.AsyncClient, *signed: dict[str, str]) -> list[int]:
        return [(await client.get(ADDRESSES, headers=h)).json()["code"] for h in signed]

    async def change(status: Status) -> None:
        _set(other, demo.develop_id, status)
        # The client shares the server's event loop: let the pass that served the last request end (and with it the
        # SQLite read snapshot that pass shares, store/database.py), as it would before a request from a socket arrived.
        await asyncio.sleep(0)

    async def scenario() -> None:
        transport = httpx.ASGITransport(app=create_app(runtime))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            assert await codes(client, headers(demo), headers(second), headers(bystander)) == [200, 200, 200]
            await change(Status.DISABLED)
            held = headers(demo)
            assert await codes(client, held, headers(second)) == [Code.DEVELOPER_DISABLED] * 2
            assert await codes(client, headers(bystander)) == [200]
            # the account's state is told only to a caller who holds the secret
            assert await codes(client, headers(demo, secret="not-the-secret")) == [Code.BAD_SIGNATURE]
            await change(Status.ACTIVE)
            assert await codes(client, held) == [200]  # the refused request had not used its nonce
            assert await codes(client, headers(second)) == [200]
            with other.db.transaction() as tx:  # plain SQL, as an operator might: the trigger still sees it
                tx.execute("UPDATE developers SET status = 'disabled' WHERE develop_id = :d", {"d": demo.develop_id})
            await asyncio.sleep(0)
            assert await codes(client, headers(demo)) == [Code.DEVELOPER_DISABLED]

    try:
        asyncio.run(scenario())
    finally:
        other.close()


def test_a_disabled_developer_is_refused_with_rate_limits_on_too(db_url: str, tmp_path: Path) -> None:
    """With rate limits the gateway reads the record in the request's own transaction (no kept record)."""
    rt = Runtime.build(make_settings(db_url, tmp_path, rate_limit_key_rps=100.0, rate_limit_key_burst=100))
    try:
        creds = new_developer(rt)
        with TestClient(create_app(rt), base_url="http://testserver") as http:
            assert http.get(ADDRESSES, headers=headers(creds)).json()["code"] == 200
            _set(rt, creds.develop_id, Status.DISABLED)
            assert http.get(ADDRESSES, headers=headers(creds)).json()["code"] == Code.DEVELOPER_DISABLED
    finally:
        rt.close()


def test_the_sdk_raises_an_authentication_error_for_a_disabled_developer(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    _set(runtime, demo.develop_id, Status.DISABLED)
    with pytest.raises(AuthenticationError) as err:
        sdk(http, demo).addresses.list()
    assert err.value.code == Code.DEVELOPER_DISABLED and int(Code.DEVELOPER_DISABLED) == 40107


def test_a_disabled_developers_pay_link_is_refused_until_enabled(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    kj = sdk(http, demo)
    offer = add_offer(runtime, add_seller(runtime), stock=10, price_fen=2900)
    view = kj.alibaba.orders.create([cargo(offer, 1)], ADDRESS)
    assert view.base_info is not None
    kj.alibaba.orders.sandbox_protocol_pay(False)
    link = kj.alibaba.orders.pay_url(view.base_info.id).pay_url
    assert link
    path = link.removeprefix("http://testserver")
    _set(runtime, demo.develop_id, Status.DISABLED)
    refused = http.post(path, headers={"accept": "application/json"}).json()
    assert refused["code"] == Code.DEVELOPER_DISABLED
    _set(runtime, demo.develop_id, Status.ACTIVE)
    paid = http.post(path, headers={"accept": "application/json"}).json()
    assert paid["code"] == 200 and paid["data"]["paidOrderIds"] == [view.base_info.id]


def test_setting_the_status_of_an_unknown_developer_is_not_found(runtime: Runtime) -> None:
    with runtime.uow() as uow, pytest.raises(NotFoundError):
        service.set_developer_status(uow, develop_id="1000000000000000000", status=Status.DISABLED)
