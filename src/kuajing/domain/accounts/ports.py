"""Repository ports of the accounts context, implemented by the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from kuajing.domain.accounts.model import AccessKey, Address, Developer, GatewayRecord, LedgerEntry, SubAccount
from kuajing.domain.money import Money
from kuajing.domain.platform_ports import PlatformRepository
from kuajing.domain.transaction import Transaction

#: the keys of a JSON object, in order, each with the name of the field it holds
JsonShape = Sequence[tuple[str, str]]


class AccountRepository(Protocol):
    def add_developer(self, developer: Developer) -> None: ...

    def get_developer(self, develop_id: str) -> Developer | None: ...

    def find_developer_by_name(self, name: str) -> Developer | None: ...

    def list_developers(self) -> list[Developer]: ...

    def save_developer(self, developer: Developer) -> None: ...

    def add_key(self, key: AccessKey) -> None: ...

    def get_key(self, access_key: str) -> AccessKey | None: ...

    def gateway_record(self, access_key: str, user_id: str) -> GatewayRecord | None:
        """The key, the user-id's sub-account and the developer's clock offset; None if the key is unknown."""
        ...

    def list_keys(self, develop_id: str) -> list[AccessKey]: ...

    def save_key(self, key: AccessKey) -> None: ...

    def add_sub_account(self, sub: SubAccount) -> None: ...

    def get_sub_account(self, user_id: str) -> SubAccount | None: ...

    def list_sub_accounts(self, develop_id: str) -> list[SubAccount]: ...

    def save_sub_account(self, sub: SubAccount) -> None: ...


class WalletRepository(Protocol):
    def balance_fen(self, develop_id: str, currency: str) -> int: ...

    def apply(
        self, *, develop_id: str, amount: Money, kind: str, entry_key: str, memo: str, now_ms: int
    ) -> LedgerEntry:
        """Move money and write its ledger row atomically.

        Raises BusinessRefusalError(INSUFFICIENT_BALANCE) if a debit would make the balance negative, and
        DuplicateError if ``entry_key`` was already used for this developer (the movement already happened).
        """
        ...

    def find_entry(self, develop_id: str, entry_key: str) -> LedgerEntry | None: ...

    def entries(self, develop_id: str, *, limit: int, before_id: int | None = None) -> list[LedgerEntry]: ...

    def ledger_sum_fen(self, develop_id: str, currency: str) -> int: ...


class AddressRepository(Protocol):
    def list(self, develop_id: str) -> list[Address]: ...

    def list_json(self, develop_id: str, shape: JsonShape) -> str:
        """The developer's addresses in id order as the text of one JSON array, each an object of ``shape``'s keys:
        a list that is only sent on is not built as objects (``is_default`` as a JSON boolean)."""
        ...

    def get(self, develop_id: str, address_id: int) -> Address | None: ...

    def add(self, address: Address) -> Address: ...

    def save(self, address: Address) -> None: ...

    def delete(self, develop_id: str, address_id: int) -> bool: ...

    def clear_default(self, develop_id: str) -> None: ...


class UnitOfWork(Transaction, Protocol):
    """What the accounts' services need of a unit of work."""

    @property
    def accounts(self) -> AccountRepository: ...

    @property
    def wallets(self) -> WalletRepository: ...

    @property
    def addresses(self) -> AddressRepository: ...

    @property
    def platform(self) -> PlatformRepository: ...
