"""SQLite on an event loop's thread: the read transactions of one pass of the loop share a snapshot
(store/database.py, ``Database._read_turn``) — never past a write of the same thread, never into the next pass."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kuajing.store.database import Database


@pytest.fixture
def dbs(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    """The database as this process and as another process (its own connections) see it."""
    shutil.copy(sqlite_template, tmp_path / "kuajing.db")
    url = f"sqlite:///{tmp_path / 'kuajing.db'}"
    mine, other = Database(url), Database(url)
    try:
        yield mine, other
    finally:
        mine.close()
        other.close()


def _version(db: Database, *, snapshot: bool = True) -> int:
    tx = db.begin(write=False, snapshot=snapshot)
    try:
        return int(tx.scalar("SELECT version FROM gateway_version WHERE id = 1"))
    finally:
        tx.rollback()


def _bump(db: Database) -> None:
    with db.transaction() as tx:
        tx.execute("UPDATE gateway_version SET version = version + 1 WHERE id = 1")


def test_reads_of_one_pass_share_a_snapshot_and_the_next_pass_reads_anew(dbs: tuple[Database, Database]) -> None:
    mine, other = dbs

    async def scenario() -> list[int]:
        first = _version(mine)
        _bump(other)
        same_pass = _version(mine)
        one_statement = _version(mine, snapshot=False)  # reads in the open snapshot and leaves it open
        still = _version(mine)
        await asyncio.sleep(0)  # the next pass: the snapshot was ended
        return [first, same_pass, one_statement, still, _version(mine)]

    first, *rest = asyncio.run(scenario())
    assert rest == [first, first, first, first + 1]


def test_a_write_of_the_same_thread_ends_the_shared_snapshot(dbs: tuple[Database, Database]) -> None:
    mine, other = dbs

    async def scenario() -> list[int]:
        first = _version(mine)
        _bump(other)
        _bump(mine)  # must not fail for the open snapshot, and reads after it see both changes
        return [first, _version(mine)]

    first, after = asyncio.run(scenario())
    assert after == first + 2


def test_without_an_event_loop_every_read_is_its_own_transaction(dbs: tuple[Database, Database]) -> None:
    mine, other = dbs
    first = _version(mine)
    _bump(other)
    assert _version(mine) == first + 1


def _read_in_a_loop_that_stops_at_once(db: Database) -> int:
    """A read whose loop stops before the callback that ends the shared snapshot has run."""
    loop = asyncio.new_event_loop()
    seen: list[int] = []

    def read_then_stop() -> None:
        seen.append(_version(db))
        loop.stop()

    try:
        loop.call_soon(read_then_stop)
        loop.run_forever()
    finally:
        loop.close()
    return seen[0]


def test_a_snapshot_a_stopped_loop_left_open_is_not_read_again(dbs: tuple[Database, Database]) -> None:
    mine, other = dbs

    async def read() -> int:
        return _version(mine)

    first = _read_in_a_loop_that_stops_at_once(mine)
    _bump(other)
    assert asyncio.run(read()) == first + 1  # another loop of the same thread
    second = _read_in_a_loop_that_stops_at_once(mine)
    _bump(other)
    assert _version(mine) == second + 1  # outside a loop
