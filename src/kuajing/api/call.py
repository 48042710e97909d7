"""What a handler is given: one authenticated request, its parameters, and the units of work it runs in.

``run`` and ``read`` are the handlers' only way to the database: each opens one unit of work on the developer's
clock (or, under an Idempotency-Key, a part of the request's one transaction — api/idempotency.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel
from starlette.requests import Request

from kuajing.domain.accounts.auth import Caller
from kuajing.domain.clock import OffsetClock
from kuajing.domain.uow import UnitOfWork

if TYPE_CHECKING:
    from kuajing.runtime import Runtime

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class Call(Generic[M]):
    """One authenticated request, as the handler sees it (its nonce is already claimed)."""

    def __init__(
        self, *, runtime: Runtime, request: Request, request_id: str, params: M, caller: Caller | None
    ) -> None:
        self.runtime = runtime
        self.request = request
        self.request_id = request_id
        self.params = params
        self.caller = caller
        self._request_uow: UnitOfWork | None = None  # set by within()

    def within(self, uow: UnitOfWork) -> Call[M]:
        """This call with its units of work inside ``uow``: ``run`` in a savepoint of it, ``read`` in it, neither
        committing — the request's one transaction (api/idempotency.py)."""
        nested: Call[M] = Call(runtime=self.runtime, request=self.request, request_id=self.request_id,
                               params=self.params, caller=self.caller)  # fmt: skip
        nested._request_uow = uow
        return nested

    @property
    def develop_id(self) -> str:
        assert self.caller is not None, "only signed endpoints have a caller"
        return self.caller.develop_id

    @property
    def user_id(self) -> str:
        assert self.caller is not None, "only signed endpoints have a caller"
        return self.caller.user_id

    @property
    def clock(self) -> OffsetClock:
        offset = self.caller.clock_offset_ms if self.caller and self.runtime.settings.sandbox else 0
        return OffsetClock(self.runtime.clock, offset)

    def path_param(self, name: str) -> str:
        return str(self.request.path_params[name])

    async def run(self, fn: Callable[..., T], **kwargs: Any) -> T:
        """Run ``fn(uow, **kwargs)`` in one unit of work on the developer's clock and commit it."""
        if self.runtime.db.inline:  # SQLite: called here, without a coroutine of Database.run per call
            return self._in_uow(fn, kwargs, write=True)
        return await self.runtime.db.run(self._in_uow, fn, kwargs, write=True)

    async def read(self, fn: Callable[..., T], **kwargs: Any) -> T:
        """Run a read ``fn(uow, **kwargs)`` in one read-only transaction (nothing it does is committed)."""
        if self.runtime.db.inline:
            return self._in_uow(fn, kwargs, write=False)
        return await self.runtime.db.run(self._in_uow, fn, kwargs, write=False)

    def _in_uow(self, fn: Callable[..., T], kwargs: dict[str, Any], *, write: bool) -> T:
        if self._request_uow is not None:
            if not write:
                return fn(self._request_uow, **kwargs)
            with self._request_uow.savepoint():
                return fn(self._request_uow, **kwargs)
        with self.runtime.uow(self.clock, write=write) as uow:
            result = fn(uow, **kwargs)
            if write:
                uow.commit()
            return result
