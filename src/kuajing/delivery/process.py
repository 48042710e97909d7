"""The delivery loop of ``kuajing serve``, in a child process of its own (``KUAJING_DELIVERY_IN_PROCESS``).

A callback attempt succeeds only when the receiver answers within the timeout (1000 ms). Run as a task on the
server's event loop, every step of a request (connect, write, read) waited for a free pass of that loop, behind the
signed requests and the inline SQLite searches in it: under load the receiver was blamed for the server's queue, and
first attempts failed with "no answer within 1000 ms", to be retried 30 minutes later. A thread of its own is not
enough: it still waits for the interpreter lock while the server's loop computes (docs/messages.md has the figures).
A process shares nothing with the server but the database, as ``kuajing worker`` does.

The server starts it in its lifespan and stops it there (SIGTERM: requests in flight finish, claimed messages not sent
yet are released). If the server dies without stopping it, the child notices that its parent is gone and stops too.
The child builds its own runtime from the server's settings, on the system clock (sandbox offsets are in the
database).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal

from kuajing.config import Settings
from kuajing.delivery.worker import DeliveryWorker
from kuajing.runtime import Runtime

log = logging.getLogger("kuajing.delivery")

#: a freshly started interpreter, not a fork: the server has threads (database pools, workers) a fork would copy
#: in whatever state they were
_CONTEXT = multiprocessing.get_context("spawn")


class DeliveryProcess:
    """``start()`` runs a :class:`DeliveryWorker` for ``settings`` in a child process; ``stop()`` ends it."""

    def __init__(self, settings: Settings, *, checkpoints_elsewhere: bool = False) -> None:
        self._process = _CONTEXT.Process(
            target=_main, args=(settings, checkpoints_elsewhere), name="kuajing-delivery", daemon=True
        )

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def start(self) -> None:
        self._process.start()

    def stop(self, timeout_s: float) -> bool:
        """SIGTERM, then wait up to ``timeout_s`` (blocking). Requests in flight end within the delivery timeout.
        False if it had to be killed: its claims then expire with their lease and another worker sends them."""
        if self._process.pid is None:
            return True
        self._process.terminate()
        self._process.join(timeout_s)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
            return False
        return True


def _main(settings: Settings, checkpoints_elsewhere: bool) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    runtime = Runtime.build(settings)
    try:
        if checkpoints_elsewhere:  # SQLite: the server checkpoints the WAL; commits here must not
            runtime.db.checkpoint_off_the_hot_path()
        asyncio.run(_deliver(runtime))
    finally:
        runtime.close()


async def _deliver(runtime: Runtime) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):  # SIGINT: Ctrl+C reaches the whole process group
        loop.add_signal_handler(sig, stop.set)
    parent = multiprocessing.parent_process()
    if parent is not None:  # its sentinel becomes readable when the server process ends, however it ends
        loop.add_reader(parent.sentinel, stop.set)
    await DeliveryWorker(runtime).run(stop)
