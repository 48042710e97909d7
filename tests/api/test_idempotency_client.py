"""The SDK over the real app when an answer is lost after the server committed (SQLite and PostgreSQL): a keyed write
is retried under its key and the work is done once; a write without a key is not sent again."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from kuajing.client import APIConnectionError, Client
from kuajing.domain.accounts.model import Credentials
from kuajing.runtime import Runtime
from tests.taobao_fixtures import RECEIVER, add_taobao_item, balance_and_ledger, sku_stock


class LoseFirstAnswer(httpx.BaseTransport):
    """Hands every request to the app; the first answer to ``path`` is dropped after the app produced it — the
    connection breaking between the server's commit and the client reading the answer."""

    def __init__(self, app: httpx.BaseTransport, path: str) -> None:
        self._app = app
        self._path = path
        self.sent: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        response = self._app.handle_request(request)
        if request.url.path == self._path and len([r for r in self.sent if r.url.path == self._path]) == 1:
            response.read()
            raise httpx.ReadError("connection reset before the answer arrived", request=request)
        return response


@pytest.fixture(autouse=True)
def _no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kuajing.client._client.time.sleep", lambda s: None)


def _sdk(http: TestClient, creds: Credentials, path: str, **kw: Any) -> tuple[Client, LoseFirstAnswer]:
    transport = LoseFirstAnswer(http._transport, path)
    kj = Client(base_url="http://testserver", access_key=creds.access_key, access_secret=creds.access_secret,
                user_id=creds.user_id, http_client=httpx.Client(transport=transport, base_url="http://testserver"),
                max_retries=2, **kw)  # fmt: skip
    return kj, transport


def _orders(runtime: Runtime, develop_id: str) -> int:
    with runtime.db.snapshot() as tx:
        return int(
            tx.scalar("SELECT count(*) AS n FROM taobao_purchase_orders WHERE develop_id = :d", {"d": develop_id})
        )


def _line(item: Any) -> dict[str, str]:
    return {"itemId": str(item.mp_id), "skuId": str(item.mp_sku_ids[0]), "quantity": "2"}


def test_a_create_whose_answer_was_lost_is_retried_under_its_key_and_made_once(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    item = add_taobao_item(runtime, stock=10, price=1_000)
    kj, transport = _sdk(http, demo, "/open/order")
    created = kj.taobao.orders.create(lines=[_line(item)], receiver=RECEIVER)
    assert len(transport.sent) == 2
    assert transport.sent[0].headers["Idempotency-Key"] == transport.sent[1].headers["Idempotency-Key"]
    assert _orders(runtime, demo.develop_id) == 1 and sku_stock(runtime, item.sku_pks[0]) == 8
    po = created.order_list[0].purchase_id

    kj, transport = _sdk(http, demo, "/open/order/pay")
    start, _ = balance_and_ledger(runtime, demo.develop_id)
    paid = kj.taobao.orders.pay([po])  # without the key the retry would answer 40901: already paid
    assert paid[0].success and len(transport.sent) == 2
    assert balance_and_ledger(runtime, demo.develop_id) == (start - 2_000, start - 2_000)


def test_without_keys_a_create_whose_answer_was_lost_is_not_sent_again(
    http: TestClient, runtime: Runtime, demo: Credentials
) -> None:
    item = add_taobao_item(runtime, stock=10)
    kj, transport = _sdk(http, demo, "/open/order", idempotency_keys=False)
    with pytest.raises(APIConnectionError):
        kj.taobao.orders.create(lines=[_line(item)], receiver=RECEIVER)
    assert len(transport.sent) == 1 and "Idempotency-Key" not in transport.sent[0].headers
    assert _orders(runtime, demo.develop_id) == 1  # done once: the caller looks before trying again
