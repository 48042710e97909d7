"""Storage contract, on SQLite and PostgreSQL: commits, rollbacks, the outbox, the wallet, timers, the schema."""

from __future__ import annotations

import orjson
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from kuajing.domain.accounts import wallet
from kuajing.domain.accounts.model import Address
from kuajing.domain.errors import DuplicateError, InsufficientBalanceError
from kuajing.domain.jobs import JobState, ScheduledJob
from kuajing.domain.messages import OutgoingMessage, Platform
from kuajing.domain.money import CNY, Money
from kuajing.domain.uow import UnitOfWork
from kuajing.market.timers import MAX_ATTEMPTS, run_due_jobs
from kuajing.runtime import Runtime
from kuajing.store import outbox
from kuajing.store.database import sqlalchemy_url
from kuajing.store.db import ReadOnlyWriteError
from kuajing.store.tables import goods, metadata
from tests.concurrency import race
from tests.conftest import new_developer


def _message(develop_id: str, aggregate_id: str = "po-1") -> OutgoingMessage:
    return OutgoingMessage(develop_id, "TEST_EVENT", Platform.TAOBAO, "test", aggregate_id, {"k": "v"})


def _messages(rt: Runtime, develop_id: str) -> list[str]:
    with rt.db.snapshot() as tx:
        return [m.message_id for m in outbox.read_messages(tx, develop_id=develop_id)]


def test_nothing_is_kept_without_commit(runtime: Runtime) -> None:
    creds = new_developer(runtime)
    with runtime.uow() as uow:
        wallet.credit(uow, develop_id=creds.develop_id, amount_fen=500, memo="x", entry_key="k1", now_ms=1)
        uow.publish(_message(creds.develop_id))
    with runtime.uow() as uow:
        assert uow.wallets.balance_fen(creds.develop_id, CNY) == 0
    assert _messages(runtime, creds.develop_id) == []


def test_a_failed_transaction_leaves_neither_the_change_nor_its_message(runtime: Runtime) -> None:
    creds = new_developer(runtime)
    with pytest.raises(RuntimeError), runtime.uow() as uow:
        wallet.credit(uow, develop_id=creds.develop_id, amount_fen=500, memo="x", entry_key="k1", now_ms=1)
        uow.publish(_message(creds.develop_id))
        raise RuntimeError("boom after the change and the message")
    with runtime.uow() as uow:
        assert uow.wallets.balance_fen(creds.develop_id, CNY) == 0
    assert _messages(runtime, creds.develop_id) == []


def test_committed_change_and_message_are_both_there_with_sequences(runtime: Runtime) -> None:
    creds = new_developer(runtime)
    for _ in range(3):
        with runtime.uow() as uow:
            wallet.credit(
                uow,
                develop_id=creds.develop_id,
                amount_fen=100,
                memo="x",
                entry_key=uow.publish(_message(creds.develop_id)),
                now_ms=1,
            )
            uow.commit()
    with runtime.db.snapshot() as tx:
        stored = outbox.read_messages(tx, develop_id=creds.develop_id)
    assert [m.sequence for m in stored] == [1, 2, 3] and len({m.message_id for m in stored}) == 3
    assert stored[0].body == {"k": "v"}
    with runtime.uow() as uow:
        assert uow.wallets.balance_fen(creds.develop_id, CNY) == 300


def test_wallet_refuses_overdraft_and_repeated_movement_and_balance_is_the_ledger_sum(runtime: Runtime) -> None:
    creds = new_developer(runtime)
    d = creds.develop_id
    with runtime.uow() as uow:
        wallet.credit(uow, develop_id=d, amount_fen=1000, memo="top up", entry_key="credit:1", now_ms=1)
        wallet.charge(uow, develop_id=d, amount=Money(400), kind="pay", entry_key="pay:1", memo="order", now_ms=2)
        with pytest.raises(InsufficientBalanceError):
            wallet.charge(uow, develop_id=d, amount=Money(601), kind="pay", entry_key="pay:2", memo="order", now_ms=3)
        with pytest.raises(DuplicateError):
            wallet.charge(uow, develop_id=d, amount=Money(100), kind="pay", entry_key="pay:1", memo="again", now_ms=4)
        assert uow.wallets.balance_fen(d, CNY) == 600 == uow.wallets.ledger_sum_fen(d, CNY)
        assert [e.amount.fen for e in uow.wallets.entries(d, limit=10)] == [-400, 1000]
        uow.commit()


