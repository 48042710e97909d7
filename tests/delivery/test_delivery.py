"""Message delivery end to end: a real receiver on 127.0.0.1, the real app and SDK, the worker, SQLite and
PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from kuajing.client import BadRequestError, BusinessError, Client, parse_callback, verify
from kuajing.domain.accounts.model import Credentials
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.delivery.conftest import deliver, publish, showing_answers
from tests.delivery.receiver import Receiver

HALF_HOUR = 1800


def _subscribe(client: Client, receiver: Receiver) -> None:
    info = client.messages.set_callback_url(receiver.url)
    assert info.callback_url == receiver.url and info.timeout_ms == 1000 and info.retry_schedule == "pandapon"


def _log(client: Client, message_id: str) -> dict[str, Any]:
    return client.messages.delivery_log(message_id).model_dump()


def test_setting_the_url_sends_a_signed_verify_post(client: Client, demo: Credentials, receiver: Receiver) -> None:
    _subscribe(client, receiver)
    (verify_post,) = receiver.messages("CALLBACK_VERIFY")
    assert verify(verify_post.body, verify_post.headers["Authorization"], demo.access_secret)
    assert verify_post.json["messageBody"]["developId"] == demo.develop_id
    assert client.messages.get_callback_url().callback_url == receiver.url


def test_a_push_is_signed_and_shaped_as_the_spec(
    client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    _subscribe(client, receiver)
    (message_id,) = publish(runtime, demo.develop_id, body={"orderId": "3305075341149134260", "payStatus": 2})
    assert deliver(showing_answers(runtime, receiver)) == 1
    (push,) = receiver.messages("ORDER_PAY_SUCCESS")
    assert verify(push.body, push.headers["Authorization"], demo.access_secret)
    assert push.headers["Authorization"] == push.headers["Authorization"].lower()
    raw = json.loads(push.body)
    assert list(raw) == [
        "messageType",
        "messageBody",
        "messagePlatform",
        "timestamp",
        "messageId",
        "sequence",
    ]
    assert raw["messageBody"] == {"orderId": "3305075341149134260", "payStatus": 2}
    assert raw["messagePlatform"] == 1 and raw["timestamp"].isdigit() and len(raw["timestamp"]) == 13
    assert raw["messageId"] == message_id == push.headers["X-Kuajing-Message-Id"]
    assert raw["sequence"] == 1 and push.headers["X-Kuajing-Sequence"] == "1"
    parsed = parse_callback(push.body, push.headers["Authorization"], demo.access_secret)
    assert parsed.message_body["payStatus"] == 2
    log = _log(client, message_id)
    assert log["deliveryState"] == "delivered" and log["attempts"] == 1
    (attempt,) = log["attemptLog"]
    assert attempt["httpStatus"] == 200 and attempt["error"] is None and attempt["response"] == "ok"
    assert attempt["latencyMs"] >= 0 and attempt["url"] == receiver.url
    assert deliver(runtime) == 0  # nothing more is due


def test_sequence_counts_per_aggregate(client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver) -> None:
    _subscribe(client, receiver)
    publish(runtime, demo.develop_id, 3, order="PO-A")
    publish(runtime, demo.develop_id, 2, order="PO-B")
    deliver(runtime)
    seen = sorted(
        (r.json["messageBody"]["orderNo"], r.json["sequence"]) for r in receiver.messages("ORDER_PAY_SUCCESS")
    )
    assert seen == [("PO-A", 1), ("PO-A", 2), ("PO-A", 3), ("PO-B", 1), ("PO-B", 2)]


def test_a_url_that_does_not_answer_200_is_not_saved(client: Client, receiver: Receiver) -> None:
    receiver.mode = "fail"
    with pytest.raises(BusinessError) as err:
        client.messages.set_callback_url(receiver.url)
    assert err.value.code == Code.CALLBACK_UNREACHABLE and "HTTP 500" in err.value.msg
    assert client.messages.get_callback_url().callback_url is None


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/cb",
        "http://192.168.0.10:8080/cb",
        "http://0.0.0.0:9/cb",
        "http://[fe80::1]/cb",
        "http://[::ffff:169.254.169.254]/cb",
        "ftp://example.com/cb",
        "http://user:pw@127.0.0.1/cb",
    ],
)
def test_unsafe_targets_are_refused(client: Client, url: str) -> None:
    with pytest.raises(BadRequestError) as err:
        client.messages.set_callback_url(url)
    assert err.value.code == Code.INVALID_PARAMETER
    assert client.messages.get_callback_url().callback_url is None


def test_a_failing_receiver_gets_five_retries_half_an_hour_apart_then_dead_letter(
    client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    _subscribe(client, receiver)
    receiver.mode = "fail"
    (message_id,) = publish(runtime, demo.develop_id)
    assert deliver(runtime) == 1
    for retry in range(1, 6):
        # a minute short: the real time a loaded machine spends between two rounds also moves the sandbox clock
        client.sandbox.advance(seconds=HALF_HOUR - 60)
        assert deliver(runtime) == 0, f"retry {retry} came early"
        client.sandbox.advance(seconds=60)
        assert deliver(runtime) == 1, f"retry {retry} did not come on time"
        state = _log(client, message_id)["deliveryState"]
        assert state == ("dead" if retry == 5 else "retrying")
    client.sandbox.advance(seconds=10 * HALF_HOUR)
    assert deliver(runtime) == 0
    log = _log(client, message_id)
    assert log["attempts"] == 6 and [a["httpStatus"] for a in log["attemptLog"]] == [500] * 6
    times = [a["attemptTime"] for a in log["attemptLog"]]
    assert all(b - a >= HALF_HOUR * 1000 for a, b in zip(times, times[1:], strict=False))
    assert all(len(a["response"].encode()) <= 512 and a["error"] == "HTTP 500" for a in log["attemptLog"])
    assert len(receiver.messages("ORDER_PAY_SUCCESS")) == 6
    dead = client.messages.list(delivery_state="dead")
    assert [m.message_id for m in dead.list] == [message_id]

    receiver.mode = "ok"  # the receiver is fixed: redeliver the dead letter
    assert client.messages.redeliver(message_id) == 1
    assert deliver(runtime) == 1
    log = _log(client, message_id)
    assert log["deliveryState"] == "delivered" and log["attempts"] == 7


def test_a_slow_receiver_times_out_and_is_retried(
    client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    _subscribe(client, receiver)
    receiver.mode, receiver.slow_s = "slow", 1.4
    (message_id,) = publish(runtime, demo.develop_id)
    deliver(runtime)
    log = _log(client, message_id)
    assert log["deliveryState"] == "retrying" and log["attemptLog"][0]["error"] == "no answer within 1000 ms"
    assert 1000 <= log["attemptLog"][0]["latencyMs"] < 1400
    receiver.mode = "ok"
    client.sandbox.advance(seconds=HALF_HOUR)
    deliver(runtime)
    assert _log(client, message_id)["deliveryState"] == "delivered"


def test_a_receiver_that_is_down_is_retried(
    client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    _subscribe(client, receiver)
    receiver.stop()  # the port is closed now
    (message_id,) = publish(runtime, demo.develop_id)
    deliver(runtime)
    client.sandbox.advance(seconds=HALF_HOUR)
    deliver(runtime)
    log = _log(client, message_id)
    assert log["deliveryState"] == "retrying" and log["attempts"] == 2
    assert all(a["httpStatus"] is None and "Connect" in a["error"] for a in log["attemptLog"])


def test_redirects_are_not_followed(client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver) -> None:
    _subscribe(client, receiver)
    receiver.mode = "redirect"
    (message_id,) = publish(runtime, demo.develop_id)
    deliver(runtime)
    (attempt,) = _log(client, message_id)["attemptLog"]
    assert attempt["httpStatus"] == 302 and "redirects are not followed" in attempt["error"]
    assert len(receiver.messages("ORDER_PAY_SUCCESS")) == 1


def test_a_body_over_the_limit_is_not_sent(
    client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    _subscribe(client, receiver)
    small = dataclasses.replace(runtime, settings=dataclasses.replace(runtime.settings, delivery_max_body_bytes=300))
    (big,) = publish(runtime, demo.develop_id, body={"blob": "x" * 400})
    (fine,) = publish(runtime, demo.develop_id, order="PO2")
    deliver(small)
    big_log, fine_log = _log(client, big), _log(client, fine)
    assert big_log["deliveryState"] == "failed" and "over the 300-byte limit" in big_log["lastError"]
    assert big_log["attemptLog"] == [] and fine_log["deliveryState"] == "delivered"
    assert [r.json["messageId"] for r in receiver.messages("ORDER_PAY_SUCCESS")] == [fine]


def test_range_redelivery_and_messages_published_before_a_url_was_set(
    client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    start = client.sandbox.clock().now
    early = publish(runtime, demo.develop_id, 2)  # no URL yet: listed, not pushed
    assert deliver(runtime) == 0
    assert {m.delivery_state for m in client.messages.list().list} == {"unsubscribed"}
    _subscribe(client, receiver)
    later = publish(runtime, demo.develop_id, 1, order="PO2")
    deliver(runtime)
    assert receiver.ids() == {later[0]: 1}
    assert client.messages.redeliver(start_time=start, end_time=start + 3_600_000) == 3
    deliver(runtime)
    assert receiver.ids() == {early[0]: 1, early[1]: 1, later[0]: 2}
    assert client.messages.redeliver(start_time=start, states=["dead"]) == 0
    with pytest.raises(BadRequestError):
        client.messages.redeliver()


def test_pull_feed_pages_and_filters(client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver) -> None:
    publish(runtime, demo.develop_id, 4, order="PO-A", message_type="ORDER_CREATE")
    publish(runtime, demo.develop_id, 3, order="PO-B", message_type="ORDER_CANCEL")
    first = client.messages.list(limit=3)
    assert len(first.list) == 3 and first.has_more and first.next_cursor == first.list[-1].id
    second = client.messages.list(cursor=first.next_cursor, limit=3)
    third = client.messages.list(cursor=second.next_cursor, limit=3)
    assert len(second.list) == 3 and len(third.list) == 1 and not third.has_more
    ids = [m.id for m in first.list + second.list + third.list]
    assert ids == sorted(ids) and len(set(ids)) == 7
    assert client.messages.list(cursor=third.next_cursor).list == []
    cancels = client.messages.list(message_type="ORDER_CANCEL")
    assert [m.sequence for m in cancels.list] == [1, 2, 3] and cancels.list[0].message_body == {
        "orderNo": "PO-B",
        "n": 0,
    }
    assert len(list(client.messages.iter(page_size=2))) == 7
    _subscribe(client, receiver)
    client.messages.redeliver(start_time=0)
    deliver(runtime)
    assert len(client.messages.list(delivery_state="delivered").list) == 7
    assert client.messages.list(delivery_state="unsubscribed").list == []
    v2 = Client(
        base_url=client.base_url,
        access_key=demo.access_key,
        access_secret=demo.access_secret,
        user_id=demo.user_id,
        http_client=client._http,
        max_retries=0,
        api_version="v2",
    )
    assert len(v2.messages.list(limit=200).list) == 7


def test_another_developer_sees_only_its_own_messages(client: Client, runtime: Runtime, demo: Credentials) -> None:
    from tests.conftest import new_developer

    other = new_developer(runtime)
    (mine,) = publish(runtime, demo.develop_id)
    publish(runtime, other.develop_id, order="PO-X")
    assert [m.message_id for m in client.messages.list().list] == [mine]
    http = client._http
    assert isinstance(http, TestClient)
    with pytest.raises(Exception) as err:
        from tests.api.conftest import sdk

        sdk(http, other).messages.delivery_log(mine)
    assert getattr(err.value, "code", None) == Code.NOT_FOUND
