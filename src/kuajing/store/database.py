"""Connections to one database URL (:class:`Database`): SQLite's per-thread connections and the read turn their
event loop's pass shares, PostgreSQL's pool, and the transactions they open (:class:`~kuajing.store.db.Tx`).

SQLite (the embedded default) runs on the stdlib ``sqlite3`` driver, called inline: a statement costs less than a
hop to a worker thread would, and SQLAlchemy's async-over-aiosqlite path measured 7× slower on a signed read.
PostgreSQL runs on psycopg 3 with a connection pool; its calls go to a worker thread so
the event loop keeps serving while the network round trips happen.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import anyio.to_thread

from kuajing.store.db import Dialect, Tx

P = ParamSpec("P")
T = TypeVar("T")

SQLITE_BUSY_TIMEOUT_MS = 10_000  # a writer waits this long for another process's write lock before failing
PG_POOL_MAX = 16
SQLITE_WAL_AUTOCHECKPOINT_PAGES = 10_000


class Database:
    """All connections to one database URL; the only object in Kuajing that opens them."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.dialect: Dialect
        if url.startswith("sqlite:"):
            self.dialect = "sqlite"
            self.sqlite_path = sqlite_path_from_url(url)
            self._local = threading.local()
            self._all_sqlite: list[sqlite3.Connection] = []
            self._lock = threading.Lock()
            self._autocheckpoint_pages = SQLITE_WAL_AUTOCHECKPOINT_PAGES
        elif url.startswith(("postgresql:", "postgres:", "postgresql+psycopg:")):
            self.dialect = "postgresql"
            from psycopg.rows import dict_row
            from psycopg_pool import ConnectionPool

            conninfo = url.replace("postgresql+psycopg:", "postgresql:", 1)
            self._pool = ConnectionPool(
                conninfo, min_size=1, max_size=PG_POOL_MAX, kwargs={"row_factory": dict_row}, open=True
            )
        else:
            raise ValueError(f"unsupported database URL {url!r}: use sqlite:///PATH or postgresql://…")
        self.inline = self.dialect == "sqlite"  # run() calls the work directly: it never awaits

    # -- SQLite -------------------------------------------------------------------------------------------------
    def _sqlite_conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if self.sqlite_path != ":memory:":
                Path(self.sqlite_path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.sqlite_path,
                isolation_level=None,
                check_same_thread=False,
                timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            # Checkpoint every ~40 MB of WAL instead of ~4 MB: each checkpoint syncs, and every signed request writes
            # its nonce, so fewer, larger checkpoints halve the cost of a small write transaction
            # (docs/performance.md, "Signed requests").
            conn.execute(f"PRAGMA wal_autocheckpoint={self._autocheckpoint_pages}")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            self._local.conn = conn
            with self._lock:
                self._all_sqlite.append(conn)
        return conn

    def checkpoint_off_the_hot_path(self) -> None:
        """SQLite: stop committing transactions from running the WAL checkpoint themselves.

        A checkpoint copies the WAL into the database file and syncs it — tens of milliseconds that would otherwise
        stall the event loop inside some unlucky request's COMMIT. The server calls this and then runs
        :meth:`checkpoint` on a worker thread every second instead.
        """
        if self.dialect != "sqlite":
            return
        self._autocheckpoint_pages = 0
        with self._lock:
            for conn in self._all_sqlite:
                conn.execute("PRAGMA wal_autocheckpoint=0")

    def checkpoint(self) -> None:
        """SQLite: a PASSIVE checkpoint (never blocks writers or readers); a no-op on PostgreSQL."""
        if self.dialect == "sqlite":
            self._sqlite_conn().execute("PRAGMA wal_checkpoint(PASSIVE)")

    # -- transactions -------------------------------------------------------------------------------------------
    def begin(self, *, write: bool = True, snapshot: bool = True) -> Tx:
        """Open a transaction; the caller must end it with :meth:`Tx.commit` or :meth:`Tx.rollback`.

        A write transaction on SQLite starts with ``BEGIN IMMEDIATE`` so the write lock is taken up front: a deferred
        transaction that reads and then writes can fail with SQLITE_BUSY when another writer got in between, and no
        timeout helps then. A read-only one on an event loop's thread reads in the snapshot the loop's current pass
        shares (:meth:`_read_turn`). ``snapshot=False`` (read-only, SQLite) skips ``BEGIN``: each statement then reads
        in its own implicit transaction (or in that shared snapshot), all a one-statement read needs.
        """
        if self.dialect == "sqlite":
            conn = self._sqlite_conn()
            if write:
                self._end_read_turn()
                conn.execute("BEGIN IMMEDIATE")
                return Tx("sqlite", conn)
            if not snapshot:
                return Tx("sqlite", conn, writable=False, owned=False)
            turn = getattr(self._local, "turn", None)
            if turn is not None and turn.is_running():  # this thread's loop, in the pass that began the snapshot
                return Tx("sqlite", conn, writable=False, owned=False)
            try:
                loop = asyncio.get_running_loop()  # asked once per pass (it makes a getpid() system call)
            except RuntimeError:
                self._end_read_turn()  # one a loop left open when it stopped
                conn.execute("BEGIN")
                return Tx("sqlite", conn, writable=False)
            return self._read_turn(conn, loop)
        pg_conn = self._pool.getconn()
        return Tx("postgresql", pg_conn, release=self._pool.putconn, writable=write)

    def _read_turn(self, conn: sqlite3.Connection, loop: asyncio.AbstractEventLoop) -> Tx:
        """SQLite, on an event loop's thread: the read transactions of one pass of the loop share one snapshot.

        Beginning and ending a read transaction takes and drops WAL read locks on the ``-shm`` file (system calls):
        under load as costly as the ``SELECT`` itself (docs/performance.md, "Signed requests"). On the loop's thread,
        units of work run one after another and never across an ``await`` (SQLite calls are inline), so reads can share
        a snapshot. It is ended by a callback queued when it begins, which the loop runs after the callbacks already
        queued — the ones of requests that had arrived (sockets are read between passes of the ready queue) — so every
        read in it still sees a state from after its request arrived. A write on this thread ends it first, so reads
        after a write see it; later callbacks begin a new one.
        """
        self._end_read_turn()  # a snapshot another loop of this thread left open when it stopped
        conn.execute("BEGIN")
        self._local.turn = loop
        loop.call_soon(self._end_read_turn)
        return Tx("sqlite", conn, writable=False, owned=False)

    def _end_read_turn(self) -> None:
        if getattr(self._local, "turn", None) is not None:
            self._local.turn = None
            conn = self._sqlite_conn()
            if conn.in_transaction:
                conn.execute("ROLLBACK")

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Tx]:
        """A transaction committed when the block ends normally and rolled back on any exception."""
        tx = self.begin(write=write)
        try:
            yield tx
        except BaseException:
            tx.rollback()
            raise
        if write:
            tx.commit()
        else:
            tx.rollback()

    def snapshot(self) -> Any:
        """A read-only transaction (rolled back at the end; nothing it did can persist)."""
        return self.transaction(write=False)

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run blocking database work from async code: inline on SQLite, on a worker thread for PostgreSQL."""
        if self.inline:
            return fn(*args, **kwargs)
        return await anyio.to_thread.run_sync(lambda: fn(*args, **kwargs))

    def ping(self) -> None:
        with self.snapshot() as tx:
            tx.scalar("SELECT 1 AS one")

    def close(self) -> None:
        if self.dialect == "sqlite":
            with self._lock:
                for conn in self._all_sqlite:
                    conn.close()
                self._all_sqlite.clear()
            self._local = threading.local()
        else:
            self._pool.close()


def sqlite_path_from_url(url: str) -> str:
    """``sqlite:///var/kuajing.db`` → ``var/kuajing.db``; ``sqlite:////abs/path.db`` → ``/abs/path.db``."""
    rest = url.split(":", 1)[1]
    if rest in ("", "//", "///:memory:", "//:memory:"):
        return ":memory:"
    if rest.startswith("///"):
        return rest[3:]
    raise ValueError(f"SQLite URLs look like sqlite:///relative/path.db or sqlite:////absolute/path.db, got {url!r}")


def sqlalchemy_url(url: str) -> str:
    """The same database as a SQLAlchemy URL (psycopg 3 dialect for PostgreSQL)."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url
