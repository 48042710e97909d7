"""Pure-ASGI middleware: a request id for every request, an envelope for every refusal the router makes, CORS."""

from __future__ import annotations

from operator import itemgetter

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kuajing.api.cors import Cors, ResponseHeaders
from kuajing.api.errors import ApiError, error_response
from kuajing.protocol.codes import Code
from kuajing.protocol.envelope import new_request_id

_name = itemgetter(0)  # of an ASGI header


class EnvelopeMiddleware:
    """Give each request an id (``scope["state"]["request_id"]``), turn anything that escapes into an envelope, and
    answer CORS for allowed origins (api/cors.py) when ``cors`` is given."""

    def __init__(self, app: ASGIApp, *, mirror_status: bool, cors: Cors | None = None) -> None:
        self.app = app
        self.mirror_status = mirror_status
        self.cors = cors

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added: ResponseHeaders | None = None
        # a C-level scan of the header names: a request without Origin (no browser) costs next to nothing more
        if self.cors is not None and b"origin" in map(_name, scope["headers"]):
            preflight, added = self.cors.answer(scope["method"], scope["headers"])
            if preflight:
                await send({"type": "http.response.start", "status": 204, "headers": added})
                await send({"type": "http.response.body", "body": b""})
                return
        request_id = new_request_id()
        scope.setdefault("state", {})["request_id"] = request_id
        scope.setdefault("app", self.app)  # makes Starlette raise HTTPException(405) instead of answering plain text
        started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if added:
                    message = {**message, "headers": [*message.get("headers", ()), *added]}
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception as exc:  # the last line of defence keeps the envelope
            if started:
                raise
            if isinstance(exc, HTTPException):
                code = Code.METHOD_NOT_ALLOWED if exc.status_code == 405 else Code.UNKNOWN_ROUTE
                exc = ApiError(code, f"{scope.get('method')} {scope.get('path')}")
            response = error_response(exc, request_id=request_id, develop_id=None, mirror_status=self.mirror_status)
            await response(scope, receive, send_wrapper)


async def unknown_route(scope: Scope, receive: Receive, send: Send) -> None:
    """The router's default: an envelope with UNKNOWN_ROUTE instead of a plain-text 404."""
    raise ApiError(Code.UNKNOWN_ROUTE, f"{scope.get('method')} {scope.get('path')}")
