from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuajing.protocol.ids import IdCodec, IdKind, InvalidIdError

CODEC = IdCodec(b"k" * 32)


@given(st.integers(min_value=0, max_value=2**63 - 1), st.sampled_from(list(IdKind)))
def test_round_trip_is_exact_for_every_kind(value: int, kind: IdKind) -> None:
    text = CODEC.encode(kind, value)
    assert len(text) == 22 and CODEC.decode(kind, text) == value


def test_encoding_is_stable_and_keyed() -> None:
    assert CODEC.encode(IdKind.TAOBAO_ITEM, 672991141190) == CODEC.encode(IdKind.TAOBAO_ITEM, 672991141190)
    assert IdCodec(b"x" * 32).encode(IdKind.TAOBAO_ITEM, 672991141190) != CODEC.encode(IdKind.TAOBAO_ITEM, 672991141190)


def test_wrong_kind_other_key_and_garbage_are_refused() -> None:
    text = CODEC.encode(IdKind.TAOBAO_ITEM, 672991141190)
    with pytest.raises(InvalidIdError):
        CODEC.decode(IdKind.ALIBABA_OFFER, text)
    with pytest.raises(InvalidIdError):
        IdCodec(b"x" * 32).decode(IdKind.TAOBAO_ITEM, text)
    for bad in ["", "WUnUC1cILiBjt-Jv3lDdlQ", "!" * 22, "abc", text[:-1] + ("A" if text[-1] != "A" else "B")]:
        with pytest.raises(InvalidIdError):
            CODEC.decode(IdKind.TAOBAO_ITEM, bad)


def test_loose_decoding_accepts_v1_numbers_and_v2_strings() -> None:
    assert CODEC.decode_loose(IdKind.ALIBABA_OFFER, "706627393257") == 706627393257
    assert CODEC.decode_loose(IdKind.ALIBABA_OFFER, CODEC.encode(IdKind.ALIBABA_OFFER, 706627393257)) == 706627393257
