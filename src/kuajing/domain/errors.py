"""Domain errors: each carries the envelope code the API answers with, so the mapping is written once.

DomainError
├── InvalidInputError         400xx  a value breaks a business rule of input (names the field)
├── NotFoundError             40401  the object does not exist for this developer
├── StateConflictError        40901  the object's state does not allow the action
│   └── IllegalTransitionError       (state, action) is not in the lifecycle's table
├── TransitionRefusedError    the pair is in the table but every guard refused; the first refusal's code
├── ConcurrentUpdateError     40902  a concurrent change won (version check)
├── DuplicateError            40903  the object already exists
├── BusinessRefusalError      422xx  money, stock, price, limits — the code says which
│   ├── LimitError                   42204
│   └── InsufficientBalanceError     42201
└── AuthError                 401xx, 403xx, 429xx  the gateway refused the caller
"""

from __future__ import annotations

from kuajing.protocol.codes import Code


class DomainError(Exception):
    """A refusal with a stable code; ``field`` names the offending wire field when there is one."""

    default_code = Code.INTERNAL

    def __init__(self, message: str, *, code: Code | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.field = field


class InvalidInputError(DomainError):
    default_code = Code.INVALID_PARAMETER


class NotFoundError(DomainError):
    default_code = Code.NOT_FOUND


class StateConflictError(DomainError):
    default_code = Code.STATE_CONFLICT


class IllegalTransitionError(StateConflictError):
    """Raised by a lifecycle table when ``(state, action)`` has no transition."""

    def __init__(self, state: str, action: str) -> None:
        super().__init__(f"action {action!r} is not allowed in state {state!r}")
        self.state = state
        self.action = action


class TransitionRefusedError(DomainError):
    """Raised by a lifecycle when the table has ``(state, action)`` but every guard of the pair refused; the code is
    the first refusal's."""

    default_code = Code.STATE_CONFLICT


class ConcurrentUpdateError(DomainError):
    default_code = Code.CONCURRENT_UPDATE


class DuplicateError(DomainError):
    default_code = Code.DUPLICATE


class BusinessRefusalError(DomainError):
    """Money, stock, price or limits refused the action; always constructed with a specific 422xx code."""

    default_code = Code.NOT_PURCHASABLE


class LimitError(BusinessRefusalError):
    default_code = Code.LIMIT_EXCEEDED


class InsufficientBalanceError(BusinessRefusalError):
    default_code = Code.INSUFFICIENT_BALANCE


class AuthError(DomainError):
    """The gateway refused the caller; the code says why (401xx, 403xx, 429xx)."""

    default_code = Code.BAD_SIGNATURE

    def __init__(self, message: str, *, code: Code, field: str | None = None, retry_after_s: float = 0) -> None:
        super().__init__(message, code=code, field=field)
        self.retry_after_s = retry_after_s
