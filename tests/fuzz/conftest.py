"""One seeded marketplace per database for the whole fuzz module: operations are many and examples cheap, so the
runtime is built once (SQLite and PostgreSQL, like ``db_url``) instead of once per operation."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

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


class Target:
    """The app under test on one database, and the demo developer who signs every request."""

    def __init__(self, runtime: Runtime, http: TestClient, creds: Credentials) -> None:
        self.runtime = runtime
        self.http = http
        self.creds = creds


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
            yield Target(runtime, http, creds)
    finally:
        runtime.close()