def test_concurrent_debits_never_overdraw_and_a_movement_happens_once(runtime: Runtime) -> None:
    creds = new_developer(runtime)
    d = creds.develop_id
    with runtime.uow() as uow:
        wallet.credit(uow, develop_id=d, amount_fen=1000, memo="top up", entry_key="credit:1", now_ms=1)
        uow.commit()

    def pay(i: int) -> None:
        with runtime.uow() as uow:
            # 8 threads try to pay 300 each (only 3 fit); threads 0 and 1 share one entry key (a double pay)
            wallet.charge(
                uow, develop_id=d, amount=Money(300), kind="pay", entry_key=f"pay:{max(i, 1)}", memo="", now_ms=2
            )
            uow.commit()

    errors = [r for r in race(8, pay) if isinstance(r, Exception)]
    assert all(
        isinstance(e, (InsufficientBalanceError, DuplicateError)) or "duplicate" in str(e).lower() for e in errors
    ), errors
    with runtime.uow() as uow:
        assert uow.wallets.balance_fen(d, CNY) == 100 == uow.wallets.ledger_sum_fen(d, CNY)
        assert len(uow.wallets.entries(d, limit=100)) == 4


def test_timers_fire_on_the_developer_clock_once_and_retry_failures(runtime: Runtime) -> None:
    creds = new_developer(runtime)
    d = creds.develop_id
    fired: list[str] = []

    def ok(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
        fired.append(job.ref)
        uow.publish(_message(d, job.ref))

    def broken(uow: UnitOfWork, job: ScheduledJob, now_ms: int) -> None:
        uow.publish(_message(d, "never"))
        raise ValueError("seller unreachable")

    now = runtime.clock.now_ms()
    with runtime.uow() as uow:
        uow.schedule(develop_id=d, kind="ok", ref="soon", due_at_ms=now + 3_600_000)
        uow.schedule(develop_id=d, kind="ok", ref="later", due_at_ms=now + 7_200_000)
        uow.schedule(develop_id=d, kind="ok", ref="cancelled", due_at_ms=now + 60_000)
        uow.schedule(develop_id=d, kind="broken", ref="b", due_at_ms=now + 60_000)
        uow.cancel_jobs("ok", ref="cancelled")
        uow.commit()
    handlers = {"ok": ok, "broken": broken}
    assert run_due_jobs(runtime, handlers) == 0 and fired == []
    with runtime.uow() as uow:
        uow.platform.set_clock_offset_ms(d, 3_700_000)
        uow.commit()
    run_due_jobs(runtime, handlers)
    assert fired == ["soon"]
    assert run_due_jobs(runtime, handlers) == 0  # the failed job waits a minute before its retry
    for _ in range(MAX_ATTEMPTS):
        with runtime.uow() as uow:
            uow.platform.set_clock_offset_ms(d, uow.platform.clock_offset_ms(d) + 61_000)
            uow.commit()
        run_due_jobs(runtime, handlers)
    with runtime.db.snapshot() as tx:
        states = {
            r["ref"]: (r["state"], r["attempts"]) for r in tx.all("SELECT ref, state, attempts FROM scheduled_jobs")
        }
    assert states["b"] == (JobState.FAILED.value, MAX_ATTEMPTS)
    assert states["cancelled"][0] == JobState.CANCELLED.value and states["later"][0] == JobState.PENDING.value
    assert "never" not in [m for m in _messages_aggregates(runtime, d)]  # a failed job's message rolled back


def _messages_aggregates(rt: Runtime, develop_id: str) -> list[str]:
    with rt.db.snapshot() as tx:
        return [m.aggregate_id for m in outbox.read_messages(tx, develop_id=develop_id)]


def test_migrations_produce_exactly_the_declared_schema(runtime: Runtime) -> None:
    engine = create_engine(sqlalchemy_url(runtime.settings.database_url))
    try:
        with engine.connect() as conn:
            opts = {"compare_type": True, "include_object": goods.include_in_schema_diff}
            diff = compare_metadata(MigrationContext.configure(conn, opts=opts), metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_after_commit_runs_once_on_commit_and_never_on_rollback(runtime: Runtime) -> None:
    ran: list[str] = []
    tx = runtime.db.begin()
    tx.after_commit(lambda: ran.append("committed"))
    tx.commit()
    tx.commit()  # a second commit of a closed transaction does nothing
    tx = runtime.db.begin()
    tx.after_commit(lambda: ran.append("rolled back"))
    tx.rollback()
    assert ran == ["committed"]


def test_after_commit_does_not_run_when_the_transaction_failed(runtime: Runtime) -> None:
    ran: list[str] = []
    tx = runtime.db.begin()
    tx.scalar("SELECT 1 AS one")
    tx.after_commit(lambda: ran.append("committed"))
    if runtime.db.dialect == "sqlite":
        tx.execute("ROLLBACK")  # as SQLite does by itself after some errors (disk full, I/O error)
    else:
        with pytest.raises(Exception, match="division by zero"):
            tx.scalar("SELECT 1 / 0 AS x")  # PostgreSQL's transaction is now failed; COMMIT rolls it back
    tx.commit()
    assert ran == []


def test_addresses_read_back_exactly_whatever_their_text(runtime: Runtime) -> None:
    """The address list as JSON is written by SQLite itself (Tx.json_objects): text that JSON must escape, text beyond
    the BMP, 64-bit integers and booleans come back exactly as written, in id order and in the shape asked for."""
    creds = new_developer(runtime)
    awkward = 'q"uote \\ back\nline\ttab\x1f 😀 文一西路'
    if runtime.db.dialect == "sqlite":
        awkward += "\x00nul"  # PostgreSQL text cannot hold NUL at all
    with runtime.uow() as uow:
        first = uow.addresses.add(Address(creds.develop_id, awkward, "15068763421", "null", created_at_ms=2**62))
        second = uow.addresses.add(
            Address(creds.develop_id, "[1, 2]", "0", '{"a": 1}', town_text=awkward, is_default=True)
        )
        uow.commit()
    with runtime.uow(write=False) as uow:
        assert uow.addresses.list(creds.develop_id) == [first, second]
        assert uow.addresses.list("0000000000000000000") == []
        shape = [("when", "created_at_ms"), ("isDefault", "is_default"), ("name", "full_name"), ("town", "town_text")]
        listed = uow.read_models.address_list_json(creds.develop_id, shape)
        expected = [
            {"when": a.created_at_ms, "isDefault": a.is_default, "name": a.full_name, "town": a.town_text}
            for a in (first, second)
        ]
        assert orjson.dumps(orjson.loads(listed)) == orjson.dumps(expected)  # in order; false / true, never 0 / 1
        assert uow.read_models.address_list_json("0000000000000000000", shape) == "[]"


@pytest.mark.parametrize("name", ["fullName'", "a b", "名字", ""])
def test_an_address_json_key_or_field_that_is_not_an_identifier_is_refused(runtime: Runtime, name: str) -> None:
    """Keys and fields are written into the statement: anything but an identifier is refused before it runs."""
    creds = new_developer(runtime)
    with runtime.uow(write=False) as uow:
        for shape in ([(name, "full_name")], [("fullName", name)]):
            with pytest.raises(ValueError, match="must be an identifier"):
                uow.read_models.address_list_json(creds.develop_id, shape)


def test_a_read_only_unit_of_work_refuses_a_write_and_leaves_nothing(runtime: Runtime) -> None:
    creds = new_developer(runtime)
    with runtime.uow(write=False) as uow:
        with pytest.raises(ReadOnlyWriteError):
            wallet.credit(uow, develop_id=creds.develop_id, amount_fen=100, memo="m", entry_key="ro", now_ms=1)
        assert uow.wallets.balance_fen(creds.develop_id, CNY) == 0  # reads still work
    with runtime.uow(write=False) as uow:
        assert uow.wallets.balance_fen(creds.develop_id, CNY) == 0
