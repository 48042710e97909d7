"""Where and how a developer's messages are pushed: the callback URL, and the signing secrets.

Every push is signed twice: PandaPon's ``Authorization`` with the developer's API secret, and Standard Webhooks
(``webhook-signature``) with a signing secret of its own (:class:`~kuajing.domain.delivery.model.SigningSecret`), so
a receiver needs no API credentials and can refuse replays. Each developer gets one on first use; a rotation keeps
the previous one signing too for an overlap period.
"""

from __future__ import annotations

import base64
import secrets

from kuajing.domain.delivery.model import CallbackEndpoint, SigningSecret
from kuajing.domain.delivery.ports import UnitOfWork
from kuajing.domain.errors import InvalidInputError, NotFoundError
from kuajing.protocol.callbacks import SIGNING_SECRET_PREFIX

VERIFY_MESSAGE_TYPE = "CALLBACK_VERIFY"  # the test POST sent when a callback URL is set
SIGNING_SECRET_BYTES = 32  # Standard Webhooks asks for 24–64 random bytes
MAX_SIGNING_OVERLAP_S = 30 * 86_400


def new_signing_secret() -> str:
    return SIGNING_SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SIGNING_SECRET_BYTES)).decode()


def save_callback_url(uow: UnitOfWork, *, develop_id: str, url: str, now_ms: int) -> CallbackEndpoint:
    """Store a URL that has already answered the verification POST (see ``kuajing.delivery.verify``)."""
    endpoint = CallbackEndpoint(develop_id=develop_id, url=url, verified_at_ms=now_ms, updated_at_ms=now_ms)
    uow.deliveries.save_endpoint(endpoint)
    return endpoint


def get_callback_url(uow: UnitOfWork, *, develop_id: str) -> CallbackEndpoint | None:
    return uow.deliveries.get_endpoint(develop_id)


def clear_callback_url(uow: UnitOfWork, *, develop_id: str) -> bool:
    """Stop pushing: messages published from now on are ``unsubscribed`` (still in the pull feed)."""
    return uow.deliveries.delete_endpoint(develop_id)


def signing_secret(uow: UnitOfWork, *, develop_id: str, now_ms: int) -> SigningSecret:
    """The developer's signing secret, created on first use (developers created before signing secrets existed
    get theirs the first time a push, the API or the CLI needs it). Needs a writable unit of work."""
    found = uow.deliveries.get_signing_secret(develop_id)
    if found is not None:
        return found
    if uow.accounts.get_developer(develop_id) is None:
        raise NotFoundError(f"developer {develop_id} does not exist", field="developId")
    uow.deliveries.add_signing_secret(
        SigningSecret(develop_id=develop_id, secret=new_signing_secret(), created_at_ms=now_ms)
    )
    created = uow.deliveries.get_signing_secret(develop_id)  # ours, or the one a concurrent writer stored first
    if created is None:
        raise RuntimeError(f"the signing secret of {develop_id} was stored but cannot be read back")
    return created


def rotate_signing_secret(uow: UnitOfWork, *, develop_id: str, overlap_s: int, now_ms: int) -> SigningSecret:
    """Issue a new signing secret; the current one becomes the previous and keeps signing for ``overlap_s`` seconds
    (0: it stops at once). A secret that was still in its overlap from an earlier rotation stops now."""
    if not 0 <= overlap_s <= MAX_SIGNING_OVERLAP_S:
        raise InvalidInputError(f"overlapSeconds must be 0–{MAX_SIGNING_OVERLAP_S}", field="overlapSeconds")
    current = signing_secret(uow, develop_id=develop_id, now_ms=now_ms)
    current.previous_secret = current.secret
    current.previous_valid_until_ms = now_ms + overlap_s * 1000
    current.secret = new_signing_secret()
    current.rotated_at_ms = now_ms
    uow.deliveries.save_signing_secret(current)
    return current
