"""What message delivery needs from storage. The SQL implementation is store/delivery.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from kuajing.domain.accounts import ports as accounts
from kuajing.domain.delivery.model import CallbackEndpoint, Claimed, MessageDelivery, Settled, SigningSecret
from kuajing.domain.delivery.states import DeliveryState


class DeliveryRepository(Protocol):
    def get_endpoint(self, develop_id: str) -> CallbackEndpoint | None: ...

    def save_endpoint(self, endpoint: CallbackEndpoint) -> None: ...

    def delete_endpoint(self, develop_id: str) -> bool: ...

    def get_signing_secret(self, develop_id: str) -> SigningSecret | None: ...

    def add_signing_secret(self, secret: SigningSecret) -> None:
        """Store a developer's first signing secret; does nothing if another writer stored one first."""
        ...

    def save_signing_secret(self, secret: SigningSecret) -> None: ...

    def feed(
        self,
        develop_id: str,
        *,
        after_id: int,
        limit: int,
        message_type: str | None,
        state: DeliveryState | None,
    ) -> list[MessageDelivery]: ...

    def get(self, develop_id: str, message_id: str, *, with_attempts: bool) -> MessageDelivery | None: ...

    def redeliver(
        self,
        develop_id: str,
        *,
        message_id: str | None,
        start_ms: int | None,
        end_ms: int | None,
        states: Sequence[DeliveryState],
        now_ms: int,
    ) -> int:
        """Reset matching deliveries to ``pending`` due ``now_ms`` (a new retry round); returns how many."""
        ...

    # the worker's side
    def claim_due(self, *, now_ms: int, lease_until_ms: int, token: str, limit: int, sandbox: bool) -> list[Claimed]:
        """Take up to ``limit`` due deliveries under ``token`` until ``lease_until_ms`` (platform clock); a
        disabled developer's deliveries are held, not claimed."""
        ...

    def settle(self, results: Sequence[Settled]) -> None:
        """Log the attempts and move the states of a handled batch."""
        ...

    def release(self, token: str) -> None:
        """Give back untouched the claims of ``token`` (a worker stopping before it sent them)."""
        ...


class UnitOfWork(accounts.UnitOfWork, Protocol):
    """What message delivery needs of a unit of work: the deliveries, and the accounts whose secrets sign them."""

    @property
    def deliveries(self) -> DeliveryRepository: ...
