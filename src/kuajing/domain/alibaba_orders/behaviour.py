"""How an embedded 1688 seller behaves: typed readings of ``Seller.behaviour``, the dict the sandbox changes.

The dict's keys are the sandbox switch's names (camelCase, docs/alibaba-orders.md); this module is the one place
that spells them, and the order service reads a :class:`SellerBehaviour`'s attributes. Each attribute reads its
key when asked, with the key's default when the seller has not set it, as the sandbox may set any key to anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kuajing.domain.catalog.model import Seller

#: the keys and their defaults
BEHAVIOUR_DEFAULTS: dict[str, Any] = {
    "shipDelaySeconds": 3600,  # paid → shipped
    "unpaidTimeoutSeconds": 86400,  # unpaid → closed (cancel, closeReason timeout_close)
    "autoConfirmDays": 10,  # shipped → receipt confirmed automatically
    "completeDelaySeconds": 0,  # confirm_goods → success
    "failOutOfStockAtCreate": False,  # create refuses with OUT_OF_STOCK
    "failPriceChangeAtCreate": False,  # create refuses with PRICE_CHANGED
    "carriageFen": 600,  # postage per order
    "freeCarriageOverFen": 0,  # goods worth at least this ship free (0 = never)
    "logisticsCompanyNo": "",  # carrier code for shipments ("" = chosen per order)
    "crossBorderPay": True,  # False puts the seller's offers in unsupportedCrossBorderPayOfferList
}


@dataclass(frozen=True, slots=True)
class SellerBehaviour:
    """What a seller's switches mean to its orders (times in ms, money in fen)."""

    seller: Seller

    def _get(self, key: str) -> Any:
        return self.seller.behaviour.get(key, BEHAVIOUR_DEFAULTS[key])

    @property
    def ship_delay_ms(self) -> int:
        return int(self._get("shipDelaySeconds")) * 1000

    @property
    def unpaid_timeout_ms(self) -> int:
        return int(self._get("unpaidTimeoutSeconds")) * 1000

    @property
    def auto_confirm_days(self) -> int:
        return int(self._get("autoConfirmDays"))

    @property
    def complete_delay_ms(self) -> int:
        return int(self._get("completeDelaySeconds")) * 1000

    @property
    def fails_out_of_stock_at_create(self) -> bool:
        return bool(self._get("failOutOfStockAtCreate"))

    @property
    def fails_price_change_at_create(self) -> bool:
        return bool(self._get("failPriceChangeAtCreate"))

    @property
    def carriage_fen(self) -> int:
        return int(self._get("carriageFen"))

    @property
    def free_carriage_over_fen(self) -> int:
        """Goods worth at least this ship free; 0: never."""
        return int(self._get("freeCarriageOverFen"))

    @property
    def logistics_company_no(self) -> str:
        """The carrier code for shipments; "": chosen per order."""
        return str(self._get("logisticsCompanyNo"))

    @property
    def cross_border_pay(self) -> bool:
        return bool(self._get("crossBorderPay"))
