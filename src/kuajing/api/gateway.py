"""The signed gateway of one app: who is calling, and claiming their nonces — both without a transaction each.

Every signed request needs its key's record (key, secrets, sub-account, sandbox clock) and must durably claim its
nonce before it acts. Done naively that is a read and a write transaction per request, and on SQLite the two cost
more than everything else a signed read does (docs/performance.md). So:

* **Records are kept** between requests, tagged with the *gateway version* they were read at. A database trigger
  bumps that version whenever a developer (its status), a key, a sub-account or a sandbox clock changes — from any
  process, the CLI or plain SQL (migrations 0009 and 0015). Every nonce transaction reads the current version; a request verified with a record of an
  older version is not admitted on it but verified again from the database. A refusal is never decided on a kept
  record either: the record is read again first. Only the positive path is cached, and never past a change.
* **Nonces are claimed in groups** (group commit): the requests that reach their claim while a group is open share
  one write transaction, which also reads the gateway version. On SQLite the group stays open for another pass of
  the event loop as long as requests keep joining it (at most :data:`GROUP_PASSES` passes), so under load a commit
  serves every connection that is waiting, and a lone request is committed in the pass it arrived. With rate limits
  on, the buckets are written in the request's own transaction as before, so such requests read their record from
  the database.

The state kept here is a cache of the database, checked against it in the transaction that admits the request, so
several server processes on one database stay exact (design.md: no correctness in process-local state).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING

from kuajing.api.errors import KnownCallerError
from kuajing.domain.accounts.auth import (
    Caller,
    RateLimits,
    SignedHeaders,
    claim_nonces,
    read_headers,
    replay_refusal,
    take_rate_tokens,
    verify,
)
from kuajing.domain.accounts.model import GatewayRecord
from kuajing.domain.errors import AuthError

if TYPE_CHECKING:
    from kuajing.runtime import Runtime

#: Kept records beyond this many are dropped all at once (a record is one key + one user-id).
MAX_RECORDS = 10_000

#: SQLite: a claim group waits at most this many more passes of the event loop for requests to join it. A commit costs
#: about the same whatever its size (statements, WAL writes, locks); one pass brings the requests that arrived in one
#: read of the sockets (~11 of wrk's 32 connections), two or three bring all of them
#: (docs/performance.md, "Signed requests").
GROUP_PASSES = 8


#: one request waiting for its group's commit: its caller, whether it was verified with a kept record (admit it
#: only if the gateway version has not moved since), and its outcome — True admitted, False replayed, None verify
#: again. A plain tuple: one is built per signed request.
_Pending = tuple[Caller, bool, "asyncio.Future[bool | None]"]


class Gateway:
    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        s = runtime.settings
        self._limits = RateLimits(
            s.rate_limit_key_rps, s.rate_limit_key_burst, s.rate_limit_user_rps, s.rate_limit_user_burst
        )
        self._records: dict[tuple[str, str], GatewayRecord] = {}
        self._version = 0  # the newest gateway version seen
        self._pending: list[_Pending] = []
        self._flushing = False
        self._group_passes = 0  # SQLite: passes the open group has waited, and its size when it last looked
        self._group_seen = 1
        self._loop: asyncio.AbstractEventLoop | None = None  # the flushing group's loop
        self._flush_task: asyncio.Task[None] | None = None  # held: the loop keeps only weak references to tasks

    async def admit(self, headers: Mapping[str, str]) -> tuple[Caller, bool]:
        """Steps 1–6 of auth: the caller, and whether it was verified with a kept record."""
        now_ms = self._runtime.clock.now_ms()
        if self._limits.enabled:
            return await self._runtime.db.run(self._authenticate_limited, headers, now_ms), False
        signed = read_headers(headers, now_ms=now_ms)
        record = self._records.get((signed.access_key, signed.user_id))
        if record is not None and record.version == self._version:
            try:
                return verify(signed, record, now_ms=now_ms), True
            except AuthError:
                pass  # a refusal is decided on what the database holds now
        return await self._verify_from_database(signed, now_ms), False

    async def claim(self, caller: Caller, cached: bool, headers: Mapping[str, str]) -> Caller:
        """Claim the caller's nonce (step 6); returns the caller as admitted, or raises the replay refusal."""
        while True:
            loop = self._loop
            if not self._flushing or loop is None:
                # the group's loop, asked once per group (asyncio.get_running_loop() makes a getpid() system call)
                loop = self._loop = asyncio.get_running_loop()
                self._flushing = True
                # runs after the callbacks already queued: the requests of this loop turn join the group
                if self._runtime.db.inline:
                    loop.call_soon(self._flush_inline)
                else:
                    self._flush_task = loop.create_task(self._flush())
            outcome: asyncio.Future[bool | None] = loop.create_future()
            self._pending.append((caller, cached, outcome))
            if await outcome:
                return caller
            if outcome.result() is False:
                raise replay_refusal()
            # the developer, key, sub-account or clock changed after the kept record was read: verify again
            now_ms = self._runtime.clock.now_ms()
            caller = await self._verify_from_database(read_headers(headers, now_ms=now_ms), now_ms)
            cached = False

    # records ----------------------------------------------------------------------------------------------------
    async def _verify_from_database(self, signed: SignedHeaders, now_ms: int) -> Caller:
        return verify(signed, await self._runtime.db.run(self._read_record, signed), now_ms=now_ms)

    def _read_record(self, signed: SignedHeaders) -> GatewayRecord | None:
        with self._runtime.uow(write=False, snapshot=False) as uow:
            record = uow.accounts.gateway_record(signed.access_key, signed.user_id)
        if record is not None:
            self._see_version(record.version)
            if record.version == self._version:
                if len(self._records) >= MAX_RECORDS:
                    self._records.clear()
                self._records[(signed.access_key, signed.user_id)] = record
        return record

    def _see_version(self, version: int) -> None:
        if version != self._version:
            self._records.clear()
            self._version = version

    def _authenticate_limited(self, headers: Mapping[str, str], now_ms: int) -> Caller:
        with self._runtime.uow(write=True) as uow:
            signed = read_headers(headers, now_ms=now_ms)
            caller = verify(signed, uow.accounts.gateway_record(signed.access_key, signed.user_id), now_ms=now_ms)
            try:
                take_rate_tokens(uow, caller, self._limits, now_ms=now_ms)
            except AuthError as exc:  # the caller is known by now: the refusal names it
                raise KnownCallerError(exc, develop_id=caller.develop_id) from None
            uow.commit()  # the rate buckets
            return caller

    # nonces -----------------------------------------------------------------------------------------------------
    def _flush_inline(self) -> None:
        """SQLite: the group's claims, committed right here (its statements run inline, never awaiting) — or, while
        requests still join the group, once more at the end of the next pass of the loop."""
        joined = len(self._pending)
        if joined > self._group_seen and self._group_passes < GROUP_PASSES:
            self._group_seen = joined
            self._group_passes += 1
            assert self._loop is not None
            self._loop.call_soon(self._flush_inline)
            return
        self._group_seen, self._group_passes = 1, 0
        batch, self._pending = self._pending, []
        self._flushing = False
        try:
            outcomes = self._claim(batch)
        except Exception as exc:  # each waiting request answers with it
            self._fail(batch, exc)
            return
        self._settle(batch, outcomes)

    async def _flush(self) -> None:
        """PostgreSQL: claims go to a worker thread; requests arriving meanwhile form the next group."""
        try:
            while self._pending:
                batch, self._pending = self._pending, []
                try:
                    outcomes = await self._runtime.db.run(self._claim, batch)
                except Exception as exc:  # each waiting request answers with it
                    self._fail(batch, exc)
                    continue
                self._settle(batch, outcomes)
        finally:
            self._flushing = False

    @staticmethod
    def _fail(batch: list[_Pending], exc: Exception) -> None:
        for _, _, outcome in batch:
            if not outcome.done():
                outcome.set_exception(exc)

    @staticmethod
    def _settle(batch: list[_Pending], outcomes: list[bool | None]) -> None:
        for (_, _, outcome), result in zip(batch, outcomes, strict=True):
            if not outcome.done():  # a request whose client went away was cancelled
                outcome.set_result(result)

    def _claim(self, batch: list[_Pending]) -> list[bool | None]:
        with self._runtime.uow(write=True) as uow:
            version = uow.platform.gateway_version()
            live = [not cached or caller.gateway_version == version for caller, cached, _ in batch]
            callers = [caller for (caller, _, _), ok in zip(batch, live, strict=True) if ok]
            claimed = iter(claim_nonces(uow, callers, now_ms=self._runtime.clock.now_ms()))
            uow.commit()
        self._see_version(version)
        return [next(claimed) if ok else None for ok in live]
