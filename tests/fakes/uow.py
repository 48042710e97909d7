"""Fake units of work, one per set of ports a context's services need (each context's ``ports.UnitOfWork``)."""

from __future__ import annotations

from kuajing.domain.clock import Clock
from tests.fakes.accounts import (
    FakeAccountRepository,
    FakeAddressRepository,
    FakePlatformRepository,
    FakeWalletRepository,
)
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
