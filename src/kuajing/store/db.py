"""Transactions on the two supported databases: :class:`Tx` (one open transaction), the rows it returns and the
errors it raises. What opens them is :class:`~kuajing.store.database.Database`.

SQL is written once, in a portable subset, with ``:name`` parameters; :func:`_to_pyformat` rewrites it for psycopg.
Rows come back as plain dicts on both back ends (or as JSON text, from :meth:`Tx.json_objects`). SQLAlchemy Core is
used for the schema and Alembic migrations only.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections.abc import Callable, Mapping, Sequence, Set
from functools import lru_cache
from typing import Any, Literal

import orjson

Dialect = Literal["sqlite", "postgresql"]
Row = dict[str, Any]
Params = Mapping[str, Any] | Sequence[Any] | None  # ``:name`` parameters; SQLite also takes ``?`` ones

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


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLA", "CREAT", "DROP ", "ALTER")


class ReadOnlyWriteError(RuntimeError):
    """A write was sent in a read-only transaction: the code asked for the wrong kind of unit of work."""


def _refuse_write(sql: str) -> None:
    """A read-only transaction never commits, so a write in it would be lost without a word (SQLite would even run
    it, and roll it back): refuse it where it is made. A prefix test costs nothing next to the statement."""
    if sql.lstrip()[:6].upper().startswith(_WRITES):
        raise ReadOnlyWriteError(f"a read-only unit of work cannot write: {sql[:60]}")


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
        if not self.writable:
            _refuse_write(sql)
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
        if not self.writable:
            _refuse_write(sql)
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
