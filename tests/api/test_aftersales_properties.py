"""Random sequences of buyer, seller and clock actions on real orders of both platforms keep the after-sales
invariants: terminal states stay terminal, refunded total ≤ paid per line (and equals the refunds that succeeded),
wallet balance = ledger sum (and the refund rows are exactly the succeeded refunds), one open request per line."""

from __future__ import annotations

import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from kuajing.client import Client
from kuajing.client.errors import APIError
from kuajing.domain.accounts import wallet as wallet_service
from kuajing.domain.aftersales.states import TERMINAL, RefundState
from kuajing.runtime import Runtime
from tests.aftersales_helpers import alibaba_order, taobao_line
from tests.api.conftest import sdk
from tests.conftest import new_developer

OPEN_STATES = {s.value for s in RefundState if s not in TERMINAL}
TERMINAL_STATES = {s.value for s in TERMINAL}

ACTIONS = st.one_of(
    st.tuples(st.just("submit"), st.one_of(st.integers(1, 2400), st.sampled_from([1000, 2000])), st.booleans()),
    st.tuples(st.sampled_from(["agree", "refuse", "receive", "reject", "deadline", "cancel", "ship", "modify"])),
    st.tuples(st.just("advance"), st.sampled_from([1, 24, 49, 24 * 8])),
)


def _act(kj: Client, platform: str, line: dict[str, Any], refund_id: str | None, action: tuple[Any, ...]) -> str | None:
    """Run one action; refusals are part of the game. Returns the newest refund id."""
    name = action[0]
    try:
        if name == "advance":
            kj.sandbox.advance(seconds=action[1] * 3600)
        elif name == "submit":
            fee, needs_return = action[1], action[2]
            if platform == "taobao":
                made = kj.taobao.refunds.submit(sub_order_id=line["sub"], refund_type=2 if needs_return else 1,
                                                goods_status=4, reason_id=1, refund_fee=fee)  # fmt: skip
                return made.refund_order_aggregate.refund_order.refund_id
            created = kj.alibaba.refunds.create(line["order"], dispute="returnRefund" if needs_return else "refund",
                                                apply_payment=fee, reason_id=20001, description="随机测试",
                                                goods_status="refundBuyerReceived")  # fmt: skip
            return created.refund_id
        elif refund_id is None:
            return None
        elif name == "cancel" and platform == "taobao":
            kj.taobao.refunds.cancel(refund_id)
        elif name == "ship":
            if platform == "taobao":
                kj.taobao.refunds.submit_return(refund_id, company_code="SF", logistics_no="SF1")
            else:
                kj.alibaba.refunds.return_goods(refund_id, company_no="SF", freight_bill="SF1")
        elif name == "modify" and platform == "taobao":
            kj.taobao.refunds.modify(refund_id, refund_fee=100)
        elif name in ("agree", "refuse", "receive", "reject", "deadline"):
            kj.refund_sandbox.act(platform, name, refund_id, reason="随机拒绝")
    except APIError:
        pass
    return refund_id


def _check(runtime: Runtime, develop_id: str, seen: dict[int, str]) -> None:
    with runtime.uow() as uow:
        tx = uow.tx
        refunds = tx.all("SELECT id, state, first_line_id, lines, goods_fen, carriage_fen FROM aftersales_refunds"
                         " WHERE develop_id = :d", {"d": develop_id})  # fmt: skip
        lines = tx.all("SELECT * FROM aftersales_lines WHERE develop_id = :d", {"d": develop_id})
        balance = uow.wallets.balance_fen(develop_id, "CNY")
        ledger = uow.wallets.ledger_sum_fen(develop_id, "CNY")
        refund_rows = tx.scalar("SELECT COALESCE(SUM(amount_fen), 0) AS s FROM ledger_entries WHERE develop_id = :d"
                                " AND entry_key LIKE 'refund:%'", {"d": develop_id})  # fmt: skip
    assert balance == ledger
    for r in refunds:
        before = seen.get(r["id"])
        assert before is None or before not in TERMINAL_STATES or before == r["state"], (before, r["state"])
        seen[r["id"]] = r["state"]
    succeeded = [r for r in refunds if r["state"] == RefundState.SUCCEEDED.value]
    assert int(refund_rows) == sum(r["goods_fen"] + r["carriage_fen"] for r in succeeded)
    for line in lines:
        assert 0 <= line["refunded_fen"] <= line["paid_fen"]
        assert line["refunded_fen"] == sum(r["goods_fen"] for r in succeeded if r["first_line_id"] == line["line_id"])
        open_ = [r["id"] for r in refunds if r["first_line_id"] == line["line_id"] and r["state"] in OPEN_STATES]
        assert len(open_) <= 1 and (line["open_refund_pk"] in open_ if open_ else line["open_refund_pk"] is None)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])  # fmt: skip
@given(platform=st.sampled_from(["taobao", "1688"]), actions=st.lists(ACTIONS, min_size=3, max_size=14))
def test_random_sequences_keep_the_invariants(http: TestClient, runtime: Runtime, platform: str,
                                              actions: list[tuple[Any, ...]]) -> None:  # fmt: skip
    creds = new_developer(runtime, f"prop-{uuid.uuid4().hex[:8]}")
    with runtime.uow() as uow:
        wallet_service.credit(uow, develop_id=creds.develop_id, amount_fen=1_000_000, memo="test",
                              entry_key="test-credit", now_ms=runtime.clock.now_ms())  # fmt: skip
        uow.commit()
    if platform == "taobao":
        _, sub = taobao_line(http, runtime, creds, qty=2, price=1000, stage="received")
        line: dict[str, Any] = {"sub": sub}
    else:
        order_id, _, _ = alibaba_order(http, runtime, creds, qty=2, price_fen=1000, stage="received")
        line = {"order": order_id}
    kj = sdk(http, creds)
    seen: dict[int, str] = {}
    refund_id: str | None = None
    for action in actions:
        refund_id = _act(kj, platform, line, refund_id, action)
        _check(runtime, creds.develop_id, seen)
