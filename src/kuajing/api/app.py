"""The app factory: routes from every section's ``ENDPOINTS``, the envelope middleware, background timers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route, Router
from starlette.types import ASGIApp

from kuajing.api import aftersales_sandbox, basis, images, messages, sandbox, system, warehouse, warehouse_operator
from kuajing.api.alibaba import aftersales as alibaba_aftersales
from kuajing.api.alibaba import cart as alibaba_cart
from kuajing.api.alibaba import cashier as alibaba_cashier
from kuajing.api.alibaba import goods as alibaba_goods
from kuajing.api.alibaba import orders as alibaba_orders
from kuajing.api.alibaba import sandbox as alibaba_sandbox
from kuajing.api.cors import Cors
from kuajing.api.endpoint import Endpoint, starlette_endpoint
from kuajing.api.gateway import Gateway
from kuajing.api.middleware import EnvelopeMiddleware, unknown_route
from kuajing.api.openapi import build_openapi
from kuajing.api.reference import render_reference
from kuajing.api.responses import dump
from kuajing.api.router import FastRouter, Handler
from kuajing.api.taobao import aftersales as taobao_aftersales
from kuajing.api.taobao import cart as taobao_cart
from kuajing.api.taobao import goods as taobao_goods
from kuajing.api.taobao import orders as taobao_orders
from kuajing.api.taobao import sandbox as taobao_sandbox
from kuajing.delivery.process import DeliveryProcess
from kuajing.market.handlers import job_handlers
from kuajing.market.timers import run_due_jobs
from kuajing.runtime import Runtime

log = logging.getLogger("kuajing.api")

NONCE_PRUNE_EVERY_S = 60.0
NONCE_PRUNE_BATCH = 2_000  # rows per transaction: SQLite's write lock is held briefly (docs/performance.md)
IDEMPOTENCY_PRUNE_BATCH = 500  # rows per transaction; each holds a stored answer of a few kB (docs/idempotency.md)
#: Shutdown waits for the delivery process this long beyond the delivery timeout (its requests in flight end within
#: the timeout; then it records them).
DELIVERY_STOP_MARGIN_S = 10.0


def all_endpoints() -> list[Endpoint]:
    return [
        *system.ENDPOINTS, *basis.ENDPOINTS, *sandbox.ENDPOINTS,
        *taobao_orders.ENDPOINTS, *taobao_cart.ENDPOINTS, *taobao_sandbox.ENDPOINTS,
        *taobao_goods.ENDPOINTS, *alibaba_goods.ENDPOINTS, *images.ENDPOINTS,
        *warehouse.ENDPOINTS, *warehouse_operator.ENDPOINTS,
        *alibaba_cart.ENDPOINTS, *alibaba_orders.ENDPOINTS, *alibaba_cashier.ENDPOINTS, *alibaba_sandbox.ENDPOINTS,
        *taobao_aftersales.ENDPOINTS, *alibaba_aftersales.ENDPOINTS, *aftersales_sandbox.ENDPOINTS,
        *messages.ENDPOINTS,
    ]  # fmt: skip


def create_app(runtime: Runtime, *, endpoints: list[Endpoint] | None = None) -> ASGIApp:
    """Build the ASGI app. Refuses (NotMigratedError) when the database schema is not at this version's heads."""
    runtime.check_migrated()
    settings = runtime.settings
    endpoints = all_endpoints() if endpoints is None else endpoints
    routes: list[BaseRoute] = []
    fixed: dict[tuple[str, str], Handler] = {}
    claimed: set[tuple[str, str]] = set()
    gateway = Gateway(runtime)
    for ep in endpoints:
        if ep.sandbox_only and not settings.sandbox:
            continue
        handle = starlette_endpoint(ep, runtime, gateway)
        for path in ep.paths:
            if (ep.method, path) in claimed:
                raise ValueError(f"two endpoints claim {ep.method} {path}")
            claimed.add((ep.method, path))
            routes.append(Route(path, handle, methods=[ep.method], include_in_schema=False))
            if "{" not in path:
                fixed[(ep.method, path)] = handle

    openapi = build_openapi(endpoints, sandbox=settings.sandbox)
    openapi_body = dump(openapi)
    docs_body = render_reference(openapi)
    landing: list[str] = []  # built on first use: by then every route, the console's too, is in `routes`

    async def openapi_json(request: Request) -> Response:
        return Response(openapi_body, media_type="application/json")

    async def docs(request: Request) -> Response:
        return HTMLResponse(docs_body)

    async def home(request: Request) -> Response:
        if not landing:
            console = any(getattr(r, "path", "").startswith("/console") for r in routes)
            landing.append(system.landing_page(sandbox=settings.sandbox, console=console))
        return HTMLResponse(landing[0])

    for path, view in (("/openapi.json", openapi_json), ("/docs", docs), ("/", home)):
        routes.append(Route(path, view, methods=["GET"]))
        fixed[("GET", path)] = view

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        tasks = [asyncio.create_task(loop) for loop in runtime.server_upkeep(background=settings.run_background)]
        if settings.run_background:
            tasks.append(asyncio.create_task(_background(runtime)))
        # KUAJING_DELIVERY_IN_PROCESS: in a child process, so the delivery timeout measures the receiver and not this
        # loop's queue of requests (delivery/process.py)
        delivery = None
        if settings.run_background and settings.delivery_in_process:
            delivery = DeliveryProcess(settings, checkpoints_elsewhere=runtime.checkpoints_in_server)
            delivery.start()
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if delivery is not None:
                wait_s = settings.delivery_timeout_ms / 1000 + DELIVERY_STOP_MARGIN_S
                if not await anyio.to_thread.run_sync(delivery.stop, wait_s):
                    log.warning("the delivery process did not stop within %.0f s; its claims expire with their lease",
                                wait_s)  # fmt: skip

    # no redirect for a trailing slash: a 307 without an envelope, built from the client's Host header
    router = Router(routes=routes, default=unknown_route, lifespan=lifespan, redirect_slashes=False)
    cors = Cors(settings.cors_allowed) if settings.cors_allowed else None
    return EnvelopeMiddleware(
        FastRouter(fixed, router), mirror_status=settings.error_http_status == "mirror", cors=cors
    )


