"""``kuajing messages …``: callback URLs, signing secrets, the message feed, delivery logs and redelivery."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated

import typer

from kuajing.cli.common import DbOption, fail, in_uow, runtime
from kuajing.delivery.safety import TargetPolicy
from kuajing.delivery.signer import load_signer
from kuajing.delivery.verify import verify_callback_url
from kuajing.domain.delivery import callbacks, service
from kuajing.domain.delivery.model import SigningSecret
from kuajing.domain.delivery.states import DeliveryState
from kuajing.domain.errors import DomainError
from kuajing.store import delivery_claims

app = typer.Typer(
    no_args_is_help=True, help="Message callbacks: URLs, signing secrets, feed, delivery log, redelivery."
)
signing = typer.Typer(no_args_is_help=True, help="The Standard Webhooks signing secret (whsec_…) of callbacks.")
app.add_typer(signing, name="signing-secret")

DevelopId = Annotated[str, typer.Argument(help="The developer's developId.")]


@app.command("set-url")
def set_url(
    develop_id: DevelopId,
    url: Annotated[str, typer.Argument(help="The callback URL (http or https).")],
    verify: Annotated[bool, typer.Option("--verify/--no-verify", help="POST CALLBACK_VERIFY first.")] = True,
    db: DbOption = None,
) -> None:
    """Set a developer's callback URL after a signed CALLBACK_VERIFY POST answered 2xx (like PandaPon's
    console)."""
    with runtime(db) as rt:
        clock = rt.developer_clock(develop_id)
        now = rt.clock.now_ms()
        signer = in_uow(rt, load_signer, develop_id=develop_id, now_ms=now, sandbox=rt.settings.sandbox)
        if verify:
            try:
                asyncio.run(
                    verify_callback_url(
                        url,
                        develop_id=develop_id,
                        signer=signer,
                        policy=TargetPolicy.from_settings(rt.settings),
                        timeout_ms=rt.settings.delivery_timeout_ms,
                        now_ms=now,
                    )
                )
            except DomainError as exc:
                fail(exc.message)
        in_uow(rt, callbacks.save_callback_url, develop_id=develop_id, url=url, now_ms=clock.now_ms())
    typer.echo(f"callback URL of {develop_id} set to {url}" + ("" if verify else " (not verified)"))


@app.command("get-url")
def get_url(develop_id: DevelopId, db: DbOption = None) -> None:
    """Show a developer's callback URL."""
    with runtime(db) as rt, rt.uow() as uow:
        endpoint = uow.deliveries.get_endpoint(develop_id)
    typer.echo(endpoint.url if endpoint else "(no callback URL)")


@app.command("clear-url")
def clear_url(develop_id: DevelopId, db: DbOption = None) -> None:
    """Remove a developer's callback URL (messages keep going to the pull feed)."""
    with runtime(db) as rt:
        removed = in_uow(rt, callbacks.clear_callback_url, develop_id=develop_id)
    typer.echo("removed" if removed else "there was no callback URL")


def _echo_secret(secret: SigningSecret, now_ms: int) -> None:
    typer.echo(f"signingSecret {secret.secret}")
    if len(secret.valid_at(now_ms)) > 1 and secret.previous_valid_until_ms is not None:
        left_s = (secret.previous_valid_until_ms - now_ms) // 1000
        typer.echo(f"previous      {secret.previous_secret}  (still signs for {left_s} s)")


@signing.command("show")
def show_signing_secret(develop_id: DevelopId, db: DbOption = None) -> None:
    """Show a developer's signing secret (made now if the developer has none yet)."""
    with runtime(db) as rt:
        now = rt.clock.now_ms()
        secret = in_uow(rt, callbacks.signing_secret, develop_id=develop_id, now_ms=now)
    _echo_secret(secret, now)


@signing.command("rotate")
def rotate_signing_secret(
    develop_id: DevelopId,
    overlap: Annotated[
        int | None,
        typer.Option(help="Seconds the current secret keeps signing too. Env: KUAJING_DELIVERY_SIGNING_OVERLAP_S."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Issue a new signing secret; pushes carry both signatures until the overlap ends."""
    with runtime(db) as rt:
        now = rt.clock.now_ms()
        overlap_s = rt.settings.delivery_signing_overlap_s if overlap is None else overlap
        secret = in_uow(rt, callbacks.rotate_signing_secret, develop_id=develop_id, overlap_s=overlap_s, now_ms=now)
    _echo_secret(secret, now)


@app.command("list")
def list_messages(
    develop_id: DevelopId,
    after: Annotated[int, typer.Option(help="Cursor: list messages with a larger id.")] = 0,
    limit: Annotated[int, typer.Option(help="At most this many (1–200).")] = 50,
    message_type: Annotated[str | None, typer.Option("--type", help="Only this messageType.")] = None,
    state: Annotated[DeliveryState | None, typer.Option(help="Only this delivery state.")] = None,
    db: DbOption = None,
) -> None:
    """List a developer's messages and their delivery state, oldest first."""
    with runtime(db) as rt:
        page = in_uow(
            rt,
            service.list_messages,
            develop_id=develop_id,
            after_id=after,
            limit=limit,
            message_type=message_type,
            state=state,
        )
    for m in page.items:
        status = f"HTTP {m.last_http_status}" if m.last_http_status else (m.last_error or "")
        typer.echo(f"{m.id:>8}  {m.message_id}  {m.message_type:<44} {m.state.value:<12} {m.attempts:>2}  {status}")
    if page.has_more:
        typer.echo(f"(more: --after {page.next_cursor})")


@app.command("log")
def log(develop_id: DevelopId, message_id: Annotated[str, typer.Argument()], db: DbOption = None) -> None:
    """Show a message and every delivery attempt."""
    with runtime(db) as rt:
        m = in_uow(rt, service.delivery_log, develop_id=develop_id, message_id=message_id)
    typer.echo(f"{m.message_id}  {m.message_type}  seq {m.sequence}  state {m.state.value}  attempts {m.attempts}")
    typer.echo(json.dumps(m.body, ensure_ascii=False))
    for a in m.attempt_log:
        answer = f"HTTP {a.http_status}" if a.http_status is not None else "-"
        typer.echo(f"  #{a.attempt_no} at {a.attempted_at_ms}  {answer:<9} {a.latency_ms:>5} ms  {a.error or ''}")


@app.command("redeliver")
def redeliver(
    develop_id: DevelopId,
    message_id: Annotated[str | None, typer.Option("--message-id", help="One message.")] = None,
    since: Annotated[int | None, typer.Option(help="Messages created at or after this epoch ms.")] = None,
    until: Annotated[int | None, typer.Option(help="… and before this epoch ms.")] = None,
    state: Annotated[list[DeliveryState] | None, typer.Option(help="Only these states (repeatable).")] = None,
    db: DbOption = None,
) -> None:
    """Deliver one message, or a time range of messages, again now (a new round of retries)."""
    with runtime(db) as rt:
        now = rt.developer_clock(develop_id).now_ms()
        queued = in_uow(
            rt,
            service.redeliver,
            develop_id=develop_id,
            message_id=message_id,
            start_ms=since,
            end_ms=until,
            states=state or None,
            now_ms=now,
        )
    typer.echo(f"queued {queued} message(s)")


@app.command("stats")
def stats(db: DbOption = None) -> None:
    """How many deliveries are in each state (all developers)."""
    with runtime(db) as rt, rt.db.snapshot() as tx:
        counts = delivery_claims.backlog(tx)
    for name in DeliveryState:
        typer.echo(f"{name.value:<13} {counts.get(name.value, 0)}")
