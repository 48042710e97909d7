"""Every timer kind the marketplace knows, assembled in one table. Areas add their handlers here."""

from __future__ import annotations

from kuajing.market import aftersales_sellers, alibaba_sellers, taobao_sellers, warehouse
from kuajing.market.timers import JobHandler


def job_handlers() -> dict[str, JobHandler]:
    return {
        **taobao_sellers.job_handlers(),
        **alibaba_sellers.job_handlers(),
        **aftersales_sellers.job_handlers(),
        **warehouse.HANDLERS,
    }
