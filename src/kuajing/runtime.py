"""The composition root's products: settings, the database, the secret box and the clocks, built once.

The API app, the CLI and the workers each build one :class:`Runtime` and pass it on; nothing connects to anything
at import time.
"""

from __future__ import annotations

from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from kuajing.config import Settings
from kuajing.domain.clock import Clock, OffsetClock, SystemClock
from kuajing.protocol.ids import IdCodec
from kuajing.store import migrate, upkeep
from kuajing.store.database import Database
from kuajing.store.memory import ProcessMemory
from kuajing.store.secretbox import SecretBox, load_or_create_key_file, parse_master_key
from kuajing.store.uow import SqlUnitOfWork


@dataclass
class Runtime:
    settings: Settings
    db: Database
    box: SecretBox
    clock: Clock
    memory: ProcessMemory = field(default_factory=ProcessMemory)  # this process's readings of the database

    @classmethod
    def build(cls, settings: Settings, *, clock: Clock | None = None) -> Runtime:
        if settings.secret_key:
            master = parse_master_key(settings.secret_key)
        else:
            master = load_or_create_key_file(settings.var_dir / "master.key")
        memory = ProcessMemory()
        memory.search.warm_docs = settings.search_read_ahead_docs
        return cls(settings=settings, db=Database(settings.database_url), box=SecretBox(master),
                   clock=clock or SystemClock(), memory=memory)  # fmt: skip

    @property
    def id_codec(self) -> IdCodec:
        """v2 encrypted ids, keyed by the master key: stable for as long as the platform keeps its key."""
        return IdCodec(self.box.derive("id-codec"))

    def uow(self, clock: Clock | None = None, *, write: bool = True, snapshot: bool = True) -> SqlUnitOfWork:
        """A unit of work; ``write=False`` opens a read-only one (cheaper on SQLite: no write lock, no WAL commit);
        ``snapshot=False`` lets a read-only one that issues a single statement skip the transaction altogether."""
        return SqlUnitOfWork(self.db, self.box, clock or self.clock, self.memory, write=write, snapshot=snapshot)

    def developer_clock(self, develop_id: str) -> OffsetClock:
        """The developer's sandbox clock (offset 0 outside sandbox mode)."""
        if not self.settings.sandbox:
            return OffsetClock(self.clock, 0)
        with self.uow() as uow:
            return OffsetClock(self.clock, uow.platform.clock_offset_ms(develop_id))

    def applied_revisions(self) -> set[str]:
        """The migration heads the database is at (blocking: run it off the event loop)."""
        return migrate.applied_heads(self.db)

    def expected_revisions(self) -> frozenset[str]:
        """The migration heads this version of Kuajing needs."""
        return migrate.expected_heads()

    def check_migrated(self) -> None:
        """Refuse (``NotMigratedError``) a database whose schema is not at this version's heads."""
        migrate.check_migrated(self.db)

    def server_upkeep(self, *, background: bool) -> list[Coroutine[Any, Any, None]]:
        """The loops a server process runs for its database (store/upkeep.py): WAL checkpoints and the search
        read-ahead on SQLite, none on PostgreSQL."""
        return upkeep.server_upkeep(self.db, self.memory.search, background=background)

    @property
    def checkpoints_in_server(self) -> bool:
        """The server process checkpoints the database, so the delivery process's commits must not."""
        return upkeep.checkpoints_in_server(self.db)

    def close(self) -> None:
        self.db.close()
