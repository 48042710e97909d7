"""Standard Webhooks signing of pushes, beside PandaPon's: the per-developer signing secret, its API, CLI and rotation,
on SQLite and PostgreSQL, checked with the SDK's verifier against a real receiver."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from kuajing.cli import app
from kuajing.client import BadRequestError, Client, InvalidCallbackSignature, WebhookVerifier, verify
from kuajing.domain.accounts.model import Credentials
from kuajing.domain.delivery import callbacks
from kuajing.domain.delivery.model import SigningSecret
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.api.conftest import sdk
from tests.concurrency import race
from tests.conftest import TEST_SECRET_KEY, new_developer
from tests.delivery.conftest import deliver, publish
from tests.delivery.receiver import Received, Receiver


def _standard_signature(secret: str, push: Received) -> str:
    """The ``v1`` signature written out from the Standard Webhooks definition, independently of the server's code."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{push.headers['webhook-id']}.{push.headers['webhook-timestamp']}.".encode() + push.body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def test_a_push_carries_both_schemes_with_separate_secrets(
    client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    client.messages.set_callback_url(receiver.url)
    info = client.messages.signing_secret()
    secret = info.signing_secret
    assert secret.startswith("whsec_") and len(base64.b64decode(secret[6:])) == 32
    assert info.previous_signing_secret is None and info.rotate_time is None
    assert demo.access_secret not in secret

    (message_id,) = publish(runtime, demo.develop_id)
    deliver(runtime)
    (push,) = receiver.messages("ORDER_PAY_SUCCESS")
    assert push.headers["webhook-id"] == message_id == push.json["messageId"]
    assert abs(int(push.headers["webhook-timestamp"]) - time.time()) < 60  # epoch seconds, real time
    assert push.headers["webhook-signature"] == _standard_signature(secret, push)
    assert WebhookVerifier(secret).parse(push.body, push.headers).message_type == "ORDER_PAY_SUCCESS"
    assert verify(push.body, push.headers["Authorization"], demo.access_secret)  # PandaPon's header, unchanged
    with pytest.raises(InvalidCallbackSignature):  # the API secret is no Standard Webhooks key
        WebhookVerifier("whsec_" + base64.b64encode(demo.access_secret.encode()).decode()).verify(
            push.body, push.headers
        )

    (verify_post,) = receiver.messages("CALLBACK_VERIFY")  # the URL check is signed both ways too
    assert verify_post.headers["webhook-id"] == verify_post.json["messageId"]
    assert WebhookVerifier(secret).verify(verify_post.body, verify_post.headers) == verify_post.json["messageId"]


