"""``kuajing keys …``: access keys and their secrets."""

from __future__ import annotations

from typing import Annotated

import typer

from kuajing.cli.common import DbOption, fail, in_uow, runtime
from kuajing.domain.accounts import service

app = typer.Typer(no_args_is_help=True, help="Access keys (AccessKey + AccessSecret).")


@app.command("create")
def create(develop_id: Annotated[str, typer.Argument(help="The developer's developId.")], db: DbOption = None) -> None:
    """Issue a new access key and secret for a developer."""
    with runtime(db) as rt:
        key = in_uow(rt, service.create_access_key, develop_id=develop_id, now_ms=rt.clock.now_ms())
    typer.echo(f"accessKey    {key.access_key}\naccessSecret {key.secret}")


@app.command("list")
def list_keys(
    develop_id: Annotated[str, typer.Argument(help="The developer's developId.")], db: DbOption = None
) -> None:
    """List a developer's keys (secrets are not shown; rotate to get a new one)."""
    with runtime(db) as rt, rt.uow() as uow:
        if uow.accounts.get_developer(develop_id) is None:
            fail(f"developer {develop_id} does not exist")
        for key in uow.accounts.list_keys(develop_id):
            grace = ""
            if key.previous_valid_until_ms and key.previous_valid_until_ms > rt.clock.now_ms():
                grace = f"  previous secret valid {(key.previous_valid_until_ms - rt.clock.now_ms()) // 1000} s more"
            typer.echo(f"{key.access_key}  {key.status.value}{grace}")


@app.command("rotate")
def rotate(
    access_key: Annotated[str, typer.Argument(help="The access key whose secret to replace.")],
    grace: Annotated[
        int | None,
        typer.Option(help="Seconds the old secret keeps working (default KUAJING_SECRET_GRACE_S)."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Replace a key's secret; the previous one stays valid for the grace period."""
    with runtime(db) as rt:
        grace_s = rt.settings.secret_grace_s if grace is None else grace
        key = in_uow(rt, service.rotate_secret, access_key=access_key, grace_s=grace_s, now_ms=rt.clock.now_ms())
    typer.echo(f"accessKey    {key.access_key}\naccessSecret {key.secret}\n(previous secret valid for {grace_s} s)")
