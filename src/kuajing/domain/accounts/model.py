"""Account aggregates. Secrets are plain text here; the store encrypts them at rest."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from kuajing.domain.money import Money


class Status(StrEnum):
    """Of a developer, an access key or a sub-account."""

    ACTIVE = "active"  # may call the API
    DISABLED = "disabled"  # refused at the gateway, data kept; a disabled developer's timers and callbacks wait


@dataclass(slots=True)
class Developer:
    develop_id: str
    name: str
    status: Status
    created_at_ms: int


@dataclass(slots=True)
class AccessKey:
    access_key: str
    develop_id: str
    secret: str
    status: Status
    created_at_ms: int
    previous_secret: str | None = None
    previous_valid_until_ms: int | None = None
    rotated_at_ms: int | None = None

    def secrets_valid_at(self, now_ms: int) -> list[str]:
        """The current secret, plus the previous one while its grace period after a rotation lasts."""
        valid = [self.secret]
        if self.previous_secret and self.previous_valid_until_ms is not None and now_ms < self.previous_valid_until_ms:
            valid.append(self.previous_secret)
        return valid


@dataclass(slots=True)
class SubAccount:
    user_id: str
    develop_id: str
    name: str
    status: Status
    created_at_ms: int


@dataclass(slots=True)
class Address:
    develop_id: str
    full_name: str
    mobile: str
    address: str
    phone: str = ""
    post_code: str = ""
    country: str = ""
    province_text: str = ""
    city_text: str = ""
    area_text: str = ""
    town_text: str = ""
    district_code: str = ""
    is_default: bool = False
    id: int = 0
    created_at_ms: int = 0
    updated_at_ms: int = 0


@dataclass(frozen=True, slots=True)
class AddressChange:
    """The fields of an :class:`Address` an update changes; ``None`` keeps the current value."""

    full_name: str | None = None
    mobile: str | None = None
    address: str | None = None
    phone: str | None = None
    post_code: str | None = None
    country: str | None = None
    province_text: str | None = None
    city_text: str | None = None
    area_text: str | None = None
    town_text: str | None = None
    district_code: str | None = None
    is_default: bool | None = None

    def given(self) -> dict[str, Any]:
        """The fields to change, by name."""
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name)) is not None}


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    id: int
    develop_id: str
    amount: Money
    balance_after_fen: int
    kind: str
    entry_key: str
    memo: str
    created_at_ms: int


@dataclass(frozen=True, slots=True)
class Credentials:
    """What a developer needs to sign requests — printed by ``kuajing demo``."""

    develop_id: str
    access_key: str
    access_secret: str
    user_id: str
    extra_user_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class GatewayRecord:
    """Everything the gateway needs about a request's key and user-id, read in one statement."""

    key: AccessKey
    developer_status: Status  # of the key's developer: a disabled developer's every key is refused
    sub_account: SubAccount | None  # the user-id's sub-account, whoever owns it
    clock_offset_ms: int
    version: int  # the gateway version it was read at (PlatformRepository.gateway_version)
