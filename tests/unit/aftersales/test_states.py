"""The refund table walked pair by pair (style §6.3), the wire vocabularies, and the seller policy keys."""

from __future__ import annotations

import pytest

from kuajing.domain.aftersales.model import Refund, RefundLine, refund_id, refund_pk
from kuajing.domain.aftersales.policy import HOUR_MS, RefundPolicy
from kuajing.domain.aftersales.states import (
    ALIBABA_STATUS,
    TAOBAO_CODE,
    TERMINAL,
    TRANSITIONS,
    Action,
    RefundState,
    allowed_actions,
    next_state,
)
from kuajing.domain.errors import IllegalTransitionError, InvalidInputError
from kuajing.domain.line_refunds import Platform


def _refund(state: RefundState, *, needs_return: bool) -> Refund:
    return Refund(Platform.TAOBAO, "d", "u", "1", [RefundLine("2", 100, 1)], needs_return, "4", 1, "", "", [],
                  state=state)  # fmt: skip


def _expected(state: RefundState, action: Action, needs_return: bool) -> RefundState | None:
    for t in TRANSITIONS:
        if (
            t.source is state
            and t.action is action
            and (t.guard is None or t.guard(_refund(state, needs_return=needs_return)) is None)
        ):
            return t.target
    return None


@pytest.mark.parametrize("needs_return", [False, True])
@pytest.mark.parametrize("state", list(RefundState))
@pytest.mark.parametrize("action", list(Action))
def test_every_state_action_pair_follows_the_table(state: RefundState, action: Action, needs_return: bool) -> None:
    refund = _refund(state, needs_return=needs_return)
    expected = _expected(state, action, needs_return)
    if expected is None:
        with pytest.raises(IllegalTransitionError):
            refund.apply(action, 1)
        assert refund.state is state
    else:
        assert next_state(refund, action) is expected
        assert refund.apply(action, 5) is expected and refund.state is expected
        assert refund.changes[-1].old is state and refund.changes[-1].new is expected


def test_agree_goes_to_refund_or_to_the_return_by_type() -> None:
    assert next_state(_refund(RefundState.REQUESTED, needs_return=False), Action.AGREE) is RefundState.SUCCEEDED
    assert next_state(_refund(RefundState.REQUESTED, needs_return=True), Action.AGREE) is RefundState.AWAITING_RETURN


def test_terminal_states_have_no_way_out_and_finish_the_deadline() -> None:
    for state in TERMINAL:
        assert allowed_actions(state) == []
    refund = _refund(RefundState.REQUESTED, needs_return=False)
    refund.timeout_at_ms = 10
    refund.apply(Action.CANCEL, 7)
    assert refund.finished_at_ms == 7 and refund.timeout_at_ms is None


def test_wire_vocabularies_are_the_specs() -> None:
    assert sorted(TAOBAO_CODE.values()) == [-20, -10, 10, 20, 30, 100]  # §4.2 (0 = no refund)
    assert set(ALIBABA_STATUS.values()) == {"waitselleragree", "waitbuyermodify", "waitbuyersend",
                                            "waitsellerreceive", "refundsuccess", "refundclose"}  # §4.4  # fmt: skip


def test_refund_ids_round_trip_and_1688_ids_start_with_tq() -> None:
    assert refund_id(Platform.TAOBAO, 1) == "110000000001"
    assert refund_id(Platform.ALIBABA, 7).startswith("TQ")
    for platform in Platform:
        assert refund_pk(platform, refund_id(platform, 42)) == 42
    with pytest.raises(InvalidInputError):
        refund_pk(Platform.ALIBABA, "110000000001")
    with pytest.raises(InvalidInputError):
        refund_pk(Platform.TAOBAO, "TQ10000000000000001")


def test_policy_keys() -> None:
    default = RefundPolicy.from_behaviour({})
    assert default.agree_after_ms == 24 * HOUR_MS and default.seller_timeout_ms == 48 * HOUR_MS
    silent = RefundPolicy.from_behaviour({"refundAgreeHours": None, "refundReceiveHours": -1,
                                          "refundRefuseReasonIds": [5, "7"], "refundInspectReject": True,
                                          "buyerReturnDays": 3})  # fmt: skip
    assert silent.agree_after_ms is None and silent.receive_after_ms is None
    assert silent.refuse_reason_ids == {5, 7} and silent.inspect_reject and silent.buyer_return_ms == 3 * 86_400_000
