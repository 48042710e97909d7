"""The Taobao purchase-order table, written out by hand (spec §4.1) and walked pair by pair."""

from __future__ import annotations

import pytest

from kuajing.domain.errors import IllegalTransitionError
from kuajing.domain.taobao_orders.states import ORDER, WIRE_CODE, Action, OrderState, derive_status

S, A = OrderState, Action

EXPECTED = {
    (S.BUILDING, A.BUILD, S.WAIT_BUYER_PAY),
    (S.WAIT_BUYER_PAY, A.PAY, S.WAIT_SELLER_SEND),
    (S.WAIT_BUYER_PAY, A.UPLOAD_VOUCHER, S.VOUCHER_UPLOADED),
    (S.WAIT_BUYER_PAY, A.CANCEL, S.CANCELLED),
    (S.WAIT_BUYER_PAY, A.CLOSE, S.CANCELLED),
    (S.VOUCHER_UPLOADED, A.APPROVE_VOUCHER, S.FINANCE_PASSED),
    (S.VOUCHER_UPLOADED, A.REJECT_VOUCHER, S.FINANCE_REFUSED),
    (S.VOUCHER_UPLOADED, A.CANCEL, S.CANCELLED),
    (S.VOUCHER_UPLOADED, A.CLOSE, S.CANCELLED),
    (S.FINANCE_REFUSED, A.PAY, S.WAIT_SELLER_SEND),
    (S.FINANCE_REFUSED, A.UPLOAD_VOUCHER, S.VOUCHER_UPLOADED),
    (S.FINANCE_REFUSED, A.CANCEL, S.CANCELLED),
    (S.FINANCE_REFUSED, A.CLOSE, S.CANCELLED),
    (S.FINANCE_PASSED, A.QUEUE_FINANCE_PAY, S.WAIT_FINANCE_PAY),
    (S.WAIT_FINANCE_PAY, A.FINANCE_PAY, S.WAIT_SELLER_SEND),
    (S.WAIT_SELLER_SEND, A.SHIP, S.WAIT_BUYER_CONFIRM),
    (S.WAIT_SELLER_SEND, A.CANCEL, S.CANCELLED),
    (S.WAIT_SELLER_SEND, A.CLOSE, S.CANCELLED),
    (S.WAIT_SELLER_SEND, A.REFUND_CLOSE, S.CANCELLED),
    (S.WAIT_BUYER_CONFIRM, A.CONFIRM, S.FINISHED),
    (S.WAIT_BUYER_CONFIRM, A.REFUND_CLOSE, S.CANCELLED),
    (S.FINISHED, A.REFUND_CLOSE, S.CANCELLED),
}
MOVES = {(source, action): target for source, action, target in EXPECTED}


def test_the_table_is_exactly_the_expected_edges() -> None:
    assert {(e.source, e.action, e.target) for e in ORDER.edges} == EXPECTED
    assert len(ORDER.edges) == 22
    assert ORDER.initial == {S.BUILDING}
    assert ORDER.terminal == {S.CANCELLED}


@pytest.mark.parametrize("state", list(OrderState))
@pytest.mark.parametrize("action", list(Action))
def test_every_state_action_pair_follows_the_table(state: OrderState, action: Action) -> None:
    if (state, action) in MOVES:
        assert ORDER.next_state(state, action) is MOVES[(state, action)]
    else:
        with pytest.raises(IllegalTransitionError, match=f"^action '{action}' is not allowed in state '{state}'$"):
            ORDER.next_state(state, action)


def test_allowed_actions_in_table_order() -> None:
    assert ORDER.allowed_actions(S.WAIT_BUYER_PAY) == [A.PAY, A.UPLOAD_VOUCHER, A.CANCEL, A.CLOSE]
    assert ORDER.allowed_actions(S.WAIT_SELLER_SEND) == [A.SHIP, A.CANCEL, A.CLOSE, A.REFUND_CLOSE]
    assert ORDER.allowed_actions(S.FINISHED) == [A.REFUND_CLOSE]
    assert ORDER.allowed_actions(S.FINANCE_PASSED) == [A.QUEUE_FINANCE_PAY]
    assert ORDER.allowed_actions(S.CANCELLED) == []


def test_wire_codes_are_the_specs() -> None:
    assert [WIRE_CODE[s] for s in (OrderState.BUILDING, OrderState.WAIT_BUYER_PAY, OrderState.WAIT_SELLER_SEND,
                                   OrderState.WAIT_BUYER_CONFIRM, OrderState.CANCELLED)] == [12, 0, 10, 11, 4]  # fmt: skip
    assert {WIRE_CODE[s] for s in (OrderState.VOUCHER_UPLOADED, OrderState.FINANCE_PASSED, OrderState.FINANCE_REFUSED,
                                   OrderState.WAIT_FINANCE_PAY)} == {1, 2, 3, 5}  # fmt: skip


def test_main_status_is_the_least_advanced_live_sub_order() -> None:
    assert derive_status([S.WAIT_SELLER_SEND, S.WAIT_BUYER_CONFIRM]) is S.WAIT_SELLER_SEND
    assert derive_status([S.CANCELLED, S.WAIT_BUYER_CONFIRM]) is S.WAIT_BUYER_CONFIRM
    assert derive_status([S.CANCELLED, S.CANCELLED]) is S.CANCELLED
