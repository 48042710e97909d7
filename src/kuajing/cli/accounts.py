"""``kuajing accounts …`` and ``kuajing demo``: developers, sub-accounts and wallets."""

from __future__ import annotations

import json
import uuid
from typing import Annotated

import typer

from kuajing.cli.common import DbOption, fail, in_uow, runtime
from kuajing.domain.accounts import service, wallet
from kuajing.domain.accounts.model import Status
from kuajing.domain.money import CNY, Money

app = typer.Typer(no_args_is_help=True, help="Developers, sub-accounts and wallets.")


@app.command("create")
def create(name: Annotated[str, typer.Argument(help="A unique developer name.")], db: DbOption = None) -> None:
    """Create a developer with one access key and one sub-account."""
    with runtime(db) as rt:
        creds = in_uow(rt, service.create_developer, name=name, now_ms=rt.clock.now_ms())
    typer.echo(
        f"developId    {creds.develop_id}\naccessKey    {creds.access_key}\naccessSecret {creds.access_secret}\n"
        f"userId       {creds.user_id}"
    )


@app.command("list")
def list_developers(db: DbOption = None) -> None:
    """List developers with their wallet balance."""
    with runtime(db) as rt, rt.uow() as uow:
        for dev in uow.accounts.list_developers():
            balance = Money(uow.wallets.balance_fen(dev.develop_id, CNY))
            typer.echo(f"{dev.develop_id}  {dev.name:<20} {dev.status.value:<9} {balance}")


@app.command("disable")
def disable(develop_id: Annotated[str, typer.Argument(help="The developer's developId.")], db: DbOption = None) -> None:
    """Lock a developer out: all their keys are refused, their timers and callbacks wait (data kept; reversible)."""
    with runtime(db) as rt:
        in_uow(rt, service.set_developer_status, develop_id=develop_id, status=Status.DISABLED)
    typer.echo(f"{develop_id} disabled")


@app.command("enable")
def enable(develop_id: Annotated[str, typer.Argument(help="The developer's developId.")], db: DbOption = None) -> None:
    """Let a disabled developer in again; timers that fell due meanwhile fire, held callbacks are delivered."""
    with runtime(db) as rt:
        in_uow(rt, service.set_developer_status, develop_id=develop_id, status=Status.ACTIVE)
    typer.echo(f"{develop_id} enabled")


@app.command("sub-accounts")
def sub_accounts(
    develop_id: Annotated[str, typer.Argument(help="The developer's developId.")], db: DbOption = None
) -> None:
    """List a developer's sub-accounts (the values allowed in the user-id header)."""
    with runtime(db) as rt, rt.uow() as uow:
        if uow.accounts.get_developer(develop_id) is None:
            fail(f"developer {develop_id} does not exist")
        for sub in uow.accounts.list_sub_accounts(develop_id):
            typer.echo(f"{sub.user_id}  {sub.status.value:<9} {sub.name}")


@app.command("add-sub-account")
def add_sub_account(
    develop_id: Annotated[str, typer.Argument(help="The developer's developId.")],
    name: Annotated[str, typer.Argument(help="A label for the sub-account.")],
    db: DbOption = None,
) -> None:
    """Create a sub-account; its userId may then sign requests for this developer."""
    with runtime(db) as rt:
        sub = in_uow(rt, service.create_sub_account, develop_id=develop_id, name=name, now_ms=rt.clock.now_ms())
    typer.echo(sub.user_id)


@app.command("disable-sub-account")
def disable_sub_account(user_id: Annotated[str, typer.Argument()], db: DbOption = None) -> None:
    """Stop a sub-account from signing requests (its data is kept)."""
    with runtime(db) as rt:
        in_uow(rt, service.set_sub_account_status, user_id=user_id, status=Status.DISABLED)
    typer.echo(f"{user_id} disabled")


@app.command("credit")
def credit(
    develop_id: Annotated[str, typer.Argument(help="The developer's developId.")],
    amount_fen: Annotated[int, typer.Argument(help="Amount in fen (100 fen = ¥1).")],
    memo: Annotated[str, typer.Option(help="Ledger memo.")] = "manual top-up",
    key: Annotated[str | None, typer.Option(help="Idempotency key; repeating a key is refused.")] = None,
    db: DbOption = None,
) -> None:
    """Top a wallet up: one ledger row."""
    with runtime(db) as rt:
        entry = in_uow(
            rt, wallet.credit, develop_id=develop_id, amount_fen=amount_fen, memo=memo,
            entry_key=f"credit:{key or uuid.uuid4().hex}", now_ms=rt.clock.now_ms(),
        )  # fmt: skip
    typer.echo(f"credited {entry.amount}; balance {Money(entry.balance_after_fen, entry.amount.currency)}")


@app.command("ledger")
def ledger(
    develop_id: Annotated[str, typer.Argument(help="The developer's developId.")],
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    db: DbOption = None,
) -> None:
    """Show the latest wallet movements."""
    with runtime(db) as rt, rt.uow() as uow:
        for e in uow.wallets.entries(develop_id, limit=limit):
            typer.echo(f"{e.id:>6}  {e.kind:<12} {str(e.amount):>18}  → {Money(e.balance_after_fen)}  {e.memo}")


def demo(
    as_json: Annotated[bool, typer.Option("--json", help="Print the credentials as one JSON object.")] = False,
    products: Annotated[int, typer.Option(min=0, help="Seed this many demo catalog products (idempotent).")] = 0,
    seed: Annotated[int, typer.Option(min=0, help="Catalog generator seed.")] = 1,
    images: Annotated[bool, typer.Option(help="Embed the products' pictures for image search.")] = True,
    background: Annotated[
        bool,
        typer.Option(
            "--embed-in-background",
            help="Return once the products are written and embed their pictures in a detached process"
            " (`kuajing catalog embed`); image search finds them as they are embedded.",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Seed the demo developer (once) and print its credentials; ``--products N`` also seeds the catalog."""
    from kuajing.cli.catalog import seed_with_progress

    with runtime(db) as rt:
        creds = in_uow(rt, service.ensure_demo, now_ms=rt.clock.now_ms())
        base_url = rt.settings.base_url
        if products:
            typer.echo(
                seed_with_progress(rt, products=products, seed=seed, images=images, background=background), err=True
            )
    info = {
        "baseUrl": base_url,
        "accessKey": creds.access_key,
        "accessSecret": creds.access_secret,
        "userId": creds.user_id,
        "developId": creds.develop_id,
    }
    if as_json:
        typer.echo(json.dumps(info))
        return
    typer.echo("Kuajing demo developer")
    for k, v in info.items():
        typer.echo(f"  {k:<13}{v}")
