"""Connections and transactions on the two supported databases.

SQLite (the embedded default) runs on the stdlib ``sqlite3`` driver, called inline: a statement costs less than a
hop to a worker thread would, and SQLAlchemy's async-over-aiosqlite path measured 7× slower on a signed read.
PostgreSQL runs on psycopg 3 with a connection pool; its calls go to a worker thread so the event loop keeps serving
while the network round trips happen.

SQL is written once, in a portable subset, with ``:name`` parameters; :func:`_to_pyformat` rewrites it for psycopg.
Rows come back as plain dicts on both back ends (or as JSON text, from :meth:`Tx.json_objects`). SQLAlchemy Core is
used for the schema and Alembic migrations only.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, ParamSpec, TypeVar

import anyio.to_thread
import orjson

Dialect = Literal["sqlite", "postgresql"]
Row = dict[str, Any]
Params = Mapping[str, Any] | Sequence[Any] | None  # ``:name`` parameters; SQLite also takes ``?`` ones

P = ParamSpec("P")
T = TypeVar("T")

SQLITE_BUSY_TIMEOUT_MS = 10_000  # a writer waits this long for another process's write lock before failing
PG_POOL_MAX = 16
SQLITE_WAL_AUTOCHECKPOINT_PAGES = 10_000

_NO_PARAMS: Mapping[str, Any] = {}

_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=4096)
def _to_pyformat(sql: str) -> str:
    """Rewrite ``:name`` parameters to psycopg's ``%(name)s`` (escaping literal ``%``)."""
    return _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))


def _check_names(fields: Sequence[tuple[str, str]]) -> None:
    """Keys and columns of :meth:`Tx.json_objects` are written into its statement: only identifiers are."""
    for name in itertools.chain.from_iterable(fields):
        if not (name.isascii() and name.isidentifier()):
            raise ValueError(f"a JSON key or column must be an identifier, not {name!r}")


@lru_cache(maxsize=64)
def _sqlite_json_objects(fields: tuple[tuple[str, str], ...], booleans: frozenset[str], rest: str) -> str:
    """The statement of :meth:`Tx.json_objects` on SQLite, written once per shape."""
    _check_names(fields)
    values = ", ".join(
        f"'{key}', " + (f"json(CASE WHEN {column} THEN 'true' ELSE 'false' END)" if column in booleans else column)
        for key, column in fields
    )
    return f"SELECT json_object({values}) {rest}"


class DatabaseError(Exception):
    """The database is unreachable or answered with an error the caller cannot act on."""


class IntegrityError(DatabaseError):
    """A unique, foreign-key or check constraint refused the statement."""


def _sqlite_rows(cursor: sqlite3.Cursor, rows: list[tuple[Any, ...]]) -> list[Row]:
    """Tuples → dicts, reading the column names once per statement; a row factory reads them again for every row
    (and ``scalar`` builds no dict at all)."""
    if not rows:
        return []
    names = [col[0] for col in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in rows]


