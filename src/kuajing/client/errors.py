"""Exceptions raised by the SDK.

KuajingError
├── APIConnectionError        the request did not get an answer (after retries)
│   └── APITimeoutError       …because it timed out
├── ResponseFormatError       the answer was not a PandaPon envelope
└── APIError                  the server answered with ``code != 200`` (with any HTTP status); carries code, msg,
    │                         request_id and the field the server named
    ├── BadRequestError       400xx  malformed request or invalid parameter
    ├── AuthenticationError   401xx  headers, signature, timestamp, nonce or key refused
    ├── PermissionDeniedError 403xx  user-id not a sub-account, sandbox-only route
    ├── NotFoundError         404xx, 405xx  no such object or route
    ├── ConflictError         409xx  state forbids the action, concurrent change, duplicate
    ├── BusinessError         422xx  balance, stock, price, limits
    ├── RateLimitError        429xx  slow down; ``retry_after_s`` says how much
    └── InternalServerError   5xx    the server failed; quote ``request_id``
"""

from __future__ import annotations

from typing import Any


class KuajingError(Exception):
    """Base of every exception the SDK raises."""


class APIConnectionError(KuajingError):
    """No answer: DNS, connection refused, reset… Raised after the retries are spent."""


class APITimeoutError(APIConnectionError):
    """The request timed out (after the retries are spent)."""


class ResponseFormatError(KuajingError):
    """The server answered something that is not a PandaPon envelope (a proxy error page, say)."""

    def __init__(self, message: str, *, http_status: int, body: bytes) -> None:
        super().__init__(message)
        self.http_status = http_status
        self.body = body


class APIError(KuajingError):
    """The envelope carried ``code != 200``."""

    def __init__(
        self,
        *,
        code: int,
        msg: str,
        request_id: str | None,
        http_status: int,
        data: Any = None,
        field: str | None = None,
        retry_after_s: float | None = None,
    ) -> None:
        super().__init__(f"[{code}] {msg} (requestId {request_id})")
        self.code = code
        self.msg = msg
        self.request_id = request_id
        self.http_status = http_status
        self.data = data
        self.field = field  # the offending wire field (a dotted path), when the server named one
        self.retry_after_s = retry_after_s


class BadRequestError(APIError):
    """400xx: the request is malformed or a parameter is invalid (``field`` names it)."""


class AuthenticationError(APIError):
    """401xx: missing header, bad signature, expired timestamp, replayed nonce, unknown or disabled key."""


class PermissionDeniedError(APIError):
    """403xx: the user-id is not a sub-account of the key's developer, or the route is sandbox-only."""


class NotFoundError(APIError):
    """404xx/405xx: the object does not exist for this developer, or there is no such route."""


class ConflictError(APIError):
    """409xx: the object's state forbids the action, a concurrent change won, or it already exists."""


class BusinessError(APIError):
    """422xx: the wallet, stock, price or a limit refused the action."""


class RateLimitError(APIError):
    """429xx: too many requests."""


class InternalServerError(APIError):
    """5xx: the server failed."""


_FAMILIES: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    405: NotFoundError,
    409: ConflictError,
    422: BusinessError,
    429: RateLimitError,
}


def code_family(code: int) -> int:
    """The HTTP-like family of a code: the first three digits of Kuajing's five-digit codes (42901 → 429), or the
    code itself when it is a bare status (``500``)."""
    return code // 100 if code >= 10_000 else code


def error_class(code: int) -> type[APIError]:
    family = code_family(code)
    if family >= 500:
        return InternalServerError
    return _FAMILIES.get(family, APIError)
