"""Wallet movements. Every movement is one ledger row; the balance is the ledger's sum (checked by tests)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.accounts.model import LedgerEntry
from kuajing.domain.accounts.service import require_developer
from kuajing.domain.errors import InvalidInputError
from kuajing.domain.money import CNY, Money

if TYPE_CHECKING:
    from kuajing.domain.accounts.ports import UnitOfWork


def credit(uow: UnitOfWork, *, develop_id: str, amount_fen: int, memo: str, entry_key: str, now_ms: int) -> LedgerEntry:
    """Top a wallet up (``kuajing accounts credit``). ``entry_key`` makes a retried credit a no-op refusal."""
    require_developer(uow, develop_id)
    if amount_fen <= 0:
        raise InvalidInputError("amount must be a positive number of fen", field="amount")
    return uow.wallets.apply(
        develop_id=develop_id,
        amount=Money(amount_fen, CNY),
        kind="credit",
        entry_key=entry_key,
        memo=memo,
        now_ms=now_ms,
    )


def charge(
    uow: UnitOfWork, *, develop_id: str, amount: Money, kind: str, entry_key: str, memo: str, now_ms: int
) -> LedgerEntry:
    """Debit for a purchase; refused with INSUFFICIENT_BALANCE rather than going negative."""
    if amount.fen <= 0:
        raise InvalidInputError("a charge must be positive", field="amount")
    return uow.wallets.apply(
        develop_id=develop_id,
        amount=Money(-amount.fen, amount.currency),
        kind=kind,
        entry_key=entry_key,
        memo=memo,
        now_ms=now_ms,
    )


def refund(
    uow: UnitOfWork, *, develop_id: str, amount: Money, kind: str, entry_key: str, memo: str, now_ms: int
) -> LedgerEntry:
    """Give money back (a release, a refund). Same ledger, opposite sign."""
    if amount.fen <= 0:
        raise InvalidInputError("a refund must be positive", field="amount")
    return uow.wallets.apply(
        develop_id=develop_id, amount=amount, kind=kind, entry_key=entry_key, memo=memo, now_ms=now_ms
    )
