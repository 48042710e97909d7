"""Delivery fixtures: the real app (signed SDK over TestClient), a receiver on 127.0.0.1, and a worker."""

from __future__ import annotations

import asyncio
import dataclasses
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from kuajing.api.app import create_app
from kuajing.client import Client
from kuajing.delivery.worker import DeliveryWorker
from kuajing.domain.accounts.model import Credentials
from kuajing.domain.messages import OutgoingMessage, Platform
from kuajing.runtime import Runtime
from tests.api.conftest import sdk
from tests.delivery.receiver import Receiver


@pytest.fixture
def http(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime), base_url="http://testserver", raise_server_exceptions=False) as tc:
        yield tc


@pytest.fixture
def client(http: TestClient, demo: Credentials) -> Client:
    return sdk(http, demo)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver().start()
    try:
        yield r
    finally:
        r.stop()


def publish(
    runtime: Runtime,
    develop_id: str,
    count: int = 1,
    *,
    order: str = "PO1",
    body: dict[str, Any] | None = None,
    message_type: str = "ORDER_PAY_SUCCESS",
) -> list[str]:
    """Publish ``count`` messages about one order in one unit of work (on the developer's clock)."""
    ids = []
    with runtime.uow(runtime.developer_clock(develop_id)) as uow:
        for i in range(count):
            ids.append(
                uow.publish(
                    OutgoingMessage(
                        develop_id=develop_id,
                        message_type=message_type,
                        platform=Platform.ALIBABA,
                        aggregate_type="order",
                        aggregate_id=order,
                        body=body or {"orderNo": order, "n": i},
                    )
                )
            )
        uow.commit()
    return ids


def showing_answers(runtime: Runtime, receiver: Receiver) -> Runtime:
    """The runtime with the receiver's port in ``KUAJING_SANDBOX_CALLBACK_PORTS``: its answers are logged."""
    settings = dataclasses.replace(runtime.settings, sandbox_callback_ports=str(receiver.port))
    return dataclasses.replace(runtime, settings=settings)


def deliver(runtime: Runtime) -> int:
    """Run one worker until nothing is due."""
    return asyncio.run(_drain(runtime))


async def _drain(runtime: Runtime) -> int:
    worker = DeliveryWorker(runtime)
    try:
        return await worker.drain()
    finally:
        await worker.aclose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(predicate: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
