"""Time, injected. Domain code never reads the system clock: it is handed ``now_ms`` or a :class:`Clock`.

In sandbox mode every developer has an offset that ``POST /sandbox/clock/advance`` moves forward; the developer's
"now" is the platform clock plus that offset, so payment timeouts, shipping and refund deadlines can be tested
without waiting. Signature timestamps are always checked against the real clock, because clients sign with it.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now_ms(self) -> int:
        """Milliseconds since the Unix epoch, UTC."""
        ...


class SystemClock:
    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000


class ManualClock:
    """A clock tests move by hand."""

    def __init__(self, start_ms: int) -> None:
        self._now = start_ms

    def now_ms(self) -> int:
        return self._now

    def advance(self, *, seconds: float = 0, ms: int = 0) -> None:
        self._now += int(seconds * 1000) + ms


class OffsetClock:
    """A developer's sandbox clock: the platform clock plus a fixed offset."""

    def __init__(self, base: Clock, offset_ms: int) -> None:
        self._base = base
        self.offset_ms = offset_ms

    def now_ms(self) -> int:
        return self._base.now_ms() + self.offset_ms
