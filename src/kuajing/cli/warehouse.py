"""``kuajing warehouse …``: the warehouse operator's side — receive parcels, see inventory, manage channels."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Annotated, Any

import typer

from kuajing.cli.common import DbOption, fail, in_uow, runtime
from kuajing.domain.errors import DomainError, NotFoundError
from kuajing.domain.warehouse import channels as channel_service
from kuajing.domain.warehouse import parcels
from kuajing.domain.warehouse.model import Channel, Condition
from kuajing.domain.warehouse.states import ParcelState

app = typer.Typer(no_args_is_help=True, help="The forwarding warehouse: inbound, inventory, channels.")
channels_app = typer.Typer(no_args_is_help=True, help="International channels: rules and prices (data).")
app.add_typer(channels_app, name="channels")


def _csv(value: str | None) -> list[str] | None:
    return None if value is None else [v.strip() for v in value.split(",") if v.strip()]


@app.command("receive")
def receive(
    carrier: Annotated[str, typer.Argument(help="Domestic carrier code on the label, e.g. YTO.")],
    tracking_no: Annotated[str, typer.Argument(help="Domestic tracking number on the label.")],
    weight_g: Annotated[int, typer.Option("--weight-g", min=1, help="Weight in grams.")],
    size: Annotated[str, typer.Option("--size", help="Length x width x height in cm, e.g. 40x30x20.")],
    photo: Annotated[list[str] | None, typer.Option("--photo", help="Photo URL (repeatable, up to 9).")] = None,
    condition: Annotated[Condition, typer.Option(help="Condition of the parcel on arrival.")] = Condition.GOOD,
    develop_id: Annotated[
        str | None,
        typer.Option(help="The developer named on the label; needed when several developers forecast the number."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Inbound: a forecast parcel arrived; record what it weighs and measures. Its owner gets a message."""
    match = re.fullmatch(r"\s*(\d+)\s*[xX*]\s*(\d+)\s*[xX*]\s*(\d+)\s*", size)
    if not match:
        fail("--size must look like 40x30x20 (cm)")
    length, width, height = (int(g) for g in match.groups())
    with runtime(db) as rt:
        try:
            with rt.uow(write=False) as uow:
                found = parcels.scanned_parcel(uow, carrier_code=carrier, tracking_no=tracking_no,
                                               develop_id=develop_id)  # fmt: skip
        except NotFoundError as exc:
            fail(f"{exc.message}: it cannot be received before it is forecast")
        except DomainError as exc:  # several developers forecast the number
            fail(exc.message)
        clock = rt.developer_clock(found.develop_id)  # storage days count on the owner's (sandbox) clock
        try:
            with rt.uow(clock) as uow:
                parcel = parcels.receive_parcel(
                    uow, develop_id=found.develop_id, parcel_id=found.id, weight_g=weight_g, length_cm=length,
                    width_cm=width, height_cm=height, photos=photo or [], condition=condition.value,
                    now_ms=clock.now_ms(),
                )  # fmt: skip
                uow.commit()
        except DomainError as exc:
            fail(exc.message)
    typer.echo(f"received parcel {parcel.id} of {parcel.develop_id}: {weight_g} g, {length}x{width}x{height} cm")


