"""Sandbox: the developer's clock (sandbox mode only)."""

from __future__ import annotations

from kuajing.client._base import Operation
from kuajing.client.resources import AsyncResource, SyncResource
from kuajing.protocol.wire.sandbox import ClockInfo

CLOCK: Operation[ClockInfo] = Operation("GET", "/sandbox/clock", None, ClockInfo)
ADVANCE: Operation[ClockInfo] = Operation("POST", "/sandbox/clock/advance", None, ClockInfo)


class Sandbox(SyncResource):
    def clock(self) -> ClockInfo:
        return self._client.request(CLOCK)

    def advance(self, *, seconds: int) -> ClockInfo:
        """Move this developer's clock forward; timers that fall due fire before the call returns."""
        return self._client.request(ADVANCE, {"seconds": seconds})


class AsyncSandbox(AsyncResource):
    async def clock(self) -> ClockInfo:
        return await self._client.request(CLOCK)

    async def advance(self, *, seconds: int) -> ClockInfo:
        return await self._client.request(ADVANCE, {"seconds": seconds})
