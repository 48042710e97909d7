"""International channels as data: the defaults seeded on first use, and the operator's changes.

The defaults are illustrative sandbox prices, not any carrier's tariff. Operators change them with
``kuajing warehouse channels set`` (docs/warehouse.md); a channel is retired by deactivating it, never deleted, so
old shipments keep their channel code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kuajing.domain.errors import InvalidInputError, NotFoundError
from kuajing.domain.warehouse.model import Channel

if TYPE_CHECKING:
    from kuajing.domain.warehouse.ports import UnitOfWork

DEFAULT_CHANNELS: tuple[Channel, ...] = (
    Channel(
        code="AIR_STD", name="Air standard", countries=["US", "GB", "DE", "FR", "JP", "KR", "VN", "TH", "MY", "SG"],
        first_weight_g=500, first_weight_fen=6_000, step_g=500, step_fen=2_500, volumetric_divisor=6_000,
        max_weight_g=30_000, max_length_cm=120, max_girth_cm=300, prohibited=["battery", "liquid", "powder"],
        handling_fen_per_parcel=300, transit_days=7,
    ),
    Channel(
        code="AIR_SENSITIVE", name="Air special (batteries, liquids)", countries=["US", "GB", "VN", "TH", "MY"],
        first_weight_g=500, first_weight_fen=9_000, step_g=500, step_fen=3_500, volumetric_divisor=6_000,
        max_weight_g=20_000, max_length_cm=100, max_girth_cm=250, prohibited=["weapon"],
        handling_fen_per_parcel=500, transit_days=10,
    ),
    Channel(
        code="SEA_ECON", name="Sea economy", countries=["US", "GB", "DE", "FR", "JP", "KR"],
        first_weight_g=1_000, first_weight_fen=3_000, step_g=1_000, step_fen=1_200, volumetric_divisor=8_000,
        max_weight_g=70_000, max_length_cm=150, max_girth_cm=400, prohibited=["battery", "liquid", "powder"],
        handling_fen_per_parcel=300, transit_days=35,
    ),
)  # fmt: skip


def ensure_channels(uow: UnitOfWork) -> None:
    """Seed the defaults when the table is empty (a fresh database); an operator's channels are left alone."""
    if not uow.warehouse.list_channels(active_only=False):
        uow.warehouse.seed_channels(DEFAULT_CHANNELS)


def list_channels(uow: UnitOfWork, *, active_only: bool = True) -> list[Channel]:
    ensure_channels(uow)
    return uow.warehouse.list_channels(active_only=active_only)


def require_channel(uow: UnitOfWork, code: str, *, field: str = "channelCode") -> Channel:
    ensure_channels(uow)
    channel = uow.warehouse.get_channel(code.strip().upper())
    if channel is None or not channel.active:
        raise InvalidInputError(f"no active channel {code!r}", field=field)
    return channel


def validate_channel(channel: Channel) -> None:
    positive = {
        "first_weight_g": channel.first_weight_g, "step_g": channel.step_g,
        "volumetric_divisor": channel.volumetric_divisor, "max_weight_g": channel.max_weight_g,
        "max_length_cm": channel.max_length_cm, "max_girth_cm": channel.max_girth_cm,
    }  # fmt: skip
    for name, value in positive.items():
        if value <= 0:
            raise InvalidInputError(f"{name} must be positive", field=name)
    for name, value in {"first_weight_fen": channel.first_weight_fen, "step_fen": channel.step_fen,
                        "handling_fen_per_parcel": channel.handling_fen_per_parcel,
                        "transit_days": channel.transit_days}.items():  # fmt: skip
        if value < 0:
            raise InvalidInputError(f"{name} must not be negative", field=name)
    if not channel.code or not channel.countries:
        raise InvalidInputError("a channel needs a code and at least one country", field="countries")


def upsert_channel(uow: UnitOfWork, *, channel: Channel, now_ms: int) -> Channel:
    ensure_channels(uow)
    channel.code = channel.code.strip().upper()
    channel.countries = sorted({c.strip().upper() for c in channel.countries if c.strip()})
    channel.prohibited = sorted({c.strip().lower() for c in channel.prohibited if c.strip()})
    validate_channel(channel)
    channel.updated_at_ms = now_ms
    uow.warehouse.upsert_channel(channel)
    return channel


def set_channel_active(uow: UnitOfWork, *, code: str, active: bool, now_ms: int) -> Channel:
    ensure_channels(uow)
    channel = uow.warehouse.get_channel(code.strip().upper())
    if channel is None:
        raise NotFoundError(f"no channel {code!r}", field="code")
    channel.active = active
    channel.updated_at_ms = now_ms
    uow.warehouse.upsert_channel(channel)
    return channel
