"""Answers from local ports are not echoed (sandbox loopback callbacks).

Loopback targets are allowed in sandbox mode so that developers can receive on 127.0.0.1, but on a shared sandbox a
callback URL could point at any local service, and the delivery log would show what it answered. Unless the operator
listed the port in ``KUAJING_SANDBOX_CALLBACK_PORTS``, only the status, the latency and a size are kept — for pushes
and for the verification POST alike — and the details of a protocol error, which quote the other side, are dropped.
"""

from __future__ import annotations

import dataclasses
import json
import socketserver
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from kuajing.client import BusinessError, Client
from kuajing.config import Settings
from kuajing.domain.accounts.model import Credentials
from kuajing.domain.delivery import callbacks
from kuajing.protocol.codes import Code
from kuajing.runtime import Runtime
from tests.delivery.conftest import deliver, publish, showing_answers
from tests.delivery.receiver import Receiver

TOKEN = "SECRET-TOKEN-42"


class _LineService(socketserver.BaseRequestHandler):
    """Answers whatever arrives the way a line-based service does: an error line that quotes something, then the
    empty line it answers the request's empty line with. httpx then fails with "illegal status line: …" quoting it."""

    def handle(self) -> None:
        self.request.recv(65536)
        self.request.sendall(f"-ERR unknown command, with args beginning with: '{TOKEN}'\r\n\r\n".encode())
        while self.request.recv(65536):  # like a server: the client hangs up, not us
            pass


@pytest.fixture
def local_service() -> Iterator[int]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _LineService)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def _attempt(client: Client, message_id: str) -> dict[str, Any]:
    attempts: list[dict[str, Any]] = client.messages.delivery_log(message_id).model_dump()["attemptLog"]
    (attempt,) = attempts
    return attempt


def _save_url(runtime: Runtime, develop_id: str, url: str) -> None:
    """As if the URL had been verified and the port then taken by another service."""
    with runtime.uow() as uow:
        callbacks.save_callback_url(uow, develop_id=develop_id, url=url, now_ms=runtime.clock.now_ms())
        uow.commit()


def test_an_answer_from_a_port_not_allowed_is_summarised(
    client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    client.messages.set_callback_url(receiver.url)
    (ok,) = publish(runtime, demo.develop_id)
    deliver(runtime)
    attempt = _attempt(client, ok)
    assert attempt["httpStatus"] == 200 and attempt["error"] is None and attempt["latencyMs"] >= 0
    assert attempt["response"] == (
        f"answer of 2 bytes not shown: port {receiver.port} is not in KUAJING_SANDBOX_CALLBACK_PORTS"
    )

    receiver.mode = "fail"  # 500 with 1,500 bytes of "boom "
    (failed,) = publish(runtime, demo.develop_id, order="PO2")
    deliver(runtime)
    attempt = _attempt(client, failed)
    assert attempt["httpStatus"] == 500 and attempt["error"] == "HTTP 500"
    assert attempt["response"] == (
        f"answer of 512 bytes or more not shown: port {receiver.port} is not in KUAJING_SANDBOX_CALLBACK_PORTS"
    )
    assert "boom" not in json.dumps(client.messages.delivery_log(failed).model_dump())


def test_an_allowed_port_shows_the_answer(
    client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    client.messages.set_callback_url(receiver.url)
    receiver.mode = "fail"
    (message_id,) = publish(runtime, demo.develop_id)
    deliver(showing_answers(runtime, receiver))
    attempt = _attempt(client, message_id)
    assert attempt["httpStatus"] == 500 and attempt["response"] == ("boom " * 300)[:512]


def test_another_local_service_is_not_read_through_the_log(
    client: Client, runtime: Runtime, demo: Credentials, local_service: int
) -> None:
    url = f"http://127.0.0.1:{local_service}/"
    with pytest.raises(BusinessError) as err:  # the verification POST: refused, without the service's words
        client.messages.set_callback_url(url)
    assert err.value.code == Code.CALLBACK_UNREACHABLE and TOKEN not in err.value.msg
    assert "RemoteProtocolError" in err.value.msg

    _save_url(runtime, demo.develop_id, url)
    (message_id,) = publish(runtime, demo.develop_id)
    deliver(runtime)
    log = client.messages.delivery_log(message_id).model_dump()
    assert TOKEN not in json.dumps(log)
    (attempt,) = log["attemptLog"]
    assert attempt["httpStatus"] is None and attempt["response"] == ""
    assert attempt["error"] == "RemoteProtocolError (details not shown for a local port)"
    assert log["lastError"] == attempt["error"]

    # the same service on a port the operator allowed: what it said is shown (what the rule above withholds)
    allowed = dataclasses.replace(runtime.settings, sandbox_callback_ports=f"1,{local_service}")
    client.messages.redeliver(message_id)
    deliver(dataclasses.replace(runtime, settings=allowed))
    assert TOKEN in client.messages.delivery_log(message_id).model_dump()["attemptLog"][1]["error"]


def test_a_redirect_is_neither_followed_nor_shown(
    client: Client, runtime: Runtime, demo: Credentials, receiver: Receiver
) -> None:
    client.messages.set_callback_url(receiver.url)
    receiver.mode = "redirect"  # Location: http://169.254.169.254/latest/meta-data/
    (message_id,) = publish(runtime, demo.develop_id)
    deliver(runtime)
    attempt = _attempt(client, message_id)
    assert attempt["httpStatus"] == 302 and attempt["error"] == "HTTP 302 (redirects are not followed)"
    assert "169.254" not in json.dumps(attempt) and len(receiver.messages("ORDER_PAY_SUCCESS")) == 1


@pytest.mark.parametrize(("text", "ports"), [("", set()), ("8080", {8080}), (" 9000, 9001 ,", {9000, 9001})])
def test_the_allowed_ports_setting(text: str, ports: set[int]) -> None:
    assert Settings(sandbox_callback_ports=text).sandbox_callback_port_set == ports


@pytest.mark.parametrize("text", ["http", "0", "65536", "80;443", "-1"])
def test_a_bad_allowed_ports_setting_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="KUAJING_SANDBOX_CALLBACK_PORTS"):
        Settings(sandbox_callback_ports=text)
