"""Waybill (tracking) numbers the platform issues: the embedded sellers' domestic parcels and the warehouse's
international shipments.

Each number is drawn from the operating system's CSPRNG (:mod:`secrets`) when the parcel ships, and stored with the
shipment; nothing about it is derived from an order or shipment id. Ids are sequential (Taobao purchase orders,
shipments) or known to their owner, so a number computed from one — even through a keyed function — is a number
someone can work out before the parcel exists: a developer who learns the rule, or the key, forecasts another
developer's next parcels. A random draw carries no information to work out, and needs no key: retries never need
the same number again, because a ship that fails rolls back with everything it wrote.

Random numbers can repeat (the birthday bound: among some 118,000 ten-digit numbers a repeat is as likely as not).
A repeat matters only where a number identifies something, so each caller checks there: a domestic number is drawn
again while the developer has an active parcel with it (:func:`domestic`), and an international number is unique
platform-wide (the warehouse's insert refuses a repeat and draws again).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kuajing.domain.warehouse.ports import UnitOfWork

INTERNATIONAL_PREFIX = "KJ"  # the sandbox international carrier: KJ + 10 digits + CN
INTERNATIONAL_DIGITS = 10
INTERNATIONAL_SUFFIX = "CN"


def draw(prefix: str, digits: int, suffix: str = "") -> str:
    """``prefix`` + ``digits`` random decimal digits (leading zeros kept) + ``suffix``."""
    return f"{prefix}{secrets.randbelow(10**digits):0{digits}d}{suffix}"


def domestic(uow: UnitOfWork, *, develop_id: str, carrier_code: str, prefix: str, digits: int) -> str:
    """A fresh number of the carrier's format that none of the developer's active parcels carries: a repeat would
    merge two orders' goods into one parcel of the developer's inventory. Other developers' parcels are not
    consulted — they neither block a number nor learn of it."""
    while True:
        number = draw(prefix, digits)
        if uow.warehouse.find_parcel_by_tracking(develop_id, carrier_code, number) is None:
            return number


def international() -> str:
    return draw(INTERNATIONAL_PREFIX, INTERNATIONAL_DIGITS, INTERNATIONAL_SUFFIX)
