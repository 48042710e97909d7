"""Accounts, wallets and addresses on SQL."""

from __future__ import annotations

from typing import Any

from kuajing.domain.accounts.model import AccessKey, Address, Developer, GatewayRecord, LedgerEntry, Status, SubAccount
from kuajing.domain.errors import DuplicateError, InsufficientBalanceError
from kuajing.domain.money import Money
from kuajing.store.db import IntegrityError, Row, Tx
from kuajing.store.secretbox import SecretBox


class SqlAccountRepository:
    def __init__(self, tx: Tx, box: SecretBox) -> None:
        self._tx = tx
        self._box = box

    # developers ------------------------------------------------------------------------------------------------
    def add_developer(self, developer: Developer) -> None:
        self._tx.execute(
            "INSERT INTO developers (develop_id, name, status, created_at_ms) VALUES (:id, :name, :status, :at)",
            {
                "id": developer.develop_id,
                "name": developer.name,
                "status": developer.status.value,
                "at": developer.created_at_ms,
            },
        )

    def get_developer(self, develop_id: str) -> Developer | None:
        row = self._tx.one("SELECT * FROM developers WHERE develop_id = :id", {"id": develop_id})
        return _developer(row) if row else None

    def find_developer_by_name(self, name: str) -> Developer | None:
        row = self._tx.one("SELECT * FROM developers WHERE name = :name", {"name": name})
        return _developer(row) if row else None

    def list_developers(self) -> list[Developer]:
        return [_developer(r) for r in self._tx.all("SELECT * FROM developers ORDER BY created_at_ms, develop_id")]

    def save_developer(self, developer: Developer) -> None:
        self._tx.execute(
            "UPDATE developers SET name = :name, status = :status WHERE develop_id = :id",
            {"id": developer.develop_id, "name": developer.name, "status": developer.status.value},
        )

    # keys ------------------------------------------------------------------------------------------------------
    def add_key(self, key: AccessKey) -> None:
        self._tx.execute(
            "INSERT INTO access_keys (access_key, develop_id, secret_enc, previous_secret_enc, previous_valid_until_ms,"
            " status, created_at_ms, rotated_at_ms) VALUES (:access_key, :develop_id, :secret_enc, :previous_secret_enc,"
            " :previous_valid_until_ms, :status, :created_at_ms, :rotated_at_ms)",
            self._key_row(key),
        )

    def get_key(self, access_key: str) -> AccessKey | None:
        row = self._tx.one("SELECT * FROM access_keys WHERE access_key = :k", {"k": access_key})
        return self._key(row) if row else None

    def gateway_record(self, access_key: str, user_id: str) -> GatewayRecord | None:
        row = self._tx.one(
            "SELECT k.*, dv.status AS developer_status, s.user_id AS sub_user_id, s.develop_id AS sub_develop_id,"
            " s.name AS sub_name, s.status AS sub_status, s.created_at_ms AS sub_created_at_ms, c.offset_ms,"
            " (SELECT version FROM gateway_version WHERE id = 1) AS gateway_version"
            " FROM access_keys k"
            " JOIN developers dv ON dv.develop_id = k.develop_id"
            " LEFT JOIN sub_accounts s ON s.user_id = :u"
            " LEFT JOIN sandbox_clocks c ON c.develop_id = k.develop_id"
            " WHERE k.access_key = :k",
            {"k": access_key, "u": user_id},
        )
        if row is None:
            return None
        sub = None
        if row["sub_user_id"] is not None:
            sub = SubAccount(
                row["sub_user_id"],
                row["sub_develop_id"],
                row["sub_name"],
                Status(row["sub_status"]),
                row["sub_created_at_ms"],
            )
        return GatewayRecord(
            self._key(row),
            Status(row["developer_status"]),
            sub,
            int(row["offset_ms"] or 0),
            int(row["gateway_version"] or 0),
        )

    def list_keys(self, develop_id: str) -> list[AccessKey]:
        rows = self._tx.all(
            "SELECT * FROM access_keys WHERE develop_id = :d ORDER BY created_at_ms, access_key",
            {"d": develop_id},
        )
        return [self._key(r) for r in rows]

    def save_key(self, key: AccessKey) -> None:
        self._tx.execute(
            "UPDATE access_keys SET secret_enc = :secret_enc, previous_secret_enc = :previous_secret_enc,"
            " previous_valid_until_ms = :previous_valid_until_ms, status = :status, rotated_at_ms = :rotated_at_ms"
            " WHERE access_key = :access_key",
            self._key_row(key),
        )

    def _key_row(self, key: AccessKey) -> dict[str, Any]:
        return {
            "access_key": key.access_key,
            "develop_id": key.develop_id,
            "secret_enc": self._box.encrypt(key.secret),
            "previous_secret_enc": self._box.encrypt(key.previous_secret) if key.previous_secret else None,
            "previous_valid_until_ms": key.previous_valid_until_ms,
            "status": key.status.value,
            "created_at_ms": key.created_at_ms,
            "rotated_at_ms": key.rotated_at_ms,
        }

    def _key(self, row: Row) -> AccessKey:
        return AccessKey(
            access_key=row["access_key"],
            develop_id=row["develop_id"],
            secret=self._box.decrypt(row["secret_enc"]),
            status=Status(row["status"]),
            created_at_ms=row["created_at_ms"],
            previous_secret=self._box.decrypt(row["previous_secret_enc"]) if row["previous_secret_enc"] else None,
            previous_valid_until_ms=row["previous_valid_until_ms"],
            rotated_at_ms=row["rotated_at_ms"],
        )

    # sub-accounts ----------------------------------------------------------------------------------------------
    def add_sub_account(self, sub: SubAccount) -> None:
        self._tx.execute(
            "INSERT INTO sub_accounts (user_id, develop_id, name, status, created_at_ms)"
            " VALUES (:user_id, :develop_id, :name, :status, :at)",
            {
                "user_id": sub.user_id,
                "develop_id": sub.develop_id,
                "name": sub.name,
                "status": sub.status.value,
                "at": sub.created_at_ms,
            },
        )

    def get_sub_account(self, user_id: str) -> SubAccount | None:
        row = self._tx.one("SELECT * FROM sub_accounts WHERE user_id = :u", {"u": user_id})
        return _sub(row) if row else None

    def list_sub_accounts(self, develop_id: str) -> list[SubAccount]:
        rows = self._tx.all(
            "SELECT * FROM sub_accounts WHERE develop_id = :d ORDER BY created_at_ms, user_id",
            {"d": develop_id},
        )
        return [_sub(r) for r in rows]

    def save_sub_account(self, sub: SubAccount) -> None:
        self._tx.execute(
            "UPDATE sub_accounts SET name = :name, status = :status WHERE user_id = :u",
            {"u": sub.user_id, "name": sub.name, "status": sub.status.value},
        )


