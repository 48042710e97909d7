"""The delivery loop: claim a batch of due messages, POST them concurrently, settle the batch in one
transaction.

No database transaction is open while requests are in flight: claiming commits a lease (``claimed_until_ms``)
and the results are written afterwards, only where the claim token still matches. A worker killed mid-batch
leaves its claims to expire; another worker (or the restarted one) then sends them again — at-least-once,
never lost. Several workers share the work (SKIP LOCKED on PostgreSQL, the write lock on SQLite) without two
of them sending the same message in the same attempt. A worker asked to stop lets its requests in flight finish and
releases the claims of the messages it had not sent yet.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
import ssl
import uuid
from collections.abc import Awaitable
from typing import TYPE_CHECKING

import httpx

from kuajing.delivery.safety import Target, TargetPolicy, UnsafeTarget, resolve_target
from kuajing.delivery.sender import CONNECT_TIMEOUT_S, SendResult, post, push_body, push_headers
from kuajing.delivery.signer import Signer, load_signer
from kuajing.domain.delivery.model import Attempt, Claimed, Settled
from kuajing.domain.delivery.retries import after_attempt, parse_schedule
from kuajing.domain.delivery.states import DELIVERY, DeliveryAction, DeliveryState

if TYPE_CHECKING:
    from kuajing.runtime import Runtime

log = logging.getLogger("kuajing.delivery")

CONNECTIONS_PER_POOL = 4


class DeliveryWorker:
    def __init__(self, runtime: Runtime, *, worker_id: str | None = None, rng: random.Random | None = None) -> None:
        settings = runtime.settings
        self.runtime = runtime
        self.worker_id = worker_id or f"{socket.gethostname()[:32]}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.schedule = parse_schedule(settings.delivery_retry_schedule)
        self.policy = TargetPolicy.from_settings(settings)
        self.timeout_s = settings.delivery_timeout_ms / 1000
        self.batch_size = settings.delivery_batch_size
        self.concurrency = settings.delivery_concurrency
        self.lease_ms = settings.delivery_lease_s * 1000
        self.max_body = settings.delivery_max_body_bytes
        self.poll_interval_s = settings.delivery_poll_interval_s
        self.rng = rng or random.Random()
        self.sent = 0  # attempts made by this worker (for the CLI and the bench)
        self._pools: list[tuple[httpx.AsyncClient, asyncio.Semaphore]] = []
        self._stop = asyncio.Event()  # set: messages of the batch in flight that were not sent yet are released

    async def _open(self) -> None:
        """The connection pools, and one request to a listener of our own.

        httpcore's pool scans every connection for every request, so one pool of 32 connections is ~4× slower than 8
        pools of 4 (bench/delivery.py): requests are spread over small pools of ``CONNECTIONS_PER_POOL``, together
        ``concurrency`` connections, each with a semaphore of its size. The warm-up request loads and initialises the
        HTTP stack (anyio's and httpcore's backends are imported on the first connection): in a fresh process that
        took the first push's whole time budget on a busy machine."""
        tls = httpx.create_ssl_context(trust_env=False)  # one for all pools: loading the CA bundle takes ~0.1 s
        for start in range(0, self.concurrency, CONNECTIONS_PER_POOL):
            size = min(CONNECTIONS_PER_POOL, self.concurrency - start)
            limits = httpx.Limits(max_connections=size, max_keepalive_connections=size)
            client = httpx.AsyncClient(
                verify=tls,
                follow_redirects=False,
                trust_env=False,
                limits=limits,
                timeout=httpx.Timeout(self.timeout_s, connect=CONNECT_TIMEOUT_S),
            )
            self._pools.append((client, asyncio.Semaphore(size)))
        try:
            await _warm_up(tls)
        except (OSError, httpx.HTTPError):  # pushes work without it, the first one only slower
            log.warning("warming up the HTTP client failed", exc_info=True)

    def _pool(self, index: int) -> tuple[httpx.AsyncClient, asyncio.Semaphore]:
        """The pool of the ``index``-th message of a batch. A request takes its pool's semaphore before its time
        starts, so it never waits inside httpx for a free connection: the timeout measures the receiver, not a queue
        on our side."""
        return self._pools[index % len(self._pools)]

    async def aclose(self) -> None:
        pools, self._pools = self._pools, []
        for client, _ in pools:
            await client.aclose()

    # -- one batch -------------------------------------------------------------------------------------------
    def _claim(self, token: str) -> tuple[list[Claimed], dict[str, Signer]]:
        rt = self.runtime
        now = rt.clock.now_ms()
        with rt.uow() as uow:
            claimed = uow.deliveries.claim_due(
                now_ms=now,
                lease_until_ms=now + self.lease_ms,
                token=token,
                limit=self.batch_size,
                sandbox=rt.settings.sandbox,
            )
            signers = {
                d: load_signer(uow, develop_id=d, now_ms=now, sandbox=rt.settings.sandbox)
                for d in {c.develop_id for c in claimed}
            }
            uow.commit()  # the claims, and signing secrets made on first use
        return claimed, signers

    def _settle(self, results: list[Settled], token: str) -> None:
        """Record the batch's attempts and give back the claims of messages it did not send (a stop came first)."""
        with self.runtime.uow() as uow:
            uow.deliveries.settle(results)
            uow.deliveries.release(token)
            uow.commit()

    async def run_once(self) -> int:
        """Claim and handle one batch; returns how many messages it handled (0: nothing was due)."""
        token = uuid.uuid4().hex
        claimed, signers = await self.runtime.db.run(self._claim, token)
        if not claimed:
            return 0
        if not self._pools:
            await self._open()
        targets: dict[str, asyncio.Task[Target]] = {}
        jobs: list[Awaitable[Settled | None]] = [
            self._handle(c, i, token, signers[c.develop_id], targets) for i, c in enumerate(claimed)
        ]
        results = [r for r in await asyncio.gather(*jobs) if r is not None]
        await self.runtime.db.run(self._settle, results, token)
        self.sent += sum(1 for r in results if r.attempt is not None)
        return len(results)

    async def _target(self, url: str, targets: dict[str, asyncio.Task[Target]]) -> Target:
        task = targets.get(url)
        if task is None:  # resolve each URL once per batch
            task = targets[url] = asyncio.ensure_future(resolve_target(url, self.policy))
        return await task

    async def _handle(
        self,
        c: Claimed,
        index: int,
        token: str,
        signer: Signer,
        targets: dict[str, asyncio.Task[Target]],
    ) -> Settled | None:
        """Send one claimed message; None when the worker was stopped before its turn came (it is released)."""
        now = self.runtime.clock.now_ms() + signer.offset_ms
        if c.url is None:
            unsubscribed = DELIVERY.next_state(c.state, DeliveryAction.UNSUBSCRIBE)
            return Settled(c.outbox_id, token, unsubscribed, None, now, None, "no callback URL is set")
        body = push_body(
            message_type=c.message_type,
            platform=c.platform,
            body_json=c.body,
            timestamp_ms=now,
            message_id=c.message_id,
            sequence=c.sequence,
        )
        if len(body) > self.max_body:
            reason = f"not sent: the body is {len(body)} bytes, over the {self.max_body}-byte limit"
            log.warning("message %s %s", c.message_id, reason)
            failed = DELIVERY.next_state(c.state, DeliveryAction.REJECT)
            return Settled(c.outbox_id, token, failed, None, now, None, reason)
        try:
            if signer.access_secret is None:
                result = SendResult(None, "not sent: the developer has no active access key to sign with", 0, "")
            else:
                target = await self._target(c.url, targets)
                client, connections = self._pool(index)
                async with connections:
                    if self._stop.is_set():
                        return None
                    platform_now = self.runtime.clock.now_ms()
                    now = platform_now + signer.offset_ms
                    headers = push_headers(
                        body,
                        access_secret=signer.access_secret,
                        signing_secrets=signer.signing_secrets,
                        message_id=c.message_id,
                        sent_at_s=platform_now // 1000,
                        sequence=c.sequence,
                        attempt_no=c.attempts + 1,
                    )
                    result = await post(
                        client, target, body, headers, timeout_s=self.timeout_s, disclose=target.disclosed
                    )
        except UnsafeTarget as exc:
            result = SendResult(None, f"not sent: {exc}", 0, "")
        except Exception as exc:  # one bad message must not sink the batch
            log.exception("delivering message %s failed unexpectedly", c.message_id)
            result = SendResult(None, f"internal error: {exc!r}"[:500], 0, "")
        outcome = after_attempt(
            state=c.state,
            ok=result.ok,
            permanent=False,
            round_failures=c.round_attempts + 1,
            now_ms=now,
            schedule=self.schedule,
            rng=self.rng,
        )
        if outcome.state is DeliveryState.DEAD:
            log.warning("message %s is dead after %d attempts: %s", c.message_id, c.attempts + 1, result.error)
        attempt = Attempt(
            attempt_no=c.attempts + 1,
            attempted_at_ms=now,
            url=c.url,
            http_status=result.http_status,
            error=result.error,
            latency_ms=result.latency_ms,
            response_snippet=result.snippet,
            worker=self.worker_id,
        )
        return Settled(c.outbox_id, token, outcome.state, outcome.next_attempt_at_ms, now, attempt)

    # -- the loop --------------------------------------------------------------------------------------------
    async def drain(self, *, max_batches: int = 1_000_000) -> int:
        """Handle batches until nothing is due; returns how many messages were handled (tests, ``--once``)."""
        total = 0
        for _ in range(max_batches):
            n = await self.run_once()
            if n == 0:
                break
            total += n
        return total

    async def run(self, stop: asyncio.Event | None = None) -> None:
        """Deliver until ``stop`` is set. Requests in flight then finish; messages of the batch that were not sent
        yet are released for the next worker. A failing tick is logged and retried."""
        self._stop = stop = stop or asyncio.Event()
        try:
            while not stop.is_set():
                try:
                    handled = await self.run_once()
                except Exception:  # e.g. the database is briefly unavailable
                    log.exception("delivery tick failed")
                    handled = 0
                if handled == 0:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), self.poll_interval_s)
        finally:
            await self.aclose()


async def _warm_up(tls: ssl.SSLContext) -> None:
    """One GET through httpx to a throwaway listener on 127.0.0.1, answered 204."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    async with server, httpx.AsyncClient(verify=tls, trust_env=False) as client:
        await client.get(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/", timeout=10)
