"""The async SDK for the 1688 cart and orders, over the real app (httpx's ASGI transport)."""

from __future__ import annotations

import asyncio

import httpx

from kuajing.api.app import create_app
from kuajing.client import AsyncClient
from kuajing.domain.accounts.model import Credentials
from kuajing.runtime import Runtime
from tests.alibaba_catalog import ADDRESS, add_offer, add_seller, cargo, info


def test_async_cart_to_receipt(runtime: Runtime, demo: Credentials) -> None:
    offer = add_offer(runtime, add_seller(runtime), specs=1)

    async def flow() -> None:
        transport = httpx.ASGITransport(app=create_app(runtime))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            client = AsyncClient(base_url="http://testserver", access_key=demo.access_key,
                                 access_secret=demo.access_secret, user_id=demo.user_id, http_client=http,
                                 max_retries=0)  # fmt: skip
            cart_id = await client.alibaba.cart.add(offer_id=offer.external_id, quantity=2)
            assert (await client.alibaba.cart.list()).enable_list[0].cart_item_infos[0].id == cart_id
            assert (await client.alibaba.cart.edit_quantity(cart_id, 3)) is True
            assert (await client.alibaba.cart.preview([cart_id])).success
            created = await client.alibaba.cart.create_order([cart_id], ADDRESS)
            order_id = info(created[0]).id
            assert (await client.alibaba.orders.preview([cargo(offer, 1)])).success
            assert (await client.alibaba.orders.pay_url(order_id)).protocol_pay_success
            shipped = await client.alibaba.orders.sandbox_ship(order_id)
            assert info(shipped).status == "waitbuyerreceive"
            assert len(await client.alibaba.orders.logistics_trace(order_id)) == 1
            assert (await client.alibaba.orders.receive_goods(order_id)).success
            page = await client.alibaba.orders.page(order_status="confirm_goods")
            assert page.total_records == 1
            assert info(await client.alibaba.orders.detail(order_id)).status == "confirm_goods"

    asyncio.run(flow())
