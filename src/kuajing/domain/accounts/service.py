"""Developer, key and sub-account lifecycle, and the idempotent demo seed."""

from __future__ import annotations

import secrets
import string
from typing import TYPE_CHECKING

from kuajing.domain.accounts.model import AccessKey, Credentials, Developer, Status, SubAccount
from kuajing.domain.errors import DuplicateError, InvalidInputError, NotFoundError
from kuajing.domain.money import CNY, Money

if TYPE_CHECKING:
    from kuajing.domain.accounts.ports import UnitOfWork

DEMO_DEVELOPER_NAME = "demo"
DEMO_WALLET_FEN = 100_000_000  # ¥1,000,000.00: enough for every demo flow (docs/configuration.md)
_SECRET_ALPHABET = string.ascii_letters + string.digits


def _digits(first: str, length: int) -> str:
    return first + "".join(secrets.choice(string.digits) for _ in range(length - len(first)))


def new_develop_id() -> str:
    """19 digits, like PandaPon's ``1014533973088404335``."""
    return _digits("1", 19)


def new_user_id() -> str:
    """13 digits starting 2100, like PandaPon's sample ``2100007341207``."""
    return _digits("2100", 13)


def new_access_key() -> str:
    return secrets.token_hex(16)


def new_secret() -> str:
    return "".join(secrets.choice(_SECRET_ALPHABET) for _ in range(32))


def create_developer(uow: UnitOfWork, *, name: str, now_ms: int) -> Credentials:
    """A developer with one access key and one sub-account (the ``user-id`` to sign with)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise InvalidInputError("name must be 1–100 characters", field="name")
    if uow.accounts.find_developer_by_name(name) is not None:
        raise DuplicateError(f"a developer named {name!r} already exists", field="name")
    developer = Developer(develop_id=new_develop_id(), name=name, status=Status.ACTIVE, created_at_ms=now_ms)
    uow.accounts.add_developer(developer)
    key = create_access_key(uow, develop_id=developer.develop_id, now_ms=now_ms)
    sub = create_sub_account(uow, develop_id=developer.develop_id, name="main", now_ms=now_ms)
    return Credentials(developer.develop_id, key.access_key, key.secret, sub.user_id)


def require_developer(uow: UnitOfWork, develop_id: str) -> Developer:
    developer = uow.accounts.get_developer(develop_id)
    if developer is None:
        raise NotFoundError(f"developer {develop_id} does not exist", field="developId")
    return developer


def set_developer_status(uow: UnitOfWork, *, develop_id: str, status: Status) -> Developer:
    """Disable or enable a whole developer account; reversible, and nothing is deleted.

    While disabled, every key of the developer is refused at the gateway (40107) — in every server process on the
    next request, because the change moves the gateway version — and the developer's timers and callbacks wait:
    they are not claimed, so nothing fails or is dropped. Enabling lets them run again; a timer that fell due in the
    meantime fires at once, as it would have on the developer's clock (docs/protocol.md).
    """
    developer = require_developer(uow, develop_id)
    developer.status = status
    uow.accounts.save_developer(developer)
    return developer


def create_access_key(uow: UnitOfWork, *, develop_id: str, now_ms: int) -> AccessKey:
    require_developer(uow, develop_id)
    key = AccessKey(
        access_key=new_access_key(),
        develop_id=develop_id,
        secret=new_secret(),
        status=Status.ACTIVE,
        created_at_ms=now_ms,
    )
    uow.accounts.add_key(key)
    return key


def rotate_secret(uow: UnitOfWork, *, access_key: str, grace_s: int, now_ms: int) -> AccessKey:
    """Issue a new secret. The old one keeps working for ``grace_s`` seconds (PandaPon drops it at once)."""
    if grace_s < 0:
        raise InvalidInputError("grace must not be negative", field="grace")
    key = uow.accounts.get_key(access_key)
    if key is None:
        raise NotFoundError(f"access key {access_key} does not exist", field="accessKey")
    key.previous_secret = key.secret
    key.previous_valid_until_ms = now_ms + grace_s * 1000
    key.secret = new_secret()
    key.rotated_at_ms = now_ms
    uow.accounts.save_key(key)
    return key


def set_key_status(uow: UnitOfWork, *, access_key: str, status: Status) -> AccessKey:
    key = uow.accounts.get_key(access_key)
    if key is None:
        raise NotFoundError(f"access key {access_key} does not exist", field="accessKey")
    key.status = status
    uow.accounts.save_key(key)
    return key


def create_sub_account(uow: UnitOfWork, *, develop_id: str, name: str, now_ms: int) -> SubAccount:
    require_developer(uow, develop_id)
    name = name.strip()
    if not name or len(name) > 100:
        raise InvalidInputError("name must be 1–100 characters", field="name")
    sub = SubAccount(
        user_id=new_user_id(), develop_id=develop_id, name=name, status=Status.ACTIVE, created_at_ms=now_ms
    )
    uow.accounts.add_sub_account(sub)
    return sub


def set_sub_account_status(uow: UnitOfWork, *, user_id: str, status: Status) -> SubAccount:
    sub = uow.accounts.get_sub_account(user_id)
    if sub is None:
        raise NotFoundError(f"sub-account {user_id} does not exist", field="userId")
    sub.status = status
    uow.accounts.save_sub_account(sub)
    return sub


def ensure_demo(uow: UnitOfWork, *, now_ms: int) -> Credentials:
    """Create the demo developer once, funded; later calls return the same credentials and change nothing."""
    developer = uow.accounts.find_developer_by_name(DEMO_DEVELOPER_NAME)
    if developer is None:
        creds = create_developer(uow, name=DEMO_DEVELOPER_NAME, now_ms=now_ms)
        uow.wallets.apply(
            develop_id=creds.develop_id,
            amount=Money(DEMO_WALLET_FEN, CNY),
            kind="credit",
            entry_key="demo:opening-balance",
            memo="demo opening balance",
            now_ms=now_ms,
        )
        return creds
    keys = [k for k in uow.accounts.list_keys(developer.develop_id) if k.status is Status.ACTIVE]
    subs = [s for s in uow.accounts.list_sub_accounts(developer.develop_id) if s.status is Status.ACTIVE]
    if not keys or not subs:
        raise NotFoundError("the demo developer has no active key or sub-account; create one with `kuajing keys`")
    return Credentials(developer.develop_id, keys[0].access_key, keys[0].secret, subs[0].user_id)
