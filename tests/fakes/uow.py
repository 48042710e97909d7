"""Fake units of work, one per set of ports a context's services need (each context's ``ports.UnitOfWork``)."""

from __future__ import annotations

from kuajing.domain.clock import Clock
from tests.fakes.accounts import (
    FakeAccountRepository,
    FakeAddressRepository,
    FakePlatformRepository,
    FakeWalletRepository,
)
from tests.fakes.catalog import FakeCatalogRepository
from tests.fakes.taobao import FakeLineRefunds, FakePurchaseOrderRepository, FakeTaobaoCartRepository
from tests.fakes.transaction import FakeDatabase, FakeTransaction
from tests.fakes.warehouse import FakeWarehouseRepository


class FakeAccountsUnitOfWork(FakeTransaction):
    """``kuajing.domain.accounts.ports.UnitOfWork`` in memory."""

    def __init__(self, database: FakeDatabase, clock: Clock) -> None:
        super().__init__(database, clock)
        self.accounts = FakeAccountRepository(self.tables)
        self.wallets = FakeWalletRepository(self.tables)
        self.addresses = FakeAddressRepository(self.tables)
        self.platform = FakePlatformRepository(self.tables)


class FakeWarehouseUnitOfWork(FakeAccountsUnitOfWork):
    """``kuajing.domain.warehouse.ports.UnitOfWork`` in memory: the warehouse and the wallet it charges."""

    def __init__(self, database: FakeDatabase, clock: Clock) -> None:
        super().__init__(database, clock)
        self.warehouse = FakeWarehouseRepository(self.tables)


class FakeTaobaoUnitOfWork(FakeWarehouseUnitOfWork):
    """``kuajing.domain.taobao_cart.ports.UnitOfWork`` in memory, which holds the Taobao orders' too: the cart, the
    orders, the catalog their stock comes from, after-sales' line totals, and the warehouse and wallet above."""

    def __init__(self, database: FakeDatabase, clock: Clock) -> None:
        super().__init__(database, clock)
        self.catalog = FakeCatalogRepository(self.tables)
        self.taobao_orders = FakePurchaseOrderRepository(self.tables)
        self.taobao_cart = FakeTaobaoCartRepository(self.tables)
        self.aftersales = FakeLineRefunds(self.tables)
