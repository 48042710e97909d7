"""One seeded marketplace per database for the whole fuzz module: operations are many and examples cheap, so the
runtime is built once (SQLite and PostgreSQL, like ``db_url``) instead of once per operation."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from kuajing.api.app import create_app
from kuajing.domain.accounts import service
from kuajing.domain.accounts.model import Credentials
from kuajing.market.seed import seed_catalog
from kuajing.runtime import Runtime
from tests.conftest import _truncate_pg, make_settings

CATALOG_SEED = 7
CATALOG_PRODUCTS = 40


#: requests sent per database, for the summary at the end of the run (docs/security.md quotes these counts)
SENT: Counter[str] = Counter()


class Target:
    """The app under test on one database, and the demo developer who signs every request."""

    def __init__(self, runtime: Runtime, http: TestClient, creds: Credentials, database: str) -> None:
        self.runtime = runtime
        self.http = http
        self.creds = creds
        self.database = database

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        SENT[self.database] += 1
        response: httpx.Response = self.http.request(method, url, **kwargs)
        return response


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SENT:
        counts = ", ".join(f"{n:,} on {db}" for db, n in sorted(SENT.items()))
        terminalreporter.write_line(f"fuzz: {sum(SENT.values()):,} requests sent ({counts})")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    tmp = tmp_path_factory.mktemp("fuzz")
    if request.param == "sqlite":
        db = tmp / "kuajing.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), db)
        url = f"sqlite:///{db}"
    else:
        url = request.getfixturevalue("pg_url")
        _truncate_pg(url)
    runtime = Runtime.build(make_settings(url, Path(tmp)))
    seed_catalog(runtime.uow, seed=CATALOG_SEED, n_products=CATALOG_PRODUCTS, now_ms=runtime.clock.now_ms())
    with runtime.uow() as uow:
        creds = service.ensure_demo(uow, now_ms=runtime.clock.now_ms())
        uow.commit()
    try:
        with TestClient(create_app(runtime), base_url="http://testserver", raise_server_exceptions=False) as http:
            yield Target(runtime, http, creds, request.param)
    finally:
        runtime.close()
