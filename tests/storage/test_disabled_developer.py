"""A disabled developer's timers wait, unclaimed and uncounted, and fire when the developer is enabled again."""

from __future__ import annotations

from kuajing.domain.accounts import service
from kuajing.domain.accounts.model import Status
from kuajing.domain.jobs import ScheduledJob
from kuajing.domain.uow import UnitOfWork
from kuajing.market.timers import run_due_jobs
from kuajing.runtime import Runtime
from tests.conftest import new_developer


def _set(rt: Runtime, develop_id: str, status: Status) -> None:
    with rt.uow() as uow:
        service.set_developer_status(uow, develop_id=develop_id, status=status)
        uow.commit()


def test_a_disabled_developers_due_timers_wait_and_fire_once_enabled(runtime: Runtime) -> None:
    locked, bystander = new_developer(runtime).develop_id, new_developer(runtime).develop_id
    fired: list[str] = []

    def handler(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
        fired.append(job.ref)

    now = runtime.clock.now_ms()
    with runtime.uow() as uow:
        uow.schedule(develop_id=locked, kind="t", ref="locked-early", due_at_ms=now - 60_000)
        uow.schedule(develop_id=locked, kind="t", ref="locked-late", due_at_ms=now - 1_000)
        uow.schedule(develop_id=bystander, kind="t", ref="bystander", due_at_ms=now - 1_000)
        uow.commit()
    _set(runtime, locked, Status.DISABLED)
    assert run_due_jobs(runtime, {"t": handler}) == 1 and fired == ["bystander"]
    assert run_due_jobs(runtime, {"t": handler}, develop_id=locked) == 0  # asked for by name: still waits
    with runtime.db.snapshot() as tx:
        waiting = tx.all("SELECT state, attempts FROM scheduled_jobs WHERE develop_id = :d", {"d": locked})
    assert [(w["state"], w["attempts"]) for w in waiting] == [("pending", 0), ("pending", 0)]
    _set(runtime, locked, Status.ACTIVE)
    assert run_due_jobs(runtime, {"t": handler}) == 2
    assert fired == ["bystander", "locked-early", "locked-late"]  # missed timers fire at once, earliest first
