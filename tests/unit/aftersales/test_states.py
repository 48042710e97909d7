"""The refund table written out by hand (spec §4.2, §4.4) and walked pair by pair, its guards, the wire
vocabularies, and the seller policy keys."""

from __future__ import annotations

import pytest

from kuajing.domain.aftersales.model import Refund, RefundLine, refund_id, refund_pk
from kuajing.domain.aftersales.policy import HOUR_MS, RefundPolicy
from kuajing.domain.aftersales.states import (
    ALIBABA_STATUS,
    REFUND,
    TAOBAO_CODE,
    Action,
    RefundState,
    refund_only,
    return_and_refund,
)
from kuajing.domain.errors import IllegalTransitionError, InvalidInputError
from kuajing.domain.lifecycle import Refusal
from kuajing.domain.line_refunds import Platform
from kuajing.protocol.codes import Code

S, A = RefundState, Action

EXPECTED = {
    (S.REQUESTED, A.AGREE, S.SUCCEEDED),  # refund only
    (S.REQUESTED, A.AGREE, S.AWAITING_RETURN),  # return and refund
    (S.REQUESTED, A.REFUSE, S.REFUSED),
    (S.REQUESTED, A.CANCEL, S.CLOSED),
    (S.REFUSED, A.MODIFY, S.REQUESTED),
    (S.REFUSED, A.CANCEL, S.CLOSED),
    (S.REFUSED, A.EXPIRE, S.CLOSED),
    (S.AWAITING_RETURN, A.SHIP_RETURN, S.RETURN_SHIPPED),
    (S.AWAITING_RETURN, A.CANCEL, S.CLOSED),
    (S.AWAITING_RETURN, A.EXPIRE, S.CLOSED),
    (S.RETURN_SHIPPED, A.RECEIVE, S.SUCCEEDED),
    (S.RETURN_SHIPPED, A.REJECT_RETURN, S.REFUSED),
}
# Where each listed pair leads, for a refund only (False) and a return and refund (True).
MOVES = {
    (source, action, needs_return): target
    for source, action, target in EXPECTED
    if action is not A.AGREE
    for needs_return in (False, True)
} | {(S.REQUESTED, A.AGREE, False): S.SUCCEEDED, (S.REQUESTED, A.AGREE, True): S.AWAITING_RETURN}


def _refund(state: RefundState, *, needs_return: bool) -> Refund:
    return Refund(Platform.TAOBAO, "d", "u", "1", [RefundLine("2", 100, 1)], needs_return, "4", 1, "", "", [],
                  state=state)  # fmt: skip


def test_the_table_is_exactly_the_expected_edges() -> None:
    assert {(e.source, e.action, e.target) for e in REFUND.edges} == EXPECTED
    assert len(REFUND.edges) == 12
    assert REFUND.initial == {S.REQUESTED}
    assert REFUND.terminal == {S.SUCCEEDED, S.CLOSED}


@pytest.mark.parametrize("needs_return", [False, True])
@pytest.mark.parametrize("state", list(RefundState))
@pytest.mark.parametrize("action", list(Action))
def test_every_state_action_pair_follows_the_table(state: RefundState, action: Action, needs_return: bool) -> None:
    refund = _refund(state, needs_return=needs_return)
    expected = MOVES.get((state, action, needs_return))
    if expected is None:
        with pytest.raises(IllegalTransitionError, match=f"^action '{action}' is not allowed in state '{state}'$"):
            refund.apply(action, 1)
        assert refund.state is state and refund.changes == []
    else:
        assert REFUND.next_state(state, action, needs_return) is expected
        assert refund.apply(action, 5) is expected and refund.state is expected
        assert refund.changes[-1].old is state and refund.changes[-1].new is expected


def test_agree_goes_to_refund_or_to_the_return_by_type() -> None:
    assert REFUND.next_state(S.REQUESTED, A.AGREE, False) is S.SUCCEEDED
    assert REFUND.next_state(S.REQUESTED, A.AGREE, True) is S.AWAITING_RETURN


def test_the_agree_guards_refuse_with_a_state_conflict() -> None:
    assert refund_only(False) is None
    assert refund_only(True) == Refusal(Code.STATE_CONFLICT, "a return is needed")
    assert return_and_refund(True) is None
    assert return_and_refund(False) == Refusal(Code.STATE_CONFLICT, "refund only")


def test_allowed_actions_in_table_order() -> None:
    assert REFUND.allowed_actions(S.REQUESTED) == [A.AGREE, A.REFUSE, A.CANCEL]
    assert REFUND.allowed_actions(S.REFUSED) == [A.MODIFY, A.CANCEL, A.EXPIRE]
    assert REFUND.allowed_actions(S.RETURN_SHIPPED) == [A.RECEIVE, A.REJECT_RETURN]
    assert REFUND.allowed_actions(S.SUCCEEDED) == []
    assert REFUND.allowed_actions(S.CLOSED) == []


def test_a_finished_refund_ends_its_deadline() -> None:
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
