"""The signature and callback vectors of spec §1.3 and §3.4."""

from __future__ import annotations

import pytest

from kuajing.protocol.callbacks import callback_signature_matches, sign_callback
from kuajing.protocol.signature import new_nonce, parse_timestamp_ms, sign, signature_valid, signed_headers

AK = "58c0201dfdf148eca63cbf6bb5e7cf03"
NONCE = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
SECRET = "ExampleSecretNotReal0000000000000"


@pytest.mark.parametrize(
    ("timestamp", "expected"),
    [("1715669977082", "F5E6AA955B3EDE3B05135850A43BCA10"), ("1715669977", "9487347F1573330A3F78CE8604AA87EF")],
)
def test_spec_worked_examples(timestamp: str, expected: str) -> None:
    assert sign(AK, timestamp, NONCE, SECRET) == expected


def test_comparison_ignores_case_and_surrounding_space() -> None:
    ts = "1715669977082"
    assert signature_valid(AK, ts, NONCE, SECRET, "F5E6AA955B3EDE3B05135850A43BCA10")
    assert signature_valid(AK, ts, NONCE, SECRET, " f5e6aa955b3ede3b05135850a43bca10 ")
    assert not signature_valid(AK, ts, NONCE, SECRET, "F5E6AA955B3EDE3B05135850A43BCA11")
    assert not signature_valid(AK, "1715669977", NONCE, SECRET, "F5E6AA955B3EDE3B05135850A43BCA10")
    assert not signature_valid(AK, ts, NONCE, SECRET, "F5E6AA955B3EDE3B05135850A43BCA1０")  # not ASCII: no error


@pytest.mark.parametrize(
    ("text", "ms"),
    [("1715669977082", 1715669977082), ("1715669977", 1715669977000), ("171566997", None), ("17156699770820", None),
     ("-715669977", None), ("17156699x7", None), ("", None), ("１７１５６６９９７７", None)],
)  # fmt: skip
def test_timestamps_in_seconds_or_milliseconds_only(text: str, ms: int | None) -> None:
    assert parse_timestamp_ms(text) == ms


def test_client_headers_carry_milliseconds_and_a_fresh_32_char_nonce() -> None:
    h = signed_headers(access_key=AK, secret=SECRET, user_id="2100007341207", timestamp_ms=1715669977082)
    assert h["timestamp"] == "1715669977082" and len(h["nonce-str"]) == 32 and h["nonce-str"].isalnum()
    assert h["signature"] == sign(AK, h["timestamp"], h["nonce-str"], SECRET)
    assert new_nonce() != new_nonce()


def test_callback_vector_and_case_insensitive_check() -> None:
    body = b'{"messageType":"ORDER_PAY_SUCCESS","messageBody":"{}","messagePlatform":1,"timestamp":"1779263269913"}'
    expected = "7475f47a98a956f3901647235228509cec6c76095bc67f87adc94d1e1bf0c05b"
    assert sign_callback(body, SECRET) == expected
    assert callback_signature_matches(body, expected.upper(), SECRET)
    assert not callback_signature_matches(body + b" ", expected, SECRET)
