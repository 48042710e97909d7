"""Iterating over the pages of a goods listing (shared by the Taobao and 1688 resources)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, TypeVar

from kuajing.protocol.wire.alibaba_goods import GoodsPage

T = TypeVar("T")


def iterate(fetch: Callable[[int], GoodsPage[T]], *, first_page: int = 1, max_pages: int | None = None) -> Iterator[T]:
    page_no, seen = first_page, 0
    while max_pages is None or seen < max_pages:
        page = fetch(page_no)
        yield from page.data
        seen += 1
        if not page.data or page.current_page >= page.total_page:
            return
        page_no = page.current_page + 1


async def aiterate(
    fetch: Callable[[int], Awaitable[GoodsPage[T]]], *, first_page: int = 1, max_pages: int | None = None
) -> AsyncIterator[T]:
    page_no, seen = first_page, 0
    while max_pages is None or seen < max_pages:
        page = await fetch(page_no)
        for item in page.data:
            yield item
        seen += 1
        if not page.data or page.current_page >= page.total_page:
            return
        page_no = page.current_page + 1


def clean(params: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if v is not None}
