"""The Taobao ``receiver`` shape (``TaobaoReceiverInfo``) and the order's :class:`Receiver`: the one module that maps
between them — a create, a cart checkout or a receiver change gives the JSON, the order detail shows it back under
the same keys, in the same order."""

from __future__ import annotations

from typing import Any

from kuajing.domain.taobao_orders.model import Receiver
from kuajing.protocol.wire.taobao_orders import TaobaoReceiverInfo


def parse_receiver(r: TaobaoReceiverInfo) -> Receiver:
    return Receiver(
        name=r.name, address=r.address, country=r.country, state=r.state, city=r.city, district=r.district, zip=r.zip,
        phone=r.phone, mobile_phone=r.mobile_phone,
    )  # fmt: skip


def render_receiver(r: Receiver) -> dict[str, Any]:
    """``receiver`` of the order detail: the keys the request gave (``mobile_phone`` as the spec spells it)."""
    return {
        "name": r.name, "address": r.address, "country": r.country, "state": r.state, "city": r.city,
        "district": r.district, "zip": r.zip, "phone": r.phone, "mobile_phone": r.mobile_phone,
    }  # fmt: skip
