"""``client.taobao``: the Taobao half of the API, one attribute per section."""

from __future__ import annotations

from functools import cached_property

from kuajing.client.resources import AsyncResource, SyncResource
from kuajing.client.resources.taobao_aftersales import AsyncTaobaoRefunds, TaobaoRefunds
from kuajing.client.resources.taobao_cart import AsyncTaobaoCart, TaobaoCart
from kuajing.client.resources.taobao_goods import AsyncTaobaoProducts, TaobaoProducts
from kuajing.client.resources.taobao_orders import AsyncTaobaoOrders, AsyncTaobaoSandbox, TaobaoOrders, TaobaoSandbox


class Taobao(SyncResource):
    @cached_property
    def products(self) -> TaobaoProducts:
        return TaobaoProducts(self._client)

    @cached_property
    def cart(self) -> TaobaoCart:
        return TaobaoCart(self._client)

    @cached_property
    def orders(self) -> TaobaoOrders:
        return TaobaoOrders(self._client)

    @cached_property
    def refunds(self) -> TaobaoRefunds:
        """Reverse orders (逆向单), D1–D10."""
        return TaobaoRefunds(self._client)

    @cached_property
    def sandbox(self) -> TaobaoSandbox:
        """The embedded sellers' forced actions (sandbox mode only)."""
        return TaobaoSandbox(self._client)


class AsyncTaobao(AsyncResource):
    @cached_property
    def products(self) -> AsyncTaobaoProducts:
        return AsyncTaobaoProducts(self._client)

    @cached_property
    def cart(self) -> AsyncTaobaoCart:
        return AsyncTaobaoCart(self._client)

    @cached_property
    def orders(self) -> AsyncTaobaoOrders:
        return AsyncTaobaoOrders(self._client)

    @cached_property
    def refunds(self) -> AsyncTaobaoRefunds:
        return AsyncTaobaoRefunds(self._client)

    @cached_property
    def sandbox(self) -> AsyncTaobaoSandbox:
        return AsyncTaobaoSandbox(self._client)
