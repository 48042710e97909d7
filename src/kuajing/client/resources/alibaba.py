"""``client.alibaba``: the 1688 half of the API, one attribute per section."""

from __future__ import annotations

from functools import cached_property

from kuajing.client.resources import AsyncResource, SyncResource
from kuajing.client.resources.alibaba_aftersales import AlibabaRefunds, AsyncAlibabaRefunds
from kuajing.client.resources.alibaba_goods import AlibabaProducts, AsyncAlibabaProducts
from kuajing.client.resources.alibaba_orders import (
    AlibabaCartResource,
    AlibabaOrders,
    AsyncAlibabaCartResource,
    AsyncAlibabaOrders,
)


class Alibaba(SyncResource):
    @cached_property
    def products(self) -> AlibabaProducts:
        return AlibabaProducts(self._client)

    @cached_property
    def cart(self) -> AlibabaCartResource:
        return AlibabaCartResource(self._client)

    @cached_property
    def orders(self) -> AlibabaOrders:
        return AlibabaOrders(self._client)

    @cached_property
    def refunds(self) -> AlibabaRefunds:
        """1688 after-sales (售后), I1–I6."""
        return AlibabaRefunds(self._client)


class AsyncAlibaba(AsyncResource):
    @cached_property
    def products(self) -> AsyncAlibabaProducts:
        return AsyncAlibabaProducts(self._client)

    @cached_property
    def cart(self) -> AsyncAlibabaCartResource:
        return AsyncAlibabaCartResource(self._client)

    @cached_property
    def orders(self) -> AsyncAlibabaOrders:
        return AsyncAlibabaOrders(self._client)

    @cached_property
    def refunds(self) -> AsyncAlibabaRefunds:
        return AsyncAlibabaRefunds(self._client)
