"""Freight arithmetic, integers only: grams, centimetres, fen.

- volumetric weight of a piece = ⌈L·W·H·1000 / divisor⌉ g (divisor in cm³/kg, per channel);
- chargeable weight = max(actual, volumetric), rounded up to the channel's first weight, then to whole steps;
- freight = first-weight price + (started steps beyond the first weight) × step price;
- handling = per parcel; storage = per parcel per day beyond :data:`STORAGE_FREE_DAYS`.
Limits (weight, longest side, girth) and prohibited categories refuse with ``LIMIT_EXCEEDED`` naming the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kuajing.domain.errors import InvalidInputError, LimitError
from kuajing.domain.warehouse.model import Channel, FeeLine, FeeType, Quote

STORAGE_FREE_DAYS = 30  # storage is free for this many whole days after inbound
STORAGE_FEN_PER_DAY = 50  # then ¥0.50 per parcel per day


@dataclass(frozen=True, slots=True)
class Piece:
    weight_g: int
    length_cm: int = 0
    width_cm: int = 0
    height_cm: int = 0
    storage_days: int = 0


def ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def volumetric_weight_g(piece: Piece, divisor: int) -> int:
    return ceil_div(piece.length_cm * piece.width_cm * piece.height_cm * 1000, divisor)


def chargeable_weight_g(channel: Channel, weight_g: int) -> int:
    if weight_g <= channel.first_weight_g:
        return channel.first_weight_g
    return channel.first_weight_g + ceil_div(weight_g - channel.first_weight_g, channel.step_g) * channel.step_g


def freight_fen(channel: Channel, chargeable_g: int) -> int:
    steps = (chargeable_g - channel.first_weight_g) // channel.step_g
    return channel.first_weight_fen + steps * channel.step_fen


def check_country(channel: Channel, country: str, *, field: str = "countryCode") -> None:
    if not channel.serves(country):
        raise InvalidInputError(f"channel {channel.code} does not deliver to {country}", field=field)


def quote(
    channel: Channel,
    pieces: Sequence[Piece],
    *,
    country: str,
    categories: set[str],
    handling: bool,
    weight_field: str = "weightG",
    size_field: str = "lengthCm",
    category_field: str = "categories",
) -> Quote:
    """Price ``pieces`` on ``channel`` to ``country``; refuses what the channel cannot carry."""
    check_country(channel, country)
    banned = sorted(categories & set(channel.prohibited))
    if banned:
        raise LimitError(f"channel {channel.code} does not carry {', '.join(banned)}", field=category_field)
    for p in pieces:
        sides = sorted((p.length_cm, p.width_cm, p.height_cm), reverse=True)
        if sides[0] > channel.max_length_cm:
            raise LimitError(
                f"a side of {sides[0]} cm exceeds channel {channel.code}'s {channel.max_length_cm} cm", field=size_field
            )
        girth = sides[0] + 2 * (sides[1] + sides[2])
        if girth > channel.max_girth_cm:
            raise LimitError(
                f"length + girth of {girth} cm exceeds channel {channel.code}'s {channel.max_girth_cm} cm",
                field=size_field,
            )
    actual = sum(p.weight_g for p in pieces)
    volumetric = sum(volumetric_weight_g(p, channel.volumetric_divisor) for p in pieces)
    chargeable = chargeable_weight_g(channel, max(actual, volumetric))
    if chargeable > channel.max_weight_g:
        raise LimitError(
            f"chargeable weight {chargeable} g exceeds channel {channel.code}'s {channel.max_weight_g} g",
            field=weight_field,
        )
    fees = [FeeLine(FeeType.FREIGHT, freight_fen(channel, chargeable), f"{channel.name}: {chargeable} g")]
    if handling and channel.handling_fen_per_parcel:
        n = len(pieces)
        fees.append(FeeLine(FeeType.HANDLING, n * channel.handling_fen_per_parcel, f"consolidation of {n} parcel(s)"))
    billable_days = sum(max(0, p.storage_days - STORAGE_FREE_DAYS) for p in pieces)
    if billable_days:
        fees.append(
            FeeLine(FeeType.STORAGE, billable_days * STORAGE_FEN_PER_DAY, f"{billable_days} parcel-day(s) of storage")
        )
    return Quote(channel, actual, volumetric, chargeable, fees)
