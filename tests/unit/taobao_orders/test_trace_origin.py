"""Where a shipped Taobao parcel's trace starts: the seller's configured origin, else one picked by seller id."""

from __future__ import annotations

from kuajing.domain.catalog.model import CatalogPlatform, Seller
from kuajing.domain.taobao_orders.logistics import origin_of
from kuajing.domain.taobao_orders.policy import SellerPolicy


def _seller(seller_id: int, behaviour: dict[str, object]) -> Seller:
    return Seller(seller_id, CatalogPlatform.TAOBAO, "open", 1, "店", "nick", behaviour=dict(behaviour))


def test_the_origin_is_picked_by_seller_id_unless_the_behaviour_names_it() -> None:
    plain = _seller(6, {})
    assert origin_of(plain, SellerPolicy.from_behaviour(plain.behaviour)) == ("广东省", "广州市", "白云区")
    moved = _seller(6, {"originCity": "深圳市", "originDistrict": ""})
    assert origin_of(moved, SellerPolicy.from_behaviour(moved.behaviour)) == ("广东省", "深圳市", "")
    assert origin_of(None, SellerPolicy()) == ("浙江省", "杭州市", "余杭区")
