"""Pure delivery rules: retry schedules, the state after an attempt, target safety, the push body."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import random

import pytest

from kuajing.client import parse_callback, verify
from kuajing.config import Settings
from kuajing.delivery.safety import TargetPolicy, UnsafeTarget, address_refusal, resolve_target
from kuajing.delivery.sender import push_body, push_headers
from kuajing.domain.delivery.retries import after_attempt, parse_schedule
from kuajing.domain.delivery.states import DeliveryState
from kuajing.domain.errors import IllegalTransitionError


def test_pandapon_schedule_is_five_retries_half_an_hour_apart() -> None:
    s = parse_schedule("pandapon")
    assert [s.next_delay_ms(n) for n in range(1, 7)] == [1_800_000] * 5 + [None]


def test_exponential_schedule_doubles_with_jitter_and_spans_days() -> None:
    s = parse_schedule("exponential")
    rng = random.Random(7)
    delays = [d for n in range(1, s.max_retries + 1) if (d := s.next_delay_ms(n, rng)) is not None]
    assert len(delays) == s.max_retries
    assert 48_000 <= delays[0] <= 72_000
    assert sum(delays) > 3 * 86_400_000
    assert s.next_delay_ms(s.max_retries + 1) is None


def test_custom_schedules_and_bad_ones() -> None:
    assert parse_schedule("5, 60").delays_s == (5.0, 60.0)
    assert parse_schedule("").max_retries == 0
    with pytest.raises(ValueError):
        parse_schedule("weekly")
    with pytest.raises(ValueError):
        Settings(delivery_retry_schedule="-5")


def test_state_after_an_attempt() -> None:
    s = parse_schedule("pandapon")
    pending, retrying = DeliveryState.PENDING, DeliveryState.RETRYING
    ok = after_attempt(state=pending, ok=True, permanent=False, round_failures=1, now_ms=0, schedule=s)
    assert ok.state is DeliveryState.DELIVERED and ok.next_attempt_at_ms is None
    retry = after_attempt(state=pending, ok=False, permanent=False, round_failures=1, now_ms=1000, schedule=s)
    assert retry.state is DeliveryState.RETRYING and retry.next_attempt_at_ms == 1_801_000
    again = after_attempt(state=retrying, ok=False, permanent=False, round_failures=2, now_ms=1000, schedule=s)
    assert again.state is DeliveryState.RETRYING and again.next_attempt_at_ms == 1_801_000
    dead = after_attempt(state=retrying, ok=False, permanent=False, round_failures=6, now_ms=0, schedule=s)
    assert dead.state is DeliveryState.DEAD and dead.next_attempt_at_ms is None
    failed = after_attempt(state=pending, ok=False, permanent=True, round_failures=1, now_ms=0, schedule=s)
    assert failed.state is DeliveryState.FAILED


def test_a_delivery_not_claimable_cannot_take_an_attempt() -> None:
    s = parse_schedule("pandapon")
    with pytest.raises(IllegalTransitionError, match="action 'deliver' is not allowed in state 'dead'"):
        after_attempt(state=DeliveryState.DEAD, ok=True, permanent=False, round_failures=1, now_ms=0, schedule=s)


STRICT = TargetPolicy()
SANDBOX = TargetPolicy(allow_loopback=True)
PRIVATE = TargetPolicy(allow_loopback=True, allow_private=True)


@pytest.mark.parametrize(
    ("address", "strict", "sandbox", "private"),
    [
        ("93.184.216.34", True, True, True),
        ("2606:2800:220:1:248:1893:25c8:1946", True, True, True),
        ("127.0.0.1", False, True, True),
        ("::1", False, True, True),
        ("10.0.0.5", False, False, True),
        ("172.16.3.4", False, False, True),
        ("192.168.1.1", False, False, True),
        ("100.64.0.1", False, False, True),
        ("fd12::1", False, False, True),
        ("169.254.169.254", False, False, False),
        ("169.254.10.10", False, False, False),
        ("fe80::1", False, False, False),
        ("::ffff:169.254.169.254", False, False, False),
        ("0.0.0.0", False, False, False),
        ("0.1.2.3", False, False, False),
        ("::", False, False, False),
        ("224.0.0.1", False, False, False),
        ("240.0.0.1", False, False, False),
    ],
)
def test_address_policy(address: str, strict: bool, sandbox: bool, private: bool) -> None:
    ip = ipaddress.ip_address(address)
    assert (address_refusal(ip, STRICT) is None) is strict
    assert (address_refusal(ip, SANDBOX) is None) is sandbox
    assert (address_refusal(ip, PRIVATE) is None) is private


def test_names_are_resolved_and_every_address_checked() -> None:
    with pytest.raises(UnsafeTarget, match="loopback"):
        asyncio.run(resolve_target("http://localhost:9/cb", STRICT))
    target = asyncio.run(resolve_target("http://localhost:9/cb", SANDBOX))
    assert ipaddress.ip_address(target.address).is_loopback and target.host_header == "localhost:9"
    assert str(target.request_url).startswith(f"http://{target.address}:9/cb".replace("::1", "[::1]"))
    with pytest.raises(UnsafeTarget, match="https"):
        asyncio.run(resolve_target("http://example.com/", TargetPolicy(require_https=True)))
    with pytest.raises(UnsafeTarget, match="does not resolve"):
        asyncio.run(resolve_target("http://no-such-host.invalid/", STRICT))


def test_push_body_is_the_spec_envelope_and_verifies_with_the_sdk() -> None:
    body = push_body(
        message_type="ORDER_CREATE",
        platform=1,
        body_json='{"orderId":"1"}',
        timestamp_ms=1779263269913,
        message_id="msg_x",
        sequence=3,
    )
    assert json.loads(body) == {
        "messageType": "ORDER_CREATE",
        "messageBody": {"orderId": "1"},
        "messagePlatform": 1,
        "timestamp": "1779263269913",
        "messageId": "msg_x",
        "sequence": 3,
    }
    headers = push_headers(
        body,
        access_secret="s3cret",
        signing_secrets=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
        message_id="msg_x",
        sent_at_s=1779263269,
        sequence=3,
        attempt_no=2,
    )
    assert verify(body, headers["Authorization"], "s3cret") and not verify(body, headers["Authorization"], "other")
    assert headers["X-Kuajing-Attempt"] == "2"
    assert headers["webhook-id"] == "msg_x" and headers["webhook-timestamp"] == "1779263269"
    assert parse_callback(body, headers["Authorization"].upper(), "s3cret").message_body == {"orderId": "1"}


def test_the_standard_webhooks_header_matches_the_published_vector() -> None:
    """Secret, id, timestamp, body and signature of the Standard Webhooks reference libraries' signing test."""
    vector = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    old = "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk="

    def header(secrets: list[str]) -> str:
        return push_headers(
            b'{"test": 2432232314}',
            access_secret="s3cret",
            signing_secrets=secrets,
            message_id="msg_p5jXN8AQM9LWM0D4loKWxJek",
            sent_at_s=1614265330,
            sequence=1,
            attempt_no=1,
        )["webhook-signature"]

    assert header(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]) == vector
    rotating = header(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", old]).split(" ")
    assert len(rotating) == 2 and rotating[0] == vector and rotating[1].startswith("v1,") and rotating[1] != vector


def test_parse_callback_accepts_a_string_message_body() -> None:
    body = (
        b'{"messageType":"ORDER_PAY_SUCCESS","messageBody":"{\\"orderId\\":\\"1\\"}",'
        b'"messagePlatform":1,"timestamp":"1"}'
    )
    from kuajing.protocol.callbacks import sign_callback

    assert parse_callback(body, sign_callback(body, "k"), "k").message_body == {"orderId": "1"}


def test_spec_signature_vector() -> None:
    body = b'{"messageType":"ORDER_PAY_SUCCESS","messageBody":"{}","messagePlatform":1,"timestamp":"1779263269913"}'
    sig = "7475f47a98a956f3901647235228509cec6c76095bc67f87adc94d1e1bf0c05b"
    assert verify(body, sig, "ExampleSecretNotReal0000000000000")
