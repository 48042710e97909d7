"""The database's own background work in a server process: what SQLite needs beside the requests, nothing on
PostgreSQL.

- WAL checkpoints on a worker thread once a second, so that no request's COMMIT has to checkpoint.
- The search index read ahead (store/search_memory.py) whenever nothing is read ahead — at start and after a catalog
  change too large to follow — so that the first buyer to search a common word does not pay for listing it.

The API's lifespan runs what :func:`server_upkeep` returns; it does not know which engine it serves.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from typing import Any

import anyio.to_thread

from kuajing.store.database import Database
from kuajing.store.search_memory import SearchMemory

log = logging.getLogger("kuajing.store")

CHECKPOINT_EVERY_S = 1.0
#: how often the server looks whether its search memory wants reading ahead, and how long it waits after an attempt
#: the catalog overtook (an import in progress)
SEARCH_WARM_CHECK_S = 2.0
SEARCH_WARM_RETRY_S = 30.0


def server_upkeep(db: Database, search: SearchMemory, *, background: bool) -> list[Coroutine[Any, Any, None]]:
    """The loops a server process runs for its database; ``background``: the server also runs background work
    (timers, pruning), and then reads the search index ahead too."""
    if db.dialect != "sqlite":
        return []
    loops = [checkpoints(db)]
    if background and search.warm_docs:
        loops.append(search_warming(db, search))
    return loops


def checkpoints_in_server(db: Database) -> bool:
    """Whether the server process checkpoints this database (so other processes' commits must not)."""
    return db.dialect == "sqlite"


async def checkpoints(db: Database) -> None:
    db.checkpoint_off_the_hot_path()
    while True:
        await asyncio.sleep(CHECKPOINT_EVERY_S)
        try:
            await anyio.to_thread.run_sync(db.checkpoint)
        except Exception:
            log.exception("WAL checkpoint failed")


async def search_warming(db: Database, memory: SearchMemory) -> None:
    while True:
        pause = SEARCH_WARM_CHECK_S
        if memory.wants_warming:
            started = time.monotonic()
            try:
                if await anyio.to_thread.run_sync(memory.warm, db):
                    log.info("search index read ahead in %.1f s", time.monotonic() - started)
                else:
                    pause = SEARCH_WARM_RETRY_S
            except Exception:
                log.exception("reading the search index ahead failed")
                pause = SEARCH_WARM_RETRY_S
        await asyncio.sleep(pause)
