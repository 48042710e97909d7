"""What signs a developer's pushes: the PandaPon key, the Standard Webhooks secrets, and the developer's clock.

Read in the transaction that claims a batch (or before a verification POST), never while requests are in flight.
"""

from __future__ import annotations

from dataclasses import dataclass

from kuajing.domain.accounts.model import Status
from kuajing.domain.delivery.callbacks import signing_secret
from kuajing.domain.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Signer:
    access_secret: str | None  # the current secret of the first active access key; None: nothing can be sent
    signing_secrets: list[str]  # the valid ``whsec_`` secrets, current first
    offset_ms: int  # the developer's sandbox clock offset (0 outside sandbox mode)


def load_signer(uow: UnitOfWork, *, develop_id: str, now_ms: int, sandbox: bool) -> Signer:
    """The developer's signer at ``now_ms`` (platform clock). Needs a writable unit of work: a developer's first
    signing secret is made here."""
    first_active = next((k for k in uow.accounts.list_keys(develop_id) if k.status is Status.ACTIVE), None)
    return Signer(
        access_secret=first_active.secret if first_active else None,
        signing_secrets=signing_secret(uow, develop_id=develop_id, now_ms=now_ms).valid_at(now_ms),
        offset_ms=uow.platform.clock_offset_ms(develop_id) if sandbox else 0,
    )