def _developer(row: Row) -> Developer:
    return Developer(row["develop_id"], row["name"], Status(row["status"]), row["created_at_ms"])


def _sub(row: Row) -> SubAccount:
    return SubAccount(row["user_id"], row["develop_id"], row["name"], Status(row["status"]), row["created_at_ms"])


class SqlWalletRepository:
    """Balance and ledger move together: the guarded UPDATE makes an overdraft impossible under concurrency, and the
    unique ``(develop_id, entry_key)`` makes a second copy of the same movement impossible."""

    def __init__(self, tx: Tx) -> None:
        self._tx = tx

    def balance_fen(self, develop_id: str, currency: str) -> int:
        value = self._tx.scalar(
            "SELECT balance_fen FROM wallets WHERE develop_id = :d AND currency = :c",
            {"d": develop_id, "c": currency},
        )
        return int(value or 0)

    def apply(
        self, *, develop_id: str, amount: Money, kind: str, entry_key: str, memo: str, now_ms: int
    ) -> LedgerEntry:
        if self.find_entry(develop_id, entry_key) is not None:
            raise DuplicateError(f"the wallet movement {entry_key!r} already happened")
        params = {"d": develop_id, "c": amount.currency, "amt": amount.fen, "at": now_ms}
        self._tx.execute(
            "INSERT INTO wallets (develop_id, currency, balance_fen, updated_at_ms) VALUES (:d, :c, 0, :at)"
            " ON CONFLICT (develop_id, currency) DO NOTHING",
            params,
        )
        row = self._tx.one(
            "UPDATE wallets SET balance_fen = balance_fen + :amt, updated_at_ms = :at"
            " WHERE develop_id = :d AND currency = :c AND balance_fen + :amt >= 0 RETURNING balance_fen",
            params,
        )
        if row is None:
            have = self.balance_fen(develop_id, amount.currency)
            raise InsufficientBalanceError(
                f"balance {Money(have, amount.currency)} does not cover {Money(-amount.fen, amount.currency)}"
            )
        try:
            entry = self._tx.one(
                "INSERT INTO ledger_entries (develop_id, currency, amount_fen, balance_after_fen, kind, entry_key, memo,"
                " created_at_ms) VALUES (:d, :c, :amt, :bal, :kind, :key, :memo, :at) RETURNING id",
                {**params, "bal": row["balance_fen"], "kind": kind, "key": entry_key, "memo": memo},
            )
        except IntegrityError as exc:
            raise DuplicateError(f"the wallet movement {entry_key!r} already happened") from exc
        assert entry is not None
        return LedgerEntry(entry["id"], develop_id, amount, row["balance_fen"], kind, entry_key, memo, now_ms)

    def find_entry(self, develop_id: str, entry_key: str) -> LedgerEntry | None:
        row = self._tx.one(
            "SELECT * FROM ledger_entries WHERE develop_id = :d AND entry_key = :k",
            {"d": develop_id, "k": entry_key},
        )
        return _entry(row) if row else None

    def entries(self, develop_id: str, *, limit: int, before_id: int | None = None) -> list[LedgerEntry]:
        older = " AND id < :before" if before_id is not None else ""
        rows = self._tx.all(
            f"SELECT * FROM ledger_entries WHERE develop_id = :d{older} ORDER BY id DESC LIMIT :limit",
            {"d": develop_id, "before": before_id, "limit": limit},
        )
        return [_entry(r) for r in rows]

    def ledger_sum_fen(self, develop_id: str, currency: str) -> int:
        value = self._tx.scalar(
            "SELECT COALESCE(SUM(amount_fen), 0) AS total FROM ledger_entries WHERE develop_id = :d AND currency = :c",
            {"d": develop_id, "c": currency},
        )
        return int(value)


