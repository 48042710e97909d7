"""The annotated wire types accept every spelling real clients send and refuse the rest."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, ValidationError

from kuajing.protocol.wire.types import (
    FenInt,
    JsonStringDecoder,
    JsonStringEncoder,
    LooseId,
    LooseInt,
    OptionalLooseInt,
    panda_time,
    parse_panda_time,
)


class Model(BaseModel):
    fen: FenInt = 0
    id: LooseId = "0"
    n: LooseInt = 0
    opt: OptionalLooseInt = None
    doc: Annotated[Any, JsonStringDecoder, JsonStringEncoder] = None


@pytest.mark.parametrize("value", [689, "689", 689.0])
def test_fen_accepts_ints_digit_strings_and_whole_floats(value: object) -> None:
    assert Model(fen=value).fen == 689


@pytest.mark.parametrize("value", [6.89, "6.89", "-1", -1, True, "abc", None])
def test_fen_refuses_fractions_negatives_bools_and_text(value: object) -> None:
    with pytest.raises(ValidationError):
        Model(fen=value)


def test_ids_keep_19_digits_exactly_whether_number_or_string() -> None:
    assert Model(id=2542285634920880794).id == "2542285634920880794"
    assert Model(id=" 2542285634920880794 ").id == "2542285634920880794"
    with pytest.raises(ValidationError):
        Model(id="")


def test_optional_ints_treat_empty_strings_as_not_given() -> None:
    assert Model(opt="").opt is None and Model(opt="12").opt == 12
    with pytest.raises(ValidationError):
        Model(opt="twelve")


def test_json_in_a_string_is_decoded_and_encoded_back() -> None:
    m = Model(doc='[{"itemId":"672991141190","quantity":"1"}]')
    assert m.doc == [{"itemId": "672991141190", "quantity": "1"}]
    assert Model(doc={"a": 1}).model_dump()["doc"] == '{"a":1}'
    with pytest.raises(ValidationError, match="JSON document"):
        Model(doc="[{")


def test_panda_time_is_shanghai_local() -> None:
    dt = datetime(2023, 12, 14, 13, 39, 11, tzinfo=UTC)
    assert panda_time(dt) == "2023-12-14 21:39:11"
    assert parse_panda_time("2023-12-14 21:39:11") == dt
