"""The 1688 order table, written out by hand (spec §4.3); every (state, action) pair behaves as it says."""

from __future__ import annotations

import pytest

from kuajing.domain.alibaba_orders.model import AlibabaOrder
from kuajing.domain.alibaba_orders.states import ORDER, Action, OrderStatus
from kuajing.domain.errors import IllegalTransitionError

S, A = OrderStatus, Action

EXPECTED = {
    (S.WAITBUYERPAY, A.PAY, S.WAITSELLERSEND),
    (S.WAITBUYERPAY, A.CANCEL, S.CANCEL),
    (S.WAITBUYERPAY, A.CLOSE, S.CANCEL),
    (S.WAITBUYERPAY, A.MODIFY_PRICE, S.WAITBUYERPAY),
    (S.WAITSELLERSEND, A.SHIP, S.WAITBUYERRECEIVE),
    (S.WAITSELLERSEND, A.TERMINATE, S.TERMINATED),
    (S.WAITBUYERRECEIVE, A.CONFIRM_RECEIPT, S.CONFIRM_GOODS),
    (S.WAITBUYERRECEIVE, A.TERMINATE, S.TERMINATED),
    (S.CONFIRM_GOODS, A.COMPLETE, S.SUCCESS),
    (S.CONFIRM_GOODS, A.TERMINATE, S.TERMINATED),
    (S.SUCCESS, A.TERMINATE, S.TERMINATED),
}
MOVES = {(source, action): target for source, action, target in EXPECTED}


def _order(status: OrderStatus) -> AlibabaOrder:
    return AlibabaOrder(
        id=1, develop_id="d", user_id="u", seller_id=1, seller_open_id="s", seller_nick="n", order_no="PO1",
        flow="general", trade_type="assureTrade", message="", address=None, entries=[], carriage_fen=0,
        product_fen=100, created_at_ms=0, status=status,
    )  # fmt: skip


def test_the_table_is_exactly_the_expected_edges() -> None:
    assert {(e.source, e.action, e.target) for e in ORDER.edges} == EXPECTED
    assert len(ORDER.edges) == 11
    assert ORDER.initial == {S.WAITBUYERPAY}
    assert ORDER.terminal == {S.CANCEL, S.TERMINATED}


@pytest.mark.parametrize("state", list(OrderStatus))
@pytest.mark.parametrize("action", list(Action))
def test_every_pair(state: OrderStatus, action: Action) -> None:
    order = _order(state)
    expected = MOVES.get((state, action))
    if expected is None:
        with pytest.raises(IllegalTransitionError, match=f"^action '{action}' is not allowed in state '{state}'$"):
            order.apply(action, 5)
        assert order.status is state and order.changes == []
    else:
        assert order.apply(action, 5) is expected
        assert order.status is expected
        assert [(c.from_status, c.to_status, c.action) for c in order.changes] == [(state, expected, action)]


def test_allowed_actions_in_table_order() -> None:
    assert ORDER.allowed_actions(S.WAITBUYERPAY) == [A.PAY, A.CANCEL, A.CLOSE, A.MODIFY_PRICE]
    assert ORDER.allowed_actions(S.SUCCESS) == [A.TERMINATE]
    assert ORDER.allowed_actions(S.CANCEL) == []
    assert ORDER.allowed_actions(S.TERMINATED) == []


def test_spec_walk() -> None:
    order = _order(OrderStatus.WAITBUYERPAY)
    for action in (Action.PAY, Action.SHIP, Action.CONFIRM_RECEIPT, Action.COMPLETE):
        order.apply(action, 1)
    assert order.status is OrderStatus.SUCCESS