def _entry(row: Row) -> LedgerEntry:
    return LedgerEntry(
        id=row["id"],
        develop_id=row["develop_id"],
        amount=Money(row["amount_fen"], row["currency"]),
        balance_after_fen=row["balance_after_fen"],
        kind=row["kind"],
        entry_key=row["entry_key"],
        memo=row["memo"],
        created_at_ms=row["created_at_ms"],
    )


_ADDRESS_FIELDS = (
    "full_name", "mobile", "phone", "post_code", "country", "province_text", "city_text",
    "area_text", "town_text", "address", "district_code", "is_default",
)  # fmt: skip


class SqlAddressRepository:
    def __init__(self, tx: Tx) -> None:
        self._tx = tx

    def list(self, develop_id: str) -> list[Address]:
        rows = self._tx.all("SELECT * FROM addresses WHERE develop_id = :d ORDER BY id", {"d": develop_id})
        return [_address(row) for row in rows]

    def get(self, develop_id: str, address_id: int) -> Address | None:
        row = self._tx.one(
            "SELECT * FROM addresses WHERE develop_id = :d AND id = :id", {"d": develop_id, "id": address_id}
        )
        return _address(row) if row else None

    def add(self, address: Address) -> Address:
        cols = ", ".join(_ADDRESS_FIELDS)
        vals = ", ".join(f":{f}" for f in _ADDRESS_FIELDS)
        row = self._tx.one(
            f"INSERT INTO addresses (develop_id, {cols}, created_at_ms, updated_at_ms)"
            f" VALUES (:develop_id, {vals}, :created_at_ms, :updated_at_ms) RETURNING id",
            _address_row(address),
        )
        assert row is not None
        address.id = row["id"]
        return address

    def save(self, address: Address) -> None:
        sets = ", ".join(f"{f} = :{f}" for f in _ADDRESS_FIELDS)
        self._tx.execute(
            f"UPDATE addresses SET {sets}, updated_at_ms = :updated_at_ms WHERE develop_id = :develop_id AND id = :id",
            _address_row(address),
        )

    def delete(self, develop_id: str, address_id: int) -> bool:
        return (
            self._tx.execute(
                "DELETE FROM addresses WHERE develop_id = :d AND id = :id",
                {"d": develop_id, "id": address_id},
            )
            > 0
        )

    def clear_default(self, develop_id: str) -> None:
        self._tx.execute(
            "UPDATE addresses SET is_default = :f WHERE develop_id = :d AND is_default = :t",
            {"d": develop_id, "f": False, "t": True},
        )


def _address_row(address: Address) -> dict[str, Any]:
    row: dict[str, Any] = {f: getattr(address, f) for f in _ADDRESS_FIELDS}
    row.update(
        id=address.id,
        develop_id=address.develop_id,
        created_at_ms=address.created_at_ms,
        updated_at_ms=address.updated_at_ms,
    )
    return row


def _address(row: Row) -> Address:
    values = {f: row[f] for f in _ADDRESS_FIELDS}
    values["is_default"] = bool(values["is_default"])
    return Address(
        develop_id=row["develop_id"],
        id=row["id"],
        created_at_ms=row["created_at_ms"],
        updated_at_ms=row["updated_at_ms"],
        **values,
    )
