"""The timer runner: fires due jobs on each developer's (sandbox) clock, one transaction per job.

A job's effect, its ``done`` mark and any messages it publishes commit together; a job that raises is retried a
minute later (developer time) and marked ``failed`` after :data:`MAX_ATTEMPTS`. Several runners (server processes,
workers) can run at once: on PostgreSQL each claims with ``FOR UPDATE SKIP LOCKED``; on SQLite the write lock
serialises them. A disabled developer's timers wait, unclaimed, until the developer is enabled (``JobQueue``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from kuajing.domain.jobs import JobState, ScheduledJob

if TYPE_CHECKING:
    from kuajing.domain.clock import Clock
    from kuajing.domain.uow import UnitOfWork, UnitOfWorkSource

log = logging.getLogger("kuajing.timers")

JobHandler = Callable[["UnitOfWork", ScheduledJob, int], None]
MAX_ATTEMPTS = 5
RETRY_DELAY_MS = 60_000


def run_due_jobs(
    runtime: UnitOfWorkSource,
    handlers: Mapping[str, JobHandler],
    *,
    develop_id: str | None = None,
    limit: int = 10_000,
) -> int:
    """Fire every job that is due now; returns how many ran. ``develop_id`` restricts to one developer."""
    if develop_id is None:
        with runtime.uow(write=False) as uow:
            developers = uow.jobs.developers_with_pending()
    else:
        developers = [develop_id]
    fired = 0
    for dev in developers:
        clock = runtime.developer_clock(dev)
        while fired < limit and _fire_one(runtime, handlers, dev, clock):
            fired += 1
    return fired


def _fire_one(runtime: UnitOfWorkSource, handlers: Mapping[str, JobHandler], develop_id: str, clock: Clock) -> bool:
    now = clock.now_ms()
    with runtime.uow(clock) as uow:
        job = uow.jobs.claim_next_due(develop_id=develop_id, now_ms=now)
        if job is None:
            return False
        handler = handlers.get(job.kind)
        if handler is None:
            uow.jobs.finish(job.id, JobState.FAILED, error=f"no handler for job kind {job.kind!r}")
            uow.commit()
            return True
        try:
            with uow.savepoint():
                handler(uow, job, now)
        except Exception as exc:  # a failing job must not stop the others
            log.warning("timer job %s (%s %s) failed: %s", job.id, job.kind, job.ref, exc)
            if job.attempts + 1 >= MAX_ATTEMPTS:
                uow.jobs.finish(job.id, JobState.FAILED, error=repr(exc))
            else:
                uow.jobs.record_failure(job.id, error=repr(exc), retry_at_ms=now + RETRY_DELAY_MS)
        else:
            uow.jobs.finish(job.id, JobState.DONE)
        uow.commit()
        return True