@app.command("inventory")
def inventory(
    develop_id: Annotated[str | None, typer.Option(help="Only this developer's parcels.")] = None,
    status: Annotated[ParcelState | None, typer.Option(help="Only parcels in this state.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    db: DbOption = None,
) -> None:
    """List parcels, newest first, with their storage days."""
    with runtime(db) as rt, rt.uow(write=False) as uow:
        parcels, total = uow.warehouse.list_parcels(
            develop_id, states=[status] if status else [], limit=limit, offset=0
        )
        now = rt.clock.now_ms()
        for p in parcels:
            typer.echo(
                f"{p.id:>6}  {p.develop_id}  {p.carrier_code:<6} {p.tracking_no:<20} {p.state.value:<12}"
                f" {p.weight_g:>6} g  {p.storage_days(now):>3} d  {p.condition}"
            )
        typer.echo(f"{total} parcel(s)")


@channels_app.command("list")
def channels_list(
    all_: Annotated[bool, typer.Option("--all", help="Include inactive channels.")] = False, db: DbOption = None
) -> None:
    """Show every channel's rules (seeds the defaults on a fresh database)."""
    with runtime(db) as rt:
        found = in_uow(rt, channel_service.list_channels, active_only=not all_)
    for c in found:
        typer.echo(
            f"{c.code:<14} {'active' if c.active else 'inactive':<8} {','.join(c.countries)}  first {c.first_weight_g} g"
            f" {c.first_weight_fen} fen, +{c.step_g} g {c.step_fen} fen, /{c.volumetric_divisor}, max {c.max_weight_g} g"
            f" {c.max_length_cm} cm girth {c.max_girth_cm} cm, no {','.join(c.prohibited) or '-'}, handling"
            f" {c.handling_fen_per_parcel} fen, {c.transit_days} d"
        )


@channels_app.command("set")
def channels_set(
    code: Annotated[str, typer.Argument(help="Channel code, e.g. AIR_STD (created when new).")],
    name: Annotated[str | None, typer.Option()] = None,
    countries: Annotated[str | None, typer.Option(help="ISO codes, comma-separated: US,GB,DE.")] = None,
    first_weight_g: Annotated[int | None, typer.Option()] = None,
    first_weight_fen: Annotated[int | None, typer.Option()] = None,
    step_g: Annotated[int | None, typer.Option()] = None,
    step_fen: Annotated[int | None, typer.Option()] = None,
    divisor: Annotated[int | None, typer.Option(help="Volumetric divisor, cm³ per kg.")] = None,
    max_weight_g: Annotated[int | None, typer.Option()] = None,
    max_length_cm: Annotated[int | None, typer.Option()] = None,
    max_girth_cm: Annotated[int | None, typer.Option()] = None,
    prohibited: Annotated[str | None, typer.Option(help="Item categories refused, comma-separated.")] = None,
    handling_fen: Annotated[int | None, typer.Option(help="Handling fee per parcel, fen.")] = None,
    transit_days: Annotated[int | None, typer.Option()] = None,
    db: DbOption = None,
) -> None:
    """Create a channel or change some of its rules (options not given keep their value)."""
    with runtime(db) as rt:
        with rt.uow(write=False) as uow:
            current = uow.warehouse.get_channel(code.strip().upper())
        base = current or Channel(
            code=code, name=code, countries=[], first_weight_g=0, first_weight_fen=0, step_g=0, step_fen=0,
            volumetric_divisor=6_000, max_weight_g=0, max_length_cm=0, max_girth_cm=0,
        )  # fmt: skip
        changes: dict[str, Any] = {
            "name": name, "countries": _csv(countries), "first_weight_g": first_weight_g,
            "first_weight_fen": first_weight_fen, "step_g": step_g, "step_fen": step_fen,
            "volumetric_divisor": divisor, "max_weight_g": max_weight_g, "max_length_cm": max_length_cm,
            "max_girth_cm": max_girth_cm, "prohibited": _csv(prohibited), "handling_fen_per_parcel": handling_fen,
            "transit_days": transit_days,
        }  # fmt: skip
        channel = replace(base, **{k: v for k, v in changes.items() if v is not None})
        saved = in_uow(rt, channel_service.upsert_channel, channel=channel, now_ms=rt.clock.now_ms())
    typer.echo(f"channel {saved.code} saved")


def _set_active(code: str, active: bool, db: str | None) -> None:
    with runtime(db) as rt:
        in_uow(rt, channel_service.set_channel_active, code=code, active=active, now_ms=rt.clock.now_ms())
    typer.echo(f"channel {code.upper()} {'enabled' if active else 'disabled'}")


@channels_app.command("disable")
def channels_disable(code: Annotated[str, typer.Argument()], db: DbOption = None) -> None:
    """Stop offering a channel (existing shipments keep it)."""
    _set_active(code, False, db)


@channels_app.command("enable")
def channels_enable(code: Annotated[str, typer.Argument()], db: DbOption = None) -> None:
    """Offer a disabled channel again."""
    _set_active(code, True, db)