def test_a_retry_on_an_advanced_sandbox_clock_is_still_within_the_tolerance(
    client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    """``timestamp`` in the body follows the sandbox clock; ``webhook-timestamp`` stays real time, or every retry a
    test makes due by advancing the clock would look like a replay to the receiver."""
    client.messages.set_callback_url(receiver.url)
    verifier = WebhookVerifier(client.messages.signing_secret().signing_secret)
    receiver.mode = "fail"
    publish(runtime, demo.develop_id)
    deliver(runtime)
    client.sandbox.advance(seconds=3 * 3600)
    deliver(runtime)
    first, retry = receiver.messages("ORDER_PAY_SUCCESS")
    assert int(retry.json["timestamp"]) - int(first.json["timestamp"]) >= 3 * 3600 * 1000
    assert first.headers["webhook-id"] == retry.headers["webhook-id"]  # the de-duplication key
    assert verifier.verify(retry.body, retry.headers) == retry.json["messageId"]


def test_rotation_signs_with_both_secrets_during_the_overlap(
    client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    client.messages.set_callback_url(receiver.url)
    old = client.messages.signing_secret().signing_secret
    rotated = client.messages.rotate_signing_secret(overlap_seconds=3600)
    new = rotated.signing_secret
    assert new != old and rotated.previous_signing_secret == old and rotated.rotate_time is not None
    assert rotated.previous_valid_until == rotated.rotate_time + 3_600_000
    assert client.messages.signing_secret() == rotated
    publish(runtime, demo.develop_id)
    deliver(runtime)
    (push,) = receiver.messages("ORDER_PAY_SUCCESS")
    assert push.headers["webhook-signature"] == f"{_standard_signature(new, push)} {_standard_signature(old, push)}"
    assert WebhookVerifier(old).verify(push.body, push.headers) and WebhookVerifier(new).verify(push.body, push.headers)

    again = client.messages.rotate_signing_secret(overlap_seconds=0)  # the old one stops at once
    assert (
        again.previous_signing_secret is None
        and client.messages.signing_secret().signing_secret == again.signing_secret
    )
    publish(runtime, demo.develop_id, order="PO2")
    deliver(runtime)
    push = receiver.messages("ORDER_PAY_SUCCESS")[-1]
    assert push.headers["webhook-signature"] == _standard_signature(again.signing_secret, push)
    with pytest.raises(InvalidCallbackSignature):
        WebhookVerifier([old, new]).verify(push.body, push.headers)


def test_the_previous_secret_signs_only_until_its_overlap_ends() -> None:
    secret = SigningSecret("1", "whsec_bmV3", 0, previous_secret="whsec_b2xk", previous_valid_until_ms=5_000)
    assert secret.valid_at(4_999) == ["whsec_bmV3", "whsec_b2xk"]
    assert secret.valid_at(5_000) == ["whsec_bmV3"]


@pytest.mark.parametrize("overlap", [-1, 2_592_001, "soon"])
def test_a_bad_overlap_is_refused_naming_the_field(client: Client, overlap: object) -> None:
    before = client.messages.signing_secret()
    with pytest.raises(BadRequestError) as err:
        # "soon" is not an int: what the server answers to a value the SDK's types would not let through
        client.messages.rotate_signing_secret(overlap_seconds=overlap)  # type: ignore[arg-type]
    assert err.value.code == Code.INVALID_PARAMETER and "overlapSeconds" in err.value.msg
    assert client.messages.signing_secret() == before  # nothing was written


def test_the_secret_is_made_on_first_use_stored_encrypted_and_stable(
    client: Client, runtime: Runtime, demo: Credentials
) -> None:
    with runtime.db.snapshot() as tx:
        assert tx.scalar("SELECT COUNT(*) AS n FROM signing_secrets") == 0  # e.g. a developer from before
    first = client.messages.signing_secret()
    http = client._http
    assert isinstance(http, TestClient)
    v2 = sdk(http, demo, api_version="v2")
    assert v2.messages.signing_secret() == first
    with runtime.db.snapshot() as tx:
        (row,) = tx.all("SELECT develop_id, secret_enc FROM signing_secrets")
    assert row["develop_id"] == demo.develop_id and first.signing_secret[6:] not in row["secret_enc"]
    assert row["secret_enc"].startswith("v1:")


def test_concurrent_first_uses_agree_on_one_secret(runtime: Runtime) -> None:
    creds = new_developer(runtime)

    def first_use(_: int) -> str:
        with runtime.uow() as uow:
            secret = callbacks.signing_secret(uow, develop_id=creds.develop_id, now_ms=runtime.clock.now_ms())
            uow.commit()
            return secret.secret

    results = race(4, first_use)
    assert all(isinstance(r, str) for r in results), results
    assert len(set(results)) == 1


def test_cli_shows_and_rotates_the_signing_secret(
    runtime: Runtime, demo: Credentials, db_url: str, tmp_path: Path
) -> None:
    env = {"KUAJING_DATABASE_URL": db_url, "KUAJING_SECRET_KEY": TEST_SECRET_KEY, "KUAJING_SANDBOX": "1",
           "KUAJING_VAR_DIR": str(tmp_path / "var")}  # fmt: skip
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, list(args), env=env)
        assert result.exit_code == 0, result.output
        return result.output

    shown = run("messages", "signing-secret", "show", demo.develop_id)
    secret = shown.split()[1]
    assert shown == f"signingSecret {secret}\n" and secret.startswith("whsec_")
    assert run("messages", "signing-secret", "show", demo.develop_id) == shown
    rotated = run("messages", "signing-secret", "rotate", demo.develop_id, "--overlap", "600").splitlines()
    assert rotated[0].startswith("signingSecret whsec_") and rotated[0] != shown.strip()
    assert rotated[1].startswith(f"previous      {secret}  (still signs for ") and rotated[1].endswith(" s)")
    with runtime.uow() as uow:
        stored = callbacks.signing_secret(uow, develop_id=demo.develop_id, now_ms=runtime.clock.now_ms())
    assert stored.previous_secret == secret and rotated[0] == f"signingSecret {stored.secret}"
    missing = runner.invoke(app, ["messages", "signing-secret", "show", "1234567890123456789"], env=env)
    assert missing.exit_code == 1 and "does not exist" in missing.output
