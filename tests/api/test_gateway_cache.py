"""The gateway keeps key records between requests and claims nonces in groups (api/gateway.py): neither may ever
admit a request the database would refuse — whoever changed the database, and however requests interleave."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from kuajing.api.app import create_app
from kuajing.api.gateway import GROUP_PASSES, Gateway
from kuajing.domain.accounts import service
from kuajing.domain.accounts.model import Credentials, Status
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.api.helpers import headers
from tests.conftest import make_settings


async def _get(client: httpx.AsyncClient, h: dict[str, str], path: str = "/open/address/list") -> dict[str, Any]:
    response = await client.get(path, headers=h)
    answer: dict[str, Any] = response.json()
    return answer


def _client(runtime: Runtime) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(runtime)), base_url="http://testserver")


def test_changes_by_another_process_are_seen_at_once(
    runtime: Runtime, demo: Credentials, db_url: str, tmp_path: Path
) -> None:
    """A second Runtime stands for another process (or the CLI): it shares no memory with the app."""
    other = Runtime.build(make_settings(db_url, tmp_path / "other"))

    async def scenario() -> None:
        async with _client(runtime) as client:
            assert (await _get(client, headers(demo)))["code"] == 200  # the record is now kept
            with other.uow() as uow:
                service.set_key_status(uow, access_key=demo.access_key, status=Status.DISABLED)
                uow.commit()
            assert (await _get(client, headers(demo)))["code"] == Code.ACCESS_KEY_DISABLED
            with other.uow() as uow:
                service.set_key_status(uow, access_key=demo.access_key, status=Status.ACTIVE)
                uow.commit()
            assert (await _get(client, headers(demo)))["code"] == 200
            with other.db.transaction() as tx:  # plain SQL, as an operator might: the trigger still sees it
                tx.execute("UPDATE sub_accounts SET status = 'disabled' WHERE user_id = :u", {"u": demo.user_id})
            assert (await _get(client, headers(demo)))["code"] == Code.SUB_ACCOUNT_NOT_ALLOWED
            with other.db.transaction() as tx:
                tx.execute("UPDATE sub_accounts SET status = 'active' WHERE user_id = :u", {"u": demo.user_id})
            before = (await _get(client, headers(demo), "/sandbox/clock"))["data"]["offsetMs"]
            with other.uow() as uow:
                uow.platform.set_clock_offset_ms(demo.develop_id, before + 3_600_000)
                uow.commit()
            assert (await _get(client, headers(demo), "/sandbox/clock"))["data"]["offsetMs"] == before + 3_600_000

    try:
        asyncio.run(scenario())
    finally:
        other.close()


def test_requests_of_one_loop_turn_share_a_claim_and_a_replay_among_them_is_refused(
    runtime: Runtime, demo: Credentials
) -> None:
    async def scenario() -> list[int]:
        async with _client(runtime) as client:
            same = headers(demo)
            batch = [same, *(headers(demo) for _ in range(20)), same]
            return [body["code"] for body in await asyncio.gather(*(_get(client, h) for h in batch))]

    codes = asyncio.run(scenario())
    assert codes.count(200) == 21 and codes.count(Code.NONCE_REPLAYED) == 1


def test_a_schema_refusal_leaves_the_nonce_unused_and_an_endpoint_refusal_uses_it(
    runtime: Runtime, demo: Credentials
) -> None:
    """docs/protocol.md: the nonce is claimed after the body fits the schema, before the endpoint's own work."""

    async def scenario() -> list[int]:
        async with _client(runtime) as client:
            h = headers(demo)
            codes = []
            for body in ({"id": "not a number"}, {"id": 987654}, {"id": 987654}):
                response = await client.post("/open/address/delete", json=body, headers=h)
                codes.append(response.json()["code"])
            return codes

    schema, unknown, again = asyncio.run(scenario())
    assert schema == Code.INVALID_PARAMETER  # refused before the claim: the same nonce may be sent again
    assert unknown == Code.NOT_FOUND  # refused by the endpoint, after the claim
    assert again == Code.NONCE_REPLAYED


def test_a_failed_claim_group_answers_each_request_and_the_next_group_works(
    runtime: Runtime, demo: Credentials, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the group's claim transaction fails, every request of the group answers with the envelope (no hang, no
    partial admission) and the gateway starts a new group for the next requests."""
    from kuajing.store.repositories.platform import SqlPlatformRepository

    real = SqlPlatformRepository.claim_nonces
    failing = [True]

    def claim_nonces(self: SqlPlatformRepository, *args: Any, **kwargs: Any) -> list[bool]:
        if failing[0]:
            raise RuntimeError("the disk went away")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(SqlPlatformRepository, "claim_nonces", claim_nonces)

    async def scenario() -> None:
        async with _client(runtime) as client:
            group = [headers(demo) for _ in range(3)]
            refused = await asyncio.wait_for(asyncio.gather(*(_get(client, h) for h in group)), 10)
            assert [r["code"] for r in refused] == [Code.INTERNAL] * 3
            failing[0] = False
            # their nonces were never stored; a gateway stuck in the failed group would hang here
            again = await asyncio.wait_for(asyncio.gather(*(_get(client, h) for h in group)), 10)
            assert [r["code"] for r in again] == [200] * 3

    asyncio.run(scenario())


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # PostgreSQL's groups form while one commits
def test_a_claim_group_stays_open_while_requests_join_it(
    runtime: Runtime, demo: Credentials, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite: requests reaching their claim in successive passes of the loop share one transaction while they keep
    coming, for at most GROUP_PASSES more passes; a lone request is committed without waiting for company."""
    sizes: list[int] = []
    real = Gateway._claim

    def claim(self: Gateway, batch: list[Any]) -> list[bool | None]:
        sizes.append(len(batch))
        return real(self, batch)

    monkeypatch.setattr(Gateway, "_claim", claim)

    async def arriving(client: httpx.AsyncClient, passes: int) -> int:
        for _ in range(passes):  # reach the claim this many passes of the loop after the first requests
            await asyncio.sleep(0)
        code: int = (await _get(client, headers(demo)))["code"]
        return code

    async def pairs(client: httpx.AsyncClient, passes: int) -> None:
        """Two requests in each of ``passes`` successive passes."""
        codes = await asyncio.gather(*(arriving(client, i // 2) for i in range(2 * passes)))
        assert codes == [200] * 2 * passes

    async def scenario() -> None:
        async with _client(runtime) as client:
            await pairs(client, 3)
            assert (await _get(client, headers(demo)))["code"] == 200
            await pairs(client, GROUP_PASSES + 3)  # for longer than a group waits

    asyncio.run(scenario())
    # the first look at a group sees the requests of its pass; then it waits one more pass while others join
    assert sizes == [6, 1, 2 * (GROUP_PASSES + 1), 4]
