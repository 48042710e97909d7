"""In-memory accounts, wallets, addresses and platform rows (the ports in domain/accounts/ports.py and
domain/platform_ports.py)."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import replace

from kuajing.domain.accounts.model import AccessKey, Address, Developer, GatewayRecord, LedgerEntry, SubAccount
from kuajing.domain.errors import DuplicateError, InsufficientBalanceError
from kuajing.domain.money import Money
from kuajing.domain.platform_ports import NonceClaim
from tests.fakes.tables import Tables


class FakeAccountRepository:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def add_developer(self, developer: Developer) -> None:
        if developer.develop_id in self._t.developers:
            raise DuplicateError(f"developer {developer.develop_id} exists")
        self._t.developers[developer.develop_id] = copy.deepcopy(developer)

    def get_developer(self, develop_id: str) -> Developer | None:
        return copy.deepcopy(self._t.developers.get(develop_id))

    def find_developer_by_name(self, name: str) -> Developer | None:
        return next((copy.deepcopy(d) for d in self._t.developers.values() if d.name == name), None)

    def list_developers(self) -> list[Developer]:
        return [copy.deepcopy(d) for d in self._t.developers.values()]

    def save_developer(self, developer: Developer) -> None:
        self._t.developers[developer.develop_id] = copy.deepcopy(developer)

    def add_key(self, key: AccessKey) -> None:
        self.save_key(key)

    def get_key(self, access_key: str) -> AccessKey | None:
        return copy.deepcopy(self._t.keys.get(access_key))

    def gateway_record(self, access_key: str, user_id: str) -> GatewayRecord | None:
        key = self.get_key(access_key)
        if key is None:
            return None
        developer = self._t.developers[key.develop_id]
        return GatewayRecord(
            key, developer.status, self.get_sub_account(user_id), self._t.clock_offsets.get(key.develop_id, 0),
            self._t.gateway_version,
        )  # fmt: skip

    def list_keys(self, develop_id: str) -> list[AccessKey]:
        return [copy.deepcopy(k) for k in self._t.keys.values() if k.develop_id == develop_id]

    def save_key(self, key: AccessKey) -> None:
        self._t.keys[key.access_key] = copy.deepcopy(key)
        self._t.gateway_version += 1

    def add_sub_account(self, sub: SubAccount) -> None:
        self.save_sub_account(sub)

    def get_sub_account(self, user_id: str) -> SubAccount | None:
        return copy.deepcopy(self._t.sub_accounts.get(user_id))

    def list_sub_accounts(self, develop_id: str) -> list[SubAccount]:
        return [copy.deepcopy(s) for s in self._t.sub_accounts.values() if s.develop_id == develop_id]

    def save_sub_account(self, sub: SubAccount) -> None:
        self._t.sub_accounts[sub.user_id] = copy.deepcopy(sub)
        self._t.gateway_version += 1


class FakeWalletRepository:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def balance_fen(self, develop_id: str, currency: str) -> int:
        return self._t.balances.get((develop_id, currency), 0)

    def apply(
        self, *, develop_id: str, amount: Money, kind: str, entry_key: str, memo: str, now_ms: int
    ) -> LedgerEntry:
        if self.find_entry(develop_id, entry_key) is not None:
            raise DuplicateError(f"the wallet movement {entry_key!r} already happened")
        have = self.balance_fen(develop_id, amount.currency)
        if have + amount.fen < 0:
            raise InsufficientBalanceError(
                f"balance {Money(have, amount.currency)} does not cover {Money(-amount.fen, amount.currency)}"
            )
        self._t.balances[(develop_id, amount.currency)] = have + amount.fen
        entry = LedgerEntry(
            self._t.next_id("ledger"), develop_id, amount, have + amount.fen, kind, entry_key, memo, now_ms
        )
        self._t.ledger.append(entry)
        return entry

    def find_entry(self, develop_id: str, entry_key: str) -> LedgerEntry | None:
        return next((e for e in self._t.ledger if (e.develop_id, e.entry_key) == (develop_id, entry_key)), None)

    def entries(self, develop_id: str, *, limit: int, before_id: int | None = None) -> list[LedgerEntry]:
        mine = [e for e in reversed(self._t.ledger) if e.develop_id == develop_id]
        return [e for e in mine if before_id is None or e.id < before_id][:limit]

    def ledger_sum_fen(self, develop_id: str, currency: str) -> int:
        return sum(e.amount.fen for e in self._t.ledger if e.develop_id == develop_id and e.amount.currency == currency)


class FakeAddressRepository:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def list(self, develop_id: str) -> list[Address]:
        return [copy.deepcopy(a) for _, a in sorted(self._t.addresses.items()) if a.develop_id == develop_id]

    def get(self, develop_id: str, address_id: int) -> Address | None:
        found = self._t.addresses.get(address_id)
        return copy.deepcopy(found) if found is not None and found.develop_id == develop_id else None

    def add(self, address: Address) -> Address:
        added = replace(address, id=self._t.next_id("addresses"))
        self._t.addresses[added.id] = copy.deepcopy(added)
        return added

    def save(self, address: Address) -> None:
        self._t.addresses[address.id] = copy.deepcopy(address)

    def delete(self, develop_id: str, address_id: int) -> bool:
        if self.get(develop_id, address_id) is None:
            return False
        del self._t.addresses[address_id]
        return True

    def clear_default(self, develop_id: str) -> None:
        for a in self._t.addresses.values():
            if a.develop_id == develop_id:
                a.is_default = False


class FakePlatformRepository:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def claim_nonces(self, claims: Sequence[NonceClaim], *, now_ms: int) -> list[bool]:
        answers = []
        for c in claims:
            nonce, material = (c.access_key, c.nonce), (c.access_key, c.material)
            new = nonce not in self._t.nonces and material not in self._t.materials
            if new:
                self._t.nonces[nonce] = self._t.materials[material] = c.expires_at_ms
            answers.append(new)
        return answers

    def prune_nonces(self, *, now_ms: int, limit: int) -> int:
        expired = sorted((at, key) for key, at in self._t.nonces.items() if at < now_ms)[:limit]
        for _, key in expired:
            del self._t.nonces[key]
        self._t.materials = {k: at for k, at in self._t.materials.items() if at >= now_ms}
        return len(expired)

    def gateway_version(self) -> int:
        return self._t.gateway_version

    def take_token(self, *, bucket_key: str, rate_per_s: float, burst: int, now_ms: int) -> float:
        """The store's token bucket: refilled by elapsed time, in thousandths of a token."""
        milli, at_ms = self._t.buckets.get(bucket_key, (burst * 1000, now_ms))
        milli = min(burst * 1000, milli + int(max(0, now_ms - at_ms) * rate_per_s))
        if milli < 1000:
            self._t.buckets[bucket_key] = (milli, now_ms)
            return (1000 - milli) / (rate_per_s * 1000)
        self._t.buckets[bucket_key] = (milli - 1000, now_ms)
        return 0.0

    def clock_offset_ms(self, develop_id: str) -> int:
        return self._t.clock_offsets.get(develop_id, 0)

    def set_clock_offset_ms(self, develop_id: str, offset_ms: int) -> None:
        self._t.clock_offsets[develop_id] = offset_ms
        self._t.gateway_version += 1
