"""The 1688 order table: every (state, action) pair behaves as the table says."""

from __future__ import annotations

import pytest

from kuajing.domain.alibaba_orders.model import AlibabaOrder
from kuajing.domain.alibaba_orders.states import TERMINAL, TRANSITIONS, Action, OrderStatus, allowed_actions, lookup
from kuajing.domain.errors import IllegalTransitionError


def _order(status: OrderStatus) -> AlibabaOrder:
    return AlibabaOrder(
        id=1, develop_id="d", user_id="u", seller_id=1, seller_open_id="s", seller_nick="n", order_no="PO1",
        flow="general", trade_type="assureTrade", message="", address={}, entries=[], carriage_fen=0,
        product_fen=100, created_at_ms=0, status=status,
    )  # fmt: skip


@pytest.mark.parametrize("state", list(OrderStatus))
@pytest.mark.parametrize("action", list(Action))
def test_every_pair(state: OrderStatus, action: Action) -> None:
    order = _order(state)
    expected = lookup(state, action)
    if expected is None:
        with pytest.raises(IllegalTransitionError):
            order.apply(action, 5)
        assert order.status is state and order.changes == []
    else:
        assert order.apply(action, 5) is expected.target
        assert order.status is expected.target
        assert [(c.from_status, c.to_status, c.action) for c in order.changes] == [(state, expected.target, action)]


def test_terminal_states_have_no_way_out() -> None:
    for state in TERMINAL:
        assert allowed_actions(state) == []
    assert {t.source for t in TRANSITIONS}.isdisjoint(TERMINAL)


def test_spec_walk() -> None:
    order = _order(OrderStatus.WAITBUYERPAY)
    for action in (Action.PAY, Action.SHIP, Action.CONFIRM_RECEIPT, Action.COMPLETE):
        order.apply(action, 1)
    assert order.status is OrderStatus.SUCCESS