class Tx:
    """One open transaction. Statements run in it until the owner commits or rolls back."""

    def __init__(
        self,
        dialect: Dialect,
        conn: Any,
        release: Callable[[Any], None] | None = None,
        *,
        writable: bool = True,
        owned: bool = True,
    ) -> None:
        self.dialect: Dialect = dialect
        self.writable = writable  # False: opened read-only (Database.begin(write=False))
        # False: SQLite reads that began no transaction of their own (each statement reads in its own, or in the
        # snapshot the event loop's pass shares: Database._read_turn); ending them ends nothing
        self._owned = owned
        self._conn = conn
        self._release = release
        self.closed = False
        self._after_commit: list[Callable[[], None]] = []

    def after_commit(self, fn: Callable[[], None]) -> None:
        """Call ``fn`` once this transaction has committed; never if it rolls back or the commit fails."""
        self._after_commit.append(fn)

    def commit(self) -> None:
        if self._end("COMMIT"):
            for fn in self._after_commit:
                fn()
        self._after_commit.clear()

    def rollback(self) -> None:
        self._end("ROLLBACK")
        self._after_commit.clear()

    def _end(self, verb: str) -> bool:
        """End the transaction; True if ``verb`` was carried out (SQLite may already have rolled it back itself)."""
        if self.closed:
            return False
        self.closed = True
        if not self._owned:
            return False
        try:
            if self.dialect == "sqlite":
                if not self._conn.in_transaction:
                    return False
                self._conn.execute(verb)
                return True
            from psycopg.pq import TransactionStatus

            # a failed statement leaves the transaction INERROR, and COMMIT then rolls it back
            carried_out = bool(self._conn.info.transaction_status != TransactionStatus.INERROR)
            if verb == "COMMIT":
                self._conn.commit()
            else:
                self._conn.rollback()
            return carried_out
        finally:
            if self._release is not None:
                self._release(self._conn)

    def _cursor(self, sql: str, params: Params) -> Any:
        try:
            if self.dialect == "sqlite":
                return self._conn.execute(sql, params or {})
            cur = self._conn.cursor()
            cur.execute(_to_pyformat(sql), params or {})
            return cur
        except (sqlite3.IntegrityError, _pg_integrity_error()) as exc:
            raise IntegrityError(str(exc)) from exc

    def execute(self, sql: str, params: Params = None) -> int:
        """Run a statement and return the number of rows it changed."""
        cur = self._cursor(sql, params)
        return int(cur.rowcount)

    def execute_many(self, sql: str, rows: list[Mapping[str, Any]]) -> None:
        if not rows:
            return
        try:
            if self.dialect == "sqlite":
                self._conn.executemany(sql, rows)
            else:
                with self._conn.cursor() as cur:
                    cur.executemany(_to_pyformat(sql), rows)
        except (sqlite3.IntegrityError, _pg_integrity_error()) as exc:
            raise IntegrityError(str(exc)) from exc

    def one(self, sql: str, params: Params = None) -> Row | None:
        cur = self._cursor(sql, params)
        row = cur.fetchone()
        if row is None or self.dialect != "sqlite":
            return row  # type: ignore[no-any-return]
        return _sqlite_rows(cur, [row])[0]

    def all(self, sql: str, params: Params = None) -> list[Row]:
        cur = self._cursor(sql, params)
        if self.dialect == "sqlite":
            return _sqlite_rows(cur, cur.fetchall())
        rows: list[Row] = cur.fetchall()
        return rows

    def json_objects(
        self, fields: Sequence[tuple[str, str]], rest: str, params: Params = None, *, booleans: Set[str] = frozenset()
    ) -> str:
        """Rows of ``SELECT … {rest}`` as the text of one JSON array: each row an object with ``fields``' keys, in their
        order, holding the column it names — for a hot list that is only sent on, never used as objects.

        SQLite writes each object itself (``json_object``); the rows are joined here in the order ``rest`` gives.
        Reading the columns one by one, building objects and serialising them again is work such a list does not
        need (docs/performance.md, "Signed requests"). Columns in ``booleans`` are sent as ``true`` /
        ``false`` (SQLite stores 0 / 1); other columns must hold text, integers or NULL. PostgreSQL builds the same
        JSON from its rows here. Keys and columns must be identifiers: they are written into the statement.
        """
        if self.dialect == "sqlite":
            rows = self._conn.execute(
                _sqlite_json_objects(tuple(fields), frozenset(booleans), rest), params or _NO_PARAMS
            )
            return "[" + ",".join([r[0] for r in rows]) + "]"
        _check_names(fields)
        keys = [key for key, _ in fields]
        from psycopg.rows import tuple_row

        with self._conn.cursor(row_factory=tuple_row) as cur:
            cur.execute(_to_pyformat(f"SELECT {', '.join(column for _, column in fields)} {rest}"), params or {})
            return orjson.dumps([dict(zip(keys, row, strict=True)) for row in cur.fetchall()]).decode()

    def scalar(self, sql: str, params: Params = None) -> Any:
        row = self._cursor(sql, params).fetchone()
        if row is None:
            return None
        return row[0] if self.dialect == "sqlite" else next(iter(row.values()))

    def savepoint(self) -> Any:
        """A nested savepoint: ``with tx.savepoint(): ...`` undoes only its own statements on error."""
        return _Savepoint(self)


class _Savepoint:
    _names = itertools.count(1)

    def __init__(self, tx: Tx) -> None:
        self._tx = tx
        self._name = f"sp_{next(_Savepoint._names)}"

    def __enter__(self) -> None:
        self._tx.execute(f"SAVEPOINT {self._name}")

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is not None:
            self._tx.execute(f"ROLLBACK TO SAVEPOINT {self._name}")
        self._tx.execute(f"RELEASE SAVEPOINT {self._name}")


def _pg_integrity_error() -> type[Exception]:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is part of the server extra
        return sqlite3.IntegrityError
    return psycopg.IntegrityError


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
