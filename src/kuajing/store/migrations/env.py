"""Alembic environment: the URL and metadata come from Kuajing, never from an alembic.ini."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from kuajing.store.tables import accounts as _accounts  # noqa: F401  (registers the tables on metadata)
from kuajing.store.tables import aftersales as _aftersales  # noqa: F401
from kuajing.store.tables import alibaba as _alibaba  # noqa: F401
from kuajing.store.tables import catalog as _catalog  # noqa: F401
from kuajing.store.tables import delivery as _delivery  # noqa: F401
from kuajing.store.tables import goods as _goods  # noqa: F401
from kuajing.store.tables import idempotency as _idempotency  # noqa: F401
from kuajing.store.tables import metadata
from kuajing.store.tables import platform as _platform  # noqa: F401
from kuajing.store.tables import taobao as _taobao  # noqa: F401
from kuajing.store.tables import warehouse as _warehouse  # noqa: F401

config = context.config


def run_migrations() -> None:
    url = config.get_main_option("sqlalchemy.url")
    assert url, "kuajing.store.migrate sets sqlalchemy.url"
    engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
