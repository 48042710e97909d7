"""Shared CLI plumbing: the ``--db`` option, building the runtime, and turning refusals into clean exits."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from kuajing.config import Settings
from kuajing.domain.errors import DomainError
from kuajing.runtime import Runtime
from kuajing.store.migrate import NotMigratedError, check_migrated

T = TypeVar("T")

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (sqlite:///var/kuajing.db or postgresql://…). Env: KUAJING_DATABASE_URL."),
]


def settings(db: str | None = None, **overrides: Any) -> Settings:
    try:
        return Settings.from_env(database_url=db, **overrides)
    except ValueError as exc:
        fail(str(exc))


def fail(message: str, code: int = 1) -> NoReturn:
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code)


@contextlib.contextmanager
def runtime(db: str | None = None, *, migrated: bool = True, **overrides: Any) -> Iterator[Runtime]:
    rt = Runtime.build(settings(db, **overrides))
    try:
        if migrated:
            check_migrated(rt.db)
        yield rt
    except NotMigratedError as exc:
        fail(str(exc))
    finally:
        rt.close()


def in_uow(rt: Runtime, fn: Callable[..., T], **kwargs: Any) -> T:
    """Run one domain action in a unit of work and commit it; domain refusals become a clean error exit."""
    try:
        with rt.uow() as uow:
            result = fn(uow, **kwargs)
            uow.commit()
            return result
    except DomainError as exc:
        fail(exc.message)
