"""``kuajing worker``: deliver messages until SIGTERM/SIGINT (requests in flight finish; the rest of the batch is
released)."""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Annotated, Any

import typer

from kuajing.cli.common import DbOption, runtime


def worker(
    db: DbOption = None,
    concurrency: Annotated[
        int | None, typer.Option(help="Requests in flight. Env: KUAJING_DELIVERY_CONCURRENCY.")
    ] = None,
    batch_size: Annotated[
        int | None, typer.Option(help="Messages per claim. Env: KUAJING_DELIVERY_BATCH_SIZE.")
    ] = None,
    poll_interval: Annotated[
        float | None,
        typer.Option(help="Seconds between polls when idle. Env: KUAJING_DELIVERY_POLL_INTERVAL_S."),
    ] = None,
    sandbox: Annotated[bool | None, typer.Option("--sandbox/--no-sandbox", help="Env: KUAJING_SANDBOX.")] = None,
    once: Annotated[bool, typer.Option(help="Deliver what is due now, then exit.")] = False,
) -> None:
    """Deliver message callbacks. Run as many as you like on PostgreSQL; they share the work."""
    from kuajing.delivery.worker import DeliveryWorker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is the delivery log's job
    overrides: dict[str, Any] = {
        "delivery_concurrency": concurrency,
        "delivery_batch_size": batch_size,
        "delivery_poll_interval_s": poll_interval,
        "sandbox": sandbox,
    }
    with runtime(db, **overrides) as rt:
        w = DeliveryWorker(rt)
        typer.echo(f"delivery worker {w.worker_id} on {rt.db.dialect} (schedule {w.schedule.name})", err=True)

        async def main() -> None:
            if once:
                await w.drain()
                await w.aclose()
                return
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, stop.set)
            await w.run(stop)

        asyncio.run(main())
        typer.echo(f"delivery worker {w.worker_id} stopped after {w.sent} attempt(s)", err=True)