async def _background(runtime: Runtime) -> None:
    """Fire due timers every ``timer_interval_s``; prune expired nonces and idempotency keys every minute."""
    handlers = job_handlers()
    loop = asyncio.get_running_loop()
    next_prune = 0.0
    while True:
        try:
            await runtime.db.run(run_due_jobs, runtime, handlers)
            if loop.time() >= next_prune:
                next_prune = loop.time() + NONCE_PRUNE_EVERY_S
                while await runtime.db.run(_prune_nonces, runtime):
                    await asyncio.sleep(0)  # requests go on between batches
                while await runtime.db.run(_prune_idempotency_keys, runtime):
                    await asyncio.sleep(0)
        except Exception:  # the loop must survive a bad tick (e.g. a locked database)
            log.exception("background tick failed")
        await asyncio.sleep(runtime.settings.timer_interval_s)


def _prune_nonces(runtime: Runtime) -> int:
    """One batch of expired nonces, in its own short transaction (SQLite runs it on the event loop's thread)."""
    with runtime.uow() as uow:
        pruned = uow.platform.prune_nonces(now_ms=runtime.clock.now_ms(), limit=NONCE_PRUNE_BATCH)
        uow.commit()
        return pruned


def _prune_idempotency_keys(runtime: Runtime) -> int:
    """One batch of expired idempotency keys, in its own short transaction, like :func:`_prune_nonces`."""
    with runtime.uow() as uow:
        pruned = uow.idempotency.prune(now_ms=runtime.clock.now_ms(), limit=IDEMPOTENCY_PRUNE_BATCH)
        uow.commit()
        return pruned
