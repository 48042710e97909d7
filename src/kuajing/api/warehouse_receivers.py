"""The warehouse shipment's ``receiver`` shape and the shipment's :class:`Receiver`: the one module that maps between
them (``countryCode`` on the wire, upper-cased into the domain's ISO country)."""

from __future__ import annotations

from kuajing.domain.warehouse.model import Receiver
from kuajing.protocol.wire import warehouse as w


def parse_receiver(r: w.Receiver) -> Receiver:
    return Receiver(
        full_name=r.full_name, mobile=r.mobile, country=r.country_code.upper(), address=r.address,
        province_text=r.province_text, city_text=r.city_text, post_code=r.post_code,
    )  # fmt: skip


def render_receiver(r: Receiver) -> w.Receiver:
    return w.Receiver(
        full_name=r.full_name, mobile=r.mobile, country_code=r.country, address=r.address,
        province_text=r.province_text, city_text=r.city_text, post_code=r.post_code,
    )  # fmt: skip
