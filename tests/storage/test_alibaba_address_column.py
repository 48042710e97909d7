"""The 1688 order's address column: the domain's Address is stored under ``addressParam``'s keys, as the column has
always held them, and an order created without an address stores ``{}`` and reads back without one."""

from __future__ import annotations

import json

from kuajing.domain.accounts.model import Credentials
from kuajing.domain.alibaba_orders import service
from kuajing.domain.alibaba_orders.model import Address, AlibabaOrder
from kuajing.domain.alibaba_orders.quote import CargoRequest
from kuajing.runtime import Runtime
from tests.alibaba_catalog import ORDER_ADDRESS, add_offer, add_seller


def _create(rt: Runtime, creds: Credentials, address: Address | None) -> tuple[AlibabaOrder, str]:
    offer = add_offer(rt, add_seller(rt), specs=1)
    with rt.uow() as uow:
        order = service.create_order(
            uow, develop_id=creds.develop_id, user_id=creds.user_id, cargos=[CargoRequest(offer.external_id, None, 1)],
            address=address, flow="general", now_ms=rt.clock.now_ms(),
        )  # fmt: skip
        uow.commit()
    with rt.uow() as uow:
        column = uow.tx.scalar("SELECT address FROM alibaba_orders WHERE id = :id", {"id": order.id})
        loaded = uow.alibaba_orders.get(creds.develop_id, order.id)
    assert loaded is not None
    return loaded, column


def test_an_address_is_stored_under_the_wire_keys_and_read_back_as_the_same_value(
    runtime: Runtime, demo: Credentials
) -> None:
    loaded, column = _create(runtime, demo, ORDER_ADDRESS)
    assert list(json.loads(column).items()) == [
        ("fullName", "张三"), ("mobile", "18600888861"), ("phone", "18600888861"), ("postCode", "310000"),
        ("provinceText", "浙江省"), ("cityText", "杭州市"), ("areaText", "西湖区"), ("townText", "转塘"),
        ("address", "某路1号"), ("districtCode", ""),
    ]  # fmt: skip
    assert loaded.address == ORDER_ADDRESS


def test_no_address_is_stored_as_an_empty_object(runtime: Runtime, demo: Credentials) -> None:
    loaded, column = _create(runtime, demo, None)
    assert column == "{}"
    assert loaded.address is None
