"""A disabled developer's callbacks are held — not sent, not failed, not dropped — and delivered once enabled."""

from __future__ import annotations

from starlette.testclient import TestClient

from kuajing.client import Client
from kuajing.domain.accounts import service
from kuajing.domain.accounts.model import Credentials, Status
from kuajing.runtime import Runtime
from tests.api.conftest import sdk
from tests.conftest import new_developer
from tests.delivery.conftest import deliver, publish
from tests.delivery.receiver import Receiver


def _set(rt: Runtime, develop_id: str, status: Status) -> None:
    with rt.uow() as uow:
        service.set_developer_status(uow, develop_id=develop_id, status=status)
        uow.commit()


def _states(rt: Runtime, develop_id: str) -> list[tuple[str, int]]:
    with rt.db.snapshot() as tx:
        rows = tx.all("SELECT state, attempts FROM deliveries WHERE develop_id = :d ORDER BY outbox_id",
                      {"d": develop_id})  # fmt: skip
    return [(r["state"], r["attempts"]) for r in rows]


def test_a_disabled_developers_callbacks_are_held_and_delivered_after_enable(
    client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    client.messages.set_callback_url(receiver.url)
    _set(runtime, demo.develop_id, Status.DISABLED)
    held = publish(runtime, demo.develop_id, 2, order="PO-HELD")
    assert deliver(runtime) == 0 and receiver.messages("ORDER_PAY_SUCCESS") == []
    assert _states(runtime, demo.develop_id) == [("pending", 0), ("pending", 0)]
    _set(runtime, demo.develop_id, Status.ACTIVE)
    assert deliver(runtime) == 2
    assert sorted(r.json["messageId"] for r in receiver.messages("ORDER_PAY_SUCCESS")) == sorted(held)
    assert _states(runtime, demo.develop_id) == [("delivered", 1), ("delivered", 1)]


def test_other_developers_callbacks_go_out_while_one_is_disabled(
    http: TestClient, client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    locked = new_developer(runtime)
    for kj in (client, sdk(http, locked)):
        kj.messages.set_callback_url(receiver.url)
    _set(runtime, locked.develop_id, Status.DISABLED)
    (held,) = publish(runtime, locked.develop_id, 1, order="PO-LOCKED")
    (sent,) = publish(runtime, demo.develop_id, 1, order="PO-OPEN")
    assert deliver(runtime) == 1
    assert [r.json["messageId"] for r in receiver.messages("ORDER_PAY_SUCCESS")] == [sent]
    _set(runtime, locked.develop_id, Status.ACTIVE)
    assert deliver(runtime) == 1
    assert [r.json["messageId"] for r in receiver.messages("ORDER_PAY_SUCCESS")] == [sent, held]
