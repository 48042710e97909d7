"""Shared fixtures. Storage and API tests run on SQLite and on PostgreSQL (``db_url`` is parametrized).

PostgreSQL: ``KUAJING_TEST_PG_URL`` (default ``postgresql://root@127.0.0.1:5432/postgres``) must reach a server
where the user may create databases; each test session creates its own database and drops it at the end, so two
runs on one machine never see each other. Outside CI an unreachable server skips those tests loudly; in CI
(``CI`` set) it is an error.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kuajing.config import Settings
from kuajing.domain.accounts import service
from kuajing.domain.accounts.model import Credentials
from kuajing.runtime import Runtime
from kuajing.store import migrate
from kuajing.store.tables import metadata

TEST_SECRET_KEY = "0f" * 32
DEFAULT_PG_URL = "postgresql://root@127.0.0.1:5432/postgres"


def _pg_admin_url() -> str:
    return os.environ.get("KUAJING_TEST_PG_URL", DEFAULT_PG_URL)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    import psycopg

    admin = _pg_admin_url()
    try:
        conn = psycopg.connect(admin, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        message = f"PostgreSQL is not reachable at {admin}: {exc}"
        if os.environ.get("CI"):
            pytest.fail(message + " — CI must run the PostgreSQL half of the suite", pytrace=False)
        pytest.skip("SKIPPING POSTGRESQL TESTS: " + message)
    name = f"kuajing_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = admin.rsplit("/", 1)[0] + "/" + name
    migrate.upgrade(url)
    try:
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for every test (migrating takes longer than copying)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    migrate.upgrade(f"sqlite:///{path}")
    return path


def _truncate_pg(url: str) -> None:
    import psycopg

    names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        target = tmp_path / "kuajing.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), target)
        return f"sqlite:///{target}"
    url: str = request.getfixturevalue("pg_url")
    _truncate_pg(url)
    return url


def make_settings(db_url: str, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": db_url,
        "var_dir": tmp_path / "var",
        "secret_key": TEST_SECRET_KEY,
        "sandbox": True,
        "run_background": False,
        "public_base_url": "http://testserver",
        "strict_fields": True,  # a field the SDK (or a test) sends that the server does not take fails the test
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def runtime(db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    rt = Runtime.build(make_settings(db_url, tmp_path))
    try:
        yield rt
    finally:
        rt.close()


def new_developer(rt: Runtime, name: str | None = None) -> Credentials:
    with rt.uow() as uow:
        creds = service.create_developer(uow, name=name or f"dev-{uuid.uuid4().hex[:8]}", now_ms=rt.clock.now_ms())
        uow.commit()
    return creds


@pytest.fixture
def demo(runtime: Runtime) -> Credentials:
    with runtime.uow() as uow:
        creds = service.ensure_demo(uow, now_ms=runtime.clock.now_ms())
        uow.commit()
    return creds
