"""API fixtures: the real app in-process (Starlette's TestClient is an httpx.Client), driven by the real SDK."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from kuajing.api.app import create_app
from kuajing.client import Client
from kuajing.domain.accounts.model import Credentials
from kuajing.runtime import Runtime


@pytest.fixture
def http(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime), base_url="http://testserver", raise_server_exceptions=False) as tc:
        yield tc


def sdk(http: TestClient, creds: Credentials, **kwargs: Any) -> Client:
    return Client(
        base_url="http://testserver",
        access_key=creds.access_key,
        access_secret=creds.access_secret,
        user_id=creds.user_id,
        http_client=http,
        max_retries=0,
        **kwargs,
    )


@pytest.fixture
def client(http: TestClient, demo: Credentials) -> Client:
    return sdk(http, demo)
