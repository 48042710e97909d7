"""The cashier page behind ``payUrl`` (H9/H1): a small HTML page and a POST form that pays from the wallet.

Unsigned — a browser opens it — but the URL carries a one-time token (``secrets.token_urlsafe``, 24 bytes) issued
with the pay link; it expires after a day and works once. The page runs on the token owner's sandbox clock. A caller
that sends ``Accept: application/json`` (the SDK) gets the same content as an envelope (:class:`CashierInfo`), so a
program can pay a link the way a person would in the browser.
"""

from __future__ import annotations

import html
from typing import Any

from starlette.responses import HTMLResponse

from kuajing.api.call import Call
from kuajing.api.endpoint import Endpoint
from kuajing.domain.alibaba_orders import payment
from kuajing.domain.alibaba_orders.model import AlibabaOrder
from kuajing.domain.errors import DomainError
from kuajing.domain.money import CNY, Money
from kuajing.protocol.wire.alibaba_cashier import CashierInfo, CashierOrder

_PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>Kuajing 1688 收银台</title>
<style>body{{font-family:sans-serif;max-width:40em;margin:2em auto}}td,th{{padding:.3em .8em;text-align:left}}
.total{{font-weight:bold}} .err{{color:#b00}} .ok{{color:#070}}</style></head><body>
<h1>1688 收银台 / Cashier</h1>{body}</body></html>"""


def _page(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(_PAGE.format(body=body), status_code=status)


def _table(orders: list[AlibabaOrder]) -> str:
    rows = "".join(
        f"<tr><td>{o.id}</td><td>{html.escape(o.seller_nick)}</td><td>{html.escape(o.status.value)}</td>"
        f"<td>{Money(o.total_fen, CNY)}</td></tr>"
        for o in orders
    )
    total = Money(sum(o.total_fen for o in orders), CNY)
    return (
        "<table><tr><th>orderId</th><th>seller</th><th>status</th><th>amount</th></tr>"
        f"{rows}<tr class=total><td colspan=3>total</td><td>{total}</td></tr></table>"
    )


def _run(call: Call[Any], fn: Any, token: str) -> Any:
    runtime = call.runtime

    def work() -> Any:
        with runtime.uow() as probe:
            owner = probe.alibaba_orders.pay_token_owner(token)
        clock = runtime.developer_clock(owner) if owner else runtime.clock
        with runtime.uow(clock) as uow:
            result = fn(uow, token=token, now_ms=clock.now_ms())
            uow.commit()
            return result

    return runtime.db.run(work)


def _wants_json(call: Call[Any]) -> bool:
    return "application/json" in call.request.headers.get("accept", "")


def _info(orders: list[AlibabaOrder], paid: list[AlibabaOrder] | None = None) -> CashierInfo:
    return CashierInfo(
        orders=[CashierOrder(order_id=str(o.id), status=o.status.value, total_amount=o.total_fen) for o in orders],
        total_amount=sum(o.total_fen for o in orders), paid_order_ids=[str(o.id) for o in paid or []],
    )  # fmt: skip


async def show(call: Call[Any]) -> HTMLResponse | CashierInfo:
    token = call.path_param("token")
    if _wants_json(call):
        _, found = await _run(call, payment.cashier_orders, token)
        return _info(found)
    try:
        _, orders = await _run(call, payment.cashier_orders, token)
    except DomainError as exc:
        return _page(f"<p class=err>{html.escape(exc.message)}</p>", 404)
    waiting = [o for o in orders if o.status.value == "waitbuyerpay"]
    form = (
        f'<form method="post" action="/cashier/1688/{html.escape(token)}"><button type="submit">'
        "确认付款 / Pay from the wallet</button></form>"
        if waiting
        else "<p>Nothing left to pay.</p>"
    )
    return _page(_table(orders) + form)


async def pay(call: Call[Any]) -> HTMLResponse | CashierInfo:
    token = call.path_param("token")
    if _wants_json(call):
        done = await _run(call, payment.cashier_pay, token)
        return _info(done, done)
    try:
        paid = await _run(call, payment.cashier_pay, token)
    except DomainError as exc:
        status = 404 if exc.code.http_status == 404 else 422
        return _page(f"<p class=err>{html.escape(exc.message)}</p>", status)
    return _page(f"<p class=ok>支付成功 / Paid {len(paid)} order(s).</p>" + _table(paid))


ENDPOINTS = [
    Endpoint(
        "GET", ("/cashier/1688/{token}",), show, signed=False, tag="1688 cashier",
        summary="The cashier page of a pay link (HTML; JSON with Accept: application/json)", response=CashierInfo,
        media_type="text/html",
        provisional=("/cashier/1688/{token}",),
    ),
    Endpoint(
        "POST", ("/cashier/1688/{token}",), pay, signed=False, tag="1688 cashier",
        summary="Pay the orders of a pay link from the wallet (the page's form; HTML, or JSON for programs)",
        response=CashierInfo, media_type="text/html",
        provisional=("/cashier/1688/{token}",),
    ),
]  # fmt: skip
